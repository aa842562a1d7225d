/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-filter.c: a list of conditions with a label (see jb-filter.h). */
#include "config.h"

#include "jb-filter.h"

typedef struct {
  JbMatch match;
  char *field;
  char *value;
  JbFilter *sub;
} Condition;

struct _JbFilter {
  gatomicrefcount ref;
  JbKindId kind;
  char *label;
  GArray *conditions;
};

G_DEFINE_BOXED_TYPE (JbFilter, jb_filter, jb_filter_ref, jb_filter_unref)

static void
condition_clear (Condition *c)
{
  g_free (c->field);
  g_free (c->value);
  g_clear_pointer (&c->sub, jb_filter_unref);
}

JbFilter *
jb_filter_new (JbKindId kind, const char *label)
{
  JbFilter *filter = g_new0 (JbFilter, 1);
  g_atomic_ref_count_init (&filter->ref);
  filter->kind = kind;
  filter->label = g_strdup (label);
  filter->conditions = g_array_new (FALSE, FALSE, sizeof (Condition));
  g_array_set_clear_func (filter->conditions, (GDestroyNotify) condition_clear);
  return filter;
}

JbFilter *
jb_filter_ref (JbFilter *filter)
{
  g_atomic_ref_count_inc (&filter->ref);
  return filter;
}

void
jb_filter_unref (JbFilter *filter)
{
  if (!g_atomic_ref_count_dec (&filter->ref))
    return;
  g_array_unref (filter->conditions);
  g_free (filter->label);
  g_free (filter);
}

void
jb_filter_add (JbFilter *filter, JbMatch match, const char *field, const char *value)
{
  g_return_if_fail (match != JB_MATCH_REF);
  Condition c = { match, g_strdup (field), g_strdup (value), NULL };
  g_array_append_val (filter->conditions, c);
}

void
jb_filter_add_ref (JbFilter *filter, const char *field, JbFilter *sub)
{
  Condition c = { JB_MATCH_REF, g_strdup (field), NULL, jb_filter_ref (sub) };
  g_array_append_val (filter->conditions, c);
}

JbKindId
jb_filter_get_kind (JbFilter *filter)
{
  return filter->kind;
}

const char *
jb_filter_get_label (JbFilter *filter)
{
  return filter->label;
}

guint
jb_filter_get_n_conditions (JbFilter *filter)
{
  return filter->conditions->len;
}

void
jb_filter_get_condition (JbFilter *filter, guint i, JbMatch *match, const char **field,
                         const char **value, JbFilter **sub)
{
  Condition *c = &g_array_index (filter->conditions, Condition, i);
  *match = c->match;
  *field = c->field;
  *value = c->value;
  if (sub)
    *sub = c->sub;
}

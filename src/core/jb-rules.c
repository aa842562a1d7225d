/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-rules.c: runs each kind's rules (see jb-rules.h), and the rules several
 * kinds share (jb-kind-private.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-kind-private.h"
#include "jb-rules.h"

GStrv
jb_keywords_split (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *s = g_strdup (text ? text : "");
  static const char *seps[] = { "，", "、", "；", ";" };

  for (guint i = 0; i < G_N_ELEMENTS (seps); i++)
    {
      g_auto (GStrv) parts = g_strsplit (s, seps[i], -1);
      g_free (s);
      s = g_strjoinv (",", parts);
    }
  g_auto (GStrv) parts = g_strsplit (s, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

char *
jb_keywords_normalize (const char *text)
{
  g_auto (GStrv) words = jb_keywords_split (text);
  if (words[0] && words[1] == NULL)
    {
      /* One "word" with spaces inside: "电池 储能　快充". */
      g_autofree char *spaced = g_strdup (words[0]);
      g_strdelimit (spaced, "\t", ' ');
      g_auto (GStrv) ideo = g_strsplit (spaced, "\u3000", -1);
      g_autofree char *joined = g_strjoinv (" ", ideo);
      g_auto (GStrv) parts = g_strsplit (joined, " ", -1);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      for (guint i = 0; parts[i]; i++)
        if (*g_strstrip (parts[i]))
          g_strv_builder_add (builder, parts[i]);
      g_strfreev (words);
      words = g_strv_builder_end (builder);
    }
  return words[0] ? g_strjoinv ("、", words) : NULL;
}

guint
jb_rules_field (JbRecord *record, const char *name)
{
  int i = jb_kind_field_index (jb_record_get_kind (record), name);
  g_assert (i >= 0);
  return (guint) i;
}

void
jb_rules_dates_in_order (JbRecord *record, const char *first, const char *second,
                         GPtrArray *problems)
{
  const char *a = jb_record_get_text_by_name (record, first);
  const char *b = jb_record_get_text_by_name (record, second);
  if (a && b && strcmp (b, a) < 0)
    jb_problem_add (problems, (int) jb_rules_field (record, second),
                    _("This date comes before %s."),
                    _(jb_kind_field (jb_record_get_kind (record), first)->label));
}

void
jb_rules_check_email (JbRecord *record, GPtrArray *problems)
{
  const char *email = jb_record_get_text_by_name (record, "email");
  const char *at = email ? strchr (email, '@') : NULL;
  if (email && (at == NULL || at == email || strchr (at, '.') == NULL || strchr (email, ' ')))
    jb_problem_add (problems, (int) jb_rules_field (record, "email"),
                    _("“%s” is not an e-mail address."), email);
}

void
jb_rules_check (JbRecord *record, GPtrArray *problems)
{
  const JbKindOps *ops = jb_record_get_kind (record)->ops;
  if (ops->check)
    ops->check (record, problems);
}

void
jb_rules_check_change (JbRecord *before, JbRecord *after, GPtrArray *problems)
{
  const JbKindOps *ops = jb_record_get_kind (after)->ops;
  if (ops->check_change)
    ops->check_change (before, after, problems);
}

void
jb_rules_inherit (JbRecord *record, const char *dst, JbRecord *from, const char *src)
{
  const JbKind *kind = jb_record_get_kind (record);
  int d = jb_kind_field_index (kind, dst);
  int s = jb_kind_field_index (jb_record_get_kind (from), src);
  if (d < 0 || s < 0 || jb_record_is_set (record, d) || !jb_record_is_set (from, s))
    return;
  jb_record_copy_field (record, d, from, s);
}

JbRecord *
jb_rules_follow (JbStore *store, JbRecord *record, const char *field)
{
  int i = jb_kind_field_index (jb_record_get_kind (record), field);
  if (i < 0 || !jb_record_is_set (record, i))
    return NULL;
  return jb_store_load (store, jb_record_get_kind (record)->fields[i].ref_kind,
                        jb_record_get_int (record, i), NULL);
}

void
jb_rules_inherit_all (JbStore *store, JbRecord *record, const JbInherit *table)
{
  g_autoptr (JbRecord) from = NULL;
  for (const JbInherit *e = table; e->via; e++)
    {
      if (e == table || strcmp (e->via, e[-1].via) != 0)
        {
          g_clear_object (&from);
          from = jb_rules_follow (store, record, e->via);
        }
      if (from)
        jb_rules_inherit (record, e->dst, from, e->src);
    }
}

void
jb_rules_prefill (JbStore *store, JbRecord *record)
{
  const JbKind *kind = jb_record_get_kind (record);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (f->type == JB_TYPE_ENUM && (f->flags & JB_FIELD_REQUIRED) &&
          !(f->flags & JB_FIELD_NO_DEFAULT) && !jb_record_is_set (record, i))
        jb_record_set_text (record, i, f->enumeration->values[0].code);
    }
  if (kind->ops->prefill)
    kind->ops->prefill (store, record);
}

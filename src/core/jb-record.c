/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record.c: a record as an array of values described by its kind. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-field-type.h"
#include "jb-record.h"
#include "jb-rules.h"

/* A table holds 100 000 of these: one word per field.  Whether a field is set
 * is a bit of JbRecord.set; which member is used follows from the field type. */
typedef union {
  gint64 num;
  char *text;     /* text, date and enum values */
} JbValue;

struct _JbRecord {
  GObject parent_instance;
  const JbKind *kind;
  gint64 id;
  char *uuid;
  char *created;
  char *updated;
  guint32 set;       /* bit i: field i has a value */
  JbValue *values;
  char **ref_names;  /* for refs: the referenced record's title; NULL until needed */
};

G_DEFINE_FINAL_TYPE (JbRecord, jb_record, G_TYPE_OBJECT)

static gboolean
is_text_type (JbFieldType type)
{
  return jb_field_type (type)->text_value;
}

static void
clear_value (JbRecord *record, guint i)
{
  if (is_text_type (record->kind->fields[i].type))
    g_free (record->values[i].text);
  record->values[i].num = 0;
  record->set &= ~(1u << i);
  if (record->ref_names)
    g_clear_pointer (&record->ref_names[i], g_free);
}

static void
jb_record_finalize (GObject *object)
{
  JbRecord *self = JB_RECORD (object);

  for (guint i = 0; i < self->kind->n_fields; i++)
    clear_value (self, i);
  g_free (self->values);
  g_free (self->ref_names);
  g_free (self->uuid);
  g_free (self->created);
  g_free (self->updated);

  G_OBJECT_CLASS (jb_record_parent_class)->finalize (object);
}

static void
jb_record_class_init (JbRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jb_record_finalize;
}

static void
jb_record_init (JbRecord *self)
{
}

JbRecord *
jb_record_new (JbKindId kind)
{
  JbRecord *self = g_object_new (JB_TYPE_RECORD, NULL);
  self->kind = jb_kind_get (kind);
  g_assert (self->kind->n_fields <= 32);
  self->values = g_new0 (JbValue, self->kind->n_fields);
  return self;
}

void
jb_record_assign (JbRecord *dst, JbRecord *src)
{
  g_return_if_fail (dst->kind == src->kind);
  if (dst == src)
    return;
  dst->id = src->id;
  jb_record_set_uuid (dst, src->uuid);
  jb_record_set_times (dst, src->created, src->updated);
  for (guint i = 0; i < src->kind->n_fields; i++)
    {
      clear_value (dst, i);
      if (is_text_type (src->kind->fields[i].type))
        dst->values[i].text = g_strdup (src->values[i].text);
      else
        dst->values[i].num = src->values[i].num;
      jb_record_set_ref_name (dst, i, jb_record_get_ref_name (src, i));
    }
  dst->set = src->set;
}

JbRecord *
jb_record_copy (JbRecord *record)
{
  JbRecord *copy = jb_record_new (record->kind->id);
  jb_record_assign (copy, record);
  return copy;
}

JbKindId
jb_record_get_kind_id (JbRecord *record)
{
  return record->kind->id;
}

const JbKind *
jb_record_get_kind (JbRecord *record)
{
  return record->kind;
}

gint64
jb_record_get_id (JbRecord *record)
{
  return record->id;
}

void
jb_record_set_id (JbRecord *record, gint64 id)
{
  record->id = id;
}

const char *
jb_record_get_uuid (JbRecord *record)
{
  return record->uuid;
}

void
jb_record_set_uuid (JbRecord *record, const char *uuid)
{
  /* UUIDs compare without case (RFC 4122): one form, lowercase, is kept. */
  char *copy = uuid ? g_ascii_strdown (uuid, -1) : NULL;
  g_free (record->uuid);
  record->uuid = copy;
}

const char *
jb_record_get_created (JbRecord *record)
{
  return record->created;
}

const char *
jb_record_get_updated (JbRecord *record)
{
  return record->updated;
}

void
jb_record_set_times (JbRecord *record, const char *created, const char *updated)
{
  g_free (record->created);
  g_free (record->updated);
  record->created = g_strdup (created);
  record->updated = g_strdup (updated);
}

gboolean
jb_record_is_set (JbRecord *record, guint field)
{
  g_return_val_if_fail (field < record->kind->n_fields, FALSE);
  return (record->set >> field) & 1;
}

void
jb_record_unset (JbRecord *record, guint field)
{
  g_return_if_fail (field < record->kind->n_fields);
  clear_value (record, field);
}

const char *
jb_record_get_text (JbRecord *record, guint field)
{
  g_return_val_if_fail (field < record->kind->n_fields, NULL);
  g_return_val_if_fail (is_text_type (record->kind->fields[field].type), NULL);
  return record->values[field].text;
}

/* Whether a white space character starts at @p (before @end). */
static gboolean
space_at (const char *p, const char *end)
{
  gunichar c = g_utf8_get_char_validated (p, end - p);
  return c < (gunichar) -2 && g_unichar_isspace (c);
}

char *
jb_text_normalize (JbFieldType type, const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  if (type != JB_TYPE_TEXT && type != JB_TYPE_LONG_TEXT)
    return g_strdup (text);
  /* Unicode spaces too: the ideographic space U+3000 is typed as often as the
   * ASCII one.  Only whole characters are looked at, so invalid UTF-8 stays
   * for the rules to refuse.  Runs on every text loaded: no full scan. */
  const char *start = text, *end = text + strlen (text);
  if (type == JB_TYPE_TEXT)
    while (start < end && space_at (start, end))
      start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !space_at (prev, end))
        break;
      end = prev;
    }
  return end > start ? g_strndup (start, (gsize) (end - start)) : NULL;
}

void
jb_record_set_text (JbRecord *record, guint field, const char *text)
{
  g_return_if_fail (field < record->kind->n_fields);
  g_return_if_fail (is_text_type (record->kind->fields[field].type));
  char *copy = jb_text_normalize (record->kind->fields[field].type, text);
  clear_value (record, field);
  record->values[field].text = copy;
  if (copy)
    record->set |= 1u << field;
}

gint64
jb_record_get_int (JbRecord *record, guint field)
{
  g_return_val_if_fail (field < record->kind->n_fields, 0);
  g_return_val_if_fail (!is_text_type (record->kind->fields[field].type), 0);
  return record->values[field].num;
}

void
jb_record_set_int (JbRecord *record, guint field, gint64 value)
{
  g_return_if_fail (field < record->kind->n_fields);
  g_return_if_fail (!is_text_type (record->kind->fields[field].type));
  if (jb_record_is_set (record, field) && record->values[field].num == value)
    return;
  clear_value (record, field);
  record->values[field].num = value;
  record->set |= 1u << field;
}

gboolean
jb_record_equal_field (JbRecord *a, JbRecord *b, guint field)
{
  g_return_val_if_fail (a->kind == b->kind, FALSE);
  JbValue *va = &a->values[field], *vb = &b->values[field];
  if (jb_record_is_set (a, field) != jb_record_is_set (b, field))
    return FALSE;
  if (!jb_record_is_set (a, field))
    return TRUE;
  if (is_text_type (a->kind->fields[field].type))
    return g_strcmp0 (va->text, vb->text) == 0;
  return va->num == vb->num;
}

const char *
jb_record_get_ref_name (JbRecord *record, guint field)
{
  g_return_val_if_fail (field < record->kind->n_fields, NULL);
  return record->ref_names ? record->ref_names[field] : NULL;
}

void
jb_record_set_ref_name (JbRecord *record, guint field, const char *name)
{
  g_return_if_fail (field < record->kind->n_fields);
  if (record->ref_names == NULL)
    {
      if (name == NULL)
        return;
      record->ref_names = g_new0 (char *, record->kind->n_fields);
    }
  g_free (record->ref_names[field]);
  record->ref_names[field] = g_strdup (name);
}

static guint
field_index_or_die (JbRecord *record, const char *name)
{
  int i = jb_kind_field_index (record->kind, name);
  if (i < 0)
    g_error ("%s has no field %s", record->kind->name, name);
  return (guint) i;
}

const char *
jb_record_get_text_by_name (JbRecord *record, const char *name)
{
  return jb_record_get_text (record, field_index_or_die (record, name));
}

void
jb_record_set_text_by_name (JbRecord *record, const char *name, const char *text)
{
  jb_record_set_text (record, field_index_or_die (record, name), text);
}

gint64
jb_record_get_int_by_name (JbRecord *record, const char *name)
{
  return jb_record_get_int (record, field_index_or_die (record, name));
}

void
jb_record_set_int_by_name (JbRecord *record, const char *name, gint64 value)
{
  jb_record_set_int (record, field_index_or_die (record, name), value);
}

const char *
jb_record_get_title (JbRecord *record)
{
  guint title = jb_kind_title_index (record->kind);
  if (record->kind->fields[title].type == JB_TYPE_REF)
    return jb_record_get_ref_name (record, title);
  return record->values[title].text;
}

char *
jb_record_get_heading (JbRecord *record)
{
  const char *title = jb_record_get_title (record);
  if (title && *title)
    return g_strdup (title);
  if (record->kind->ops->heading)
    return record->kind->ops->heading (record);
  if (record->id == 0)
    /* TRANSLATORS: the heading of a record not saved yet: "New Demand" */
    return g_strdup_printf (_("New %s"), _(record->kind->label));
  /* TRANSLATORS: a record without a title: its kind and number, "Demand 12" */
  return g_strdup_printf (_("%s %lld"), _(record->kind->label), (long long) record->id);
}

char *
jb_record_format_field (JbRecord *record, guint field)
{
  g_return_val_if_fail (field < record->kind->n_fields, NULL);
  return jb_field_type (record->kind->fields[field].type)->format (record, field);
}

char *
jb_record_field_to_string (JbRecord *record, guint field)
{
  g_return_val_if_fail (field < record->kind->n_fields, NULL);
  return jb_field_type (record->kind->fields[field].type)->to_string (record, field);
}

gboolean
jb_record_parse_field (JbRecord *record, guint field, const char *text, char **message)
{
  g_return_val_if_fail (field < record->kind->n_fields, FALSE);
  return jb_field_type (record->kind->fields[field].type)->parse (record, field, text, message);
}

void
jb_record_copy_field (JbRecord *record, guint field, JbRecord *from, guint from_field)
{
  g_return_if_fail (record->kind->fields[field].type == from->kind->fields[from_field].type);
  if (!jb_record_is_set (from, from_field))
    jb_record_unset (record, field);
  else if (is_text_type (record->kind->fields[field].type))
    jb_record_set_text (record, field, from->values[from_field].text);
  else
    jb_record_set_int (record, field, from->values[from_field].num);
  jb_record_set_ref_name (record, field, jb_record_get_ref_name (from, from_field));
}

GPtrArray *
jb_problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) jb_problem_free);
}

void
jb_problem_free (JbProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

void
jb_problem_add (GPtrArray *problems, int field, const char *format, ...)
{
  JbProblem *p = g_new0 (JbProblem, 1);
  va_list args;
  va_start (args, format);
  p->field = field;
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, p);
}

void
jb_record_validate (JbRecord *record, GPtrArray *problems)
{
  for (guint i = 0; i < record->kind->n_fields; i++)
    {
      const JbField *f = &record->kind->fields[i];
      if (jb_record_is_set (record, i))
        jb_field_type (f->type)->validate (record, i, problems);
      else if (f->flags & JB_FIELD_REQUIRED)
        /* The field's label is said where the problem is shown: not here
         * again ("Kind: Kind is required."). */
        jb_problem_add (problems, (int) i, _("This field is required."));
    }
  jb_rules_check (record, problems);
}

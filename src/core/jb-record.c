/* jb-record.c: a record as an array of values described by its kind. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-credit-code.h"
#include "jb-date.h"
#include "jb-money.h"
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
  return type == JB_TYPE_TEXT || type == JB_TYPE_LONG_TEXT || type == JB_TYPE_DATE ||
         type == JB_TYPE_ENUM;
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
  g_free (record->uuid);
  record->uuid = g_strdup (uuid);
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

void
jb_record_set_text (JbRecord *record, guint field, const char *text)
{
  g_return_if_fail (field < record->kind->n_fields);
  g_return_if_fail (is_text_type (record->kind->fields[field].type));
  char *copy = text && *text ? g_strdup (text) : NULL;
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
  guint title = record->kind->title_field;
  if (record->kind->fields[title].type == JB_TYPE_REF)
    return jb_record_get_ref_name (record, title);
  return record->values[title].text;
}

char *
jb_record_format_field (JbRecord *record, guint field)
{
  g_return_val_if_fail (field < record->kind->n_fields, NULL);
  const JbField *f = &record->kind->fields[field];
  const JbValue *v = &record->values[field];
  const char *ref_name = jb_record_get_ref_name (record, field);

  if (!jb_record_is_set (record, field))
    return g_strdup ("");
  switch (f->type)
    {
    case JB_TYPE_TEXT:
    case JB_TYPE_LONG_TEXT:
      return g_strdup (v->text);
    case JB_TYPE_DATE:
      return jb_date_format (v->text);
    case JB_TYPE_ENUM:
      {
        const char *label = jb_enum_label (f->enumeration, v->text);
        return g_strdup (label ? label : v->text);
      }
    case JB_TYPE_MONEY:
      return jb_money_format (v->num);
    case JB_TYPE_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v->num);
    case JB_TYPE_REF:
      return g_strdup (ref_name ? ref_name : "");
    case JB_TYPE_BOOL:
      return g_strdup (v->num ? _("Yes") : _("No"));
    default:
      g_assert_not_reached ();
    }
}

char *
jb_record_field_to_string (JbRecord *record, guint field)
{
  g_return_val_if_fail (field < record->kind->n_fields, NULL);
  const JbField *f = &record->kind->fields[field];
  const JbValue *v = &record->values[field];
  const char *ref_name = jb_record_get_ref_name (record, field);

  if (!jb_record_is_set (record, field))
    return NULL;
  if (is_text_type (f->type))
    return g_strdup (v->text);
  if (f->type == JB_TYPE_MONEY)
    return jb_money_to_decimal (v->num, JB_MONEY_YUAN);
  if (f->type == JB_TYPE_BOOL)
    return g_strdup (v->num ? "true" : "false");
  if (f->type == JB_TYPE_REF && ref_name)
    return g_strdup (ref_name);
  return g_strdup_printf ("%" G_GINT64_FORMAT, v->num);
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

#define DEFAULT_MAX_TEXT 200
#define DEFAULT_MAX_LONG_TEXT 20000

static void
validate_text (JbRecord *record, guint i, GPtrArray *problems)
{
  const JbField *f = &record->kind->fields[i];
  const char *text = record->values[i].text;
  guint max = f->max_length ? f->max_length
              : f->type == JB_TYPE_LONG_TEXT ? DEFAULT_MAX_LONG_TEXT : DEFAULT_MAX_TEXT;

  if (!g_utf8_validate (text, -1, NULL))
    {
      jb_problem_add (problems, (int) i, _("The text is not valid UTF-8."));
      return;
    }
  if (g_utf8_strlen (text, -1) > (glong) max)
    jb_problem_add (problems, (int) i, _("At most %u characters, please."), max);
  if (f->type == JB_TYPE_TEXT && strpbrk (text, "\n\r\t"))
    jb_problem_add (problems, (int) i, _("Keep this to one line."));
}

void
jb_record_validate (JbRecord *record, GPtrArray *problems)
{
  for (guint i = 0; i < record->kind->n_fields; i++)
    {
      const JbField *f = &record->kind->fields[i];
      const JbValue *v = &record->values[i];

      if (!jb_record_is_set (record, i))
        {
          if (f->flags & JB_FIELD_REQUIRED)
            jb_problem_add (problems, (int) i, _("%s is required."), _(f->label));
          continue;
        }
      switch (f->type)
        {
        case JB_TYPE_TEXT:
        case JB_TYPE_LONG_TEXT:
          validate_text (record, i, problems);
          break;
        case JB_TYPE_DATE:
          {
            g_autofree char *iso = jb_date_normalize (v->text);
            if (iso == NULL || g_strcmp0 (iso, v->text) != 0)
              jb_problem_add (problems, (int) i,
                              _("“%s” is not a date. Write it as 2026-12-15."), v->text);
          }
          break;
        case JB_TYPE_ENUM:
          if (jb_enum_index (f->enumeration, v->text) < 0)
            jb_problem_add (problems, (int) i, _("“%s” is not one of the choices."), v->text);
          break;
        case JB_TYPE_INT:
          if (v->num < f->min || v->num > f->max)
            /* (long long): xgettext cannot read G_GINT64_FORMAT inside a msgid. */
            jb_problem_add (problems, (int) i, _("Enter a whole number from %lld to %lld."),
                            (long long) f->min, (long long) f->max);
          break;
        case JB_TYPE_MONEY:
          if (v->num < 0)
            jb_problem_add (problems, (int) i, _("An amount cannot be negative."));
          else if (v->num > JB_MONEY_MAX)
            jb_problem_add (problems, (int) i, _("The amount is too large."));
          break;
        case JB_TYPE_REF:
          if (v->num <= 0)
            jb_problem_add (problems, (int) i, _("%s is required."), _(f->label));
          break;
        case JB_TYPE_BOOL:
          break;
        default:
          g_assert_not_reached ();
        }
    }
  jb_rules_check (record, problems);
}

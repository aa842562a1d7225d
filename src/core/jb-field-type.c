/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-field-type.c: the operations of each field type (see jb-field-type.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-field-type.h"
#include "jb-money.h"
#include "jb-record.h"

#define DEFAULT_MAX_TEXT 200
#define DEFAULT_MAX_LONG_TEXT 20000

static const JbField *
field_of (JbRecord *record, guint i)
{
  return &jb_record_get_kind (record)->fields[i];
}

/* ---- text ----------------------------------------------------------------- */

static char *
text_format (JbRecord *record, guint i)
{
  return g_strdup (jb_record_is_set (record, i) ? jb_record_get_text (record, i) : "");
}

static char *
text_to_string (JbRecord *record, guint i)
{
  return g_strdup (jb_record_is_set (record, i) ? jb_record_get_text (record, i) : NULL);
}

static gboolean
text_parse (JbRecord *record, guint i, const char *text, char **message)
{
  jb_record_set_text (record, i, text);
  return TRUE;
}

static void
text_validate (JbRecord *record, guint i, GPtrArray *problems)
{
  const JbField *f = field_of (record, i);
  const char *text = jb_record_get_text (record, i);
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

/* ---- dates ---------------------------------------------------------------- */

static char *
date_format (JbRecord *record, guint i)
{
  return jb_record_is_set (record, i) ? jb_date_format (jb_record_get_text (record, i))
                                      : g_strdup ("");
}

/* Canonical dates are ISO and real: 2026-02-30 is not one. */
static gboolean
is_date (const char *text)
{
  g_autofree char *iso = jb_date_normalize (text);
  return iso != NULL && strcmp (iso, text) == 0;
}

static gboolean
date_parse (JbRecord *record, guint i, const char *text, char **message)
{
  if (!is_date (text))
    {
      /* A real date all the same: say which dates are kept. */
      gboolean shape = strlen (text) == 10 && text[4] == '-' && text[7] == '-';
      for (guint c = 0; shape && c < 10; c++)
        shape = c == 4 || c == 7 || g_ascii_isdigit (text[c]);
      guint y = shape ? (guint) atoi (text) : 0, m = shape ? (guint) atoi (text + 5) : 0;
      guint d = shape ? (guint) atoi (text + 8) : 0;
      if (y > 0 && (y < 1900 || y > 2999) &&
          g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        *message = g_strdup_printf (_("“%s” is outside the dates Jiebang keeps, 1900-01-01 to "
                                      "2999-12-31."), text);
      else
        *message = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)."), text);
      return FALSE;
    }
  jb_record_set_text (record, i, text);
  return TRUE;
}

static void
date_validate (JbRecord *record, guint i, GPtrArray *problems)
{
  const char *text = jb_record_get_text (record, i);
  if (!is_date (text))
    jb_problem_add (problems, (int) i, _("“%s” is not a date. Write it as 2026-12-15."), text);
}

/* ---- choices -------------------------------------------------------------- */

static char *
enum_format (JbRecord *record, guint i)
{
  if (!jb_record_is_set (record, i))
    return g_strdup ("");
  const char *code = jb_record_get_text (record, i);
  const char *label = jb_enum_label (field_of (record, i)->enumeration, code);
  return g_strdup (label ? label : code);
}

static gboolean
enum_parse (JbRecord *record, guint i, const char *text, char **message)
{
  const JbEnum *e = field_of (record, i)->enumeration;
  if (jb_enum_index (e, text) < 0)
    {
      g_autoptr (GString) codes = g_string_new (NULL);
      for (guint v = 0; v < e->n_values; v++)
        g_string_append_printf (codes, "%s%s", v ? ", " : "", e->values[v].code);
      *message = g_strdup_printf (_("“%s” is not one of %s."), text, codes->str);
      return FALSE;
    }
  jb_record_set_text (record, i, text);
  return TRUE;
}

static void
enum_validate (JbRecord *record, guint i, GPtrArray *problems)
{
  const char *code = jb_record_get_text (record, i);
  if (jb_enum_index (field_of (record, i)->enumeration, code) < 0)
    jb_problem_add (problems, (int) i, _("“%s” is not one of the choices."), code);
}

/* ---- whole numbers -------------------------------------------------------- */

static char *
int_format (JbRecord *record, guint i)
{
  if (!jb_record_is_set (record, i))
    return g_strdup ("");
  return g_strdup_printf ("%" G_GINT64_FORMAT, jb_record_get_int (record, i));
}

static char *
int_to_string (JbRecord *record, guint i)
{
  return jb_record_is_set (record, i) ? int_format (record, i) : NULL;
}

/* (long long): xgettext cannot read G_GINT64_FORMAT inside a msgid. */
static gboolean
int_parse (JbRecord *record, guint i, const char *text, char **message)
{
  const JbField *f = field_of (record, i);
  gint64 n;
  if (!g_ascii_string_to_signed (text, 10, f->min, f->max, &n, NULL))
    {
      *message = g_strdup_printf (_("“%s” is not a whole number from %lld to %lld."), text,
                                  (long long) f->min, (long long) f->max);
      return FALSE;
    }
  jb_record_set_int (record, i, n);
  return TRUE;
}

static void
int_validate (JbRecord *record, guint i, GPtrArray *problems)
{
  const JbField *f = field_of (record, i);
  gint64 n = jb_record_get_int (record, i);
  if (n < f->min || n > f->max)
    jb_problem_add (problems, (int) i, _("Enter a whole number from %lld to %lld."),
                    (long long) f->min, (long long) f->max);
}

/* ---- money ---------------------------------------------------------------- */

static char *
money_format (JbRecord *record, guint i)
{
  return jb_record_is_set (record, i) ? jb_money_format (jb_record_get_int (record, i))
                                      : g_strdup ("");
}

/* Plain yuan, trailing zeros trimmed: "4980000", "12.5". */
static char *
money_to_string (JbRecord *record, guint i)
{
  if (!jb_record_is_set (record, i))
    return NULL;
  return jb_money_to_decimal (jb_record_get_int (record, i), JB_MONEY_YUAN);
}

/* Plain yuan: digits with at most two decimals. */
static gboolean
money_parse (JbRecord *record, guint i, const char *text, char **message)
{
  const char *dot = strchr (text, '.');
  gsize len = strlen (text);
  gboolean shape = len > 0 && len <= 20 && g_ascii_isdigit (text[0]) &&
                   (dot == NULL || (len - (gsize) (dot - text) - 1 <= 2 && dot[1] != '\0'));
  for (gsize c = 0; shape && c < len; c++)
    shape = g_ascii_isdigit (text[c]) || text + c == dot;
  g_autoptr (GError) error = NULL;
  gint64 fen;
  if (!shape)
    {
      *message = g_strdup_printf (_("“%s” is not an amount in yuan, such as 4980000.00."), text);
      return FALSE;
    }
  if (!jb_money_parse (text, JB_MONEY_YUAN, &fen, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  jb_record_set_int (record, i, fen);
  return TRUE;
}

static void
money_validate (JbRecord *record, guint i, GPtrArray *problems)
{
  gint64 fen = jb_record_get_int (record, i);
  if (fen < 0)
    jb_problem_add (problems, (int) i, _("An amount cannot be negative."));
  else if (fen > JB_MONEY_MAX)
    jb_problem_add (problems, (int) i, _("The amount is too large."));
}

/* ---- references ----------------------------------------------------------- */

static char *
ref_format (JbRecord *record, guint i)
{
  const char *name = jb_record_is_set (record, i) ? jb_record_get_ref_name (record, i) : NULL;
  return g_strdup (name ? name : "");
}

/* History keeps the title the reference showed at the time. */
static char *
ref_to_string (JbRecord *record, guint i)
{
  if (!jb_record_is_set (record, i))
    return NULL;
  const char *name = jb_record_get_ref_name (record, i);
  return name ? g_strdup (name) : int_format (record, i);
}

static gboolean
ref_parse (JbRecord *record, guint i, const char *text, char **message)
{
  *message = g_strdup (_("A reference names a record by its id."));
  return FALSE;
}

static void
ref_validate (JbRecord *record, guint i, GPtrArray *problems)
{
  if (jb_record_get_int (record, i) <= 0)
    jb_problem_add (problems, (int) i, _("This field is required."));
}

/* ---- yes or no ------------------------------------------------------------ */

static char *
bool_format (JbRecord *record, guint i)
{
  if (!jb_record_is_set (record, i))
    return g_strdup ("");
  return g_strdup (jb_record_get_int (record, i) ? _("Yes") : _("No"));
}

static char *
bool_to_string (JbRecord *record, guint i)
{
  if (!jb_record_is_set (record, i))
    return NULL;
  return g_strdup (jb_record_get_int (record, i) ? "true" : "false");
}

static gboolean
bool_parse (JbRecord *record, guint i, const char *text, char **message)
{
  if (strcmp (text, "true") != 0 && strcmp (text, "false") != 0)
    {
      *message = g_strdup_printf (_("“%s” is neither true nor false."), text);
      return FALSE;
    }
  jb_record_set_int (record, i, strcmp (text, "true") == 0);
  return TRUE;
}

static void
no_validate (JbRecord *record, guint i, GPtrArray *problems)
{
}

static const JbFieldTypeOps types[JB_N_TYPES] = {
  [JB_TYPE_TEXT] = { JB_TYPE_TEXT, "text", TRUE, TRUE, NULL,
                     text_format, text_to_string, text_parse, text_validate },
  [JB_TYPE_LONG_TEXT] = { JB_TYPE_LONG_TEXT, "long text", TRUE, TRUE, NULL,
                          text_format, text_to_string, text_parse, text_validate },
  [JB_TYPE_INT] = { JB_TYPE_INT, "whole number", FALSE, FALSE, NULL,
                    int_format, int_to_string, int_parse, int_validate },
  [JB_TYPE_MONEY] = { JB_TYPE_MONEY, "money", FALSE, FALSE, "CNY",
                      money_format, money_to_string, money_parse, money_validate },
  [JB_TYPE_DATE] = { JB_TYPE_DATE, "date", TRUE, FALSE, NULL,
                     date_format, text_to_string, date_parse, date_validate },
  [JB_TYPE_ENUM] = { JB_TYPE_ENUM, "choice", TRUE, FALSE, NULL,
                     enum_format, text_to_string, enum_parse, enum_validate },
  [JB_TYPE_REF] = { JB_TYPE_REF, "reference", FALSE, FALSE, NULL,
                    ref_format, ref_to_string, ref_parse, ref_validate },
  [JB_TYPE_BOOL] = { JB_TYPE_BOOL, "yes or no", FALSE, FALSE, NULL,
                     bool_format, bool_to_string, bool_parse, no_validate },
};

const JbFieldTypeOps *
jb_field_type (JbFieldType type)
{
  g_return_val_if_fail (type < JB_N_TYPES, NULL);
  return &types[type];
}

char *
jb_field_format_string (const JbKind *kind, guint field, const char *text)
{
  if (text == NULL)
    return g_strdup ("—");
  const JbFieldTypeOps *type = jb_field_type (kind->fields[field].type);
  g_autoptr (JbRecord) scratch = jb_record_new (kind->id);
  g_autofree char *message = NULL;
  /* A reference's canonical text is already its title. */
  if (kind->fields[field].type == JB_TYPE_REF || !type->parse (scratch, field, text, &message))
    return g_strdup (text);
  return type->format (scratch, field);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake-values.c: a sheet's cells as field values, as people write them:
 * amounts with their unit in the header or the cell, dates as serials or
 * text, several keywords in a cell, choices by their labels and synonyms,
 * and what fits no field kept in the record's notes (see jb-intake-run.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-intake-run.h"
#include "jb-sheet-private.h"
#include "jb-rules.h"

const char *
jb_intake_choice_code (JbIntakeRun *run, const char *target, const JbEnum *e, const char *text)
{
  g_autofree char *key = g_strconcat (target, "\n", text, NULL);
  const char *code = g_hash_table_lookup (run->intake->choices, key);
  if (code)
    return code;
  g_autofree char *cache_key = g_strconcat (e->name, "\n", text, NULL);
  const char *cached = g_hash_table_lookup (run->choice_cache, cache_key);
  if (cached == NULL)
    {
      const char *found = jb_intake_match_choice (e, text);
      cached = found ? found : "";
      g_hash_table_insert (run->choice_cache, g_steal_pointer (&cache_key), (gpointer) cached);
    }
  return *cached ? cached : NULL;
}

void
jb_intake_add_note (JbIntakeRun *run, const char *header, const char *value)
{
  if (run->notes_text->len)
    g_string_append_c (run->notes_text, '\n');
  g_string_append_printf (run->notes_text, "%s: %s", header, value);
}

/* "上海市闵行区" in a district column: the province, the city, the district. */
static void
set_region (JbIntakeRun *run, JbRecord *record, int column, const char *text)
{
  const JbKind *kind = jb_record_get_kind (record);
  int province = jb_kind_field_index (kind, "province");
  int city = jb_kind_field_index (kind, "city");
  int district = jb_kind_field_index (kind, "district");
  const char *rest = text;
  const char *code = jb_intake_match_province_prefix (text, &rest);
  if (code && !jb_record_is_set (record, province))
    jb_record_set_text (record, province, code);
  const char *shi = strstr (rest, "市");
  if (shi && shi[strlen ("市")] != '\0' && !jb_record_is_set (record, city))
    {
      g_autofree char *c = g_strndup (rest, (gsize) (shi - rest) + strlen ("市"));
      jb_record_set_text (record, city, c);
      rest = shi + strlen ("市");
    }
  if (*rest)
    jb_record_set_text (record, district, rest);
  else if (!code)
    jb_record_set_text (record, district, text);
}

void
jb_intake_apply_value (JbIntakeRun *run, guint c, const JbCell *cell)
{
  JbIntakeColumn *col = &g_array_index (run->intake->columns, JbIntakeColumn, c);
  const char *text = cell->text;
  gboolean of_org;
  const JbField *f = jb_intake_target_field (run->intake, col->target, &of_org);
  JbRecord *record = of_org ? run->org_record : run->record;
  if (f == NULL || record == NULL)
    return;
  const JbKind *kind = jb_record_get_kind (record);
  int i = jb_kind_field_index (kind, f->name);
  if (of_org)
    run->org_column[i] = (int) c;
  else
    run->field_column[i] = (int) c;

  switch (f->type)
    {
    case JB_TYPE_TEXT:
      if (strcmp (f->name, "keywords") == 0)
        {
          g_autofree char *words = jb_keywords_normalize (text);
          jb_record_set_text (record, i, words);
        }
      else if (strcmp (f->name, "district") == 0)
        set_region (run, record, (int) c, text);
      else
        jb_record_set_text (record, i, text);
      break;
    case JB_TYPE_LONG_TEXT:
      jb_record_set_text (record, i, text);
      break;
    case JB_TYPE_INT:
      {
        const char *p = text;
        while (*p && !g_ascii_isdigit (*p))
          p++;
        gint64 n = g_ascii_strtoll (p, NULL, 10);
        if (*p == '\0' || n < f->min || n > f->max)
          jb_intake_add_problem (run, (int) c, FALSE, _("“%s” is not a whole number from %lld to %lld."),
                       text, (long long) f->min, (long long) f->max);
        else
          jb_record_set_int (record, i, n);
      }
      break;
    case JB_TYPE_MONEY:
      {
        g_autofree char *number = NULL;
        if (cell->type == JB_CELL_NUMBER)
          number = jb_sheet_format_number (g_ascii_strtod (text, NULL));
        gint64 fen;
        g_autoptr (GError) local = NULL;
        if (jb_money_parse (number ? number : text, col->unit_known ? col->unit : JB_MONEY_YUAN,
                            &fen, &local))
          jb_record_set_int (record, i, fen);
        else
          jb_intake_add_problem (run, (int) c, FALSE, "%s", local->message);
      }
      break;
    case JB_TYPE_DATE:
      {
        g_autofree char *iso = NULL;
        if (cell->type == JB_CELL_DATE)
          iso = jb_date_normalize (text);
        else if (cell->type == JB_CELL_NUMBER)
          iso = jb_date_from_serial (g_ascii_strtod (text, NULL),
                                     run->intake->workbook->date1904);
        else
          /* A deadline given as a month or a range means its end. */
          iso = jb_date_normalize_loose (text, strcmp (f->name, "deadline") == 0 ||
                                               strcmp (f->name, "end_date") == 0);
        if (iso)
          jb_record_set_text (record, i, iso);
        else
          jb_intake_add_problem (run, (int) c, FALSE,
                       _("“%s” is not a date: write 2023-06-30, 2023/6/30, 2023年6月30日 or "
                         "2023年6月."), text);
      }
      break;
    case JB_TYPE_ENUM:
      {
        const char *code = jb_intake_choice_code (run, col->target, f->enumeration, text);
        if (code)
          jb_record_set_text (record, i, code);
        else if (jb_enum_index (f->enumeration, "other") >= 0 && run->notes >= 0)
          {
            jb_record_set_text (record, i, "other");
            jb_intake_add_note (run, col->header, text);
            jb_intake_add_problem (run, (int) c, TRUE,
                         _("“%s” is not one of the choices: stored as Other, the text kept "
                           "in “%s”."), text, _(run->kind->fields[run->notes].label));
          }
        else if (!(f->flags & JB_FIELD_REQUIRED) && run->notes >= 0)
          {
            jb_intake_add_note (run, col->header, text);
            jb_intake_add_problem (run, (int) c, TRUE,
                         _("“%s” is not one of the choices: left empty, the text kept in "
                           "“%s”."), text, _(run->kind->fields[run->notes].label));
          }
        else
          {
            g_autoptr (GString) labels = g_string_new (NULL);
            for (guint v = 0; v < f->enumeration->n_values; v++)
              g_string_append_printf (labels, "%s%s", v ? ", " : "",
                                      _(f->enumeration->values[v].label));
            jb_intake_add_problem (run, (int) c, FALSE, _("“%s” is not one of %s."), text, labels->str);
          }
      }
      break;
    case JB_TYPE_BOOL:
      {
        gboolean value;
        if (jb_intake_parse_bool (text, &value))
          jb_record_set_int (record, i, value);
        else
          jb_intake_add_problem (run, (int) c, FALSE, _("“%s” is neither yes (是) nor no (否)."), text);
      }
      break;
    case JB_TYPE_REF:
    case JB_N_TYPES:
      /* References are matched to records by name, before the values. */
      break;
    }
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-xlsx-template.c: the blank collection form (需求征集表) enterprises fill
 * in.  Its headers are the first names jb-intake-aliases.c knows for each
 * column, so a filled-in form maps itself; choices are drop-down lists of
 * the labels the intake recognises; amounts, dates and credit codes are
 * checked as they are typed. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-intake-private.h"
#include "jb-money.h"
#include "jb-xlsx-private.h"

/* Rows of the form with drop-down lists and checks. */
#define FORM_ROWS 500

typedef struct {
  const char *target;
  const char *help;   /* N_() */
} FormColumn;

static const FormColumn form[] = {
  { "title", N_("Required. A short name for the need, such as “High-rate fast-charging "
                "lithium battery”.") },
  { "org.name", N_("Required. The enterprise’s full registered name.") },
  { "org.credit_code", N_("The 18-character unified social credit code.") },
  { "org.kind", N_("Choose from the list.") },
  { "district", N_("Where the enterprise is, such as 闵行区 or 上海市闵行区.") },
  { "org.contact", N_("Who answers questions about this demand.") },
  { "org.phone", N_("A phone number for the contact.") },
  { "org.email", N_("An e-mail address for the contact.") },
  { "industry", N_("Choose from the list.") },
  { "keywords", N_("One to five keywords, separated by 、 or commas.") },
  { "problem", N_("The technical problem to solve (up to 500 characters).") },
  { "key_technology", N_("The key technology it needs (up to 500 characters).") },
  { "goal", N_("What a solution should achieve (up to 500 characters).") },
  { "indicators", N_("Technical indicators a solution must meet.") },
  { "investment", N_("How much the enterprise means to invest, a number in the unit the "
                     "header gives.") },
  { "coop_mode", N_("Choose from the list.") },
  { "deadline", N_("By when, as a date such as 2026-12-31.") },
};

static const JbEnum *
enum_of (const char *target)
{
  gboolean of_org = g_str_has_prefix (target, "org.");
  const JbKind *kind = jb_kind_get (of_org ? JB_KIND_ORGANIZATION : JB_KIND_DEMAND);
  const JbField *f = jb_kind_field (kind, of_org ? target + 4 : target);
  return f && f->type == JB_TYPE_ENUM ? f->enumeration : NULL;
}

gboolean
jb_xlsx_write_template (GFile *file, GError **error)
{
  g_autofree char *tmp = NULL;
  lxw_workbook *wb = jb_xlsx_begin (file, &tmp, error);
  if (wb == NULL)
    return FALSE;
  gboolean chinese = jb_money_default_unit () == JB_MONEY_WAN;
  guint n = G_N_ELEMENTS (form);

  g_autofree char *form_name = jb_xlsx_sheet_name (_("Demand form"));
  g_autofree char *help_name = jb_xlsx_sheet_name (_("Instructions"));
  lxw_worksheet *ws = workbook_add_worksheet (wb, form_name);
  lxw_worksheet *help = workbook_add_worksheet (wb, help_name);
  /* Choices live on a hidden sheet: a list written inline may not pass
   * 255 characters, and the provinces alone do. */
  lxw_worksheet *lists = workbook_add_worksheet (wb, "Lists");
  worksheet_hide (lists);

  lxw_format *title = workbook_add_format (wb);
  format_set_bold (title);
  format_set_font_size (title, 16);
  format_set_align (title, LXW_ALIGN_CENTER);
  lxw_format *head = workbook_add_format (wb);
  format_set_bold (head);
  format_set_text_wrap (head);
  format_set_bg_color (head, 0xDDEBF7);
  format_set_border (head, LXW_BORDER_THIN);
  lxw_format *date = workbook_add_format (wb);
  format_set_num_format (date, "yyyy-mm-dd");
  lxw_format *wrap = workbook_add_format (wb);
  format_set_text_wrap (wrap);

  worksheet_merge_range (ws, 0, 0, 0, (lxw_col_t) n - 1,
                         _("Innovation demand collection form"), title);
  worksheet_set_row (ws, 1, 32, NULL);
  worksheet_write_string (help, 0, 0, _("Column"), head);
  worksheet_write_string (help, 0, 1, _("How to fill it in"), head);
  worksheet_set_column (help, 0, 0, 24, NULL);
  worksheet_set_column (help, 1, 1, 80, wrap);

  lxw_col_t list_col = 0;
  g_autoptr (GPtrArray) choice_lists = g_ptr_array_new ();
  for (guint c = 0; c < n; c++)
    {
      const char *target = form[c].target;
      const char *name = jb_intake_template_header (JB_KIND_DEMAND, target, chinese);
      g_autofree char *header = strcmp (target, "investment") != 0 ? g_strdup (name)
        : chinese ? g_strdup_printf ("%s（万元）", name) : g_strdup_printf ("%s (yuan)", name);
      lxw_col_t col = (lxw_col_t) c;
      worksheet_write_string (ws, 1, col, header, head);
      gboolean long_text = strcmp (target, "problem") == 0 || strcmp (target, "goal") == 0 ||
                           strcmp (target, "key_technology") == 0 ||
                           strcmp (target, "indicators") == 0;
      worksheet_set_column (ws, col, col, long_text ? 36 : 16,
                            strcmp (target, "deadline") == 0 ? date : long_text ? wrap : NULL);
      worksheet_write_string (help, (lxw_row_t) c + 1, 0, header, NULL);
      worksheet_write_string (help, (lxw_row_t) c + 1, 1, _(form[c].help), NULL);

      lxw_data_validation v = { 0 };
      v.input_title = header;
      v.input_message = (char *) _(form[c].help);
      v.show_input = LXW_VALIDATION_ON;
      v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
      g_autofree char *range = NULL;
      g_autofree char *message = NULL;
      const JbEnum *e = enum_of (target);
      if (e)
        {
          g_ptr_array_add (choice_lists, (gpointer) e);
          g_autofree char *letter = jb_sheet_column_name (list_col);
          range = g_strdup_printf ("=Lists!$%s$1:$%s$%u", letter, letter, e->n_values);
          list_col++;
          v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
          v.value_formula = range;
          message = g_strdup (_("Choose a value from the list."));
        }
      else if (strcmp (target, "investment") == 0)
        {
          v.validate = LXW_VALIDATION_TYPE_DECIMAL;
          v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
          v.value_number = 0;
          message = g_strdup (_("Write a number, without the unit."));
        }
      else if (strcmp (target, "deadline") == 0)
        {
          v.validate = LXW_VALIDATION_TYPE_DATE;
          v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
          v.minimum_datetime = (lxw_datetime) { 2000, 1, 1, 0, 0, 0 };
          v.maximum_datetime = (lxw_datetime) { 2099, 12, 31, 0, 0, 0 };
          message = g_strdup (_("Write a date such as 2026-12-31."));
        }
      else if (strcmp (target, "org.credit_code") == 0)
        {
          v.validate = LXW_VALIDATION_TYPE_LENGTH;
          v.criteria = LXW_VALIDATION_CRITERIA_EQUAL_TO;
          v.value_number = 18;
          message = g_strdup (_("A unified social credit code has 18 characters."));
        }
      else
        v.validate = LXW_VALIDATION_TYPE_ANY;
      v.error_message = message;
      v.show_error = message ? LXW_VALIDATION_ON : LXW_VALIDATION_OFF;
      worksheet_data_validation_range (ws, 2, col, FORM_ROWS + 1, col, &v);
    }
  worksheet_freeze_panes (ws, 2, 0);
  /* Row by row: in constant memory, a row once left cannot be written. */
  for (guint i = 0; i < 64; i++)
    for (guint l = 0; l < choice_lists->len; l++)
      {
        const JbEnum *e = g_ptr_array_index (choice_lists, l);
        if (i < e->n_values)
          worksheet_write_string (lists, (lxw_row_t) i, (lxw_col_t) l, _(e->values[i].label),
                                  NULL);
      }
  guint r = n + 2;
  worksheet_write_string (help, (lxw_row_t) r, 0, C_("collection form", "Notes"), head);
  worksheet_write_string (help, (lxw_row_t) r, 1,
                          _("One demand per row, from the third row of the form on. Leave the "
                            "title and header rows as they are, so that Jiebang recognises "
                            "the columns. Save as .xlsx; .xls, .ods and .csv are read too."),
                          NULL);
  return jb_xlsx_end (wb, file, g_steal_pointer (&tmp), TRUE, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-xlsx.c: tables and the rejected rows as .xlsx (see jb-xlsx.h).
 * libxlsxwriter (libxlsxwriter-dev) writes correct Office Open XML with
 * formats, validations and merged cells, in constant memory: far less code
 * and risk than writing the zip and its XML parts here. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <xlsxwriter.h>

#include "jb-intake-private.h"
#include "jb-money.h"
#include "jb-sheet-private.h"
#include "jb-xlsx-private.h"

lxw_workbook *
jb_xlsx_begin (GFile *file, char **tmp_path, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local files can be written."), name);
      return NULL;
    }
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s-XXXXXX", dir, base);
  int fd = g_mkstemp_full (tmpl, O_RDWR, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: %s"), name,
                   g_strerror (saved));
      return NULL;
    }
  close (fd);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *wb = workbook_new_opt (tmpl, &options);
  if (wb == NULL)
    {
      g_unlink (tmpl);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot write the workbook."),
                   name);
      return NULL;
    }
  *tmp_path = g_steal_pointer (&tmpl);
  return wb;
}

gboolean
jb_xlsx_end (lxw_workbook *wb, GFile *file, char *tmp_path, gboolean ok, GError **error)
{
  g_autofree char *tmp = tmp_path;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *path = g_file_get_path (file);
  lxw_error rc = workbook_close (wb);
  if (ok && rc != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: %s"), name, lxw_strerror (rc));
      ok = FALSE;
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: %s"), name,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

void
jb_xlsx_date (const char *iso, lxw_datetime *dt)
{
  unsigned y = 0, m = 0, d = 0;
  sscanf (iso, "%u-%u-%u", &y, &m, &d);
  *dt = (lxw_datetime) { (int) y, (int) m, (int) d, 0, 0, 0 };
}

/* Excel refuses sheet names with []:*?/\ or longer than 31 characters. */
char *
jb_xlsx_sheet_name (const char *name)
{
  g_autofree char *clean = g_strdup (name && *name ? name : "Sheet1");
  g_strdelimit (clean, "[]:*?/\\", '_');
  const char *end = g_utf8_offset_to_pointer (clean, MIN (g_utf8_strlen (clean, -1), 31));
  return g_strndup (clean, (gsize) (end - clean));
}

gboolean
jb_xlsx_write_records (GFile *file, const char *sheet_name, JbKindId kind_id,
                       const char * const *headers, const guint *fields, guint n_fields,
                       JbXlsxRecordFunc row_func, gpointer user_data,
                       GCancellable *cancellable, GError **error)
{
  g_autofree char *tmp = NULL;
  lxw_workbook *wb = jb_xlsx_begin (file, &tmp, error);
  if (wb == NULL)
    return FALSE;
  const JbKind *kind = jb_kind_get (kind_id);
  g_autofree char *title = jb_xlsx_sheet_name (sheet_name);
  lxw_worksheet *ws = workbook_add_worksheet (wb, title);
  lxw_format *bold = workbook_add_format (wb);
  format_set_bold (bold);
  lxw_format *date = workbook_add_format (wb);
  format_set_num_format (date, "yyyy-mm-dd");
  JbMoneyUnit unit = jb_money_default_unit ();
  lxw_format *money = workbook_add_format (wb);
  format_set_num_format (money, unit == JB_MONEY_WAN ? "#,##0.00####" : "#,##0.00");

  for (guint c = 0; c < n_fields; c++)
    {
      const JbField *f = &kind->fields[fields[c]];
      g_autofree char *header = f->type != JB_TYPE_MONEY ? g_strdup (headers[c])
        : unit == JB_MONEY_WAN ? g_strdup_printf ("%s（万元）", headers[c])
        /* TRANSLATORS: a column of amounts in yuan, "Contract amount (yuan)" */
        : g_strdup_printf (_("%s (yuan)"), headers[c]);
      worksheet_write_string (ws, 0, (lxw_col_t) c, header, bold);
      worksheet_set_column (ws, (lxw_col_t) c, (lxw_col_t) c,
                            f->type == JB_TYPE_LONG_TEXT ? 40 : f->type == JB_TYPE_TEXT ? 24 : 14,
                            NULL);
    }
  worksheet_freeze_panes (ws, 1, 0);

  gboolean ok = TRUE;
  for (guint i = 0; ok; i++)
    {
      g_autoptr (JbRecord) record = row_func (i, user_data);
      if (record == NULL)
        break;
      lxw_row_t r = (lxw_row_t) i + 1;
      for (guint c = 0; c < n_fields; c++)
        {
          guint fi = fields[c];
          const JbField *f = &kind->fields[fi];
          if (!jb_record_is_set (record, fi))
            continue;
          switch (f->type)
            {
            case JB_TYPE_INT:
              worksheet_write_number (ws, r, (lxw_col_t) c,
                                      (double) jb_record_get_int (record, fi), NULL);
              break;
            case JB_TYPE_MONEY:
              {
                /* Exact decimal text first: no binary rounding on the way. */
                g_autofree char *dec = jb_money_to_decimal (jb_record_get_int (record, fi), unit);
                worksheet_write_number (ws, r, (lxw_col_t) c, g_ascii_strtod (dec, NULL), money);
              }
              break;
            case JB_TYPE_DATE:
              {
                lxw_datetime dt;
                jb_xlsx_date (jb_record_get_text (record, fi), &dt);
                worksheet_write_datetime (ws, r, (lxw_col_t) c, &dt, date);
              }
              break;
            default:
              {
                g_autofree char *text = jb_record_format_field (record, fi);
                worksheet_write_string (ws, r, (lxw_col_t) c, text, NULL);
              }
              break;
            }
        }
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }
  return jb_xlsx_end (wb, file, g_steal_pointer (&tmp), ok, error);
}

/* ---- the rows an import refused -------------------------------------------- */

static gint
by_row (gconstpointer a, gconstpointer b)
{
  const JbIntakeProblem *pa = *(JbIntakeProblem * const *) a;
  const JbIntakeProblem *pb = *(JbIntakeProblem * const *) b;
  return pa->row < pb->row ? -1 : pa->row > pb->row ? 1 : pa->column - pb->column;
}

gboolean
jb_intake_write_rejected (JbIntake *intake, GPtrArray *problems, GFile *file, GError **error)
{
  g_autofree char *tmp = NULL;
  lxw_workbook *wb = jb_xlsx_begin (file, &tmp, error);
  if (wb == NULL)
    return FALSE;
  g_autofree char *sheet = jb_xlsx_sheet_name (_("Rejected rows"));
  lxw_worksheet *ws = workbook_add_worksheet (wb, sheet);
  lxw_format *bold = workbook_add_format (wb);
  format_set_bold (bold);
  lxw_format *wrap = workbook_add_format (wb);
  format_set_text_wrap (wrap);
  format_set_font_color (wrap, LXW_COLOR_RED);

  const char *titles[] = { _("Row"), _("Column"), _("Reason") };
  for (guint c = 0; c < 3; c++)
    worksheet_write_string (ws, 0, (lxw_col_t) c, titles[c], bold);
  worksheet_set_column (ws, 0, 0, 6, NULL);
  worksheet_set_column (ws, 1, 1, 18, NULL);
  worksheet_set_column (ws, 2, 2, 48, NULL);
  for (guint c = 0; c < intake->columns->len; c++)
    worksheet_write_string (ws, 0, (lxw_col_t) c + 3,
                            g_array_index (intake->columns, JbIntakeColumn, c).header, bold);
  worksheet_freeze_panes (ws, 1, 3);

  /* A line per refused row: its problems, then the row as it was sent. */
  /* Not g_ptr_array_copy(): it would free the problems with the copy. */
  g_autoptr (GPtrArray) sorted = g_ptr_array_sized_new (problems->len);
  g_ptr_array_extend (sorted, problems, NULL, NULL);
  g_ptr_array_sort (sorted, by_row);
  lxw_row_t r = 0;
  for (guint i = 0; i < sorted->len;)
    {
      guint row = ((JbIntakeProblem *) g_ptr_array_index (sorted, i))->row;
      g_autoptr (GString) columns = g_string_new (NULL);
      g_autoptr (GString) reasons = g_string_new (NULL);
      gboolean error_row = FALSE;
      for (; i < sorted->len && ((JbIntakeProblem *) g_ptr_array_index (sorted, i))->row == row;
           i++)
        {
          JbIntakeProblem *p = g_ptr_array_index (sorted, i);
          if (p->warning)
            continue;
          error_row = TRUE;
          if (*p->column_name && !strstr (columns->str, p->column_name))
            g_string_append_printf (columns, "%s%s", columns->len ? "\n" : "", p->column_name);
          g_string_append_printf (reasons, "%s%s%s%s", reasons->len ? "\n" : "",
                                  p->column_name, *p->column_name ? ": " : "", p->message);
        }
      GStrv values = g_hash_table_lookup (intake->rejected, GUINT_TO_POINTER (row));
      if (!error_row)
        continue;
      r++;
      worksheet_write_number (ws, r, 0, row, NULL);
      worksheet_write_string (ws, r, 1, columns->str, wrap);
      worksheet_write_string (ws, r, 2, reasons->str, wrap);
      for (guint c = 0; values && values[c]; c++)
        if (*values[c])
          worksheet_write_string (ws, r, (lxw_col_t) c + 3, values[c], NULL);
    }
  return jb_xlsx_end (wb, file, g_steal_pointer (&tmp), TRUE, error);
}

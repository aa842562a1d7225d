/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sheet.c: recognising a workbook by its content, and what its readers
 * share (see jb-sheet.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "jb-sheet-private.h"

G_DEFINE_QUARK (jb-sheet-error-quark, jb_sheet_error)

JbSheetLimits jb_sheet_limits = {
  JB_SHEET_MAX_MEMBER, JB_SHEET_MAX_INFLATED, JB_SHEET_MAX_ROWS, JB_SHEET_MAX_COLUMNS,
  JB_SHEET_MAX_XLS_CELLS,
};

static const guchar ole2_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

gboolean
jb_sheet_fail (JbWorkbook *wb, GError **error, JbSheetError code, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, JB_SHEET_ERROR, code, _("%s: %s"), wb->name, what);
  return FALSE;
}

gboolean
jb_sheet_fail_columns (JbWorkbook *wb, guint row, GError **error)
{
  return jb_sheet_fail (wb, error, JB_SHEET_ERROR_TOO_LARGE,
                        _("Row %u has values past column %u, more than Jiebang imports."),
                        row + 1, jb_sheet_limits.columns);
}

static gboolean
read_magic (GFile *file, guchar magic[8], gsize *got, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInputStream) in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return FALSE;
  return g_input_stream_read_all (G_INPUT_STREAM (in), magic, 8, got, cancellable, error);
}

gboolean
jb_sheet_sniff (GFile *file, JbSheetFormat *format, GCancellable *cancellable, GError **error)
{
  guchar magic[8] = { 0 };
  gsize got = 0;
  if (!read_magic (file, magic, &got, cancellable, error))
    return FALSE;
  if (got >= 4 && memcmp (magic, "PK\x03\x04", 4) == 0)
    *format = JB_SHEET_FORMAT_XLSX;  /* or .ods: the container tells (open) */
  else if (got == 8 && memcmp (magic, ole2_magic, 8) == 0)
    *format = JB_SHEET_FORMAT_XLS;
  else
    *format = JB_SHEET_FORMAT_CSV;
  return TRUE;
}

/* The member at "a/b/c" of a zip, or NULL. */
static GsfInput *
zip_member (GsfInfile *zip, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  GsfInput *node = g_object_ref (GSF_INPUT (zip));
  for (guint i = 0; parts[i] && node; i++)
    {
      GsfInput *child = GSF_IS_INFILE (node)
                        ? gsf_infile_child_by_name (GSF_INFILE (node), parts[i]) : NULL;
      g_object_unref (node);
      node = child;
    }
  return node;
}

static gboolean
open_zip (JbWorkbook *wb, GsfInput *input, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  wb->container = gsf_infile_zip_new (input, &local);
  if (wb->container == NULL)
    return jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                          _("The file is a damaged zip archive: %s"),
                          local ? local->message : "?");
  g_autoptr (GsfInput) workbook = zip_member (wb->container, "xl/workbook.xml");
  if (workbook)
    {
      wb->format = JB_SHEET_FORMAT_XLSX;
      return jb_sheet_xlsx_open (wb, cancellable, error);
    }
  g_autoptr (GsfInput) content = zip_member (wb->container, "content.xml");
  g_autoptr (GsfInput) mimetype = zip_member (wb->container, "mimetype");
  if (content && mimetype)
    {
      char type[64] = { 0 };
      gsize n = MIN ((gsize) gsf_input_size (mimetype), sizeof type - 1);
      if (gsf_input_read (mimetype, n, (guint8 *) type) &&
          g_str_has_prefix (type, "application/vnd.oasis.opendocument.spreadsheet"))
        {
          wb->format = JB_SHEET_FORMAT_ODS;
          return jb_sheet_ods_open (wb, cancellable, error);
        }
    }
  return jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                        _("The file is a zip archive but neither an .xlsx nor an .ods "
                          "workbook."));
}

static gboolean
open_ole2 (JbWorkbook *wb, GsfInput *input, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GsfInfile) ole = gsf_infile_msole_new (input, &local);
  if (ole == NULL)
    return jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                          _("The file is a damaged Office file: %s"),
                          local ? local->message : "?");
  /* Office keeps a password-protected .xlsx inside a compound file. */
  g_autoptr (GsfInput) encrypted = gsf_infile_child_by_name (ole, "EncryptedPackage");
  if (encrypted)
    return jb_sheet_fail (wb, error, JB_SHEET_ERROR_ENCRYPTED,
                          _("The workbook is protected with a password. Save it without "
                            "the password, then import it again."));
  wb->format = JB_SHEET_FORMAT_XLS;
  return jb_sheet_xls_open (wb, ole, cancellable, error);
}

/* libgsf warns on stderr about each damaged member it meets; a hostile file
 * is the normal case here, and the error the user sees says it already.
 * (Logging from a log handler would abort the program: nothing here.) */
static void
quiet (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
}

JbWorkbook *
jb_workbook_open (GFile *file, GCancellable *cancellable, GError **error)
{
  static gsize quieted;
  if (g_once_init_enter (&quieted))
    {
      static const char *domains[] = { "libgsf", "libgsf:zip", "libgsf:msole",
                                       "libgsf:open_pkg" };
      for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
        g_log_set_handler (domains[i], G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE, quiet, NULL);
      g_once_init_leave (&quieted, 1);
    }

  g_autoptr (JbWorkbook) wb = g_new0 (JbWorkbook, 1);
  wb->name = g_file_get_parse_name (file);
  wb->path = g_file_get_path (file);
  wb->sheet_names = g_ptr_array_new_with_free_func (g_free);
  wb->merges = g_array_new (FALSE, FALSE, sizeof (JbSheetRange));

  JbSheetFormat format;
  if (!jb_sheet_sniff (file, &format, cancellable, error))
    {
      g_prefix_error (error, "%s: ", wb->name);
      return NULL;
    }
  if (wb->path == NULL)
    {
      jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID, _("Only local files can be imported."));
      return NULL;
    }
  wb->format = format;
  gboolean ok;
  if (format == JB_SHEET_FORMAT_CSV)
    ok = jb_sheet_csv_open (wb, cancellable, error);
  else
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (GsfInput) input = gsf_input_stdio_new (wb->path, &local);
      if (input == NULL)
        ok = jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID, "%s", local->message);
      else if (format == JB_SHEET_FORMAT_XLS)
        ok = open_ole2 (wb, input, cancellable, error);
      else
        ok = open_zip (wb, input, cancellable, error);
    }
  if (ok && wb->sheet_names->len == 0)
    ok = jb_sheet_fail (wb, error, JB_SHEET_ERROR_NO_SHEET, _("The workbook has no sheet."));
  return ok ? g_steal_pointer (&wb) : NULL;
}

void
jb_workbook_free (JbWorkbook *wb)
{
  if (wb == NULL)
    return;
  if (wb->free_data && wb->data)
    wb->free_data (wb->data);
  g_clear_object (&wb->container);
  g_ptr_array_unref (wb->sheet_names);
  g_array_unref (wb->merges);
  g_free (wb->name);
  g_free (wb->path);
  g_free (wb);
}

JbSheetFormat
jb_workbook_get_format (JbWorkbook *wb)
{
  return wb->format;
}

const char *
jb_workbook_get_name (JbWorkbook *wb)
{
  return wb->name;
}

guint
jb_workbook_get_n_sheets (JbWorkbook *wb)
{
  return wb->sheet_names->len;
}

const char *
jb_workbook_get_sheet_name (JbWorkbook *wb, guint sheet)
{
  return sheet < wb->sheet_names->len ? g_ptr_array_index (wb->sheet_names, sheet) : NULL;
}

gboolean
jb_workbook_read_sheet (JbWorkbook *wb, guint sheet, JbSheetRowFunc func, gpointer user_data,
                        GCancellable *cancellable, GError **error)
{
  if (sheet >= wb->sheet_names->len)
    return jb_sheet_fail (wb, error, JB_SHEET_ERROR_NO_SHEET, _("The workbook has no sheet %u."),
                          sheet + 1);
  g_array_set_size (wb->merges, 0);
  wb->progress = 0;
  return wb->read (wb, sheet, func, user_data, cancellable, error);
}

double
jb_workbook_get_progress (JbWorkbook *wb)
{
  return wb->progress;
}

GArray *
jb_workbook_get_merges (JbWorkbook *wb)
{
  return wb->merges;
}

char *
jb_sheet_column_name (guint column)
{
  char buf[8];
  int i = (int) sizeof buf - 1;
  buf[i] = '\0';
  guint n = column + 1;
  while (n > 0 && i > 0)
    {
      buf[--i] = (char) ('A' + (n - 1) % 26);
      n = (n - 1) / 26;
    }
  return g_strdup (buf + i);
}

gboolean
jb_sheet_parse_ref (const char *ref, guint *col, guint *row)
{
  guint64 c = 0, r = 0;
  const char *p = ref;
  for (; g_ascii_isalpha (*p) && p - ref < 4; p++)
    c = c * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
  if (c == 0 || !g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p) && r < G_MAXUINT; p++)
    r = r * 10 + (guint64) (*p - '0');
  if (*p != '\0' || r == 0 || r > G_MAXUINT)
    return FALSE;
  *col = (guint) (c - 1);
  *row = (guint) (r - 1);
  return TRUE;
}

char *
jb_sheet_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  /* %.15g is what a spreadsheet shows: 0.1 + 0.2 reads as 0.3 there too. */
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  return g_strdup (buf);
}

/* ---- rows ---------------------------------------------------------------- */

static void
clear_cell (gpointer p)
{
  JbCell *cell = p;
  g_clear_pointer (&cell->text, g_free);
}

void
jb_row_builder_init (JbRowBuilder *b)
{
  b->cells = g_array_new (FALSE, TRUE, sizeof (JbCell));
  g_array_set_clear_func (b->cells, clear_cell);
  b->n = 0;
}

void
jb_row_builder_clear (JbRowBuilder *b)
{
  g_clear_pointer (&b->cells, g_array_unref);
}

void
jb_row_builder_reset (JbRowBuilder *b)
{
  for (guint i = 0; i < b->n; i++)
    {
      JbCell *cell = &g_array_index (b->cells, JbCell, i);
      g_clear_pointer (&cell->text, g_free);
      cell->type = JB_CELL_EMPTY;
    }
  b->n = 0;
}

static gboolean
is_blank (gunichar c)
{
  /* Spaces of every width (the ideographic one included), and the invisible
   * characters copied from web pages. */
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF;
}

/* Trims white space, Chinese included, in place. */
static void
trim (char *text)
{
  char *start = text;
  while (*start && is_blank (g_utf8_get_char_validated (start, -1)))
    start = g_utf8_next_char (start);
  char *end = start + strlen (start);
  while (end > start)
    {
      char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !is_blank (g_utf8_get_char_validated (prev, end - prev)))
        break;
      end = prev;
    }
  *end = '\0';
  if (start != text)
    memmove (text, start, (gsize) (end - start) + 1);
}

gboolean
jb_row_builder_set (JbRowBuilder *b, guint col, JbCellType type, char *text)
{
  g_autofree char *owned = text;
  if (owned == NULL || type == JB_CELL_EMPTY)
    return TRUE;
  trim (owned);
  if (*owned == '\0')
    return TRUE;
  if (col >= jb_sheet_limits.columns)
    return FALSE;
  if (col >= b->cells->len)
    g_array_set_size (b->cells, col + 1);
  JbCell *cell = &g_array_index (b->cells, JbCell, col);
  g_free (cell->text);
  cell->text = g_steal_pointer (&owned);
  cell->type = type;
  b->n = MAX (b->n, col + 1);
  return TRUE;
}

gboolean
jb_row_builder_emit (JbRowBuilder *b, JbWorkbook *wb, guint row, JbSheetRowFunc func,
                     gpointer user_data, gboolean *stop, GError **error)
{
  if (b->n == 0)
    return TRUE;
  if (row >= jb_sheet_limits.rows)
    return jb_sheet_fail (wb, error, JB_SHEET_ERROR_TOO_LARGE,
                          _("The sheet has more than %u rows, more than Jiebang imports."),
                          jb_sheet_limits.rows);
  /* Empty cells read as "": callers need not test for NULL. */
  static char empty[] = "";
  for (guint i = 0; i < b->n; i++)
    {
      JbCell *cell = &g_array_index (b->cells, JbCell, i);
      if (cell->text == NULL)
        cell->text = empty;
    }
  GError *local = NULL;
  gboolean go_on = func (row, (const JbCell *) b->cells->data, b->n, user_data, &local);
  for (guint i = 0; i < b->n; i++)
    {
      JbCell *cell = &g_array_index (b->cells, JbCell, i);
      if (cell->text == empty)
        cell->text = NULL;
    }
  jb_row_builder_reset (b);
  if (!go_on && local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (!go_on)
    *stop = TRUE;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sheet-xls.c: Excel 97–2003 workbooks (.xls, BIFF8; BIFF5 too, and WPS
 * .et files that are one), read with FreeXL.  FreeXL keeps a sheet's cells in
 * memory, rows × columns as the file declares them, so the workbook stream is
 * scanned first: declared dimensions past the limit, and encryption (FILEPASS),
 * are refused before FreeXL allocates anything. */
#include "config.h"

#include <freexl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-sheet-private.h"

enum { BIFF_FILEPASS = 0x002F, BIFF_DIMENSIONS = 0x0200, BIFF_BOF = 0x0809 };

static void
close_handle (gpointer handle)
{
  freexl_close (handle);
}

static gboolean
encrypted (JbWorkbook *wb, GError **error)
{
  return jb_sheet_fail (wb, error, JB_SHEET_ERROR_ENCRYPTED,
                        _("The workbook is protected with a password. Save it without the "
                          "password, then import it again."));
}

/* Walks the BIFF records of the workbook stream. */
static gboolean
scan_stream (JbWorkbook *wb, GsfInput *stream, GCancellable *cancellable, GError **error)
{
  guint64 cells = 0;
  guint8 header[4], data[16];
  guint n = 0;
  while (gsf_input_remaining (stream) >= 4)
    {
      if (gsf_input_read (stream, 4, header) == NULL)
        break;
      guint type = header[0] | header[1] << 8, len = header[2] | header[3] << 8;
      if (type == BIFF_FILEPASS)
        return encrypted (wb, error);
      if (type == BIFF_DIMENSIONS && (len == 14 || len == 10) &&
          gsf_input_remaining (stream) >= len)
        {
          if (gsf_input_read (stream, len, data) == NULL)
            break;
          guint64 rows = len == 14 ? (guint64) (data[4] | data[5] << 8 | data[6] << 16 |
                                                (guint) data[7] << 24)
                                   : (guint64) (data[2] | data[3] << 8);
          guint64 cols = len == 14 ? (guint64) (data[10] | data[11] << 8)
                                   : (guint64) (data[6] | data[7] << 8);
          cells += rows * cols;
          if (cells > jb_sheet_limits.xls_cells)
            return jb_sheet_fail (wb, error, JB_SHEET_ERROR_TOO_LARGE,
                                  _("The workbook declares more than %u cells, more than "
                                    "Jiebang imports from an .xls file."),
                                  jb_sheet_limits.xls_cells);
          continue;
        }
      if (gsf_input_seek (stream, len, G_SEEK_CUR))
        break;
      if (++n % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_sheet (JbWorkbook *wb, guint sheet, JbSheetRowFunc func, gpointer user_data,
            GCancellable *cancellable, GError **error)
{
  const void *handle = wb->data;
  unsigned int rows = 0;
  unsigned short cols = 0;
  if (freexl_select_active_worksheet (handle, (unsigned short) sheet) != FREEXL_OK ||
      freexl_worksheet_dimensions (handle, &rows, &cols) != FREEXL_OK)
    return jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                          _("The sheet cannot be read: the workbook is damaged."));
  JbRowBuilder b;
  jb_row_builder_init (&b);
  gboolean ok = TRUE, stop = FALSE;
  for (unsigned int r = 0; ok && !stop && r < rows; r++)
    {
      for (unsigned short c = 0; ok && c < cols; c++)
        {
          FreeXL_CellValue v;
          if (freexl_get_cell_value (handle, r, c, &v) != FREEXL_OK)
            continue;
          JbCellType type = JB_CELL_TEXT;
          char *text = NULL;
          switch (v.type)
            {
            case FREEXL_CELL_INT:
              type = JB_CELL_NUMBER;
              text = g_strdup_printf ("%d", v.value.int_value);
              break;
            case FREEXL_CELL_DOUBLE:
              type = JB_CELL_NUMBER;
              text = jb_sheet_format_number (v.value.double_value);
              break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
            case FREEXL_CELL_TIME:
              text = g_strdup (v.value.text_value);
              break;
            case FREEXL_CELL_DATE:
            case FREEXL_CELL_DATETIME:
              type = JB_CELL_DATE;
              text = g_strndup (v.value.text_value, 10);
              break;
            default:
              break;
            }
          if (text && !g_utf8_validate (text, -1, NULL))
            g_clear_pointer (&text, g_free);
          if (!jb_row_builder_set (&b, c, type, text))
            ok = jb_sheet_fail_columns (wb, r, error);
        }
      wb->progress = (double) r / rows;
      ok = ok && jb_row_builder_emit (&b, wb, r, func, user_data, &stop, error);
      if (ok && r % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }
  jb_row_builder_clear (&b);
  return ok;
}

gboolean
jb_sheet_xls_open (JbWorkbook *wb, GsfInfile *ole, GCancellable *cancellable, GError **error)
{
  g_autoptr (GsfInput) stream = gsf_infile_child_by_name (ole, "Workbook");
  if (stream == NULL)
    stream = gsf_infile_child_by_name (ole, "Book");
  if (stream == NULL)
    return jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                          _("The file is an Office file but not a workbook."));
  if (!scan_stream (wb, stream, cancellable, error))
    return FALSE;

  const void *handle = NULL;
  int rc = freexl_open (wb->path, &handle);
  if (rc != FREEXL_OK)
    {
      if (handle)
        freexl_close (handle);
      return jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                            _("The .xls workbook cannot be read: it is damaged or in a "
                              "format older than Excel 95 (FreeXL error %d)."), rc);
    }
  wb->data = (gpointer) handle;
  wb->free_data = close_handle;
  wb->read = read_sheet;

  unsigned int password = 0, n_sheets = 0;
  if (freexl_get_info (handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
      password == FREEXL_BIFF_OBFUSCATED)
    return encrypted (wb, error);
  freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &n_sheets);
  for (unsigned short i = 0; i < MIN (n_sheets, JB_SHEET_MAX_SHEETS); i++)
    {
      const char *name = NULL;
      freexl_get_worksheet_name (handle, i, &name);
      g_ptr_array_add (wb->sheet_names, g_strdup (name && g_utf8_validate (name, -1, NULL)
                                                  ? name : "?"));
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sheet-ods.c: OpenDocument spreadsheets (.ods): content.xml, streamed.
 * Repeated rows and columns are how OpenDocument writes blank space (a
 * trailing empty cell repeated 16 000 times is normal): empty ones only move
 * the position, filled ones are expanded up to the limits. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-sheet-private.h"

typedef struct {
  JbWorkbook *wb;
  JbSheetXml *x;
  JbRowBuilder row;
  GString *text;
} OdsRead;

static guint
attr_count (JbSheetXml *x, const char *name)
{
  g_autofree char *v = jb_sheet_xml_attr (x, name);
  guint64 n = v ? g_ascii_strtoull (v, NULL, 10) : 1;
  return n == 0 ? 1 : (guint) MIN (n, G_MAXUINT / 2);
}

/* The text of a cell: its paragraphs, one per line; notes left out. */
static gboolean
cell_text (OdsRead *s, GError **error)
{
  JbSheetXml *x = s->x;
  g_string_truncate (s->text, 0);
  if (xmlTextReaderIsEmptyElement (jb_sheet_xml_reader (x)))
    return TRUE;
  int depth = xmlTextReaderDepth (jb_sheet_xml_reader (x));
  gboolean first = TRUE;
  int rc;
  while ((rc = jb_sheet_xml_next (x, error)) == 1)
    {
      int type = xmlTextReaderNodeType (jb_sheet_xml_reader (x));
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (jb_sheet_xml_reader (x))
          == depth)
        return TRUE;
      if (jb_sheet_xml_is_element (x, "p"))
        {
          if (!first)
            g_string_append_c (s->text, '\n');
          first = FALSE;
          if (!jb_sheet_xml_text (x, s->text, "annotation", error))
            return FALSE;
        }
      else if (jb_sheet_xml_is_element (x, "annotation") &&
               !xmlTextReaderIsEmptyElement (jb_sheet_xml_reader (x)))
        {
          g_autoptr (GString) ignored = g_string_new (NULL);
          if (!jb_sheet_xml_text (x, ignored, NULL, error))
            return FALSE;
        }
    }
  return rc == 0 ? jb_sheet_fail (s->wb, error, JB_SHEET_ERROR_INVALID,
                                  _("The sheet ends too early: it is damaged.")) : FALSE;
}

static gboolean
read_cell (OdsRead *s, guint row, guint *col, GError **error)
{
  JbSheetXml *x = s->x;
  guint repeat = attr_count (x, "number-columns-repeated");
  guint span_cols = attr_count (x, "number-columns-spanned");
  guint span_rows = attr_count (x, "number-rows-spanned");
  g_autofree char *type = jb_sheet_xml_attr (x, "value-type");
  g_autofree char *value = jb_sheet_xml_attr (x, "value");
  g_autofree char *date = jb_sheet_xml_attr (x, "date-value");
  g_autofree char *boolean = jb_sheet_xml_attr (x, "boolean-value");
  gboolean covered = jb_sheet_xml_is_element (x, "covered-table-cell");

  if (!cell_text (s, error))
    return FALSE;
  JbCellType cell_type = JB_CELL_TEXT;
  const char *text = s->text->str;
  if (covered)
    text = "";
  else if (g_strcmp0 (type, "float") == 0 || g_strcmp0 (type, "currency") == 0 ||
           g_strcmp0 (type, "percentage") == 0)
    {
      cell_type = JB_CELL_NUMBER;
      text = value ? value : text;
    }
  else if (g_strcmp0 (type, "date") == 0 && date && strlen (date) >= 10)
    {
      cell_type = JB_CELL_DATE;
      date[10] = '\0';
      text = date;
    }
  else if (g_strcmp0 (type, "boolean") == 0)
    {
      cell_type = JB_CELL_BOOL;
      text = g_strcmp0 (boolean, "true") == 0 ? "TRUE" : "FALSE";
    }

  if ((span_cols > 1 || span_rows > 1) && s->wb->merges->len < 65536)
    {
      JbSheetRange range = { row, *col, row + span_rows - 1, *col + span_cols - 1 };
      g_array_append_val (s->wb->merges, range);
    }
  gboolean empty = *text == '\0';
  if (!empty && (guint64) *col + repeat > jb_sheet_limits.columns)
    return jb_sheet_fail_columns (s->wb, row, error);
  for (guint i = 0; !empty && i < repeat; i++)
    jb_row_builder_set (&s->row, *col + i, cell_type, g_strdup (text));
  *col = (guint) MIN ((guint64) *col + repeat, G_MAXUINT / 2);
  return TRUE;
}

/* Emits the row just read @repeat times (its cells are in s->row). */
static gboolean
emit_row (OdsRead *s, guint row, guint repeat, JbSheetRowFunc func, gpointer user_data,
          gboolean *stop, GError **error)
{
  if (s->row.n == 0 || repeat == 1)
    return jb_row_builder_emit (&s->row, s->wb, row, func, user_data, stop, error);
  if ((guint64) row + repeat > jb_sheet_limits.rows)
    return jb_sheet_fail (s->wb, error, JB_SHEET_ERROR_TOO_LARGE,
                          _("The sheet has more than %u rows, more than Jiebang imports."),
                          jb_sheet_limits.rows);
  guint n = s->row.n;
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) types = g_array_new (FALSE, FALSE, sizeof (JbCellType));
  for (guint c = 0; c < n; c++)
    {
      JbCell *cell = &g_array_index (s->row.cells, JbCell, c);
      g_ptr_array_add (texts, g_strdup (cell->text));
      g_array_append_val (types, cell->type);
    }
  for (guint i = 0; i < repeat && !*stop; i++)
    {
      for (guint c = 0; i > 0 && c < n; c++)
        jb_row_builder_set (&s->row, c, g_array_index (types, JbCellType, c),
                            g_strdup (g_ptr_array_index (texts, c)));
      if (!jb_row_builder_emit (&s->row, s->wb, row + i, func, user_data, stop, error))
        return FALSE;
    }
  return TRUE;
}

/* Moves to the start of the @sheet-th table (from 0); 0 if there is none. */
static int
find_table (JbSheetXml *x, guint sheet, GError **error)
{
  guint n = 0;
  int rc = jb_sheet_xml_next (x, error);
  while (rc == 1)
    if (jb_sheet_xml_is_element (x, "table"))
      {
        if (n++ == sheet)
          return 1;
        rc = jb_sheet_xml_skip (x, error);
      }
    else
      rc = jb_sheet_xml_next (x, error);
  return rc;
}

static gboolean
read_sheet (JbWorkbook *wb, guint sheet, JbSheetRowFunc func, gpointer user_data,
            GCancellable *cancellable, GError **error)
{
  OdsRead s = { wb, NULL, { 0 }, NULL };
  s.x = jb_sheet_xml_open (wb, "content.xml", TRUE, cancellable, error);
  if (s.x == NULL)
    return FALSE;
  jb_sheet_xml_track_progress (s.x);
  int rc = find_table (s.x, sheet, error);
  if (rc != 1)
    {
      jb_sheet_xml_free (s.x);
      return rc == 0 ? jb_sheet_fail (wb, error, JB_SHEET_ERROR_NO_SHEET,
                                      _("The workbook has no sheet %u."), sheet + 1) : FALSE;
    }
  s.text = g_string_new (NULL);
  jb_row_builder_init (&s.row);
  int depth = xmlTextReaderDepth (jb_sheet_xml_reader (s.x));
  guint row = 0, col = 0, repeat = 1;
  gboolean stop = FALSE, ok = TRUE;
  while (ok && !stop && (rc = jb_sheet_xml_next (s.x, error)) == 1)
    {
      xmlTextReaderPtr r = jb_sheet_xml_reader (s.x);
      if (jb_sheet_xml_is_end (s.x, "table") && xmlTextReaderDepth (r) == depth)
        break;
      if (jb_sheet_xml_is_element (s.x, "table-row"))
        {
          col = 0;
          repeat = attr_count (s.x, "number-rows-repeated");
          if (xmlTextReaderIsEmptyElement (r))
            row = (guint) MIN ((guint64) row + repeat, G_MAXUINT / 2);
        }
      else if (jb_sheet_xml_is_element (s.x, "table-cell") ||
               jb_sheet_xml_is_element (s.x, "covered-table-cell"))
        ok = read_cell (&s, row, &col, error);
      else if (jb_sheet_xml_is_end (s.x, "table-row"))
        {
          ok = emit_row (&s, row, repeat, func, user_data, &stop, error);
          row = (guint) MIN ((guint64) row + repeat, G_MAXUINT / 2);
        }
      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }
  if (ok && !stop && rc < 0)
    ok = FALSE;
  else if (ok && !stop && rc == 0)
    ok = jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                        _("The sheet ends too early: it is damaged."));
  jb_sheet_xml_free (s.x);
  jb_row_builder_clear (&s.row);
  g_string_free (s.text, TRUE);
  return ok;
}

static gboolean
check_encryption (JbWorkbook *wb, GCancellable *cancellable, GError **error)
{
  JbSheetXml *x = jb_sheet_xml_open (wb, "META-INF/manifest.xml", FALSE, cancellable, error);
  if (x == NULL)
    return error == NULL || *error == NULL;
  gboolean encrypted = FALSE;
  int rc;
  while (!encrypted && (rc = jb_sheet_xml_next (x, error)) == 1)
    encrypted = jb_sheet_xml_is_element (x, "encryption-data");
  jb_sheet_xml_free (x);
  if (encrypted)
    return jb_sheet_fail (wb, error, JB_SHEET_ERROR_ENCRYPTED,
                          _("The workbook is protected with a password. Save it without "
                            "the password, then import it again."));
  return rc == 0;
}

static gboolean
list_sheets (JbWorkbook *wb, GCancellable *cancellable, GError **error)
{
  JbSheetXml *x = jb_sheet_xml_open (wb, "content.xml", TRUE, cancellable, error);
  if (x == NULL)
    return FALSE;
  int rc = jb_sheet_xml_next (x, error);
  while (rc == 1)
    if (jb_sheet_xml_is_element (x, "table"))
      {
        if (wb->sheet_names->len >= JB_SHEET_MAX_SHEETS)
          {
            jb_sheet_xml_free (x);
            return jb_sheet_fail (wb, error, JB_SHEET_ERROR_TOO_LARGE,
                                  _("The workbook has more than %u sheets."),
                                  JB_SHEET_MAX_SHEETS);
          }
        char *name = jb_sheet_xml_attr (x, "name");
        g_ptr_array_add (wb->sheet_names, name ? name : g_strdup ("?"));
        /* Skip the table's content: parsed, not returned. */
        rc = jb_sheet_xml_skip (x, error);
      }
    else
      rc = jb_sheet_xml_next (x, error);
  jb_sheet_xml_free (x);
  return rc == 0;
}

gboolean
jb_sheet_ods_open (JbWorkbook *wb, GCancellable *cancellable, GError **error)
{
  wb->read = read_sheet;
  return check_encryption (wb, cancellable, error) && list_sheets (wb, cancellable, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sheet-xlsx.c: Office Open XML workbooks (.xlsx, and WPS .et files that
 * are one).  The parts read: xl/workbook.xml (sheet names, the 1904 date
 * system), its relationships (where each sheet is), xl/styles.xml (which
 * cell styles are dates), xl/sharedStrings.xml (kept in memory: the member
 * limit bounds it) and the sheet itself, streamed. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-sheet-private.h"

typedef struct {
  GPtrArray *targets;   /* per sheet: the member's path */
  GArray *date_styles;  /* per cellXfs index: gboolean */
  GPtrArray *strings;   /* shared strings, loaded on the first read */
} Xlsx;

static void
xlsx_free (gpointer data)
{
  Xlsx *x = data;
  g_ptr_array_unref (x->targets);
  g_array_unref (x->date_styles);
  g_clear_pointer (&x->strings, g_ptr_array_unref);
  g_free (x);
}

/* Whether a number format shows a date: the built-in ones (Chinese locales
 * included), or a custom code with a year or a day outside quotes, escapes
 * and [brackets]. */
static gboolean
is_date_format (guint id, const char *code)
{
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return TRUE;
  if (code == NULL)
    return FALSE;
  gboolean quoted = FALSE, bracket = FALSE;
  for (const char *p = code; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\\' && p[1])
        p++;
      else if (*p == '[')
        bracket = TRUE;
      else if (*p == ']')
        bracket = FALSE;
      else if (!bracket && strchr ("yYdDeE", *p))
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_workbook (JbWorkbook *wb, GHashTable *sheet_ids, GCancellable *cancellable,
               GError **error)
{
  JbSheetXml *x = jb_sheet_xml_open (wb, "xl/workbook.xml", TRUE, cancellable, error);
  if (x == NULL)
    return FALSE;
  int rc;
  while ((rc = jb_sheet_xml_next (x, error)) == 1)
    if (jb_sheet_xml_is_element (x, "workbookPr"))
      {
        g_autofree char *d = jb_sheet_xml_attr (x, "date1904");
        wb->date1904 = d && (strcmp (d, "1") == 0 || strcmp (d, "true") == 0);
      }
    else if (jb_sheet_xml_is_element (x, "sheet"))
      {
        if (wb->sheet_names->len >= JB_SHEET_MAX_SHEETS)
          {
            jb_sheet_xml_free (x);
            return jb_sheet_fail (wb, error, JB_SHEET_ERROR_TOO_LARGE,
                                  _("The workbook has more than %u sheets."),
                                  JB_SHEET_MAX_SHEETS);
          }
        char *name = jb_sheet_xml_attr (x, "name");
        char *rid = jb_sheet_xml_attr (x, "id");
        g_ptr_array_add (wb->sheet_names, name ? name : g_strdup ("?"));
        g_hash_table_insert (sheet_ids, GUINT_TO_POINTER (wb->sheet_names->len),
                             rid ? rid : g_strdup (""));
      }
  jb_sheet_xml_free (x);
  return rc == 0;
}

static gboolean
read_relationships (JbWorkbook *wb, Xlsx *xlsx, GHashTable *sheet_ids,
                    GCancellable *cancellable, GError **error)
{
  JbSheetXml *x = jb_sheet_xml_open (wb, "xl/_rels/workbook.xml.rels", TRUE, cancellable,
                                     error);
  if (x == NULL)
    return FALSE;
  g_autoptr (GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  int rc;
  while ((rc = jb_sheet_xml_next (x, error)) == 1)
    if (jb_sheet_xml_is_element (x, "Relationship"))
      {
        char *id = jb_sheet_xml_attr (x, "Id");
        char *target = jb_sheet_xml_attr (x, "Target");
        if (id && target)
          g_hash_table_replace (targets, id, target);
        else
          {
            g_free (id);
            g_free (target);
          }
      }
  jb_sheet_xml_free (x);
  if (rc != 0)
    return FALSE;
  for (guint i = 0; i < wb->sheet_names->len; i++)
    {
      const char *rid = g_hash_table_lookup (sheet_ids, GUINT_TO_POINTER (i + 1));
      const char *target = rid ? g_hash_table_lookup (targets, rid) : NULL;
      if (target == NULL)
        return jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                              _("The workbook does not say where its sheet “%s” is: it is "
                                "damaged."), (const char *) g_ptr_array_index (wb->sheet_names, i));
      /* Relative to xl/, or absolute within the zip. */
      g_ptr_array_add (xlsx->targets, target[0] == '/' ? g_strdup (target + 1)
                                                       : g_strconcat ("xl/", target, NULL));
    }
  return TRUE;
}

static gboolean
read_styles (JbWorkbook *wb, Xlsx *xlsx, GCancellable *cancellable, GError **error)
{
  JbSheetXml *x = jb_sheet_xml_open (wb, "xl/styles.xml", FALSE, cancellable, error);
  if (x == NULL)
    return error == NULL || *error == NULL;
  g_autoptr (GHashTable) formats = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gboolean in_xfs = FALSE;
  int rc;
  while ((rc = jb_sheet_xml_next (x, error)) == 1)
    if (jb_sheet_xml_is_element (x, "numFmt"))
      {
        g_autofree char *id = jb_sheet_xml_attr (x, "numFmtId");
        char *code = jb_sheet_xml_attr (x, "formatCode");
        if (id)
          g_hash_table_replace (formats, GUINT_TO_POINTER (atoi (id)), code);
        else
          g_free (code);
      }
    else if (jb_sheet_xml_is_element (x, "cellXfs"))
      in_xfs = !xmlTextReaderIsEmptyElement (jb_sheet_xml_reader (x));
    else if (jb_sheet_xml_is_end (x, "cellXfs"))
      in_xfs = FALSE;
    else if (in_xfs && jb_sheet_xml_is_element (x, "xf"))
      {
        g_autofree char *id = jb_sheet_xml_attr (x, "numFmtId");
        guint n = id ? (guint) atoi (id) : 0;
        gboolean date = is_date_format (n, g_hash_table_lookup (formats, GUINT_TO_POINTER (n)));
        if (xlsx->date_styles->len < 65536)
          g_array_append_val (xlsx->date_styles, date);
      }
  jb_sheet_xml_free (x);
  return rc == 0;
}

static gboolean
read_shared_strings (JbWorkbook *wb, Xlsx *xlsx, GCancellable *cancellable, GError **error)
{
  xlsx->strings = g_ptr_array_new_with_free_func (g_free);
  JbSheetXml *x = jb_sheet_xml_open (wb, "xl/sharedStrings.xml", FALSE, cancellable, error);
  if (x == NULL)
    return error == NULL || *error == NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  int rc;
  while ((rc = jb_sheet_xml_next (x, error)) == 1)
    if (jb_sheet_xml_is_element (x, "si"))
      {
        g_string_truncate (text, 0);
        /* Rich text runs join; phonetic guides (rPh) are not the text. */
        if (!jb_sheet_xml_text (x, text, "rPh", error))
          {
            rc = -1;
            break;
          }
        g_ptr_array_add (xlsx->strings, g_strndup (text->str, text->len));
      }
  jb_sheet_xml_free (x);
  if (rc != 0)
    g_clear_pointer (&xlsx->strings, g_ptr_array_unref);
  return rc == 0;
}

typedef struct {
  JbWorkbook *wb;
  Xlsx *xlsx;
  JbSheetXml *x;
  JbRowBuilder row;
  GString *text;
} SheetRead;

/* Reads <c> into the row; *@next_col is the column of a cell without r. */
static gboolean
read_cell (SheetRead *s, guint row, guint *next_col, GError **error)
{
  JbSheetXml *x = s->x;
  /* One pass over the attributes: a sheet has a million of them. */
  g_autofree char *ref = NULL, *type = NULL, *style = NULL;
  xmlTextReaderPtr reader = jb_sheet_xml_reader (x);
  while (xmlTextReaderMoveToNextAttribute (reader) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      char **slot = strcmp (name, "r") == 0 ? &ref : strcmp (name, "t") == 0 ? &type
                    : strcmp (name, "s") == 0 ? &style : NULL;
      if (slot && *slot == NULL)
        *slot = g_strdup ((const char *) xmlTextReaderConstValue (reader));
    }
  xmlTextReaderMoveToElement (reader);
  guint col = *next_col, r;
  if (ref && !jb_sheet_parse_ref (ref, &col, &r))
    return jb_sheet_fail (s->wb, error, JB_SHEET_ERROR_INVALID,
                          _("“%s” is not a cell: the sheet is damaged."), ref);
  *next_col = col + 1;

  /* The value: <v> (the cached result of a formula too) or <is> inline. */
  g_string_truncate (s->text, 0);
  gboolean have = FALSE;
  if (!xmlTextReaderIsEmptyElement (jb_sheet_xml_reader (x)))
    {
      int rc;
      while ((rc = jb_sheet_xml_next (x, error)) == 1 && !jb_sheet_xml_is_end (x, "c"))
        if (jb_sheet_xml_is_element (x, "v") || jb_sheet_xml_is_element (x, "is"))
          {
            if (!jb_sheet_xml_text (x, s->text, "rPh", error))
              return FALSE;
            have = TRUE;
          }
      if (rc != 1)
        return rc == 0 ? jb_sheet_fail (s->wb, error, JB_SHEET_ERROR_INVALID,
                                        _("The sheet ends too early: it is damaged."))
                       : FALSE;
    }
  if (!have)
    return TRUE;

  JbCellType cell_type = JB_CELL_NUMBER;
  char *value = NULL;
  if (g_strcmp0 (type, "s") == 0)
    {
      guint64 i = g_ascii_strtoull (s->text->str, NULL, 10);
      if (i >= s->xlsx->strings->len)
        return jb_sheet_fail (s->wb, error, JB_SHEET_ERROR_INVALID,
                              _("Cell %s refers to a text the workbook does not have: it is "
                                "damaged."), ref ? ref : "?");
      cell_type = JB_CELL_TEXT;
      value = g_strdup (g_ptr_array_index (s->xlsx->strings, i));
    }
  else if (g_strcmp0 (type, "inlineStr") == 0 || g_strcmp0 (type, "str") == 0)
    {
      cell_type = JB_CELL_TEXT;
      value = g_strndup (s->text->str, s->text->len);
    }
  else if (g_strcmp0 (type, "b") == 0)
    {
      cell_type = JB_CELL_BOOL;
      value = g_strdup (strcmp (s->text->str, "0") == 0 ? "FALSE" : "TRUE");
    }
  else if (g_strcmp0 (type, "e") == 0)
    return TRUE;  /* #N/A and friends: no value */
  else if (g_strcmp0 (type, "d") == 0)
    {
      cell_type = JB_CELL_DATE;
      value = g_strndup (s->text->str, MIN (s->text->len, 10));
    }
  else
    {
      guint st = style ? (guint) atoi (style) : 0;
      gboolean date = st < s->xlsx->date_styles->len &&
                      g_array_index (s->xlsx->date_styles, gboolean, st);
      char *end = NULL;
      double number = g_ascii_strtod (s->text->str, &end);
      char *iso = date && end && *end == '\0' ? jb_date_from_serial (number, s->wb->date1904)
                                              : NULL;
      if (iso)
        {
          cell_type = JB_CELL_DATE;
          value = iso;
        }
      else
        value = g_strndup (s->text->str, s->text->len);
    }
  if (!jb_row_builder_set (&s->row, col, cell_type, value))
    return jb_sheet_fail_columns (s->wb, row, error);
  return TRUE;
}

static void
add_merge (JbWorkbook *wb, const char *ref)
{
  g_auto (GStrv) ends = g_strsplit (ref ? ref : "", ":", 2);
  JbSheetRange range;
  if (ends[0] && ends[1] && jb_sheet_parse_ref (ends[0], &range.first_col, &range.first_row) &&
      jb_sheet_parse_ref (ends[1], &range.last_col, &range.last_row) && wb->merges->len < 65536)
    g_array_append_val (wb->merges, range);
}

static gboolean
read_sheet (JbWorkbook *wb, guint sheet, JbSheetRowFunc func, gpointer user_data,
            GCancellable *cancellable, GError **error)
{
  Xlsx *xlsx = wb->data;
  if (xlsx->strings == NULL && !read_shared_strings (wb, xlsx, cancellable, error))
    return FALSE;
  SheetRead s = { wb, xlsx, NULL, { 0 }, g_string_new (NULL) };
  s.x = jb_sheet_xml_open (wb, g_ptr_array_index (xlsx->targets, sheet), TRUE, cancellable,
                           error);
  if (s.x == NULL)
    {
      g_string_free (s.text, TRUE);
      return FALSE;
    }
  jb_sheet_xml_track_progress (s.x);
  jb_row_builder_init (&s.row);
  guint row = 0, next_row = 0, next_col = 0;
  gboolean stop = FALSE, ok = TRUE;
  int rc = 1;
  while (ok && !stop && (rc = jb_sheet_xml_next (s.x, error)) == 1)
    {
      if (jb_sheet_xml_is_element (s.x, "row"))
        {
          g_autofree char *r = jb_sheet_xml_attr (s.x, "r");
          guint64 n = r ? g_ascii_strtoull (r, NULL, 10) : 0;
          row = n > 0 && n <= G_MAXUINT ? (guint) (n - 1) : next_row;
          next_row = row + 1;
          next_col = 0;
          if (xmlTextReaderIsEmptyElement (jb_sheet_xml_reader (s.x)))
            continue;
        }
      else if (jb_sheet_xml_is_element (s.x, "c"))
        ok = read_cell (&s, row, &next_col, error);
      else if (jb_sheet_xml_is_end (s.x, "row"))
        ok = jb_row_builder_emit (&s.row, wb, row, func, user_data, &stop, error);
      else if (jb_sheet_xml_is_element (s.x, "mergeCell"))
        {
          g_autofree char *ref = jb_sheet_xml_attr (s.x, "ref");
          add_merge (wb, ref);
        }
      if (ok && next_row % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }
  if (ok && !stop && rc != 0)
    ok = FALSE;
  jb_sheet_xml_free (s.x);
  jb_row_builder_clear (&s.row);
  g_string_free (s.text, TRUE);
  return ok;
}

gboolean
jb_sheet_xlsx_open (JbWorkbook *wb, GCancellable *cancellable, GError **error)
{
  Xlsx *xlsx = g_new0 (Xlsx, 1);
  xlsx->targets = g_ptr_array_new_with_free_func (g_free);
  xlsx->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  wb->data = xlsx;
  wb->free_data = xlsx_free;
  wb->read = read_sheet;
  g_autoptr (GHashTable) ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return read_workbook (wb, ids, cancellable, error) &&
         read_relationships (wb, xlsx, ids, cancellable, error) &&
         read_styles (wb, xlsx, cancellable, error);
}

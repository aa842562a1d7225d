/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-test-util.c: writing the test workbooks (see sheet-test-util.h).
 * .xlsx through libxlsxwriter, .ods and the hostile files through libgsf's
 * zip and OLE2 writers, .csv by hand. */
#include "config.h"

#include <gsf/gsf.h>
#include <string.h>
#include <xlsxwriter.h>

#include "jb-credit-code.h"
#include "sheet-test-util.h"

void
write_xlsx (const char *path, const TestSheet *sheets, guint n_sheets)
{
  lxw_workbook *wb = workbook_new (path);
  lxw_format *date = workbook_add_format (wb);
  format_set_num_format (date, "yyyy/m/d");
  for (guint s = 0; s < n_sheets; s++)
    {
      lxw_worksheet *ws = workbook_add_worksheet (wb, sheets[s].name);
      for (guint r = 0; sheets[s].rows[r]; r++)
        for (guint c = 0; sheets[s].rows[r][c]; c++)
          {
            const char *cell = sheets[s].rows[r][c];
            if (*cell == '\0')
              continue;
            if (r == 0 && c == 0 && sheets[s].merge_title)
              worksheet_merge_range (ws, 0, 0, 0, (lxw_col_t) sheets[s].merge_title - 1, cell,
                                     NULL);
            else if (cell[0] == '#')
              worksheet_write_number (ws, r, (lxw_col_t) c, g_ascii_strtod (cell + 1, NULL),
                                      NULL);
            else if (cell[0] == '@')
              {
                unsigned y, m, d;
                sscanf (cell + 1, "%u-%u-%u", &y, &m, &d);
                lxw_datetime dt = { (int) y, (int) m, (int) d, 0, 0, 0 };
                worksheet_write_datetime (ws, r, (lxw_col_t) c, &dt, date);
              }
            else
              worksheet_write_string (ws, r, (lxw_col_t) c, cell, NULL);
          }
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

static void
add_member (GsfOutfile *zip, const char *name, const char *content, gsize len)
{
  g_auto (GStrv) parts = g_strsplit (name, "/", -1);
  GsfOutfile *dir = g_object_ref (zip);
  guint n = g_strv_length (parts);
  for (guint i = 0; i + 1 < n; i++)
    {
      GsfOutput *sub = gsf_outfile_new_child (dir, parts[i], TRUE);
      g_object_unref (dir);
      dir = GSF_OUTFILE (sub);
    }
  GsfOutput *child = strcmp (name, "mimetype") == 0
    ? gsf_outfile_new_child_full (dir, parts[n - 1], FALSE, "compression-level", 0, NULL)
    : gsf_outfile_new_child (dir, parts[n - 1], FALSE);
  g_assert_true (gsf_output_write (child, len, (const guint8 *) content));
  gsf_output_close (child);
  g_object_unref (child);
  if (dir != zip)
    gsf_output_close (GSF_OUTPUT (dir));
  g_object_unref (dir);
}

void
write_zip (const char *path, const char * const *names, const char * const *contents,
           const gsize *lengths, guint n)
{
  g_autoptr (GError) error = NULL;
  GsfOutput *out = gsf_output_stdio_new (path, &error);
  g_assert_no_error (error);
  GsfOutfile *zip = gsf_outfile_zip_new (out, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    add_member (zip, names[i], contents[i], lengths ? lengths[i] : strlen (contents[i]));
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  g_object_unref (out);
}

void
write_ole2 (const char *path, const char * const *names, const char * const *contents,
            const gsize *lengths, guint n)
{
  g_autoptr (GError) error = NULL;
  GsfOutput *out = gsf_output_stdio_new (path, &error);
  g_assert_no_error (error);
  GsfOutfile *ole = gsf_outfile_msole_new (out);
  for (guint i = 0; i < n; i++)
    {
      GsfOutput *child = gsf_outfile_new_child (ole, names[i], FALSE);
      gsf_output_write (child, lengths ? lengths[i] : strlen (contents[i]),
                        (const guint8 *) contents[i]);
      gsf_output_close (child);
      g_object_unref (child);
    }
  gsf_output_close (GSF_OUTPUT (ole));
  g_object_unref (ole);
  g_object_unref (out);
}

static void
ods_cell (GString *x, const char *cell, guint span)
{
  g_autofree char *span_attr = span > 1
    ? g_strdup_printf (" table:number-columns-spanned=\"%u\"", span) : g_strdup ("");
  if (*cell == '\0')
    g_string_append (x, "<table:table-cell/>");
  else if (cell[0] == '#')
    g_string_append_printf (x, "<table:table-cell office:value-type=\"float\" "
                            "office:value=\"%s\"%s><text:p>%s</text:p></table:table-cell>",
                            cell + 1, span_attr, cell + 1);
  else if (cell[0] == '@')
    g_string_append_printf (x, "<table:table-cell office:value-type=\"date\" "
                            "office:date-value=\"%sT00:00:00\"%s><text:p>%s</text:p>"
                            "</table:table-cell>", cell + 1, span_attr, cell + 1);
  else
    {
      g_autofree char *esc = g_markup_escape_text (cell, -1);
      g_string_append_printf (x, "<table:table-cell office:value-type=\"string\"%s>"
                              "<text:p>%s</text:p></table:table-cell>", span_attr, esc);
    }
  for (guint i = 1; i < span; i++)
    g_string_append (x, "<table:covered-table-cell/>");
}

void
write_ods (const char *path, const TestSheet *sheets, guint n_sheets)
{
  g_autoptr (GString) x = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content "
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
    "<office:body><office:spreadsheet>");
  for (guint s = 0; s < n_sheets; s++)
    {
      g_autofree char *name = g_markup_escape_text (sheets[s].name, -1);
      g_string_append_printf (x, "<table:table table:name=\"%s\">"
                              "<table:table-column table:number-columns-repeated=\"1024\"/>",
                              name);
      for (guint r = 0; sheets[s].rows[r]; r++)
        {
          g_string_append (x, "<table:table-row>");
          guint c = 0;
          for (; sheets[s].rows[r][c]; c++)
            {
              guint span = r == 0 && c == 0 ? MAX (sheets[s].merge_title, 1) : 1;
              ods_cell (x, sheets[s].rows[r][c], span);
              c += span - 1;
            }
          /* As LibreOffice writes them: the rest of the row, then of the sheet. */
          g_string_append_printf (x, "<table:table-cell table:number-columns-repeated=\"%u\"/>"
                                  "</table:table-row>", 1024 - c);
        }
      g_string_append (x, "<table:table-row table:number-rows-repeated=\"1048000\">"
                          "<table:table-cell table:number-columns-repeated=\"1024\"/>"
                          "</table:table-row></table:table>");
    }
  g_string_append (x, "</office:spreadsheet></office:body></office:document-content>");
  const char *names[] = { "mimetype", "content.xml", "META-INF/manifest.xml" };
  const char *contents[] = {
    "application/vnd.oasis.opendocument.spreadsheet", x->str,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest "
    "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
    "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/"
    "vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path="
    "\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>",
  };
  write_zip (path, names, contents, NULL, 3);
}

void
write_csv (const char *path, const TestSheet *sheet, const char *charset, gboolean bom)
{
  g_autoptr (GString) text = g_string_new (bom ? "\xEF\xBB\xBF" : "");
  for (guint r = 0; sheet->rows[r]; r++)
    {
      for (guint c = 0; sheet->rows[r][c]; c++)
        {
          const char *cell = sheet->rows[r][c];
          if (c)
            g_string_append_c (text, ',');
          if (cell[0] == '#' || cell[0] == '@')
            cell++;
          if (strpbrk (cell, ",\"\n"))
            {
              g_auto (GStrv) parts = g_strsplit (cell, "\"", -1);
              g_autofree char *joined = g_strjoinv ("\"\"", parts);
              g_string_append_printf (text, "\"%s\"", joined);
            }
          else
            g_string_append (text, cell);
        }
      g_string_append (text, "\r\n");
    }
  g_autofree char *converted = NULL;
  gsize len = text->len;
  if (charset)
    {
      g_autoptr (GError) error = NULL;
      converted = g_convert (text->str, (gssize) text->len, charset, "UTF-8", NULL, &len, &error);
      g_assert_no_error (error);
    }
  g_autoptr (GError) error = NULL;
  g_file_set_contents (path, converted ? converted : text->str, (gssize) len, &error);
  g_assert_no_error (error);
}

void
write_raw_xlsx (const char *path, const char *sheet_xml, gsize length)
{
  const char *names[] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                          "xl/worksheets/sheet1.xml" };
  const char *contents[] = {
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
    "</workbook>",
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
    "2006/relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>"
    "</Relationships>",
    sheet_xml,
  };
  gsize lengths[] = { strlen (contents[0]), strlen (contents[1]), length };
  write_zip (path, names, contents, lengths, 3);
}

char *
credit_code (const char *first17)
{
  char check = jb_credit_code_check_char (first17);
  g_assert_true (check != 0);
  return g_strdup_printf ("%s%c", first17, check);
}

GBytes *
file_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data;
  gsize len;
  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sheet-csv.c: text tables.  UTF-8 with or without a byte order mark,
 * UTF-16 with one (Excel's "Unicode text"), else GB18030 (a superset of GBK,
 * what Excel on Chinese Windows saves), converted by iconv as the file
 * streams.  Fields are separated by commas, semicolons or tabs, whichever the
 * first line uses most, and quoted as RFC 4180 says. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-sheet-private.h"

#define SAMPLE 65536

typedef struct {
  const char *charset;  /* NULL: UTF-8 */
  gsize skip;           /* byte order mark */
  char separator;
} Csv;

/* Valid UTF-8, allowing a character cut at the sample's end. */
static gboolean
is_utf8 (const char *data, gsize len, gboolean whole)
{
  const char *end;
  if (g_utf8_validate (data, (gssize) len, &end))
    return TRUE;
  return !whole && len - (gsize) (end - data) < 4 &&
         g_utf8_get_char_validated (end, (gssize) (len - (gsize) (end - data))) == (gunichar) -2;
}

/* Whether the rest of the stream (after @sample) is UTF-8 too: a table
 * whose first lines are ASCII may hold GB18030 further down. */
static gboolean
rest_is_utf8 (GInputStream *in, const char *sample, gsize len, GCancellable *cancellable)
{
  g_autofree char *buf = g_malloc (SAMPLE + 4);
  /* The bytes of a character cut at the sample's end go first. */
  const char *end;
  g_utf8_validate (sample, (gssize) len, &end);
  gsize carry = len - (gsize) (end - sample);
  memcpy (buf, end, carry);
  gssize n;
  while ((n = g_input_stream_read (in, buf + carry, SAMPLE, cancellable, NULL)) > 0)
    {
      gsize have = carry + (gsize) n;
      const char *stop;
      if (!g_utf8_validate (buf, (gssize) have, &stop))
        {
          carry = have - (gsize) (stop - buf);
          if (carry >= 4 || g_utf8_get_char_validated (stop, (gssize) carry) != (gunichar) -2)
            return FALSE;
          memmove (buf, stop, carry);
        }
      else
        carry = 0;
    }
  return carry == 0;
}

static char
guess_separator (const char *text, gsize len)
{
  guint counts[3] = { 0 };
  static const char seps[3] = { ',', ';', '\t' };
  gboolean quoted = FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint s = 0; s < 3; s++)
          counts[s] += c == seps[s];
    }
  guint best = 0;
  for (guint s = 1; s < 3; s++)
    if (counts[s] > counts[best])
      best = s;
  return seps[best];
}

static GInputStream *
open_text (JbWorkbook *wb, Csv *csv, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (wb->path);
  g_autoptr (GFileInputStream) in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  GInputStream *stream = G_INPUT_STREAM (g_steal_pointer (&in));
  if (csv->skip && !g_input_stream_skip (stream, csv->skip, cancellable, error))
    {
      g_object_unref (stream);
      return NULL;
    }
  if (csv->charset == NULL)
    return stream;
  g_autoptr (GCharsetConverter) conv = g_charset_converter_new ("UTF-8", csv->charset, error);
  if (conv == NULL)
    {
      g_object_unref (stream);
      return NULL;
    }
  GInputStream *converted = g_converter_input_stream_new (stream, G_CONVERTER (conv));
  g_object_unref (stream);
  return converted;
}

typedef struct {
  JbWorkbook *wb;
  JbRowBuilder row;
  GString *field;
  guint row_n, col;
  gboolean quoted_field;
} CsvRead;

static gboolean
end_field (CsvRead *s, GError **error)
{
  /* Checked per field: a read may end inside a character. */
  if (!g_utf8_validate (s->field->str, (gssize) s->field->len, NULL))
    return jb_sheet_fail (s->wb, error, JB_SHEET_ERROR_INVALID,
                          _("Row %u is neither UTF-8 nor GB18030 text."), s->row_n + 1);
  if (!jb_row_builder_set (&s->row, s->col, JB_CELL_TEXT,
                           g_strndup (s->field->str, s->field->len)))
    return jb_sheet_fail_columns (s->wb, s->row_n, error);
  g_string_truncate (s->field, 0);
  s->col++;
  s->quoted_field = FALSE;
  return TRUE;
}

static gboolean
read_sheet (JbWorkbook *wb, guint sheet, JbSheetRowFunc func, gpointer user_data,
            GCancellable *cancellable, GError **error)
{
  Csv *csv = wb->data;
  g_autoptr (GInputStream) in = open_text (wb, csv, cancellable, error);
  if (in == NULL)
    {
      g_prefix_error (error, "%s: ", wb->name);
      return FALSE;
    }
  g_autoptr (GFile) file = g_file_new_for_path (wb->path);
  g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0,
                                                  cancellable, NULL);
  goffset size = info ? g_file_info_get_size (info) : 0;
  goffset consumed = 0;
  CsvRead s = { wb, { 0 }, g_string_new (NULL), 0, 0, FALSE };
  jb_row_builder_init (&s.row);
  g_autofree char *buf = g_malloc (SAMPLE);
  /* in quotes; a quote seen in quotes (closing, or the first of ""); a CR */
  gboolean quoted = FALSE, quote_seen = FALSE, cr = FALSE, stop = FALSE, ok = TRUE;
  gboolean any = FALSE;  /* something on the current line */
  gssize n;
  g_autoptr (GError) local = NULL;
  while (ok && !stop && (n = g_input_stream_read (in, buf, SAMPLE, cancellable, &local)) > 0)
    {
      /* Converted bytes only approach the file's: good enough for a bar. */
      consumed += n;
      wb->progress = size > 0 ? MIN (1.0, (double) consumed / (double) size) : 0;
      for (gssize i = 0; ok && !stop && i < n; i++)
        {
          char c = buf[i];
          if (cr && c == '\n')
            {
              cr = FALSE;
              continue;
            }
          cr = FALSE;
          if (quoted)
            {
              if (c == '"' && !quote_seen)
                {
                  quote_seen = TRUE;
                  continue;
                }
              if (c == '"' && quote_seen)
                {
                  g_string_append_c (s.field, '"');
                  quote_seen = FALSE;
                  continue;
                }
              if (!quote_seen)
                {
                  if (s.field->len < JB_SHEET_MAX_CELL * 4)
                    g_string_append_c (s.field, c);
                  else
                    ok = jb_sheet_fail (wb, error, JB_SHEET_ERROR_TOO_LARGE,
                                        _("Row %u has a cell longer than %u characters."),
                                        s.row_n + 1, JB_SHEET_MAX_CELL);
                  continue;
                }
              quoted = quote_seen = FALSE;  /* the closing quote; c goes on below */
            }
          if (c == '"' && s.field->len == 0 && !s.quoted_field)
            {
              quoted = s.quoted_field = any = TRUE;
              continue;
            }
          if (c == csv->separator)
            {
              ok = end_field (&s, error);
              any = TRUE;
            }
          else if (c == '\n' || c == '\r')
            {
              cr = c == '\r';
              ok = end_field (&s, error) &&
                   jb_row_builder_emit (&s.row, wb, s.row_n, func, user_data, &stop, error);
              jb_row_builder_reset (&s.row);
              s.row_n++;
              s.col = 0;
              any = FALSE;
              if (ok && s.row_n % 1024 == 0 &&
                  g_cancellable_set_error_if_cancelled (cancellable, error))
                ok = FALSE;
            }
          else if (s.field->len < JB_SHEET_MAX_CELL * 4)
            {
              g_string_append_c (s.field, c);
              any = TRUE;
            }
          else
            ok = jb_sheet_fail (wb, error, JB_SHEET_ERROR_TOO_LARGE,
                                _("Row %u has a cell longer than %u characters."),
                                s.row_n + 1, JB_SHEET_MAX_CELL);
        }
    }
  if (ok && !stop && local)
    ok = jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                        _("The text cannot be read as %s: %s"),
                        csv->charset ? csv->charset : "UTF-8", local->message);
  if (ok && !stop && (any || s.field->len))
    ok = end_field (&s, error) &&
         jb_row_builder_emit (&s.row, wb, s.row_n, func, user_data, &stop, error);
  jb_row_builder_clear (&s.row);
  g_string_free (s.field, TRUE);
  return ok;
}

gboolean
jb_sheet_csv_open (JbWorkbook *wb, GCancellable *cancellable, GError **error)
{
  Csv *csv = g_new0 (Csv, 1);
  wb->data = csv;
  wb->free_data = g_free;
  wb->read = read_sheet;

  g_autoptr (GFile) file = g_file_new_for_path (wb->path);
  g_autoptr (GFileInputStream) in = g_file_read (file, cancellable, error);
  if (in == NULL)
    {
      g_prefix_error (error, "%s: ", wb->name);
      return FALSE;
    }
  g_autofree char *sample = g_malloc (SAMPLE);
  gsize len = 0;
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), sample, SAMPLE, &len, cancellable, error))
    {
      g_prefix_error (error, "%s: ", wb->name);
      return FALSE;
    }
  gboolean whole = len < SAMPLE;
  if (len >= 3 && memcmp (sample, "\xEF\xBB\xBF", 3) == 0)
    csv->skip = 3;
  else if (len >= 2 && memcmp (sample, "\xFF\xFE", 2) == 0)
    csv->charset = "UTF-16LE", csv->skip = 2;
  else if (len >= 2 && memcmp (sample, "\xFE\xFF", 2) == 0)
    csv->charset = "UTF-16BE", csv->skip = 2;
  else if (!is_utf8 (sample, len, whole) ||
           (!whole && !rest_is_utf8 (G_INPUT_STREAM (in), sample, len, cancellable)))
    csv->charset = "GB18030";
  if (memchr (sample, '\0', len) && !g_str_has_prefix (csv->charset ? csv->charset : "", "UTF-16"))
    return jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                          _("The file is neither a workbook nor a text table."));

  /* The separator, from the first line as text. */
  g_autofree char *text = NULL;
  gsize text_len = 0;
  if (csv->charset)
    {
      gsize cut = len - csv->skip;
      /* A sample cut inside a character: convert what converts. */
      for (guint tries = 0; text == NULL && tries < 4 && cut > 0; tries++, cut--)
        text = g_convert (sample + csv->skip, (gssize) cut, "UTF-8", csv->charset, NULL,
                          &text_len, NULL);
      if (text == NULL && len > csv->skip)
        return jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                              _("The file is neither a workbook nor a text table."));
    }
  csv->separator = guess_separator (text ? text : sample + csv->skip,
                                    text ? text_len : len - csv->skip);

  g_autofree char *base = g_file_get_basename (file);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  g_ptr_array_add (wb->sheet_names, g_strdup (base));
  return TRUE;
}

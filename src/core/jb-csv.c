/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-csv.c: CSV writing (see jb-csv.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-csv.h"
#include "jb-file.h"

/* Without the BOM, Excel reads UTF-8 as the ANSI code page (GBK on Chinese
 * Windows) and shows mojibake. */
static const char bom[] = "\xEF\xBB\xBF";

void
jb_csv_append_field (GString *line, const char *field)
{
  if (field == NULL)
    return;
  gsize len = strlen (field);
  gboolean quote = strpbrk (field, ",\"\r\n") != NULL ||
                   (len > 0 && (field[0] == ' ' || field[len - 1] == ' '));
  if (!quote)
    {
      g_string_append_len (line, field, (gssize) len);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

void
jb_csv_append_row (GString *out, const char * const *cells, int n_cells)
{
  for (int i = 0; n_cells < 0 ? cells[i] != NULL : i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      jb_csv_append_field (out, cells[i]);
    }
  g_string_append (out, "\r\n");
}

gboolean
jb_csv_write_bom (GOutputStream *stream, GCancellable *cancellable, GError **error)
{
  return g_output_stream_write_all (stream, bom, sizeof bom - 1, NULL, cancellable, error);
}

gboolean
jb_csv_write_row (GOutputStream *stream, const char * const *cells, int n_cells,
                  GCancellable *cancellable, GError **error)
{
  g_autoptr (GString) line = g_string_new (NULL);
  jb_csv_append_row (line, cells, n_cells);
  return g_output_stream_write_all (stream, line->str, line->len, NULL, cancellable, error);
}

typedef struct {
  const char * const *header;
  JbCsvRowFunc row_func;
  gpointer user_data;
} CsvJob;

static gboolean
write_csv (GOutputStream *file_out, gpointer data, GCancellable *cancellable, GError **error)
{
  CsvJob *job = data;
  /* Rows are small: buffer them instead of one write per row. */
  g_autoptr (GOutputStream) out = g_buffered_output_stream_new_sized (file_out, 64 * 1024);
  gboolean ok = jb_csv_write_bom (out, cancellable, error) &&
                (job->header == NULL || jb_csv_write_row (out, job->header, -1, cancellable, error));
  for (guint i = 0; ok; i++)
    {
      g_auto (GStrv) cells = job->row_func (i, job->user_data);
      if (cells == NULL)
        break;
      ok = jb_csv_write_row (out, (const char * const *) cells, -1, cancellable, error);
    }
  /* Flush into the file; closing the file itself is the caller's. */
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (out), FALSE);
  return ok && g_output_stream_close (out, cancellable, error);
}

gboolean
jb_csv_write_file (GFile *file, const char * const *header, JbCsvRowFunc row_func,
                   gpointer user_data, GCancellable *cancellable, GError **error)
{
  CsvJob job = { header, row_func, user_data };
  return jb_file_write_atomically (file, write_csv, &job, cancellable, error);
}

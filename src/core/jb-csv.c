/* jb-csv.c: CSV writing (see jb-csv.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-csv.h"

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

gboolean
jb_csv_write_file (GFile *file, const char * const *header, JbCsvRowFunc row_func,
                   gpointer user_data, GCancellable *cancellable, GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *tmp_name = g_strdup_printf (".%s.%.8s.tmp", basename, random);
  g_autoptr (GFile) tmp = parent ? g_file_get_child (parent, tmp_name) : NULL;

  if (tmp == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("%s: cannot write a file there."), name);
      return FALSE;
    }
  g_autoptr (GFileOutputStream) file_out = g_file_create (tmp, G_FILE_CREATE_NONE, cancellable,
                                                          error);
  if (file_out == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  /* Rows are small: buffer them instead of one write per row. */
  g_autoptr (GOutputStream) out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_out),
                                                                     64 * 1024);
  gboolean ok = jb_csv_write_bom (out, cancellable, error) &&
                (header == NULL || jb_csv_write_row (out, header, -1, cancellable, error));
  for (guint i = 0; ok; i++)
    {
      g_auto (GStrv) cells = row_func (i, user_data);
      if (cells == NULL)
        break;
      ok = jb_csv_write_row (out, (const char * const *) cells, -1, cancellable, error);
    }
  ok = ok && g_output_stream_close (out, cancellable, error) &&
       g_file_move (tmp, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    cancellable, NULL, NULL, error);
  if (!ok)
    {
      g_output_stream_close (out, NULL, NULL);
      g_file_delete (tmp, NULL, NULL);
      g_prefix_error (error, "%s: ", name);
    }
  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-file.c: atomic file writes (see jb-file.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-file.h"

gboolean
jb_file_write_atomically (GFile *file, JbWriteFunc write, gpointer user_data,
                          GCancellable *cancellable, GError **error)
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
  g_autoptr (GFileOutputStream) out = g_file_create (tmp, G_FILE_CREATE_NONE, cancellable,
                                                     error);
  if (out == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  gboolean ok = write (G_OUTPUT_STREAM (out), user_data, cancellable, error) &&
                g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error) &&
                g_file_move (tmp, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                             cancellable, NULL, NULL, error);
  if (!ok)
    {
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      g_file_delete (tmp, NULL, NULL);
      g_prefix_error (error, "%s: ", name);
    }
  return ok;
}

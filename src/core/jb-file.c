/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-file.c: atomic file writes and their temporary files (see jb-file.h). */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jb-file.h"

/* ".NAME.jiebang-HOST-": what every temporary file for NAME of this host
 * begins with, the process id and a random part follow (the host: a folder
 * on a network share is seen by other machines, whose PIDs mean nothing
 * here). */
static char *
temp_prefix (const char *basename)
{
  g_autofree char *host = g_strdup (g_get_host_name ());
  g_strdelimit (host, "-/. ", '_');
  return g_strdup_printf (".%s.jiebang-%s-", basename, host);
}

char *
jb_file_temp_name (const char *basename)
{
  g_autofree char *prefix = temp_prefix (basename);
  g_autofree char *random = g_uuid_string_random ();
  return g_strdup_printf ("%s%ld-%.8s.tmp", prefix, (long) getpid (), random);
}

void
jb_file_remove_stale (GFile *dir, const char *basename)
{
  g_autofree char *prefix = temp_prefix (basename);
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
    dir, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children && g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info)
    {
      const char *name = g_file_info_get_name (info);
      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".tmp"))
        continue;
      char *end;
      long pid = strtol (name + strlen (prefix), &end, 10);
      if (end == name + strlen (prefix) || *end != '-' || pid <= 0)
        continue;
      /* Still running (EPERM: another user's): not stale. */
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      g_autoptr (GFile) stale = g_file_get_child (dir, name);
      g_file_delete (stale, NULL, NULL);
    }
}

gboolean
jb_file_write_atomically (GFile *file, JbWriteFunc write, gpointer user_data,
                          GCancellable *cancellable, GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *tmp_name = jb_file_temp_name (basename);
  g_autoptr (GFile) tmp = parent ? g_file_get_child (parent, tmp_name) : NULL;

  /* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written as it is:
   * a rename over it would replace it with a file (as root, /dev/null). */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_SPECIAL)
    {
      g_autoptr (GFileOutputStream) direct = g_file_append_to (file, G_FILE_CREATE_NONE,
                                                               cancellable, error);
      gboolean ok = direct && write (G_OUTPUT_STREAM (direct), user_data, cancellable, error) &&
                    g_output_stream_close (G_OUTPUT_STREAM (direct), cancellable, error);
      if (!ok)
        g_prefix_error (error, "%s: ", name);
      return ok;
    }
  if (tmp == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("%s: cannot write a file there."), name);
      return FALSE;
    }
  /* What an earlier write killed midway (power cut, kill -9) left behind. */
  jb_file_remove_stale (parent, basename);
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

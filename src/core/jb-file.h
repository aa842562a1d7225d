/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-file.h: writing a file so that a failure never leaves half of it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes the whole content to @stream; FALSE with @error on failure. */
typedef gboolean (*JbWriteFunc) (GOutputStream *stream, gpointer user_data,
                                 GCancellable *cancellable, GError **error);

/* Calls @write with a temporary file beside @file, then renames it into
 * place: a failed or cancelled write leaves @file as it was and no temporary
 * file behind; one that was killed midway is removed by the next write of
 * @file.  Errors start with the file's name. */
gboolean  jb_file_write_atomically (GFile         *file,
                                    JbWriteFunc    write,
                                    gpointer       user_data,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* A hidden name for a temporary file of this process for the file named
 * @basename: ".BASENAME.jiebang-HOST-PID-RANDOM.tmp". */
char     *jb_file_temp_name        (const char    *basename);
/* Removes from @dir the temporary files for @basename (jb_file_temp_name())
 * of processes of this host that are gone: killed before they could. */
void      jb_file_remove_stale     (GFile         *dir,
                                    const char    *basename);

G_END_DECLS

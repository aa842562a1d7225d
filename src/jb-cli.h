/* jb-cli.h: jiebang --import/--export, headless (no display, no D-Bus). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Opens the store at @db_path (NULL: the default file), imports @import_path
 * and/or exports to @export_path (import first when both are given).  Prints
 * the summary on stdout, or "FILE:LINE: what is wrong" on stderr.  Returns the
 * process exit status: 0 on success, 1 on failure. */
int  jb_cli_run  (const char *db_path,
                  const char *import_path,
                  const char *export_path);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-cli.h: the headless commands — jiebang --import, --export and --report —
 * with no display and no D-Bus. */
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

/* Writes the report (jb-report.h) of the database at @db_path (NULL: the
 * default file) to the PDF @report_path: for @year (0: the latest year that
 * holds records), limited to @event (NULL: everything; a row id or a uuid)
 * with its sessions, or without them if @event_alone.  Exit status as above. */
int  jb_cli_report (const char *db_path,
                    const char *report_path,
                    int         year,
                    const char *event,
                    gboolean    event_alone);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-cli.h: the headless commands — jiebang --import, --export, --report and --match —
 * with no display and no D-Bus. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Opens the store at @db_path (NULL: the default file), imports @import_path
 * and/or exports to @export_path (import first when both are given).  Prints
 * the summary on stdout, or "FILE:LINE: what is wrong" on stderr.  Returns the
 * process exit status: 0 on success, 1 on failure. */
int  jb_cli_run  (const char *db_path,
                  const char *import_path,
                  const char *export_path);
/* The same; @import_path may also be a spreadsheet (.xlsx, .xls, .ods, .csv,
 * recognised by content) whose rows are records of @kind ("demand",
 * "organization", "person", "achievement"; NULL: demands), its columns
 * mapped automatically.  A missing required column is an error naming it;
 * each refused row prints "FILE:ROW: column: reason" on stderr. */
int  jb_cli_run_full (const char *db_path,
                      const char *import_path,
                      const char *export_path,
                      const char *kind);
/* Writes the blank demand collection form (需求征集表) as .xlsx. */
int  jb_cli_template (const char *template_path);

/* Writes the report (jb-report.h) of the database at @db_path (NULL: the
 * default file) to the PDF @report_path: for @year (0: the latest year that
 * holds records), limited to @event (NULL: everything; a row id or a uuid)
 * with its sessions, or without them if @event_alone.  Exit status as above. */
int  jb_cli_report (const char *db_path,
                    const char *report_path,
                    int         year,
                    const char *event,
                    gboolean    event_alone);

/* Prints the matches (jb-match.h) of @subject in the database at @db_path
 * (NULL: the default file) as tab-separated lines under a header line:
 * the achievements, organizations and people for a demand, the demands for
 * an achievement or organization, at most @limit of each (0: 10), best
 * first, each with its score, the points of each facet and the reasons.
 * @subject is a demand's code or number, or the id (uuid) of a demand,
 * achievement or organization; with @kind ("demand", "achievement",
 * "organization") a number is one of that kind.  Exit status as above. */
int  jb_cli_match  (const char *db_path,
                    const char *subject,
                    const char *kind,
                    int         limit);

G_END_DECLS

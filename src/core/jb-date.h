/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-date.h: calendar dates.  Stored and exchanged as ISO 8601 (YYYY-MM-DD). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads "2026-12-15", "2026/12/15", "2026.12.15" or "2026年12月15日" and returns
 * the ISO form, or NULL if it is not a real date (2026-02-30 is not). */
char     *jb_date_normalize (const char *text);
/* As people write dates in spreadsheets: what jb_date_normalize() reads, a
 * month ("2023年6月", "2023-06", "2023/6"), a year ("2023年") or a range
 * ("2023.1-2023.12", "2023年1月至2023年6月").  A period stands for its last
 * day when @end (a deadline), else for its first; a range for its end or its
 * start.  NULL if it is not a date. */
char     *jb_date_normalize_loose (const char *text, gboolean end);
/* A spreadsheet's day number (time of day dropped) in the 1900 system
 * (Excel's phantom 1900-02-29 included) or the 1904 system, or NULL. */
char     *jb_date_from_serial      (double serial, gboolean system_1904);
/* The date as the user's locale writes it. */
char     *jb_date_format    (const char *iso);
/* Today, ISO. */
char     *jb_date_today     (void);
/* Current time, ISO 8601 UTC to the microsecond, so that timestamps order
 * edits: "2026-11-29T08:00:00.000000Z". */
char     *jb_timestamp_now  (void);

G_END_DECLS

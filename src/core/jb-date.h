/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-date.h: calendar dates.  Stored and exchanged as ISO 8601 (YYYY-MM-DD). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads "2026-12-15", "2026/12/15", "2026.12.15" or "2026年12月15日" and returns
 * the ISO form, or NULL if it is not a real date (2026-02-30 is not). */
char     *jb_date_normalize (const char *text);
/* The date as the user's locale writes it. */
char     *jb_date_format    (const char *iso);
/* Today, ISO. */
char     *jb_date_today     (void);
/* Current time, ISO 8601 UTC to the microsecond, so that timestamps order
 * edits: "2026-11-29T08:00:00.000000Z". */
char     *jb_timestamp_now  (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-row.h: one suggestion of a JbMatchView: who, its score, the
 * terms it shares (highlighted), each facet's part in words, and its
 * buttons (match.invite, match.dismiss, win.open-record). */
#pragma once

#include <gtk/gtk.h>

#include "jb-match.h"

G_BEGIN_DECLS

/* A row for @result, a suggestion for a subject of @subject_kind. */
GtkWidget *jb_match_row_new      (const JbMatchResult *result,
                                  JbKindId             subject_kind);
/* What the row shows: the kind and id of its suggestion. */
JbKindId   jb_match_row_get_kind (GtkWidget *row);
gint64     jb_match_row_get_id   (GtkWidget *row);
/* "同济某大学, score 12.3: Shares 固态电池; Same industry field: New energy". */
char      *jb_match_row_describe (const JbMatchResult *result);

G_END_DECLS

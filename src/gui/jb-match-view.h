/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-view.h: beside a form, the suggestions of matching (jb-match.h):
 * for a demand, the achievements, organizations and experts that could
 * answer it; for an achievement or an organization, the demands it could
 * answer.  Each with its score and why, and the buttons to invite or
 * dismiss it.  Computed off the main thread, again whenever the store
 * changes. */
#pragma once

#include <gtk/gtk.h>

#include "jb-match.h"

G_BEGIN_DECLS

#define JB_TYPE_MATCH_VIEW (jb_match_view_get_type ())
G_DECLARE_FINAL_TYPE (JbMatchView, jb_match_view, JB, MATCH_VIEW, GtkWidget)

/* Shows the suggestions for @record (hidden for an unsaved record or one
 * of a kind that matching does not serve), computed in the background. */
void        jb_match_view_show       (JbMatchView *self,
                                      JbStore     *store,
                                      JbRecord    *record);
/* TRUE while a computation is under way or queued: what is shown may be
 * about to change. */
gboolean    jb_match_view_is_busy    (JbMatchView *self);
/* The suggestions of @kind as shown, top to bottom: their record ids
 * (gint64).  Read from the rows, for tests. */
GArray     *jb_match_view_get_shown  (JbMatchView *self,
                                      JbKindId     kind);
/* The row of the suggestion @kind @id, or NULL. */
GtkWidget  *jb_match_view_find_row   (JbMatchView *self,
                                      JbKindId     kind,
                                      gint64       id);
/* The options the view asks matching with (results per kind). */
void        jb_match_view_get_options (JbMatchView    *self,
                                       JbMatchOptions *options);

G_END_DECLS

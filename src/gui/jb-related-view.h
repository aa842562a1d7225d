/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-related-view.h: the records that belong to or point at one record, one
 * click away: a demand's solutions and deals, a deal's payments, an event's
 * demands, solutions, deals and awards, a manager's demands and deals. */
#pragma once

#include <gtk/gtk.h>

#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_RELATED_VIEW (jb_related_view_get_type ())
G_DECLARE_FINAL_TYPE (JbRelatedView, jb_related_view, JB, RELATED_VIEW, GtkWidget)

/* Shows what relates to @record (nothing for an unsaved one). */
void  jb_related_view_show  (JbRelatedView *self, JbStore *store, JbRecord *record);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-history-view.h: who changed what in a record, and when. */
#pragma once

#include <gtk/gtk.h>

#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_HISTORY_VIEW (jb_history_view_get_type ())
G_DECLARE_FINAL_TYPE (JbHistoryView, jb_history_view, JB, HISTORY_VIEW, GtkWidget)

void  jb_history_view_show  (JbHistoryView *self, JbStore *store, JbRecord *record);

G_END_DECLS

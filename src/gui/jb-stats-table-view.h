/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-stats-table-view.h: a table of the year in figures (JbStatsTable,
 * jb-stats.h) on the dashboard: its title and one row per line, each of
 * which lists the records behind it. */
#pragma once

#include <gtk/gtk.h>

#include "jb-stats.h"

G_BEGIN_DECLS

#define JB_TYPE_STATS_TABLE_VIEW (jb_stats_table_view_get_type ())
G_DECLARE_FINAL_TYPE (JbStatsTableView, jb_stats_table_view, JB, STATS_TABLE_VIEW, GtkWidget)

/* @empty: what to say when the table has no rows. */
GtkWidget *jb_stats_table_view_new    (const char       *title,
                                       const char       *empty);
/* Shows @table (NULL: nothing, as when it could not be read). */
void       jb_stats_table_view_set    (JbStatsTableView *self,
                                       const JbStatsTable *table);
/* The list of rows: for tests and the keyboard. */
GtkListBox *jb_stats_table_view_get_list (JbStatsTableView *self);

G_END_DECLS

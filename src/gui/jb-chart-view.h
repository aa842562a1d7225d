/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-chart-view.h: a chart of jb-chart.h as a widget: pointing at a bar
 * shows its exact value, arrow keys move between bars, Enter (or a click)
 * opens the records behind the bar; screen readers get every value. */
#pragma once

#include <gtk/gtk.h>

#include "jb-chart.h"
#include "jb-stats.h"

G_BEGIN_DECLS

#define JB_TYPE_CHART_VIEW (jb_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (JbChartView, jb_chart_view, JB, CHART_VIEW, GtkWidget)

GtkWidget *jb_chart_view_new         (JbChartKind kind);
/* @entries: JbSeriesEntry (kept, not copied); @title names the chart for
 * assistive technologies. */
void       jb_chart_view_set_series  (JbChartView *self, const char *title, GPtrArray *entries);
/* The values are amounts (fen): the chart writes them rounded (jb_chart_format_money).
 * Set before the series. */
void       jb_chart_view_set_money   (JbChartView *self, gboolean money);
GPtrArray *jb_chart_view_get_series  (JbChartView *self);
int        jb_chart_view_get_focus   (JbChartView *self);
/* Emits ::activate-item with item @i's filter.  Also the action
 * "chart.activate-item" (int), which Enter runs on the focused item. */
void       jb_chart_view_activate_item (JbChartView *self, int i);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-dashboard.h: the Dashboard page — the key figures of a period and scope
 * as buttons, the charts, and the report to print or save as PDF.  Activating
 * a figure or a bar emits ::show-records with the filter of its records. */
#pragma once

#include <gtk/gtk.h>

#include "jb-chart-view.h"
#include "jb-picker.h"
#include "jb-stats.h"
#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_DASHBOARD (jb_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (JbDashboard, jb_dashboard, JB, DASHBOARD, GtkWidget)

GtkWidget   *jb_dashboard_new          (void);
/* Shows @store's figures (the latest year that holds records) and follows
 * its "changed" signal. */
void         jb_dashboard_set_store    (JbDashboard *self, JbStore *store);
/* The year shown (0: all time), as the period picker does; "Custom…"
 * after them shows the dates typed in jb_dashboard_get_date_entry(). */
void         jb_dashboard_set_year     (JbDashboard *self, int year);
/* Everything (@event_id 0), or one event with (or without) its sessions. */
void         jb_dashboard_set_event    (JbDashboard *self, gint64 event_id, gboolean with_sessions);
const JbStatsPeriod *jb_dashboard_get_period (JbDashboard *self);
/* For tests and the window: the widgets behind figures and charts. */
GtkWidget   *jb_dashboard_get_tile     (JbDashboard *self, JbFigureId figure);
JbChartView *jb_dashboard_get_chart    (JbDashboard *self, JbSeriesId series);
JbPicker    *jb_dashboard_get_period_picker (JbDashboard *self);
JbPicker    *jb_dashboard_get_scope_picker  (JbDashboard *self);
/* The From (or To) entry of the custom period, the period picker's last
 * choice: Enter or leaving it shows the period typed. */
GtkEditable *jb_dashboard_get_date_entry      (JbDashboard *self, gboolean to);

G_END_DECLS

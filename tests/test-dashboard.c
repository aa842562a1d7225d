/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard under Xvfb: the sample's figures on the tiles, a change of
 * period through the drop-down, a custom period typed in its date fields, a
 * bar followed to its records, and a name for every control. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "ui-test-util.h"
#include "test-util.h"
#include "jb-dashboard.h"
#include "jb-date.h"
#include "jb-date-entry.h"
#include "jb-environment.h"
#include "jb-exchange.h"
#include "jb-match.h"
#include "jb-money.h"

typedef struct {
  char *dir;
  JbStore *store;
  GtkWindow *window;
  JbDashboard *dashboard;
  JbFilter *shown;   /* the last ::show-records */
  guint n_shown;
} Fixture;

static void
show_records (JbDashboard *dashboard, JbFilter *filter, Fixture *f)
{
  g_clear_pointer (&f->shown, jb_filter_unref);
  f->shown = jb_filter_ref (filter);
  f->n_shown++;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->store = test_tmp_store ("jb-dashboard-XXXXXX", "dashboard.db", &f->dir, NULL);
  g_autofree char *sample = g_build_filename (JB_SOURCE_ROOT, "data", "sample",
                                              "jiebang-sample.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_assert_true (jb_exchange_import (f->store, file, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (f->window, 1200, 800);
  f->dashboard = JB_DASHBOARD (jb_dashboard_new ());
  g_signal_connect (f->dashboard, "show-records", G_CALLBACK (show_records), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->dashboard));
  jb_dashboard_set_store (f->dashboard, f->store);
  gtk_window_present (f->window);
  ui_test_pump ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->window);
  ui_test_pump ();
  g_clear_pointer (&f->shown, jb_filter_unref);
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The big number on a figure's button. */
static const char *
tile_value (Fixture *f, JbFigureId figure)
{
  GtkWidget *button = jb_dashboard_get_tile (f->dashboard, figure);
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box)));
}

static guint
n_listed (Fixture *f, JbFilter *filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = jb_store_list_filtered (f->store, jb_filter_get_kind (filter),
                                                       filter, NULL, &error);
  g_assert_no_error (error);
  return rows->len;
}

static void
choose (JbPicker *picker, const char *text)
{
  if (!jb_picker_pick_text (picker, text))
    g_error ("no “%s” to choose", text);
  ui_test_pump ();
}

static void
test_period_and_bar (Fixture *f, gconstpointer data)
{
  /* The sample's year is the latest: its figures are shown. */
  g_assert_cmpstr (tile_value (f, JB_FIGURE_DEMANDS), ==, "206");
  g_assert_cmpstr (tile_value (f, JB_FIGURE_SIGNED), ==, "13");
  g_autofree char *amount = jb_money_format (318000000);
  g_assert_cmpstr (tile_value (f, JB_FIGURE_CONTRACT_AMOUNT), ==, amount);
  g_assert_cmpstr (tile_value (f, JB_FIGURE_AWARDS), ==, "11");

  /* A demand entered today makes a newer year; choosing it shows only that. */
  g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
  g_autoptr (GPtrArray) orgs = jb_store_list (f->store, JB_KIND_ORGANIZATION, NULL, NULL);
  jb_record_set_text_by_name (d, "title", "新的需求");
  jb_record_set_int_by_name (d, "owner_id", jb_record_get_id (orgs->pdata[0]));
  jb_record_set_text_by_name (d, "status", "draft");
  g_assert_true (jb_store_save (f->store, d, JB_SAVE_DEFAULT, NULL));
  ui_test_pump ();
  JbPicker *period = jb_dashboard_get_period_picker (f->dashboard);
  g_autofree char *this_year = g_strndup (jb_record_get_created (d), 4);
  choose (period, this_year);
  g_assert_cmpstr (tile_value (f, JB_FIGURE_DEMANDS), ==, "1");
  g_assert_cmpstr (tile_value (f, JB_FIGURE_SIGNED), ==, "0");

  choose (period, "2022");
  g_assert_cmpstr (tile_value (f, JB_FIGURE_DEMANDS), ==, "206");

  /* The Minhang session without its meetings: the seed's 62 demands. */
  JbPicker *scope = jb_dashboard_get_scope_picker (f->dashboard);
  choose (scope, "中国创新挑战赛（闵行专场）");
  g_assert_cmpstr (tile_value (f, JB_FIGURE_DEMANDS), ==, "96");
  const JbStatsPeriod *p = jb_dashboard_get_period (f->dashboard);
  jb_dashboard_set_event (f->dashboard, p->event_id, FALSE);
  ui_test_pump ();
  g_assert_cmpstr (tile_value (f, JB_FIGURE_DEMANDS), ==, "62");
  g_autofree char *investment = jb_money_format (4960000000);
  g_assert_cmpstr (tile_value (f, JB_FIGURE_INVESTMENT), ==, investment);
  g_assert_cmpstr (tile_value (f, JB_FIGURE_ENTERPRISES), ==, "15");

  /* Back to everything in 2022; the region chart's first bar is Shanghai. */
  choose (scope, C_("dashboard scope", "Everything"));
  JbChartView *regions = jb_dashboard_get_chart (f->dashboard, JB_SERIES_BY_REGION);
  JbSeriesEntry *shanghai = jb_chart_view_get_series (regions)->pdata[0];
  g_assert_cmpint (shanghai->value, ==, 206);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (regions), "chart.activate-item", "i", 0));
  ui_test_pump ();
  g_assert_nonnull (f->shown);
  g_assert_cmpint (jb_filter_get_kind (f->shown), ==, JB_KIND_DEMAND);
  g_assert_cmpuint (n_listed (f, f->shown), ==, 206);

  /* Keyboard: Right moves to Jiangsu, Enter opens its (no) records. */
  gtk_widget_grab_focus (GTK_WIDGET (regions));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (regions), "chart.move", "i", 1));
  g_assert_cmpint (jb_chart_view_get_focus (regions), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (regions), "chart.activate-focused", NULL));
  g_assert_cmpuint (n_listed (f, f->shown), ==, 0);

  /* The funnel's last step lists the 13 signed deals. */
  JbChartView *funnel = jb_dashboard_get_chart (f->dashboard, JB_SERIES_FUNNEL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (funnel), "chart.activate-item", "i", 4));
  g_assert_cmpint (jb_filter_get_kind (f->shown), ==, JB_KIND_DEAL);
  g_assert_cmpuint (n_listed (f, f->shown), ==, 13);

  /* A tile opens its records too: the 11 awards. */
  g_signal_emit_by_name (jb_dashboard_get_tile (f->dashboard, JB_FIGURE_AWARDS), "clicked");
  g_assert_cmpint (jb_filter_get_kind (f->shown), ==, JB_KIND_AWARD);
  g_assert_cmpuint (n_listed (f, f->shown), ==, 11);
}

/* A custom period typed in From and To: November 2022's signed deals, counted
 * apart with a filter of the store; a wrong date is refused at its field. */
static void
test_custom_period (Fixture *f, gconstpointer data)
{
  g_autoptr (JbFilter) november = jb_filter_new (JB_KIND_DEAL, "November 2022");
  jb_filter_add (november, JB_MATCH_IN, "stage", "signed,executing,completed");
  jb_filter_add (november, JB_MATCH_FROM, "signed_on", "2022-11-01");
  jb_filter_add (november, JB_MATCH_UNTIL, "signed_on", "2022-11-30");
  guint expected = n_listed (f, november);

  JbPicker *period = jb_dashboard_get_period_picker (f->dashboard);
  choose (period, _("Custom…"));
  /* Custom starts from the year shown: the same figures. */
  GtkEditable *from = jb_dashboard_get_date_entry (f->dashboard, FALSE);
  GtkEditable *to = jb_dashboard_get_date_entry (f->dashboard, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (from)));
  g_assert_cmpstr (gtk_editable_get_text (from), ==, "2022-01-01");
  g_assert_cmpstr (tile_value (f, JB_FIGURE_DEMANDS), ==, "206");

  gtk_editable_set_text (from, "2022/11/1");
  gtk_editable_set_text (to, "2022年11月30日");
  g_signal_emit_by_name (to, "activate");
  ui_test_pump ();
  const JbStatsPeriod *p = jb_dashboard_get_period (f->dashboard);
  g_assert_cmpstr (p->from, ==, "2022-11-01");
  g_assert_cmpstr (p->to, ==, "2022-11-30");
  g_assert_cmpstr (gtk_editable_get_text (from), ==, "2022-11-01");
  g_autofree char *count = g_strdup_printf ("%u", expected);
  g_assert_cmpstr (tile_value (f, JB_FIGURE_SIGNED), ==, count);
  g_assert_cmpuint (expected, >, 0);

  /* The calendar beside a date (built when first opened) picks a day as
   * typing it does, and opens again on the date written. */
  GtkWidget *to_date = gtk_widget_get_parent (GTK_WIDGET (to));
  g_assert_true (JB_IS_DATE_ENTRY (to_date));
  GtkWidget *pick = jb_date_entry_get_button (JB_DATE_ENTRY (to_date));
  ui_test_click (pick);
  ui_test_pump ();
  GtkWidget *popover = gtk_widget_get_last_child (to_date);
  g_assert_true (GTK_IS_POPOVER (popover));
  GtkWidget *calendar = gtk_popover_get_child (GTK_POPOVER (popover));
  g_assert_true (GTK_IS_CALENDAR (calendar));
  g_assert_true (gtk_widget_get_mapped (calendar));
  g_autoptr (GDateTime) day = g_date_time_new_utc (2022, 11, 15, 0, 0, 0);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  ui_test_pump ();
  g_assert_cmpstr (gtk_editable_get_text (to), ==, "2022-11-15");
  g_assert_cmpstr (jb_dashboard_get_period (f->dashboard)->to, ==, "2022-11-15");
  g_assert_false (gtk_widget_get_mapped (calendar));
  ui_test_click (pick);
  ui_test_pump ();
  g_assert_true (gtk_widget_get_last_child (to_date) == popover);
  g_autoptr (GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (calendar));
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 15);
  g_autoptr (GDateTime) end = g_date_time_new_utc (2022, 11, 30, 0, 0, 0);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), end);
  ui_test_pump ();
  g_assert_cmpstr (jb_dashboard_get_period (f->dashboard)->to, ==, "2022-11-30");
  g_assert_cmpstr (tile_value (f, JB_FIGURE_SIGNED), ==, count);

  /* An impossible date and an end before the start keep the period shown. */
  gtk_editable_set_text (to, "2022-02-30");
  g_signal_emit_by_name (to, "activate");
  ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (to), "error"));
  g_assert_cmpstr (jb_dashboard_get_period (f->dashboard)->to, ==, "2022-11-30");
  gtk_editable_set_text (to, "2022-10-31");
  g_signal_emit_by_name (to, "activate");
  ui_test_pump ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (to), "error"));
  g_assert_cmpstr (tile_value (f, JB_FIGURE_SIGNED), ==, count);

  /* Back to a year: the dates are hidden, the year's figures shown. */
  choose (period, "2022");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (from)));
  g_assert_cmpstr (tile_value (f, JB_FIGURE_SIGNED), ==, "13");
}

/* Work done today in a database whose records are older (the sample's are
 * of 2022): an invitation sent from matching, a solution asked for and not
 * received yet.  This year is offered at once (the year shown stays), and
 * the dashboard opens on it from then on, with the invitation in it. */
static void
test_opens_on_this_year (Fixture *f, gconstpointer data)
{
  g_autofree char *today = jb_date_today ();
  g_autofree char *this_year = g_strndup (today, 4);
  if (g_ascii_strtoll (this_year, NULL, 10) <= 2022)
    {
      g_test_skip ("the clock is set before the sample's year");
      return;
    }
  JbPicker *period = jb_dashboard_get_period_picker (f->dashboard);
  /* Nothing done this year: the archive's year. */
  g_assert_cmpstr (jb_picker_get_text (period), ==, "2022");
  g_assert_false (jb_picker_pick_text (period, this_year));
  ui_test_pump ();
  g_assert_cmpstr (jb_dashboard_get_period (f->dashboard)->from, ==, "2022-01-01");

  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) demands = jb_store_list (f->store, JB_KIND_DEMAND, NULL, &error);
  g_assert_no_error (error);
  JbRecord *demand = demands->pdata[0];
  gint64 owner = jb_record_get_int_by_name (demand, "owner_id");
  g_autoptr (GPtrArray) orgs = jb_store_list (f->store, JB_KIND_ORGANIZATION, NULL, &error);
  gint64 solver = 0;
  for (guint i = 0; i < orgs->len && solver == 0; i++)
    if (jb_record_get_id (orgs->pdata[i]) != owner)
      solver = jb_record_get_id (orgs->pdata[i]);
  g_autoptr (JbRecord) invited = jb_match_invite (f->store, jb_record_get_id (demand),
                                                  JB_KIND_ORGANIZATION, solver,
                                                  JB_INVITE_SOLUTION, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_record_get_kind_id (invited), ==, JB_KIND_SOLUTION);
  ui_test_pump ();
  /* The year shown stays; this year can be chosen. */
  g_assert_cmpstr (jb_picker_get_text (period), ==, "2022");
  choose (period, this_year);
  g_autofree char *first_day = g_strdup_printf ("%s-01-01", this_year);
  g_assert_cmpstr (jb_dashboard_get_period (f->dashboard)->from, ==, first_day);
  g_assert_cmpstr (tile_value (f, JB_FIGURE_DEMANDS), ==, "0");

  /* Opened again (the next start): on this year. */
  jb_dashboard_set_store (f->dashboard, f->store);
  ui_test_pump ();
  g_assert_cmpstr (jb_picker_get_text (period), ==, this_year);
  g_assert_cmpstr (jb_dashboard_get_period (f->dashboard)->from, ==, first_day);
}

static void
test_accessible_names (Fixture *f, gconstpointer data)
{
  guint checked = ui_test_check_names (GTK_WIDGET (f->dashboard));
  /* 16 tiles, 6 charts with their number lists, drop-downs, buttons. */
  g_assert_cmpuint (checked, >, 16 + 6 * 2 + 4);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  jb_exchange_init ();
  g_test_add ("/dashboard/period-and-bar", Fixture, NULL, fixture_set_up, test_period_and_bar,
              fixture_tear_down);
  g_test_add ("/dashboard/opens-on-this-year", Fixture, NULL, fixture_set_up,
              test_opens_on_this_year, fixture_tear_down);
  g_test_add ("/dashboard/custom-period", Fixture, NULL, fixture_set_up, test_custom_period,
              fixture_tear_down);
  g_test_add ("/dashboard/accessible-names", Fixture, NULL, fixture_set_up,
              test_accessible_names, fixture_tear_down);
  return g_test_run ();
}

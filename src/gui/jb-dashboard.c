/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-dashboard.c: the Dashboard page (see jb-dashboard.h).
 *
 * Everything shown comes from the store's statistics (jb-stats.h), read again
 * when the period, the scope or the store changes; the report printed or saved
 * is drawn from the same figures by jb-report.c. */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "jb-a11y.h"
#include "jb-dashboard.h"
#include "jb-date-entry.h"
#include "jb-date.h"
#include "jb-query.h"
#include "jb-report.h"
#include "jb-stats-table-view.h"

/* Which chart draws each series. */
static const JbChartKind chart_kinds[JB_N_SERIES] = {
  [JB_SERIES_DEMANDS_OVER_TIME] = JB_CHART_BARS,
  [JB_SERIES_CONTRACTS_OVER_TIME] = JB_CHART_LINE,
  [JB_SERIES_BY_INDUSTRY] = JB_CHART_HBARS,
  [JB_SERIES_BY_REGION] = JB_CHART_BARS,
  [JB_SERIES_FUNNEL] = JB_CHART_FUNNEL,
  [JB_SERIES_TOP_ENTERPRISES] = JB_CHART_HBARS,
};

struct _JbDashboard {
  GtkWidget parent_instance;

  JbPicker *period_picker;
  JbPicker *scope_picker;
  GtkCheckButton *sessions_check;
  GtkBox *custom_box;
  GtkButton *pdf_button;
  GtkButton *print_button;
  GtkLabel *title_label;
  GtkFlowBox *tiles;
  GtkFlowBox *charts;

  JbStore *store;
  gulong changed_handler;
  guint refresh_idle;
  gboolean updating_choices;  /* setting a choice from code: no refresh */
  int chosen_year;            /* 0: all time; -1: none yet (this year, or the latest) */
  gboolean custom;            /* "Custom…": from custom_from to custom_to */
  gboolean syncing;           /* setting a date input from code: no reaction */

  GArray *years;      /* int per period item; 0 = all time */
  JbStatsPeriod period;
  char from[11], to[11];
  char custom_from[11], custom_to[11];  /* ISO, "" for an open end */
  GtkWidget *date_entries[2];           /* From, To */
  GtkWidget *date_errors[2];

  GtkWidget *tile_buttons[JB_N_FIGURES];
  GtkLabel *tile_values[JB_N_FIGURES];
  JbChartView *chart_views[JB_N_SERIES];
  GtkListBox *number_lists[JB_N_SERIES];
  JbStatsTableView *invitations;  /* from matching, and what became of them */
};

G_DEFINE_FINAL_TYPE (JbDashboard, jb_dashboard, GTK_TYPE_WIDGET)

enum { SHOW_RECORDS, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_records (JbDashboard *self, JbFilter *filter)
{
  if (filter)
    g_signal_emit (self, signals[SHOW_RECORDS], 0, filter);
}

/* ---- the period and scope -------------------------------------------------- */

static void
set_date_text (JbDashboard *self, guint i, const char *text)
{
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_entries[i]), text);
  self->syncing = FALSE;
}

static void
read_choices (JbDashboard *self)
{
  guint p = (guint) jb_picker_get_key (self->period_picker);
  /* "Custom…" follows the years and "All time". */
  gboolean custom = p == self->years->len;
  int year = p < self->years->len ? g_array_index (self->years, int, p) : 0;

  if (custom && !self->custom && !self->custom_from[0] && !self->custom_to[0])
    {
      /* Start from the period shown, so that the figures do not jump. */
      g_strlcpy (self->custom_from, self->period.from ? self->period.from : "", 11);
      g_strlcpy (self->custom_to, self->period.to ? self->period.to : "", 11);
      set_date_text (self, 0, self->custom_from);
      set_date_text (self, 1, self->custom_to);
    }
  self->custom = custom;
  gtk_widget_set_visible (GTK_WIDGET (self->custom_box), custom);
  if (!custom)
    self->chosen_year = year;
  self->period = (JbStatsPeriod) { 0 };
  if (custom)
    {
      self->period.from = self->custom_from[0] ? self->custom_from : NULL;
      self->period.to = self->custom_to[0] ? self->custom_to : NULL;
    }
  else if (year > 0)
    jb_stats_period_set_year (&self->period, year, self->from, self->to);
  self->period.event_id = MAX (jb_picker_get_key (self->scope_picker), 0);
  self->period.event_alone = !gtk_check_button_get_active (self->sessions_check);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sessions_check), self->period.event_id != 0);
}

/* The scopes: everything, or a challenge (an event) with or without its
 * sessions, searched in the store as the user types: a pool of years has
 * thousands of events.  Oldest first (challenges before their sessions),
 * best match first when searching. */
static guint
scope_source (const char *query, guint limit, GtkStringList *texts, GArray *keys, gpointer data)
{
  JbDashboard *self = data;
  guint total = 0;
  if (*query == '\0' && limit > 0)
    {
      gtk_string_list_append (texts, C_("dashboard scope", "Everything"));
      g_array_append_val (keys, (gint64) { 0 });
      total = 1;
    }
  if (self->store == NULL)
    return total;
  g_autoptr (JbQuery) q = jb_query_new (self->store, JB_KIND_EVENT);
  g_autoptr (GError) error = NULL;
  guint found = 0;
  jb_query_set_search (q, query);
  if (*query == '\0')
    jb_query_set_order (q, "id", FALSE);
  if (!jb_query_count (q, &found, &error))
    {
      g_warning ("Cannot list events: %s", error->message);
      return total;
    }
  g_autoptr (GPtrArray) rows = limit > total ? jb_query_fetch (q, 0, limit - total, NULL) : NULL;
  for (guint i = 0; rows && i < rows->len; i++)
    {
      gint64 id = jb_record_get_id (rows->pdata[i]);
      gtk_string_list_append (texts, jb_record_get_title (rows->pdata[i]));
      g_array_append_val (keys, id);
    }
  return total + found;
}

/* Shows @event as the scope chosen (NULL: everything). */
static void
set_scope (JbDashboard *self, JbRecord *event)
{
  if (event)
    jb_picker_set_choice (self->scope_picker, jb_record_get_id (event),
                          jb_record_get_title (event));
  else
    jb_picker_set_choice (self->scope_picker, 0, C_("dashboard scope", "Everything"));
}

/* Fills the choices from the store, keeping the ones that still exist. */
static void
load_choices (JbDashboard *self)
{
  int year = self->chosen_year;
  gint64 event = self->period.event_id;
  GtkStringList *years = gtk_string_list_new (NULL);
  guint year_pos = 0;

  g_array_set_size (self->years, 0);
  /* This year as soon as something was done in it (an invitation sent, a
   * demand entered), and it is where the dashboard opens then; an archive
   * of past years opens on its last. */
  int open = 0;
  g_autoptr (GArray) present = self->store ? jb_store_stats_year_choices (self->store, NULL,
                                                                            &open, NULL)
                                           : NULL;
  if (year < 0)
    year = open;
  for (guint i = 0; present && i < present->len; i++)
    {
      int y = g_array_index (present, int, i);
      char text[16];
      g_snprintf (text, sizeof text, "%d", y);
      gtk_string_list_append (years, text);
      g_array_append_val (self->years, y);
      if (y == year)
        year_pos = i;
    }
  if (year == 0)
    year_pos = self->years->len;
  gtk_string_list_append (years, _("All time"));
  g_array_append_val (self->years, (int) { 0 });
  /* TRANSLATORS: a period from one date to another, chosen by the user */
  gtk_string_list_append (years, _("Custom…"));
  if (self->custom)
    year_pos = self->years->len;

  /* The challenge chosen, if it is still there: the others are searched
   * for as the user types (scope_source()), not listed here. */
  g_autoptr (JbRecord) chosen = event > 0 && self->store
                                ? jb_store_load (self->store, JB_KIND_EVENT, event, NULL) : NULL;
  jb_picker_set_strings (self->period_picker, years);
  jb_picker_set_position (self->period_picker, year_pos);
  set_scope (self, chosen);
  read_choices (self);
}

/* ---- refresh ------------------------------------------------------------------ */

static void
number_row_activated (GtkListBox *list, GtkListBoxRow *row, JbDashboard *self)
{
  JbFilter *filter = g_object_get_data (G_OBJECT (row), "filter");
  show_records (self, filter);
}

static void
fill_numbers (GtkListBox *list, GPtrArray *entries)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (list)));)
    gtk_list_box_remove (list, child);
  for (guint i = 0; entries && i < entries->len; i++)
    {
      JbSeriesEntry *e = entries->pdata[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (e->label);
      GtkWidget *value = gtk_label_new (e->formatted);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (value, "numeric");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), value);
      GtkWidget *row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_autofree char *name = g_strdup_printf (_("%s: %s"), e->label, e->formatted);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (row), "filter", jb_filter_ref (e->filter),
                              (GDestroyNotify) jb_filter_unref);
      gtk_list_box_append (list, row);
    }
}

static void
refresh (JbDashboard *self)
{
  g_autoptr (GError) error = NULL;
  JbFigures figures = { 0 };

  if (self->store == NULL)
    return;
  if (!jb_store_begin_read (self->store, &error))
    {
      g_warning ("dashboard: %s", error->message);
      return;
    }
  if (!jb_store_stats_figures (self->store, &self->period, &figures, &error))
    g_warning ("dashboard: %s", error->message);
  g_autofree char *description = jb_store_stats_describe (self->store, &self->period);
  gtk_label_set_text (self->title_label, description);

  for (guint i = 0; i < JB_N_FIGURES; i++)
    {
      g_autofree char *value = jb_figure_format (&figures, i);
      gtk_label_set_text (self->tile_values[i], value);
      g_autofree char *name = g_strdup_printf (_("%s: %s"), jb_figure_label (i), value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->tile_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  for (guint s = 0; s < JB_N_SERIES; s++)
    {
      g_clear_error (&error);
      g_autoptr (GPtrArray) entries = s == JB_SERIES_FUNNEL
                                      ? jb_store_stats_funnel (self->store, &self->period, &figures)
                                      : jb_store_stats_series (self->store, &self->period, s, &error);
      if (entries == NULL)
        g_warning ("dashboard: %s", error->message);
      jb_chart_view_set_series (self->chart_views[s], jb_series_title (s), entries);
      fill_numbers (self->number_lists[s], entries);
    }
  g_clear_error (&error);
  g_autoptr (JbStatsTable) invitations = jb_store_stats_table (self->store, &self->period,
                                                               JB_TABLE_INVITATIONS, &error);
  if (invitations == NULL)
    g_warning ("dashboard: %s", error->message);
  jb_stats_table_view_set (self->invitations, invitations);
  jb_store_commit (self->store, NULL);
}

static gboolean
refresh_idle (gpointer data)
{
  JbDashboard *self = data;
  self->refresh_idle = 0;
  load_choices (self);
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed (JbStore *store, guint kinds, JbDashboard *self)
{
  /* An import emits once; typing in an editor saves often: coalesce. */
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_LOW, refresh_idle, self, NULL);
}

static void
choice_changed (JbDashboard *self)
{
  if (self->updating_choices)
    return;
  read_choices (self);
  refresh (self);
}

/* ---- a custom period --------------------------------------------------------- */

static void
set_date_error (JbDashboard *self, guint i, const char *message)
{
  GtkWidget *entry = jb_date_entry_get_entry (JB_DATE_ENTRY (self->date_entries[i]));
  gtk_label_set_text (GTK_LABEL (self->date_errors[i]), message ? message : "");
  gtk_widget_set_visible (self->date_errors[i], message != NULL);
  if (message)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Reads From and To; shows the period if both are dates (or empty: an open
 * end) in order, else says what is wrong at the field and keeps the figures. */
static void
apply_custom (JbDashboard *self)
{
  char *iso[2] = { NULL, NULL };
  gboolean ok = TRUE;
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *message = NULL;
      if (jb_date_entry_read (JB_DATE_ENTRY (self->date_entries[i]), &iso[i], &message))
        {
          if (iso[i] == NULL)
            iso[i] = g_strdup ("");
          set_date_error (self, i, NULL);
        }
      else
        {
          set_date_error (self, i, message);
          ok = FALSE;
        }
    }
  if (ok && *iso[0] && *iso[1] && strcmp (iso[0], iso[1]) > 0)
    {
      set_date_error (self, 1, _("The end comes before the start."));
      ok = FALSE;
    }
  if (ok)
    {
      for (guint i = 0; i < 2; i++)
        set_date_text (self, i, iso[i]);  /* as the figures read it: 2022/12/1 → 2022-12-01 */
      gboolean changed = strcmp (self->custom_from, iso[0]) != 0 ||
                         strcmp (self->custom_to, iso[1]) != 0;
      g_strlcpy (self->custom_from, iso[0], sizeof self->custom_from);
      g_strlcpy (self->custom_to, iso[1], sizeof self->custom_to);
      if (changed && self->custom)
        {
          read_choices (self);
          refresh (self);
        }
    }
  g_free (iso[0]);
  g_free (iso[1]);
}

static void
date_edited (GtkEditable *entry, JbDashboard *self)
{
  /* Judged when the user is done (Enter, leaving the field, a day picked);
   * while typing, an old complaint would only be in the way. */
  for (guint i = 0; i < 2 && !self->syncing; i++)
    if (self->date_entries[i] == GTK_WIDGET (entry))
      set_date_error (self, i, NULL);
}

static void
date_focus_left (GtkEventControllerFocus *focus, JbDashboard *self)
{
  apply_custom (self);
}

static void
build_custom (JbDashboard *self)
{
  /* TRANSLATORS: first day of a custom dashboard period */
  const char *names[2] = { N_("_From"), N_("_To") };
  const char *tips[2] = { N_("First day of the period; empty: since the beginning"),
                          N_("Last day of the period; empty: until today and after") };
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *field = gtk_grid_new ();
      GtkWidget *label = gtk_label_new_with_mnemonic (_(names[i]));
      GtkWidget *entry = jb_date_entry_new ();
      GtkWidget *error = gtk_label_new (NULL);

      gtk_grid_set_column_spacing (GTK_GRID (field), 6);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
      gtk_widget_set_tooltip_text (entry, _(tips[i]));
      g_autofree char *title = jb_a11y_strip_mnemonic (_(names[i]));
      jb_date_entry_set_title (JB_DATE_ENTRY (entry), title);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (jb_date_entry_get_entry (JB_DATE_ENTRY (entry))),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, error, -1);
      g_signal_connect (entry, "changed", G_CALLBACK (date_edited), self);
      g_signal_connect_swapped (jb_date_entry_get_entry (JB_DATE_ENTRY (entry)), "activate",
                                G_CALLBACK (apply_custom), self);
      g_signal_connect_swapped (entry, "date-picked", G_CALLBACK (apply_custom), self);
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (date_focus_left), self);
      gtk_widget_add_controller (jb_date_entry_get_entry (JB_DATE_ENTRY (entry)), focus);

      gtk_label_set_xalign (GTK_LABEL (error), 0);
      gtk_label_set_wrap (GTK_LABEL (error), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (error), 40);
      gtk_widget_add_css_class (error, "error");
      gtk_widget_set_visible (error, FALSE);

      gtk_grid_attach (GTK_GRID (field), label, 0, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (field), entry, 1, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (field), error, 1, 1, 1, 1);
      gtk_box_append (self->custom_box, field);
      self->date_entries[i] = entry;
      self->date_errors[i] = error;
    }
}

/* ---- tiles and charts ----------------------------------------------------------- */

static void
tile_clicked (GtkButton *button, JbDashboard *self)
{
  JbFigureId figure = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "figure"));
  g_autoptr (GError) error = NULL;
  if (self->store == NULL)
    return;
  g_autoptr (JbFilter) filter = jb_store_stats_figure_filter (self->store, &self->period, figure,
                                                              &error);
  if (filter == NULL)
    g_warning ("dashboard: %s", error->message);
  show_records (self, filter);
}

/* A flow box's cell that is only a place: no focus of its own (what it
 * holds takes it) and no name to say ("GtkFlowBoxChild" in GTK 4.8). */
static GtkWidget *
flow_child (GtkWidget *content)
{
  return g_object_new (GTK_TYPE_FLOW_BOX_CHILD, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                       "focusable", FALSE, "child", content, NULL);
}

static void
build_tiles (JbDashboard *self)
{
  for (guint i = 0; i < JB_N_FIGURES; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *value = gtk_label_new ("–");
      GtkWidget *name = gtk_label_new (jb_figure_label (i));
      gtk_widget_add_css_class (value, "title-2");
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (name, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_label_set_justify (GTK_LABEL (name), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (box), value);
      gtk_box_append (GTK_BOX (box), name);
      GtkWidget *button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      /* TRANSLATORS: tooltip of a key figure on the dashboard */
      gtk_widget_set_tooltip_text (button, _("Show these records"));
      g_object_set_data (G_OBJECT (button), "figure", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (tile_clicked), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      jb_figure_label (i), -1);
      gtk_flow_box_append (self->tiles, flow_child (button));
      self->tile_buttons[i] = button;
      self->tile_values[i] = GTK_LABEL (value);
    }
}

static void
chart_activated (JbChartView *view, JbFilter *filter, JbDashboard *self)
{
  show_records (self, filter);
}

static void
build_charts (JbDashboard *self)
{
  for (guint s = 0; s < JB_N_SERIES; s++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (jb_series_title (s));
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      GtkWidget *view = jb_chart_view_new (chart_kinds[s]);
      jb_chart_view_set_money (JB_CHART_VIEW (view), jb_series_is_money (s));
      gtk_widget_set_vexpand (view, TRUE);
      g_signal_connect (view, "activate-item", G_CALLBACK (chart_activated), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      jb_series_title (s), -1);

      /* The numbers behind the chart, as a list: for the keyboard, screen
       * readers, and whoever wants the exact figures. */
      GtkWidget *list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
      gtk_widget_add_css_class (list, "boxed-list");
      g_signal_connect (list, "row-activated", G_CALLBACK (number_row_activated), self);
      g_autofree char *list_name = g_strdup_printf (_("Numbers of “%s”"), jb_series_title (s));
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      list_name, -1);
      /* No mnemonic: six of them would share it. */
      GtkWidget *expander = gtk_expander_new (_("Show numbers"));
      gtk_expander_set_child (GTK_EXPANDER (expander), list);
      gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      list_name, -1);

      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), view);
      gtk_box_append (GTK_BOX (box), expander);
      gtk_flow_box_append (self->charts, flow_child (box));
      self->chart_views[s] = JB_CHART_VIEW (view);
      self->number_lists[s] = GTK_LIST_BOX (list);
    }
  GtkWidget *invitations = jb_stats_table_view_new (_("Invitations from matching"),
                                                    _("No invitations from matching in this "
                                                      "period."));
  g_signal_connect (invitations, "activate-row", G_CALLBACK (chart_activated), self);
  /* Below the charts, not among them: a flow box's cell with nothing to
   * focus (no invitations yet) sends Tab back to its first cell. */
  gtk_widget_set_margin_top (invitations, 18);
  gtk_widget_set_halign (invitations, GTK_ALIGN_START);
  gtk_widget_set_size_request (invitations, 360, -1);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->charts))),
                              invitations, GTK_WIDGET (self->charts));
  self->invitations = JB_STATS_TABLE_VIEW (invitations);
}

/* ---- printing and PDF ------------------------------------------------------------ */

static void
draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page, JbReport *report)
{
  jb_report_draw_page (report, gtk_print_context_get_cairo_context (context), (guint) page,
                       gtk_print_context_get_width (context),
                       gtk_print_context_get_height (context));
}

static void
show_error (JbDashboard *self, const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s",
                                              _("The report could not be made"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

static void
print_clicked (JbDashboard *self)
{
  g_autoptr (GError) error = NULL;
  if (self->store == NULL)
    return;
  JbReport *report = jb_report_new (self->store, &self->period, &error);
  if (report == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_autoptr (GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) jb_report_get_n_pages (report));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_autofree char *name = jb_store_stats_describe (self->store, &self->period);
  gtk_print_operation_set_job_name (operation, name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), report);
  /* The report lives as long as the operation. */
  g_object_set_data_full (G_OBJECT (operation), "report", report, (GDestroyNotify) jb_report_free);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, error->message);
}

static void
pdf_response (GtkNativeDialog *chooser, int response, JbDashboard *self)
{
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT
                           ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr (GError) error = NULL;
  if (path && self->store)
    {
      g_autoptr (JbReport) report = jb_report_new (self->store, &self->period, &error);
      if (report == NULL || !jb_report_write_pdf (report, path, &error))
        show_error (self, error->message);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
pdf_clicked (JbDashboard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
    _("Save Report as PDF"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_autofree char *description = self->store ? jb_store_stats_describe (self->store, &self->period)
                                             : g_strdup ("");
  /* TRANSLATORS: the file name offered for the report; %s is the period */
  g_autofree char *name = g_strdup_printf (_("Jiebang report %s.pdf"), description);
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (pdf_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the class ------------------------------------------------------------------ */

static void
jb_dashboard_dispose (GObject *object)
{
  JbDashboard *self = JB_DASHBOARD (object);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), JB_TYPE_DASHBOARD);
  /* The template's root box is not bound: unparent it ourselves. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (jb_dashboard_parent_class)->dispose (object);
}

static void
jb_dashboard_finalize (GObject *object)
{
  JbDashboard *self = JB_DASHBOARD (object);
  g_array_unref (self->years);
  G_OBJECT_CLASS (jb_dashboard_parent_class)->finalize (object);
}

static void
jb_dashboard_class_init (JbDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = jb_dashboard_dispose;
  object_class->finalize = jb_dashboard_finalize;

  /* JbDashboard::show-records: the user activated a figure or a bar; @filter
   * lists its records (jb_store_list_filtered). */
  signals[SHOW_RECORDS] = g_signal_new ("show-records", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        JB_TYPE_FILTER);

  g_type_ensure (JB_TYPE_CHART_VIEW);
  g_type_ensure (JB_TYPE_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/jb-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, JbDashboard, period_picker);
  gtk_widget_class_bind_template_child (widget_class, JbDashboard, scope_picker);
  gtk_widget_class_bind_template_child (widget_class, JbDashboard, sessions_check);
  gtk_widget_class_bind_template_child (widget_class, JbDashboard, custom_box);
  gtk_widget_class_bind_template_child (widget_class, JbDashboard, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, JbDashboard, print_button);
  gtk_widget_class_bind_template_child (widget_class, JbDashboard, title_label);
  gtk_widget_class_bind_template_child (widget_class, JbDashboard, tiles);
  gtk_widget_class_bind_template_child (widget_class, JbDashboard, charts);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jb_dashboard_init (JbDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->chosen_year = -1;
  build_tiles (self);
  build_charts (self);
  build_custom (self);
  jb_a11y_tidy (GTK_WIDGET (self));
  jb_picker_set_title (self->period_picker, _("Period"));
  jb_picker_set_strings (self->period_picker, gtk_string_list_new (NULL));
  jb_picker_set_title (self->scope_picker, _("Scope"));
  jb_picker_set_source (self->scope_picker, scope_source, self, NULL);
  jb_picker_set_searchable (self->scope_picker, TRUE);
  g_signal_connect_swapped (self->period_picker, "changed", G_CALLBACK (choice_changed), self);
  g_signal_connect_swapped (self->scope_picker, "changed", G_CALLBACK (choice_changed), self);
  g_signal_connect_swapped (self->sessions_check, "toggled", G_CALLBACK (choice_changed), self);
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (print_clicked), self);
  g_signal_connect_swapped (self->pdf_button, "clicked", G_CALLBACK (pdf_clicked), self);
}

GtkWidget *
jb_dashboard_new (void)
{
  return g_object_new (JB_TYPE_DASHBOARD, NULL);
}

void
jb_dashboard_set_store (JbDashboard *self, JbStore *store)
{
  g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store)
    self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (store_changed), self);
  self->period = (JbStatsPeriod) { 0 };
  self->chosen_year = -1;
  self->custom = FALSE;
  load_choices (self);  /* no year chosen yet: this year, or the latest */
  /* The figures when the main loop is next idle: the window is shown
   * first, then filled (a million demands' figures take tens of ms). */
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_LOW, refresh_idle, self, NULL);
}

void
jb_dashboard_set_year (JbDashboard *self, int year)
{
  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      {
        jb_picker_set_position (self->period_picker, i);
        choice_changed (self);
      }
}

void
jb_dashboard_set_event (JbDashboard *self, gint64 event_id, gboolean with_sessions)
{
  self->updating_choices = TRUE;
  gtk_check_button_set_active (self->sessions_check, with_sessions);
  self->updating_choices = FALSE;
  g_autoptr (JbRecord) event = event_id > 0 && self->store
                               ? jb_store_load (self->store, JB_KIND_EVENT, event_id, NULL) : NULL;
  if (event || event_id == 0)
    {
      set_scope (self, event);
      choice_changed (self);
    }
}

const JbStatsPeriod *
jb_dashboard_get_period (JbDashboard *self)
{
  return &self->period;
}

GtkWidget *
jb_dashboard_get_tile (JbDashboard *self, JbFigureId figure)
{
  g_return_val_if_fail (figure < JB_N_FIGURES, NULL);
  return self->tile_buttons[figure];
}

JbChartView *
jb_dashboard_get_chart (JbDashboard *self, JbSeriesId series)
{
  g_return_val_if_fail (series < JB_N_SERIES, NULL);
  return self->chart_views[series];
}

JbPicker *
jb_dashboard_get_period_picker (JbDashboard *self)
{
  return self->period_picker;
}

GtkEditable *
jb_dashboard_get_date_entry (JbDashboard *self, gboolean to)
{
  return GTK_EDITABLE (jb_date_entry_get_entry (JB_DATE_ENTRY (self->date_entries[to ? 1 : 0])));
}

JbPicker *
jb_dashboard_get_scope_picker (JbDashboard *self)
{
  return self->scope_picker;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-stats-table-view.c: a JbStatsTable as a titled list whose rows open
 * their records (the "activate-row" signal carries the row's filter).  The
 * dashboard shows the invitations from matching this way: how many were
 * sent and what became of them. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-stats-table-view.h"

struct _JbStatsTableView {
  GtkWidget parent_instance;
  GtkWidget *title;
  GtkWidget *empty;
  GtkWidget *list;
};

G_DEFINE_FINAL_TYPE (JbStatsTableView, jb_stats_table_view, GTK_TYPE_WIDGET)

enum { ACTIVATE_ROW, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
row_activated (GtkListBox *list, GtkListBoxRow *row, JbStatsTableView *self)
{
  JbFilter *filter = g_object_get_data (G_OBJECT (row), "filter");
  if (filter)
    g_signal_emit (self, signals[ACTIVATE_ROW], 0, filter);
}

GtkWidget *
jb_stats_table_view_new (const char *title, const char *empty)
{
  JbStatsTableView *self = g_object_new (JB_TYPE_STATS_TABLE_VIEW, NULL);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->empty), empty);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  return GTK_WIDGET (self);
}

GtkListBox *
jb_stats_table_view_get_list (JbStatsTableView *self)
{
  return GTK_LIST_BOX (self->list);
}

void
jb_stats_table_view_set (JbStatsTableView *self, const JbStatsTable *table)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (self->list));)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  guint n = table ? table->rows->len : 0;
  gtk_widget_set_visible (self->empty, n == 0);
  gtk_widget_set_visible (self->list, n > 0);
  for (guint r = 0; r < n; r++)
    {
      char **cells = table->rows->pdata[r];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      g_autoptr (GString) name = g_string_new (NULL);
      for (guint c = 0; c < table->n_columns && cells[c]; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);
          gboolean numeric = c >= table->numeric_from;
          gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
          if (numeric)
            gtk_widget_add_css_class (label, "numeric");
          else
            gtk_widget_set_hexpand (label, TRUE);
          gtk_box_append (GTK_BOX (box), label);
          /* "Selected: 1"; a third column: "…, Amount: 318万元". */
          if (c == 0)
            g_string_append (name, cells[c]);
          else if (c == 1)
            {
              g_string_truncate (name, 0);
              g_string_append_printf (name, _("%s: %s"), cells[0], cells[c]);
            }
          else
            {
              g_string_append (name, C_("list", ", "));
              g_string_append_printf (name, _("%s: %s"), table->columns[c], cells[c]);
            }
        }
      GtkWidget *row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name->str, -1);
      gtk_widget_set_tooltip_text (row, _("Show these records"));
      if (r < table->filters->len)
        g_object_set_data_full (G_OBJECT (row), "filter",
                                jb_filter_ref (table->filters->pdata[r]),
                                (GDestroyNotify) jb_filter_unref);
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
}

static void
jb_stats_table_view_dispose (GObject *object)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (jb_stats_table_view_parent_class)->dispose (object);
}

static void
jb_stats_table_view_class_init (JbStatsTableViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = jb_stats_table_view_dispose;
  /* JbStatsTableView::activate-row: @filter lists the row's records. */
  signals[ACTIVATE_ROW] = g_signal_new ("activate-row", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        JB_TYPE_FILTER);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "jbstatstableview");
}

static void
jb_stats_table_view_init (JbStatsTableView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));

  self->empty = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->empty), 0);
  gtk_label_set_wrap (GTK_LABEL (self->empty), TRUE);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_widget_set_parent (self->empty, GTK_WIDGET (self));

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated), self);
  gtk_widget_set_parent (self->list, GTK_WIDGET (self));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-chart-view.c: the chart widget (see jb-chart-view.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-chart-view.h"

struct _JbChartView {
  GtkWidget parent_instance;
  JbChartKind kind;
  gboolean money;       /* values are fen: abbreviated on the chart */
  GPtrArray *entries;   /* JbSeriesEntry */
  GStrv short_texts;    /* per entry, when money */
  int focus;            /* item the keyboard is on */
  int hover;            /* item under the pointer */
};

G_DEFINE_FINAL_TYPE (JbChartView, jb_chart_view, GTK_TYPE_WIDGET)

enum { ACTIVATE_ITEM, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint
n_items (JbChartView *self)
{
  return self->entries ? self->entries->len : 0;
}

/* Colours from the theme, so that the chart reads in light and dark. */
static void
style_from_widget (JbChartView *self, JbChartStyle *style)
{
  GdkRGBA fg;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gboolean dark = 0.299 * fg.red + 0.587 * fg.green + 0.114 * fg.blue > 0.5;
  *style = (JbChartStyle) {
    .foreground = { fg.red, fg.green, fg.blue, fg.alpha },
    /* Adwaita's blue 3 / blue 2 and orange 4 / orange 2: contrast on each background. */
    .accent = dark ? (JbChartColor) { 0.38, 0.63, 0.92, 1 } : (JbChartColor) { 0.21, 0.52, 0.89, 1 },
    .highlight = dark ? (JbChartColor) { 1.0, 0.64, 0.28, 1 } : (JbChartColor) { 0.90, 0.38, 0.0, 1 },
    .font = NULL,
  };
}

static void
jb_chart_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  JbChartView *self = JB_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint n = n_items (self);
  g_autofree JbChartItem *items = g_new0 (JbChartItem, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JbSeriesEntry *e = self->entries->pdata[i];
      items[i] = (JbChartItem) { e->label, (double) e->value, e->formatted,
                                 self->short_texts ? self->short_texts[i] : NULL };
    }
  JbChartStyle style;
  style_from_widget (self, &style);
  PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  g_autofree char *font_name = font ? pango_font_description_to_string (font) : NULL;
  style.font = font_name;

  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  int marked = gtk_widget_has_focus (widget) ? self->focus : self->hover;
  jb_chart_draw (cr, self->kind, items, n, width, height, &style, marked);
  cairo_destroy (cr);
}

static void
jb_chart_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                       int *natural, int *minimum_baseline, int *natural_baseline)
{
  JbChartView *self = JB_CHART_VIEW (widget);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 200, *natural = 420;
  else
    {
      int rows = self->kind == JB_CHART_HBARS || self->kind == JB_CHART_FUNNEL
                 ? (int) MAX (n_items (self), 3) : 0;
      /* Rows tall enough for two lines when a label is long (organization
       * names), so that jb_chart_draw wraps it instead of cutting it. */
      int row = 26;
      /* The label column of jb_chart_draw (half the width at most) in a
       * chart as wide as the dashboard's two columns at the window's default
       * size: narrower, labels lose their middle instead. */
      double label_room = (460 - 12) * 0.5;
      g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
      for (guint i = 0; rows && i < n_items (self); i++)
        {
          JbSeriesEntry *e = self->entries->pdata[i];
          int w, h;
          pango_layout_set_text (layout, e->label, -1);
          pango_layout_get_pixel_size (layout, &w, &h);
          if (w > label_room)
            row = MAX (row, 2 * h + 8);
        }
      /* GtkFlowBox gives its lines their minimum height: ask for the rows' room. */
      *minimum = *natural = rows ? rows * row + 12 : 240;
    }
}

void
jb_chart_view_activate_item (JbChartView *self, int i)
{
  if (i < 0 || (guint) i >= n_items (self))
    return;
  JbSeriesEntry *e = self->entries->pdata[i];
  self->focus = i;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[ACTIVATE_ITEM], 0, e->filter);
}

static void
activate_item_action (GtkWidget *widget, const char *name, GVariant *param)
{
  JbChartView *self = JB_CHART_VIEW (widget);
  jb_chart_view_activate_item (self, param ? g_variant_get_int32 (param) : self->focus);
}

static void
activate_focused_action (GtkWidget *widget, const char *name, GVariant *param)
{
  JbChartView *self = JB_CHART_VIEW (widget);
  jb_chart_view_activate_item (self, self->focus);
}

static void
move_action (GtkWidget *widget, const char *name, GVariant *param)
{
  JbChartView *self = JB_CHART_VIEW (widget);
  int n = (int) n_items (self);
  if (n == 0)
    return;
  self->focus = CLAMP (self->focus + g_variant_get_int32 (param), 0, n - 1);
  JbSeriesEntry *e = self->entries->pdata[self->focus];
  /* Screen readers hear the bar the keyboard is on. */
  g_autofree char *now = g_strdup_printf (_("%s: %s"), e->label, e->formatted);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, now,
                                  -1);
  gtk_widget_queue_draw (widget);
}

static gboolean
query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
               gpointer data)
{
  JbChartView *self = JB_CHART_VIEW (widget);
  int i = keyboard ? self->focus
                   : jb_chart_item_at (self->kind, n_items (self), gtk_widget_get_width (widget),
                                       gtk_widget_get_height (widget), x, y);
  if (i < 0 || (guint) i >= n_items (self))
    return FALSE;
  JbSeriesEntry *e = self->entries->pdata[i];
  g_autofree char *text = g_strdup_printf (_("%s: %s"), e->label, e->formatted);
  gtk_tooltip_set_text (tooltip, text);
  double ax, ay, aw, ah;
  jb_chart_item_area (self->kind, n_items (self), gtk_widget_get_width (widget),
                      gtk_widget_get_height (widget), (guint) i, &ax, &ay, &aw, &ah);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) ax, (int) ay, (int) aw, (int) ah });
  return TRUE;
}

static void
motion (GtkEventControllerMotion *controller, double x, double y, JbChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int i = jb_chart_item_at (self->kind, n_items (self), gtk_widget_get_width (widget),
                            gtk_widget_get_height (widget), x, y);
  if (i != self->hover)
    {
      self->hover = i;
      gtk_widget_queue_draw (widget);
    }
}

static void
leave (GtkEventControllerMotion *controller, JbChartView *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pressed (GtkGestureClick *gesture, int n_press, double x, double y, JbChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int i = jb_chart_item_at (self->kind, n_items (self), gtk_widget_get_width (widget),
                            gtk_widget_get_height (widget), x, y);
  gtk_widget_grab_focus (widget);
  if (i >= 0)
    jb_chart_view_activate_item (self, i);
}

static void
jb_chart_view_dispose (GObject *object)
{
  JbChartView *self = JB_CHART_VIEW (object);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->short_texts, g_strfreev);
  G_OBJECT_CLASS (jb_chart_view_parent_class)->dispose (object);
}

static void
jb_chart_view_class_init (JbChartViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = jb_chart_view_dispose;
  widget_class->snapshot = jb_chart_view_snapshot;
  widget_class->measure = jb_chart_view_measure;

  /* JbChartView::activate-item: the user asked for the records behind an item. */
  signals[ACTIVATE_ITEM] = g_signal_new ("activate-item", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         JB_TYPE_FILTER);

  gtk_widget_class_install_action (widget_class, "chart.activate-item", "i",
                                   activate_item_action);
  gtk_widget_class_install_action (widget_class, "chart.activate-focused", NULL,
                                   activate_focused_action);
  gtk_widget_class_install_action (widget_class, "chart.move", "i", move_action);
  const struct { guint key; int step; } moves[] = {
    { GDK_KEY_Left, -1 }, { GDK_KEY_Up, -1 }, { GDK_KEY_Right, 1 }, { GDK_KEY_Down, 1 },
    { GDK_KEY_KP_Left, -1 }, { GDK_KEY_KP_Up, -1 }, { GDK_KEY_KP_Right, 1 }, { GDK_KEY_KP_Down, 1 },
    { GDK_KEY_Home, -1000 }, { GDK_KEY_End, 1000 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0, "chart.move", "i",
                                         moves[i].step);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate-focused",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0,
                                       "chart.activate-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate-focused",
                                       NULL);
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jb_chart_view_init (JbChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  self->hover = -1;
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_cursor_from_name (widget, "pointer");
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip), NULL);

  GtkEventController *m = gtk_event_controller_motion_new ();
  g_signal_connect (m, "motion", G_CALLBACK (motion), self);
  g_signal_connect (m, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (widget, m);
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  /* Focus moves are redrawn: the focused bar is marked only while focused. */
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (gtk_widget_queue_draw), widget);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), widget);
  gtk_widget_add_controller (widget, focus);
}

GtkWidget *
jb_chart_view_new (JbChartKind kind)
{
  JbChartView *self = g_object_new (JB_TYPE_CHART_VIEW, NULL);
  self->kind = kind;
  return GTK_WIDGET (self);
}

void
jb_chart_view_set_series (JbChartView *self, const char *title, GPtrArray *entries)
{
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->short_texts, g_strfreev);
  self->entries = entries ? g_ptr_array_ref (entries) : NULL;
  if (self->money && self->entries)
    {
      self->short_texts = g_new0 (char *, self->entries->len + 1);
      for (guint i = 0; i < self->entries->len; i++)
        self->short_texts[i] = jb_chart_format_money (((JbSeriesEntry *) self->entries->pdata[i])->value);
    }
  self->focus = MIN (self->focus, (int) n_items (self) - 1);
  self->focus = MAX (self->focus, 0);
  self->hover = -1;

  /* Every value, for screen readers: "Demands by region. Shanghai: 206; …" */
  g_autoptr (GString) values = g_string_new (NULL);
  for (guint i = 0; i < n_items (self); i++)
    {
      JbSeriesEntry *e = self->entries->pdata[i];
      if (i)
        /* TRANSLATORS: between the values of a chart a screen reader says */
        g_string_append (values, C_("chart", "; "));
      g_string_append_printf (values, _("%s: %s"), e->label, e->formatted);
    }
  if (n_items (self) == 0)
    g_string_append (values, _("No records in this period"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, values->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
jb_chart_view_set_money (JbChartView *self, gboolean money)
{
  self->money = money;
}

GPtrArray *
jb_chart_view_get_series (JbChartView *self)
{
  return self->entries;
}

int
jb_chart_view_get_focus (JbChartView *self)
{
  return self->focus;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-window.c: the main window.  Routes the window-wide shortcuts to the page
 * shown, remembers its size, and does not close over unsaved edits. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jb-dashboard.h"
#include "jb-date.h"
#include "jb-exchange-dialog.h"
#include "jb-window-private.h"


G_DEFINE_FINAL_TYPE (JbWindow, jb_window, GTK_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_STORE, N_PROPS };

/* The page shown if it is a table, else (the dashboard) NULL. */
JbRecordBrowser *
jb_window_current_browser (JbWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  return JB_IS_RECORD_BROWSER (page) ? JB_RECORD_BROWSER (page) : NULL;
}

/* The table shown, or the demands when the dashboard is. */
static JbRecordBrowser *
current_or_demands (JbWindow *self)
{
  JbRecordBrowser *browser = jb_window_current_browser (self);
  if (browser == NULL)
    {
      browser = self->browsers[JB_KIND_DEMAND];
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (browser));
    }
  return browser;
}

static void
on_show_records (JbWindow *self, JbFilter *filter)
{
  JbKindId kind = jb_filter_get_kind (filter);
  jb_window_show_page (self, kind);
  gtk_editable_set_text (GTK_EDITABLE (jb_record_browser_get_search_entry (self->browsers[kind])),
                         "");
  jb_record_browser_set_filter (self->browsers[kind], filter);
}

JbRecordBrowser *
jb_window_get_browser (JbWindow *self, JbKindId kind)
{
  return self->browsers[kind];
}

void
jb_window_show_page (JbWindow *self, JbKindId kind)
{
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (jb_window_get_browser (self, kind)));
}

static void
on_page_changed (JbWindow *self)
{
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "export-csv")),
                               jb_window_current_browser (self) != NULL);
}

static void
new_record_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (current_or_demands (data)), "browser.new", NULL);
}

static void
search_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (current_or_demands (data)), "browser.search", NULL);
}

static void
save_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbRecordBrowser *browser = jb_window_current_browser (data);
  if (browser)
    jb_record_editor_save (jb_record_browser_get_editor (browser));
}

static void
show_page_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  gtk_stack_set_visible_child_name (self->stack, g_variant_get_string (param, NULL));
}

static void
load_sample_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  g_autoptr (GFile) sample =
    g_file_new_for_uri ("resource:///io/github/jiebang/Jiebang/sample/jiebang-sample.xml");
  jb_exchange_dialog_import (GTK_WINDOW (self), self->store, sample);
}

static void
open_record_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  guint32 kind;
  gint64 id;

  g_variant_get (param, "(ux)", &kind, &id);
  g_return_if_fail (kind < JB_N_KINDS);
  jb_window_show_page (self, kind);
  jb_record_browser_reveal (self->browsers[kind], id);
}

/* A new record of a kind that points at the record @id through @field: a
 * payment of this deal, a solution to this demand, a deal from this solution. */
static void
new_related_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  guint32 kind;
  const char *field;
  gint64 id;

  g_variant_get (param, "(u&sx)", &kind, &field, &id);
  g_return_if_fail (kind < JB_N_KINDS);
  int i = jb_kind_field_index (jb_kind_get (kind), field);
  g_return_if_fail (i >= 0 && jb_kind_get (kind)->fields[i].type == JB_TYPE_REF);

  g_autoptr (JbRecord) record = jb_record_new (kind);
  jb_record_set_int (record, i, id);
  jb_window_show_page (self, kind);
  jb_record_browser_new_record (self->browsers[kind], record);
}

static void
show_overdue_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  g_autofree char *today = jb_date_today ();
  g_autofree char *shown = jb_date_format (today);
  g_autofree char *label = g_strdup_printf (_("Payments not received by their due date (today: %s)"),
                                            shown);
  g_autoptr (JbFilter) filter = jb_payment_overdue_filter (today, label);

  jb_window_show_page (self, JB_KIND_PAYMENT);
  jb_record_browser_set_filter (self->browsers[JB_KIND_PAYMENT], filter);
}

static const GActionEntry win_actions[] = {
  { "open-record", open_record_action, "(ux)" },
  { "new-related", new_related_action, "(usx)" },
  { "show-overdue", show_overdue_action },
  { "load-sample", load_sample_action },
  { "new-record", new_record_action },
  { "search", search_action },
  { "save", save_action },
  { "show-page", show_page_action, "s" },
};

/* ---- closing without losing edits -------------------------------------- */

static void
close_after_leave (gboolean may_leave, gpointer data)
{
  JbWindow *self = data;
  /* Saved or discarded: look again, another page may have edits too. */
  if (may_leave)
    gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static gboolean
jb_window_close_request (GtkWindow *window)
{
  JbWindow *self = JB_WINDOW (window);

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      JbRecordEditor *editor = jb_record_browser_get_editor (self->browsers[k]);
      if (jb_record_editor_is_dirty (editor))
        {
          gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->browsers[k]));
          jb_record_editor_confirm_leave (editor, close_after_leave, g_object_ref (self));
          return TRUE;
        }
    }
  return GTK_WINDOW_CLASS (jb_window_parent_class)->close_request (window);
}

/* ---- life cycle ------------------------------------------------------------ */

/* A position saved from a squeezed window must not hide the table. */
static gboolean
paned_position_from_settings (GValue *value, GVariant *variant, gpointer data)
{
  g_value_set_int (value, MAX (g_variant_get_int32 (variant), 320));
  return TRUE;
}

static void
jb_window_constructed (GObject *object)
{
  JbWindow *self = JB_WINDOW (object);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID,
                                                                                 TRUE)
                                              : NULL;

  G_OBJECT_CLASS (jb_window_parent_class)->constructed (object);

  for (guint k = 0; k < JB_N_KINDS; k++)
    jb_record_browser_set_store (self->browsers[k], self->store);
  jb_dashboard_set_store (self->dashboard, self->store);
  jb_record_browser_add_empty_action (self->browsers[JB_KIND_DEMAND], _("Load _Sample Data"),
                                      "win.load-sample");

  if (schema)
    {
      self->settings = g_settings_new (APP_ID);
      g_settings_bind (self->settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
      for (guint k = 0; k < JB_N_KINDS; k++)
        g_settings_bind_with_mapping (self->settings, "paned-position",
                                      jb_record_browser_get_paned (self->browsers[k]), "position",
                                      G_SETTINGS_BIND_DEFAULT, paned_position_from_settings, NULL,
                                      NULL, NULL);
      g_settings_bind (self->settings, "last-page", self->stack, "visible-child-name",
                       G_SETTINGS_BIND_DEFAULT);
    }
  /* A new user starts on the welcome page; once there are records, on the
   * page last shown (the dashboard at first). */
  if (jb_store_count (self->store, JB_KIND_DEMAND) == 0)
    jb_window_show_page (self, JB_KIND_DEMAND);
}

static void
jb_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_STORE)
    JB_WINDOW (object)->store = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jb_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_STORE)
    g_value_set_object (value, JB_WINDOW (object)->store);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jb_window_dispose (GObject *object)
{
  JbWindow *self = JB_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JB_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jb_window_parent_class)->dispose (object);
}

static void
jb_window_class_init (JbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = jb_window_constructed;
  object_class->dispose = jb_window_dispose;
  object_class->set_property = jb_window_set_property;
  object_class->get_property = jb_window_get_property;
  window_class->close_request = jb_window_close_request;

  g_object_class_install_property (object_class, PROP_STORE,
                                   g_param_spec_object ("store", NULL, NULL, JB_TYPE_STORE,
                                                        G_PARAM_READWRITE |
                                                        G_PARAM_CONSTRUCT_ONLY |
                                                        G_PARAM_STATIC_STRINGS));

  g_type_ensure (JB_TYPE_RECORD_BROWSER);
  g_type_ensure (JB_TYPE_DASHBOARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/jb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JbWindow, dashboard);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_show_records);

  /* The window's shortcuts, each bound once (ui/gtk/help-overlay.ui lists
   * them; a test presses each). */
  static const struct {
    guint key;
    GdkModifierType mods;
    const char *action;
    const char *page;
  } keys[] = {
    { GDK_KEY_n, GDK_CONTROL_MASK, "win.new-record" },
    { GDK_KEY_f, GDK_CONTROL_MASK, "win.search" },
    { GDK_KEY_s, GDK_CONTROL_MASK, "win.save" },
    { GDK_KEY_i, GDK_CONTROL_MASK, "win.import" },
    { GDK_KEY_e, GDK_CONTROL_MASK, "win.export" },
    { GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "dashboard" },
    { GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "demands" },
    { GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "solutions" },
    { GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "deals" },
    { GDK_KEY_5, GDK_ALT_MASK, "win.show-page", "payments" },
    { GDK_KEY_6, GDK_ALT_MASK, "win.show-page", "events" },
    { GDK_KEY_7, GDK_ALT_MASK, "win.show-page", "organizations" },
    { GDK_KEY_8, GDK_ALT_MASK, "win.show-page", "people" },
    { GDK_KEY_9, GDK_ALT_MASK, "win.show-page", "achievements" },
    { GDK_KEY_0, GDK_ALT_MASK, "win.show-page", "awards" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].page)
      gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods,
                                           keys[i].action, "s", keys[i].page);
    else
      gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods,
                                           keys[i].action, NULL);
}

static void
jb_window_init (JbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The pages are declared in jb-window.ui; find each kind's. */
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); page;
       page = gtk_widget_get_next_sibling (page))
    if (JB_IS_RECORD_BROWSER (page))
      self->browsers[jb_record_browser_get_kind (JB_RECORD_BROWSER (page))] = JB_RECORD_BROWSER (page);
  for (guint k = 0; k < JB_N_KINDS; k++)
    g_assert (self->browsers[k] != NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  jb_window_add_file_actions (self);
}

JbWindow *
jb_window_new (GtkApplication *application, JbStore *store)
{
  return g_object_new (JB_TYPE_WINDOW, "application", application, "store", store, NULL);
}

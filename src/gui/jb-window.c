/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-window.c: the main window.  Routes the window-wide shortcuts to the page
 * shown, remembers its size, does not close over unsaved edits, and keeps the
 * keyboard's way through it: Tab stays within the page shown, F6 (or
 * Ctrl+Tab) moves among the sidebar, the table and the form, and every
 * action leaves the focus where the user goes on.
 *
 * A kind's page is built when it is first shown (or asked for,
 * jb_window_get_browser()): the window starts with the dashboard or the
 * welcome page and placeholders, not ten tables and their forms. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jb-a11y.h"
#include "jb-dashboard.h"
#include "jb-date.h"
#include "jb-exchange-dialog.h"
#include "jb-query.h"
#include "jb-sidebar.h"
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
      browser = jb_window_get_browser (self, JB_KIND_DEMAND);
      jb_window_show_page (self, JB_KIND_DEMAND);
    }
  return browser;
}

/* Shows @page, and only it to screen readers (all ten, in GTK 4.8). */
static void
show_page_widget (JbWindow *self, GtkWidget *page)
{
  if (gtk_stack_get_visible_child (self->stack) != page || !gtk_widget_get_visible (page))
    jb_a11y_stack_show (self->stack, page);
}

/* The focus goes where one starts on the page shown: its table's record, or
 * its first control. */
static void
focus_page (JbWindow *self)
{
  JbRecordBrowser *browser = jb_window_current_browser (self);
  /* Named, not found by Tab: a page just shown has no place yet to go by. */
  if (browser)
    jb_record_browser_focus_region (browser, JB_BROWSER_REGION_LIST);
  else
    gtk_widget_grab_focus (GTK_WIDGET (jb_dashboard_get_period_picker (self->dashboard)));
}

static void
on_show_records (JbWindow *self, JbFilter *filter)
{
  JbKindId kind = jb_filter_get_kind (filter);
  jb_window_show_page (self, kind);
  JbRecordBrowser *browser = jb_window_get_browser (self, kind);
  gtk_editable_set_text (GTK_EDITABLE (jb_record_browser_get_search_entry (browser)), "");
  jb_record_browser_set_filter (browser, filter);
  focus_page (self);
}

static void on_dirty_changed (JbWindow *self, GParamSpec *pspec, JbRecordEditor *editor);

/* A position saved from a squeezed window must not hide the table. */
static gboolean
paned_position_from_settings (GValue *value, GVariant *variant, gpointer data)
{
  g_value_set_int (value, MAX (g_variant_get_int32 (variant), 320));
  return TRUE;
}

/* The placeholder of @kind's page (jb-window.ui), named after the kind. */
static GtkWidget *
placeholder_of (JbWindow *self, JbKindId kind)
{
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); page;
       page = gtk_widget_get_next_sibling (page))
    if (!JB_IS_RECORD_BROWSER (page) && page != GTK_WIDGET (self->dashboard) &&
        g_strcmp0 (gtk_widget_get_name (page), jb_kind_get (kind)->name) == 0)
      return page;
  return NULL;
}

/* Builds @kind's page in place of its placeholder. */
static JbRecordBrowser *
build_browser (JbWindow *self, JbKindId kind)
{
  GtkWidget *placeholder = placeholder_of (self, kind);
  g_return_val_if_fail (placeholder != NULL, NULL);
  GtkStackPage *page = gtk_stack_get_page (self->stack, placeholder);
  g_autofree char *name = g_strdup (gtk_stack_page_get_name (page));
  g_autofree char *title = g_strdup (gtk_stack_page_get_title (page));
  gboolean shown = gtk_stack_get_visible_child (self->stack) == placeholder;

  JbRecordBrowser *browser = g_object_new (JB_TYPE_RECORD_BROWSER,
                                           "kind", jb_kind_get (kind)->name, NULL);
  self->browsers[kind] = browser;
  g_signal_connect_object (jb_record_browser_get_editor (browser), "notify::dirty",
                           G_CALLBACK (on_dirty_changed), self, G_CONNECT_SWAPPED);
  if (kind == JB_KIND_DEMAND)
    jb_record_browser_add_empty_action (browser, _("Load _Sample Data"), "win.load-sample");
  if (self->settings)
    {
      jb_record_browser_remember_widths (browser, self->settings);
      g_settings_bind_with_mapping (self->settings, "paned-position",
                                    jb_record_browser_get_paned (browser), "position",
                                    G_SETTINGS_BIND_DEFAULT, paned_position_from_settings, NULL,
                                    NULL, NULL);
    }
  /* Hidden until shown: a stack's other pages are shown to screen readers. */
  gtk_widget_set_visible (GTK_WIDGET (browser), shown);
  gtk_stack_add_titled (self->stack, GTK_WIDGET (browser), NULL, title);
  if (shown)
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (browser));
  gtk_stack_remove (self->stack, placeholder);
  gtk_stack_page_set_name (gtk_stack_get_page (self->stack, GTK_WIDGET (browser)), name);
  jb_record_browser_set_store (browser, self->store);
  jb_a11y_tidy (GTK_WIDGET (browser));
  return browser;
}

JbRecordBrowser *
jb_window_get_browser (JbWindow *self, JbKindId kind)
{
  g_return_val_if_fail (kind < JB_N_KINDS, NULL);
  if (self->browsers[kind] == NULL)
    build_browser (self, kind);
  return self->browsers[kind];
}

void
jb_window_show_page (JbWindow *self, JbKindId kind)
{
  show_page_widget (self, GTK_WIDGET (jb_window_get_browser (self, kind)));
}

/* The page called @name, built if it was not. */
static GtkWidget *
page_named (JbWindow *self, const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);
  for (guint k = 0; page && k < JB_N_KINDS; k++)
    if (page == placeholder_of (self, k))
      return GTK_WIDGET (jb_window_get_browser (self, k));
  return page;
}

/* Unsaved changes stay on their page when the user goes to another: the
 * sidebar marks that page. */
static void
on_dirty_changed (JbWindow *self, GParamSpec *pspec, JbRecordEditor *editor)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    if (self->browsers[k] && jb_record_browser_get_editor (self->browsers[k]) == editor)
      {
        GtkStackPage *page = gtk_stack_get_page (self->stack, GTK_WIDGET (self->browsers[k]));
        jb_sidebar_set_unsaved (self->sidebar, gtk_stack_page_get_name (page),
                                jb_record_editor_is_dirty (editor));
      }
}

static void
on_page_changed (JbWindow *self)
{
  if (self->settings && gtk_stack_get_visible_child_name (self->stack))
    g_settings_set_string (self->settings, "last-page",
                           gtk_stack_get_visible_child_name (self->stack));
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
  GtkWidget *page = page_named (self, g_variant_get_string (param, NULL));
  g_return_if_fail (page != NULL);
  show_page_widget (self, page);
  /* Walking the sidebar with the arrows leaves the focus there. */
  if (!jb_sidebar_has_focus (self->sidebar))
    focus_page (self);
}

static void
focus_page_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  focus_page (data);
}

/* F6 and Ctrl+Tab: the sidebar, the table, the form, and round again. */
static void
cycle_focus (JbWindow *self, int step)
{
  JbRecordBrowser *browser = jb_window_current_browser (self);
  int n = browser ? 3 : 2;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int at = -1;

  if (jb_sidebar_has_focus (self->sidebar))
    at = 0;
  else if (browser && focus &&
           gtk_widget_is_ancestor (focus, GTK_WIDGET (jb_record_browser_get_editor (browser))))
    at = 2;
  else if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)))
    at = 1;
  int to = at < 0 ? (step > 0 ? 1 : 0) : (at + step + n) % n;

  if (to == 0)
    jb_sidebar_focus (self->sidebar);
  else if (browser)
    jb_record_browser_focus_region (browser, to == 1 ? JB_BROWSER_REGION_LIST
                                                     : JB_BROWSER_REGION_EDITOR);
  else
    focus_page (self);
}

/* Keys that act before the focused widget sees them: F6 and Ctrl+Tab, which
 * GtkPaned and text views take for themselves, and F10, which GtkWindow
 * takes to focus the header bar when there is no menu bar. */
static gboolean
window_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
            JbWindow *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  if (keyval == GDK_KEY_F10 && mods == 0)
    {
      gtk_popover_popup (GTK_POPOVER (self->menu));
      return TRUE;
    }
  gboolean f6 = keyval == GDK_KEY_F6 && (mods & ~GDK_SHIFT_MASK) == 0;
  gboolean ctrl_tab = (keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab ||
                       keyval == GDK_KEY_KP_Tab) && (mods & ~GDK_SHIFT_MASK) == GDK_CONTROL_MASK;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Not from a popover (a list or a calendar open over the page). */
  if (!(f6 || ctrl_tab) ||
      (focus && gtk_widget_get_native (focus) != GTK_NATIVE (self)))
    return FALSE;
  cycle_focus (self, mods & GDK_SHIFT_MASK ? -1 : 1);
  return TRUE;
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
  jb_record_browser_focus_region (self->browsers[kind], JB_BROWSER_REGION_LIST);
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
  focus_page (self);
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
  { "focus-page", focus_page_action },
};

/* ---- closing without losing edits -------------------------------------- */

static gboolean
close_again (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
close_after_leave (gboolean may_leave, gpointer data)
{
  JbWindow *self = data;
  /* Saved or discarded: look again, another page may have edits too.  Not
   * at once: the question is still being answered, and a dialog outliving
   * the window it belongs to is disposed with a dangling parent. */
  if (may_leave)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_again, g_object_ref (self), g_object_unref);
  g_object_unref (self);
}

static gboolean
jb_window_close_request (GtkWindow *window)
{
  JbWindow *self = JB_WINDOW (window);

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      JbRecordEditor *editor = self->browsers[k] ? jb_record_browser_get_editor (self->browsers[k])
                                                 : NULL;
      if (editor && jb_record_editor_is_dirty (editor))
        {
          jb_window_show_page (self, k);
          jb_record_editor_confirm_leave (editor, close_after_leave, g_object_ref (self));
          return TRUE;
        }
    }
  return GTK_WINDOW_CLASS (jb_window_parent_class)->close_request (window);
}

/* ---- life cycle ------------------------------------------------------------ */

static void
jb_window_constructed (GObject *object)
{
  JbWindow *self = JB_WINDOW (object);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID,
                                                                                 TRUE)
                                              : NULL;

  G_OBJECT_CLASS (jb_window_parent_class)->constructed (object);

  jb_dashboard_set_store (self->dashboard, self->store);

  if (schema)
    {
      self->settings = g_settings_new (APP_ID);
      g_settings_bind (self->settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
    }
  jb_a11y_stack_show (self->stack, gtk_stack_get_visible_child (self->stack));
  /* A new user starts on the welcome page; once there are records, on the
   * page last shown (the dashboard at first). */
  g_autofree char *last = self->settings ? g_settings_get_string (self->settings, "last-page")
                                         : NULL;
  GtkWidget *last_page = last && gtk_stack_get_child_by_name (self->stack, last)
                         ? page_named (self, last) : NULL;
  if (!jb_store_has_records (self->store, JB_KIND_DEMAND))
    jb_window_show_page (self, JB_KIND_DEMAND);
  else if (last_page)
    show_page_widget (self, last_page);
  jb_window_setup_copy (self);
  jb_window_setup_team (self);
  jb_a11y_tidy (GTK_WIDGET (self));
  /* Where one starts: the welcome's first button, the table's record. */
  focus_page (self);
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

  jb_window_dispose_team (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
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
  g_type_ensure (JB_TYPE_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/jb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JbWindow, dashboard);
  gtk_widget_class_bind_template_child (widget_class, JbWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, JbWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, JbWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, JbWindow, banner);
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
    { GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.connect-team" },
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
  /* The pages are declared in jb-window.ui, each kind's a placeholder. */
  for (guint k = 0; k < JB_N_KINDS; k++)
    g_assert (placeholder_of (self, k) != NULL);
  jb_sidebar_set_stack (self->sidebar, self->stack);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  jb_window_add_file_actions (self);
  jb_window_add_backup_actions (self);
  jb_window_add_team_actions (self);
  jb_window_add_copy_actions (self);

  self->menu = gtk_popover_menu_new_from_model (self->primary_menu);
  gtk_widget_set_parent (self->menu, self->menu_button);
  gtk_popover_set_position (GTK_POPOVER (self->menu), GTK_POS_BOTTOM);
  g_signal_connect_swapped (self->menu_button, "clicked", G_CALLBACK (gtk_popover_popup),
                            self->menu);

  /* Before the focused widget sees them (window_key()). */
  GtkEventController *keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (window_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

JbWindow *
jb_window_new (GtkApplication *application, JbStore *store)
{
  return g_object_new (JB_TYPE_WINDOW, "application", application, "store", store, NULL);
}

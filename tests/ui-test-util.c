/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-util.c: see ui-test-util.h. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ui-test-util.h"

#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>
#include <gdk/x11/gdkx.h>

#include "jb-environment.h"
#include "jb-field-editor.h"
#include "jb-picker.h"
#include "jb-record-browser.h"
#include "test-util.h"

void
ui_test_init (int *argc, char ***argv)
{
  const char *expected = g_getenv ("JB_TEST_LANGUAGE");

  gtk_test_init (argc, argv, NULL);
  const char *locale = setlocale (LC_ALL, "");
  if (expected && *expected && (locale == NULL || !g_str_has_prefix (locale, expected)))
    g_error ("the %s locale is missing (setlocale gave %s): generate it (locale-gen) to run "
             "the tests in that language", expected, locale ? locale : "nothing");
  jb_environment_init ();
}

gboolean
ui_test_is_chinese (void)
{
  return g_str_has_prefix (g_getenv ("JB_TEST_LANGUAGE") ? g_getenv ("JB_TEST_LANGUAGE") : "",
                           "zh");
}

static gboolean
set_done (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ui_test_pump (void)
{
  /* Twice: what runs when idle (a relayout, a deferred refresh) may queue
   * more work of its own. */
  for (int round = 0; round < 2; round++)
    {
      gboolean done = FALSE;
      g_idle_add_full (G_PRIORITY_LOW, set_done, &done, NULL);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
}

/* ---- the window and what is in it --------------------------------------- */

JbWindow *
ui_test_window_open (JbStore *store, gboolean instant_search)
{
  JbWindow *window = g_object_ref_sink (jb_window_new (NULL, store));
  for (guint k = 0; instant_search && k < JB_N_KINDS; k++)
    g_object_set (jb_record_browser_get_search_entry (jb_window_get_browser (window, k)),
                  "search-delay", 0, NULL);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_pump ();
  return window;
}

void
ui_test_window_close (JbWindow **window)
{
  if (*window && gtk_widget_get_visible (GTK_WIDGET (*window)))
    gtk_window_destroy (GTK_WINDOW (*window));
  g_clear_object (window);
  ui_test_pump ();
}

void
ui_test_fixture_set_up (UiTestFixture *f, const char *tmpl, const char *name,
                        gboolean instant_search)
{
  f->store = test_tmp_store (tmpl, name, &f->dir, &f->path);
  f->window = ui_test_window_open (f->store, instant_search);
}

void
ui_test_fixture_tear_down (UiTestFixture *f)
{
  ui_test_window_close (&f->window);
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

JbRecordEditor *
ui_test_editor_of (JbWindow *window, JbKindId kind)
{
  return jb_record_browser_get_editor (jb_window_get_browser (window, kind));
}

GtkWidget *
ui_test_input (JbWindow *window, JbKindId kind, const char *field)
{
  GtkWidget *fe = jb_record_editor_get_field (ui_test_editor_of (window, kind), field);
  g_assert_nonnull (fe);
  return jb_field_editor_get_input (JB_FIELD_EDITOR (fe));
}

void
ui_test_choose (JbWindow *window, JbKindId kind, const char *field, const char *label)
{
  if (!jb_picker_pick_text (JB_PICKER (ui_test_input (window, kind, field)), label))
    g_error ("no choice “%s” for %s", label, field);
  ui_test_pump ();
}

GtkWidget *
ui_test_shown_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

GtkWidget *
ui_test_find_type (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ui_test_find_type (c, type);
      if (found)
        return found;
    }
  return NULL;
}

/* ---- what a screen reader is told ---------------------------------------- */

/* The accessible's LABEL property, if it has one.  GTK 4.8 has no getter;
 * its test helper returns the value when it differs from the one given. */
static char *
label_of (GtkAccessible *a)
{
  if (!gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  return gtk_test_accessible_check_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
}

static gboolean
is_structural (GtkAccessibleRole role)
{
  switch ((int) role)
    {
    case GTK_ACCESSIBLE_ROLE_FORM: case GTK_ACCESSIBLE_ROLE_GROUP:
    case GTK_ACCESSIBLE_ROLE_GENERIC: case GTK_ACCESSIBLE_ROLE_LANDMARK:
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM: case GTK_ACCESSIBLE_ROLE_REGION:
    case GTK_ACCESSIBLE_ROLE_SEARCH: case GTK_ACCESSIBLE_ROLE_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
ui_test_accessible_name (GtkAccessible *a)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  char *label = label_of (a);

  /* As gtk_at_context_get_name() in GTK 4.8: the label, then the labels of
   * what labels it ("labelled-by", printed by GTK as "GtkLabel<0x…>"), else
   * the class name of anything but a container. */
  if (label)
    g_ptr_array_add (names, label);
  if (gtk_test_accessible_has_relation (a, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      g_autofree char *refs = gtk_test_accessible_check_relation (a,
                                                                GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                NULL);
      for (const char *p = refs; p && (p = strchr (p, '<')); p++)
        {
          void *ref = NULL;
          if (sscanf (p, "<%p>", &ref) != 1 || !GTK_IS_ACCESSIBLE (ref))
            continue;
          char *text = label_of (GTK_ACCESSIBLE (ref));
          if (text == NULL && names->len == 0 &&
              !is_structural (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (ref))))
            text = g_strdup (G_OBJECT_TYPE_NAME (ref));
          if (text)
            g_ptr_array_add (names, text);
        }
    }
  if (names->len == 0 && !is_structural (gtk_accessible_get_accessible_role (a)))
    g_ptr_array_add (names, g_strdup (G_OBJECT_TYPE_NAME (a)));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

gboolean
ui_test_is_presented (GtkWidget *w)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w));
  return gtk_widget_get_visible (w) && role != GTK_ACCESSIBLE_ROLE_NONE &&
         role != GTK_ACCESSIBLE_ROLE_PRESENTATION;
}

/* What a person operates: by its role, or because it takes the focus
 * itself (a table's row, a chart), not only for what is inside it (a
 * scrolled window, which would if there were nothing inside). */
static gboolean
is_interactive (GtkWidget *w)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w));
  switch ((int) role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON: case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX: case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SWITCH: case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON: case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM: case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO: case GTK_ACCESSIBLE_ROLE_TAB:
      return TRUE;
    default:
      return gtk_widget_get_focusable (w) && gtk_widget_get_can_focus (w) &&
             role != GTK_ACCESSIBLE_ROLE_GROUP;
    }
}

/* Parts of a table or list, which a screen reader reads out too. */
static gboolean
is_part (GtkWidget *w)
{
  switch ((int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w)))
    {
    case GTK_ACCESSIBLE_ROLE_ROW: case GTK_ACCESSIBLE_ROLE_GRID_CELL:
    case GTK_ACCESSIBLE_ROLE_CELL: case GTK_ACCESSIBLE_ROLE_COLUMN_HEADER:
    case GTK_ACCESSIBLE_ROLE_ROW_HEADER: case GTK_ACCESSIBLE_ROLE_DIALOG:
    case GTK_ACCESSIBLE_ROLE_ALERT_DIALOG:
      return TRUE;
    default:
      return FALSE;
    }
}

typedef struct {
  guint checked;
  GString *faults;
} NameCheck;

static void
check_names (GtkWidget *w, NameCheck *check)
{
  if (!ui_test_is_presented (w))
    return;  /* nor is anything inside it */
  gboolean interactive = is_interactive (w);
  if (interactive || is_part (w))
    {
      g_autofree char *name = ui_test_accessible_name (GTK_ACCESSIBLE (w));
      const char *fault = NULL;
      if (interactive && *g_strstrip (name) == '\0')
        fault = "no name";
      else if (g_regex_match_simple ("^(Gtk|Jb|Gdk)[A-Z][A-Za-z]+$", name, 0, 0) ||
               strstr (name, G_OBJECT_TYPE_NAME (w)))
        fault = "named after its class";
      else if (interactive && strchr (name, '_'))
        fault = "a mnemonic in its name";
      if (fault)
        g_string_append_printf (check->faults, "\n  %s (%s, in %s): %s: “%s”",
                                G_OBJECT_TYPE_NAME (w), gtk_widget_get_name (w),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (w)), fault, name);
      check->checked++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    check_names (c, check);
}

guint
ui_test_check_names (GtkWidget *widget)
{
  NameCheck check = { 0, g_string_new (NULL) };
  check_names (widget, &check);
  if (check.faults->len)
    g_error ("what a screen reader would say is wrong:%s", check.faults->str);
  g_string_free (check.faults, TRUE);
  return check.checked;
}

static GtkWidget *
find_named (GtkWidget *w, const char *name)
{
  if (!ui_test_is_presented (w))
    return NULL;
  if (is_interactive (w) || is_part (w))
    {
      g_autofree char *own = ui_test_accessible_name (GTK_ACCESSIBLE (w));
      if (g_strcmp0 (own, name) == 0)
        return w;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
ui_test_find_named (GtkWidget *root, const char *name)
{
  return find_named (root, name);
}

GtkWidget *
ui_test_find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ui_test_find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
ui_test_find_actionable (GtkWidget *widget, const char *action, GVariant *target)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
      if ((value == NULL && target == NULL) ||
          (value && target && g_variant_equal (value, target)))
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ui_test_find_actionable (c, action, target);
      if (found)
        return found;
    }
  return NULL;
}

void
ui_test_click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  /* "clicked" at once: gtk_widget_activate() shows the press for 250 ms first. */
  g_signal_emit_by_name (button, "clicked");
  ui_test_pump ();
}

static void
fake_key (Display *x, KeySym sym, gboolean press)
{
  KeyCode code = XKeysymToKeycode (x, sym);
  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (x, code, press, CurrentTime);
}

static Display *
keyboard_of (GtkWindow *window)
{
  Display *x = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));

  /* No window manager under Xvfb: give the window the keyboard ourselves. */
  XRaiseWindow (x, xid);
  XSetInputFocus (x, xid, RevertToParent, CurrentTime);
  XSync (x, False);
  ui_test_pump ();
  return x;
}

static gboolean
frame_done (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until the window has been laid out again: what a key moved (a scrolled
 * form following the focus) is where the next key will find it, as for a
 * person, who is never that fast. */
static void
wait_frame (Display *x)
{
  GtkWidget *window = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && !window; i++)
    {
      g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (gtk_widget_get_mapped (w) && gtk_window_is_active (GTK_WINDOW (w)))
        window = w;
    }
  if (window == NULL)
    return;
  gboolean done = FALSE;
  gtk_widget_add_tick_callback (window, frame_done, &done, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  ui_test_pump ();
}

/* Presses @keyval with @mods (Shift added if the key needs it for @keyval). */
static void
press_key (Display *x, guint keyval, GdkModifierType mods)
{
  KeyCode code = XKeysymToKeycode (x, keyval);
  gboolean shifted = (mods & GDK_SHIFT_MASK) ||
                     (code && XkbKeycodeToKeysym (x, code, 0, 0) != keyval &&
                      XkbKeycodeToKeysym (x, code, 0, 1) == keyval);
  KeySym held[3];
  guint n_held = 0;
  if (mods & GDK_CONTROL_MASK)
    held[n_held++] = XK_Control_L;
  if (mods & GDK_ALT_MASK)
    held[n_held++] = XK_Alt_L;
  if (shifted)
    held[n_held++] = XK_Shift_L;
  for (guint i = 0; i < n_held; i++)
    fake_key (x, held[i], TRUE);
  fake_key (x, keyval, TRUE);
  fake_key (x, keyval, FALSE);
  for (guint i = n_held; i > 0; i--)
    fake_key (x, held[i - 1], FALSE);
  XSync (x, False);
  ui_test_pump ();
  wait_frame (x);
}

void
ui_test_press (GtkWindow *window, const char *accelerator)
{
  guint keyval;
  GdkModifierType mods;
  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &mods));
  /* UI_TEST_TRACE=1: each key and where the focus was, on stderr. */
  if (g_getenv ("UI_TEST_TRACE"))
    {
      g_autofree char *focus = ui_test_focus_name (window);
      g_printerr ("key %s on “%s”\n", accelerator, focus);
    }
  press_key (keyboard_of (window), keyval, mods);
}

/* Text no key of the keyboard gives (Chinese) arrives as an input method
 * commits it: inserted at the cursor of the focused text. */
static void
commit (GtkWindow *window, const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  if (GTK_IS_EDITABLE (focus))
    {
      int pos = gtk_editable_get_position (GTK_EDITABLE (focus));
      gtk_editable_insert_text (GTK_EDITABLE (focus), text, -1, &pos);
      gtk_editable_set_position (GTK_EDITABLE (focus), pos);
    }
  else if (GTK_IS_TEXT_VIEW (focus))
    gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)),
                                                  text, -1, TRUE);
  else
    g_error ("cannot type “%s” into %s", text, focus ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  ui_test_pump ();
}

void
ui_test_type (GtkWindow *window, const char *text)
{
  Display *x = keyboard_of (window);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint keyval = gdk_unicode_to_keyval (c);
      if (c < 0x80 && XKeysymToKeycode (x, keyval))
        press_key (x, keyval, 0);
      else
        {
          /* As much as the keyboard cannot type, at once. */
          const char *end = p;
          while (*end && (g_utf8_get_char (end) >= 0x80 ||
                          !XKeysymToKeycode (x, gdk_unicode_to_keyval (g_utf8_get_char (end)))))
            end = g_utf8_next_char (end);
          g_autofree char *part = g_strndup (p, end - p);
          commit (window, part);
          p = g_utf8_prev_char (end);
        }
    }
}

GtkWidget *
ui_test_focus (GtkWindow *window)
{
  GtkWidget *w = gtk_root_get_focus (GTK_ROOT (window));
  /* The text inside an entry is not shown to screen readers: its entry is. */
  while (w && !ui_test_is_presented (w))
    w = gtk_widget_get_parent (w);
  return w;
}

char *
ui_test_focus_name (GtkWindow *window)
{
  GtkWidget *w = ui_test_focus (window);
  return w ? ui_test_accessible_name (GTK_ACCESSIBLE (w)) : g_strdup ("(nothing)");
}

guint
ui_test_tab_to (GtkWindow *window, const char *name, gboolean backward, guint max)
{
  g_autoptr (GString) seen = g_string_new (NULL);
  for (guint n = 0; n <= max; n++)
    {
      g_autofree char *now = ui_test_focus_name (window);
      if (g_strcmp0 (now, name) == 0)
        return n;
      g_string_append_printf (seen, "\n  %s", now);
      ui_test_press (window, backward ? "<Shift>Tab" : "Tab");
    }
  g_error ("%s did not reach “%s” in %u presses; the focus went through:%s",
           backward ? "Shift+Tab" : "Tab", name, max, seen->str);
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-util.c: see ui-test-util.h. */
#include "config.h"

#include <locale.h>

#include "ui-test-util.h"

#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>
#include <gdk/x11/gdkx.h>

#include "jb-chart-view.h"
#include "jb-environment.h"

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

static gboolean
has_accessible_name (GtkWidget *w)
{
  GtkAccessible *a = GTK_ACCESSIBLE (w);
  if (gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (a, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w)))
    return TRUE;
  if (GTK_IS_CHECK_BUTTON (w) && gtk_check_button_get_label (GTK_CHECK_BUTTON (w)))
    return TRUE;
  return FALSE;
}

static void
check_names (GtkWidget *w, guint *checked)
{
  gboolean control = GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w) || GTK_IS_ENTRY (w) ||
                     GTK_IS_SEARCH_ENTRY (w) || GTK_IS_DROP_DOWN (w) ||
                     GTK_IS_CHECK_BUTTON (w) || GTK_IS_TEXT_VIEW (w) || GTK_IS_COLUMN_VIEW (w) ||
                     JB_IS_CHART_VIEW (w) || GTK_IS_EXPANDER (w) || GTK_IS_LIST_BOX_ROW (w);
  if (control)
    {
      if (!has_accessible_name (w))
        g_error ("%s (%s) has no accessible name", G_OBJECT_TYPE_NAME (w),
                 gtk_widget_get_name (w));
      (*checked)++;
      /* Parts of composite controls are named by the control; an expander's
       * and a table's contents are controls of their own. */
      if (!GTK_IS_COLUMN_VIEW (w) && !GTK_IS_EXPANDER (w) &&
          !GTK_IS_STACK_SWITCHER (gtk_widget_get_parent (w)))
        return;
    }
  if (GTK_IS_STACK_SWITCHER (w) || GTK_IS_STACK_SIDEBAR (w) || GTK_IS_WINDOW_CONTROLS (w))
    return; /* GTK names these itself */
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    if (!GTK_IS_COLUMN_VIEW (w) || !GTK_IS_LIST_VIEW (c))
      check_names (c, checked);
}

guint
ui_test_check_names (GtkWidget *widget)
{
  guint checked = 0;
  check_names (widget, &checked);
  return checked;
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

void
ui_test_press (GtkWindow *window, const char *accelerator)
{
  guint keyval;
  GdkModifierType mods;
  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &mods));
  Display *x = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));

  /* No window manager under Xvfb: give the window the keyboard ourselves. */
  XRaiseWindow (x, xid);
  XSetInputFocus (x, xid, RevertToParent, CurrentTime);
  XSync (x, False);
  ui_test_pump ();

  /* A key that needs Shift to give its symbol ("?") gets it. */
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
}

GtkWidget *
ui_test_find_labelled (GtkWidget *widget, const char *label)
{
  GtkAccessible *a = GTK_ACCESSIBLE (widget);
  /* A label names itself with its text: the control is what is wanted. */
  if (!GTK_IS_LABEL (widget) &&
      gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      /* NULL: the property holds @label. */
      g_autofree char *mismatch = gtk_test_accessible_check_property (
        a, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      if (mismatch == NULL)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ui_test_find_labelled (c, label);
      if (found)
        return found;
    }
  return NULL;
}

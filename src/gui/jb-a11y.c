/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-a11y.c: accessible names and actions GTK 4.8 gets wrong (see jb-a11y.h).
 *
 * GTK 4.8 names a button "_Save" by its raw label and again by the label
 * child that carries the mnemonic ("_Save Save"); in Chinese the mnemonic is
 * "保存(_S)", which a screen reader would spell out.  A check box has no
 * action over AT-SPI: only widgets with actions of their own get one. */
#include "config.h"

#include <string.h>

#include "jb-a11y.h"

char *
jb_a11y_strip_mnemonic (const char *label)
{
  GString *s = g_string_new (NULL);

  for (const char *p = label ? label : ""; *p; p++)
    {
      /* "(_N)" and "（_N）" go whole: they only say which key. */
      if ((g_str_has_prefix (p, "(_") && p[2] && p[3] == ')') ||
          (g_str_has_prefix (p, "（_") && p[4] && g_str_has_prefix (p + 5, "）")))
        {
          p += *p == '(' ? 3 : 7;
          continue;
        }
      if (*p == '_')
        {
          if (p[1] == '_')
            g_string_append_c (s, '_');
          if (p[1] == '\0')
            break;
          p++;
        }
      g_string_append_c (s, *p);
    }
  return g_strchomp (g_string_free (s, FALSE));
}

/* Names @widget by its mnemonic label @label, once. */
static void
name_from_mnemonic (GtkWidget *widget, const char *label)
{
  g_autofree char *name = jb_a11y_strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
toggle_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkCheckButton *check = data;
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

/* AT-SPI lists a widget's own actions as its accessible actions. */
static void
add_toggle_action (GtkWidget *check)
{
  if (g_object_get_data (G_OBJECT (check), "jb-a11y-toggle"))
    return;
  g_object_set_data (G_OBJECT (check), "jb-a11y-toggle", GINT_TO_POINTER (1));
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) toggle = g_simple_action_new ("toggle", NULL);
  /* The group lives as long as the check box: no reference back. */
  g_signal_connect_object (toggle, "activate", G_CALLBACK (toggle_activated), check, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toggle));
  gtk_widget_insert_action_group (check, "checkbox", G_ACTION_GROUP (group));
}

void
jb_a11y_tidy (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)))
    name_from_mnemonic (root, gtk_button_get_label (GTK_BUTTON (root)));
  else if (GTK_IS_CHECK_BUTTON (root))
    {
      GtkCheckButton *check = GTK_CHECK_BUTTON (root);
      if (gtk_check_button_get_use_underline (check) && gtk_check_button_get_label (check))
        name_from_mnemonic (root, gtk_check_button_get_label (check));
      add_toggle_action (root);
    }
  else if (GTK_IS_EXPANDER (root) && gtk_expander_get_use_underline (GTK_EXPANDER (root)))
    name_from_mnemonic (root, gtk_expander_get_label (GTK_EXPANDER (root)));
  else if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (root)) ==
           GTK_ACCESSIBLE_ROLE_MENU_ITEM)
    {
      /* A menu's item (GtkModelButton, not public) is named by its label
       * child: "导出(E)…" for "导出(_E)…". */
      for (GtkWidget *child = gtk_widget_get_first_child (root); child;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LABEL (child) && gtk_label_get_use_underline (GTK_LABEL (child)))
          name_from_mnemonic (root, gtk_label_get_label (GTK_LABEL (child)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    jb_a11y_tidy (child);
}

void
jb_a11y_present_dialog (GtkWindow *dialog)
{
  g_autofree char *text = NULL, *secondary = NULL;

  if (GTK_IS_MESSAGE_DIALOG (dialog))
    {
      g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text ? text : "", -1);
      if (secondary)
        gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, secondary, -1);
    }
  jb_a11y_tidy (GTK_WIDGET (dialog));
  gtk_window_present (dialog);
  /* Return does what the dialog offers by default (Save, or Cancel before
   * anything is destroyed), and the screen reader says which it is. */
  GtkWidget *preferred = gtk_window_get_default_widget (dialog);
  if (preferred)
    gtk_widget_grab_focus (preferred);
}

gboolean
jb_a11y_focus_children (GtkWidget *widget, GtkDirectionType direction)
{
  gboolean forward = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN ||
                     direction == GTK_DIR_RIGHT;
  GtkWidget *child = gtk_widget_get_focus_child (widget);

  if (child == NULL)
    child = forward ? gtk_widget_get_first_child (widget) : gtk_widget_get_last_child (widget);
  /* The child with the focus first (it may move within), then the next. */
  for (; child; child = forward ? gtk_widget_get_next_sibling (child)
                                : gtk_widget_get_prev_sibling (child))
    if (!GTK_IS_NATIVE (child) && gtk_widget_child_focus (child, direction))
      return TRUE;
  return FALSE;
}

/* Whether @widget lies whole within its window. */
static gboolean
in_view (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;
  if (root == NULL || !gtk_widget_compute_bounds (widget, root, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 && bounds.origin.x >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (root) &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (root);
}

#define POPUP_FRAMES "jb-popup-frames"

static gboolean
popup_when_in_view (GtkWidget *parent, GdkFrameClock *clock, gpointer popover)
{
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (popover), POPUP_FRAMES));
  /* Half a second at most: then where it is. */
  if (!in_view (parent) && frames++ < 30)
    {
      g_object_set_data (G_OBJECT (popover), POPUP_FRAMES, GUINT_TO_POINTER (frames));
      return G_SOURCE_CONTINUE;
    }
  g_object_set_data (G_OBJECT (popover), POPUP_FRAMES, NULL);
  gtk_popover_popup (popover);
  return G_SOURCE_REMOVE;
}

void
jb_a11y_popup (GtkPopover *popover)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (popover));
  if (g_object_get_data (G_OBJECT (popover), POPUP_FRAMES))
    return;  /* on its way */
  if (in_view (parent))
    {
      gtk_popover_popup (popover);
      return;
    }
  g_object_set_data (G_OBJECT (popover), POPUP_FRAMES, GUINT_TO_POINTER (1));
  gtk_widget_add_tick_callback (parent, popup_when_in_view, popover, NULL);
}

#define WHOLE_KEY "jb-scroll-whole"

static void
scroll_now (GtkRoot *root, GParamSpec *pspec, GtkViewport *viewport)
{
  GtkWidget *focus = gtk_root_get_focus (root);
  GtkWidget *child = gtk_viewport_get_child (viewport);
  GType whole = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (viewport), WHOLE_KEY));
  graphene_rect_t r;

  if (focus == NULL || child == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (viewport)))
    return;
  /* The text inside an entry: the entry, with its frame; a field: with its
   * label and its error. */
  if (GTK_IS_TEXT (focus))
    focus = gtk_widget_get_parent (focus);
  if (whole && gtk_widget_get_ancestor (focus, whole))
    focus = gtk_widget_get_ancestor (focus, whole);
  if (!gtk_widget_compute_bounds (focus, child, &r))
    return;
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  double value = gtk_adjustment_get_value (adj), page = gtk_adjustment_get_page_size (adj);
  const double margin = 12;  /* a little of what is around */
  if (r.origin.y < value)
    gtk_adjustment_set_value (adj, r.origin.y - margin);
  else if (r.origin.y + r.size.height > value + page)
    gtk_adjustment_set_value (adj, MIN (r.origin.y - margin,
                                        r.origin.y + r.size.height + margin - page));
}

#define SCROLL_HANDLER "jb-scroll-handler"

static void
viewport_mapped (GtkWidget *viewport)
{
  GtkRoot *root = gtk_widget_get_root (viewport);
  gulong id = g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (scroll_now),
                                       viewport, 0);
  g_object_set_data (G_OBJECT (viewport), SCROLL_HANDLER, GSIZE_TO_POINTER (id));
}

static void
viewport_unmapped (GtkWidget *viewport)
{
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (viewport), SCROLL_HANDLER));
  if (id)
    g_signal_handler_disconnect (gtk_widget_get_root (viewport), id);
  g_object_set_data (G_OBJECT (viewport), SCROLL_HANDLER, NULL);
}

void
jb_a11y_scroll_to_focus (GtkViewport *viewport, GType whole)
{
  g_object_set_data (G_OBJECT (viewport), WHOLE_KEY, GSIZE_TO_POINTER (whole));
  gtk_viewport_set_scroll_to_focus (viewport, FALSE);
  g_signal_connect (viewport, "map", G_CALLBACK (viewport_mapped), NULL);
  g_signal_connect (viewport, "unmap", G_CALLBACK (viewport_unmapped), NULL);
}

void
jb_a11y_stack_show (GtkStack *stack, GtkWidget *page)
{
  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (stack, page);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack)); child;
       child = gtk_widget_get_next_sibling (child))
    if (child != page)
      gtk_widget_set_visible (child, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sidebar.c: the list of pages (see jb-sidebar.h).
 *
 * GtkStackSidebar in GTK 4.8 gives its rows no accessible name, cannot mark
 * a row, and is in the Tab chain, where each Tab selects the next row and so
 * changes the page shown. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-sidebar.h"

struct _JbSidebar {
  GtkWidget parent_instance;
  GtkWidget *list;
  GtkStack *stack;
  gboolean syncing;   /* selecting the row of the page shown, from code */
};

G_DEFINE_FINAL_TYPE (JbSidebar, jb_sidebar, GTK_TYPE_WIDGET)

#define PAGE_KEY "jb-page"
#define TITLE_KEY "jb-title"
#define MARK_KEY "jb-mark"

static GtkListBoxRow *
row_of (JbSidebar *self, const char *page)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), PAGE_KEY), page) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

static void
follow_stack (JbSidebar *self)
{
  self->syncing = TRUE;
  gtk_list_box_select_row (GTK_LIST_BOX (self->list),
                           row_of (self, gtk_stack_get_visible_child_name (self->stack)));
  self->syncing = FALSE;
}

static void
row_selected (JbSidebar *self, GtkListBoxRow *row)
{
  if (self->syncing || row == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s",
                              g_object_get_data (G_OBJECT (row), PAGE_KEY));
}

/* Return (or a click) goes to the page itself. */
static void
row_activated (JbSidebar *self, GtkListBoxRow *row)
{
  row_selected (self, row);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.focus-page", NULL);
}

static GtkWidget *
make_row (const char *page, const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  /* TRANSLATORS: the mark beside a page with unsaved changes */
  GtkWidget *mark = gtk_label_new (C_("unsaved mark", "●"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (mark, _("Unsaved changes"));
  gtk_widget_add_css_class (mark, "accent");
  gtk_widget_set_visible (mark, FALSE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), mark);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), PAGE_KEY, g_strdup (page), g_free);
  g_object_set_data_full (G_OBJECT (row), TITLE_KEY, g_strdup (title), g_free);
  g_object_set_data (G_OBJECT (row), MARK_KEY, mark);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

void
jb_sidebar_set_stack (JbSidebar *self, GtkStack *stack)
{
  g_return_if_fail (self->stack == NULL);
  self->stack = stack;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStackPage *page = gtk_stack_get_page (stack, child);
      gtk_list_box_append (GTK_LIST_BOX (self->list),
                           make_row (gtk_stack_page_get_name (page),
                                     gtk_stack_page_get_title (page)));
    }
  g_signal_connect_object (stack, "notify::visible-child", G_CALLBACK (follow_stack), self,
                           G_CONNECT_SWAPPED);
  follow_stack (self);
}

void
jb_sidebar_set_unsaved (JbSidebar *self, const char *page, gboolean unsaved)
{
  GtkListBoxRow *row = row_of (self, page);
  g_return_if_fail (row != NULL);
  GtkWidget *mark = g_object_get_data (G_OBJECT (row), MARK_KEY);
  const char *title = g_object_get_data (G_OBJECT (row), TITLE_KEY);
  /* TRANSLATORS: a page in the sidebar that holds an edit not saved yet */
  g_autofree char *name = unsaved ? g_strdup_printf (_("%s, unsaved changes"), title)
                                  : g_strdup (title);
  gtk_widget_set_visible (mark, unsaved);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

gboolean
jb_sidebar_get_unsaved (JbSidebar *self, const char *page)
{
  GtkListBoxRow *row = row_of (self, page);
  return row && gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), MARK_KEY));
}

gboolean
jb_sidebar_focus (JbSidebar *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  gtk_widget_set_can_focus (self->list, TRUE);
  return row && gtk_widget_grab_focus (GTK_WIDGET (row));
}

gboolean
jb_sidebar_has_focus (JbSidebar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  return focus && gtk_widget_is_ancestor (focus, self->list);
}

/* In the Tab chain only while it has the focus. */
static void
focus_entered (JbSidebar *self)
{
  gtk_widget_set_can_focus (self->list, TRUE);
}

static void
focus_left (JbSidebar *self)
{
  gtk_widget_set_can_focus (self->list, FALSE);
}

static void
jb_sidebar_dispose (GObject *object)
{
  JbSidebar *self = JB_SIDEBAR (object);
  g_clear_pointer (&self->list, gtk_widget_unparent);
  G_OBJECT_CLASS (jb_sidebar_parent_class)->dispose (object);
}

static void
jb_sidebar_class_init (JbSidebarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jb_sidebar_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "jbsidebar");
}

static void
jb_sidebar_init (JbSidebar *self)
{
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_widget_set_can_focus (self->list, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pages"), -1);
  g_signal_connect_swapped (self->list, "row-selected", G_CALLBACK (row_selected), self);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated), self);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_entered), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_left), self);
  gtk_widget_add_controller (self->list, focus);
  gtk_widget_set_parent (self->list, GTK_WIDGET (self));
}

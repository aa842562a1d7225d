/* ui-test-util.c: see ui-test-util.h. */
#include "ui-test-util.h"

#include "jb-chart-view.h"

void
ui_test_pump (void)
{
  gint64 end = g_get_monotonic_time () + 250 * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
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

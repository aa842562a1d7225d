/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sidebar.h: the window's list of pages, one row per page of a GtkStack,
 * named for screen readers, marked when the page holds unsaved changes.
 *
 * It is out of the Tab chain, so that Tab stays within the page shown:
 * jb_sidebar_focus() (F6, Ctrl+Tab) brings the focus to it, and it lets go
 * of the focus as soon as it leaves.  Choosing a row activates
 * win.show-page with the page's name. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JB_TYPE_SIDEBAR (jb_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (JbSidebar, jb_sidebar, JB, SIDEBAR, GtkWidget)

/* One row per page of @stack, titled as the page; the row of the page shown
 * is selected. */
void      jb_sidebar_set_stack     (JbSidebar  *self,
                                    GtkStack   *stack);
/* Shows (or clears) the mark of unsaved changes on the row of @page. */
void      jb_sidebar_set_unsaved   (JbSidebar  *self,
                                    const char *page,
                                    gboolean    unsaved);
gboolean  jb_sidebar_get_unsaved   (JbSidebar  *self,
                                    const char *page);
/* Gives the focus to the row of the page shown. */
gboolean  jb_sidebar_focus         (JbSidebar  *self);
/* Whether the focus is on a row. */
gboolean  jb_sidebar_has_focus     (JbSidebar  *self);

G_END_DECLS

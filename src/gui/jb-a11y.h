/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-a11y.h: what GTK 4.8 leaves for us to do so that a screen reader hears
 * each control's name once, without its mnemonic, and can act on it, and so
 * that the keyboard goes both ways. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* "_Save" → "Save", "新建需求(_N)" → "新建需求", "A__B" → "A_B". */
char *jb_a11y_strip_mnemonic (const char *label);
/* Names every button, check box and expander below @root whose label has a
 * mnemonic by that label without it (GTK 4.8 names them "_Save Save"), and
 * gives check boxes an action (GTK 4.8 gives them none). */
void  jb_a11y_tidy           (GtkWidget  *root);
/* Names a message dialog by its question, tidies its buttons and shows it. */
void  jb_a11y_present_dialog (GtkWindow  *dialog);
/* A GtkWidgetClass.focus for a widget made of others (an input with its
 * label, an entry with its button): the focus moves through the children in
 * their order.  GTK's default grabs the widget itself on Shift+Tab, which
 * for a widget that hands its focus to its input means no way back. */
gboolean jb_a11y_focus_children (GtkWidget *widget, GtkDirectionType direction);
/* Pops @popover up once its parent is within its window: a form scrolls to
 * the focus smoothly, and a key pressed at once (Tab, then Space) would open
 * the popover off the screen. */
void     jb_a11y_popup          (GtkPopover *popover);
/* Shows @page of @stack and hides the others: GTK 4.8 shows a stack's hidden
 * pages to screen readers, but not invisible widgets. */
void     jb_a11y_stack_show     (GtkStack *stack, GtkWidget *page);
/* Scrolls @viewport to the focus as soon as it moves there, not smoothly as
 * GtkViewport does: a list opened at once (Tab, then Space) opens by the
 * field, not where the field was a frame before.  The focus's ancestor of
 * type @whole (0: none), a field with its label, comes into view whole. */
void     jb_a11y_scroll_to_focus (GtkViewport *viewport, GType whole);

G_END_DECLS

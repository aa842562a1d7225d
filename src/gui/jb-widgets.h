/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-widgets.h: small widgets several views build the same way. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A left-aligned label that wraps between words, or inside a long Chinese
 * run, with the CSS class @css_class (may be NULL). */
GtkWidget *jb_label_new_wrapping (const char *text,
                                  const char *css_class);

G_END_DECLS

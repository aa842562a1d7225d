/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-dismiss.h: the small dialog that asks why a suggestion of
 * matching is dismissed: a common reason, or words of one's own. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal dialog for dismissing @who (Cancel, Dismiss: GTK_RESPONSE_ACCEPT);
 * Dismiss waits for a reason.  Not shown yet. */
GtkWidget *jb_match_dismiss_dialog_new        (GtkWindow *parent,
                                               const char *who);
/* The reason given: the words typed, else the choice; NULL: none. */
char      *jb_match_dismiss_dialog_get_reason (GtkDialog *dialog);

G_END_DECLS

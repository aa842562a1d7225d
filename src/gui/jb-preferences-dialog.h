/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-preferences-dialog.h: Preferences — how many backups are kept. */
#pragma once

#include <gtk/gtk.h>

#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_PREFERENCES_DIALOG (jb_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JbPreferencesDialog, jb_preferences_dialog, JB, PREFERENCES_DIALOG,
                      GtkWindow)

/* @settings (NULL when the schema is not installed: nothing can be changed)
 * holds "backups-keep"; @store's backups folder is named. */
JbPreferencesDialog *jb_preferences_dialog_new      (GtkWindow *parent,
                                                     GSettings *settings,
                                                     JbStore   *store);
GtkSpinButton       *jb_preferences_dialog_get_keep (JbPreferencesDialog *self);

G_END_DECLS

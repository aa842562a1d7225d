/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-team-dialog.h: Connect to a Team Database — where it is, the recent
 * connections, a password when the server asks, and back to the file. */
#pragma once

#include <gtk/gtk.h>

#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_TEAM_DIALOG (jb_team_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JbTeamDialog, jb_team_dialog, JB, TEAM_DIALOG, GtkWindow)

/* At most this many recent connections are remembered (newest first). */
#define JB_TEAM_RECENT_MAX 8

/* Shows the dialog over @parent (a JbWindow on @store); @settings (NULL
 * when the schema is not installed) keeps the recent connections.  A
 * connection that opens replaces the window's store (jb_window_switch_store()). */
JbTeamDialog *jb_team_dialog_new          (GtkWindow    *parent,
                                           GSettings    *settings,
                                           JbStore      *store);
/* Copy to a Team Database: the same dialog over a window on the file
 * @store; its main button copies every record of the file into the team
 * database (ids kept, the file only read), then switches the window to the
 * team database. */
JbTeamDialog *jb_team_dialog_new_copy     (GtkWindow    *parent,
                                           GSettings    *settings,
                                           JbStore      *store);
/* Shows that @location could not be opened, with @error, as after a
 * failed Connect (the password asked for when the server wants one). */
void          jb_team_dialog_show_failure (JbTeamDialog *self,
                                           const char   *location,
                                           const GError *error);
/* What the dialog says (an error, the progress), or "": for tests. */
const char   *jb_team_dialog_get_message  (JbTeamDialog *self);
/* Whether a connection is being opened. */
gboolean      jb_team_dialog_is_busy      (JbTeamDialog *self);

/* Puts @location (without its password: jb_store_get_location()) first in
 * @settings' recent team connections, once, keeping JB_TEAM_RECENT_MAX. */
void          jb_team_remember_location   (GSettings    *settings,
                                           const char   *location);

G_END_DECLS

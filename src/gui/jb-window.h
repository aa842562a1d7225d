/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-window.h: the main window: one page per kind of record. */
#pragma once

#include <gtk/gtk.h>

#include "jb-record-browser.h"
#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_WINDOW (jb_window_get_type ())
G_DECLARE_FINAL_TYPE (JbWindow, jb_window, JB, WINDOW, GtkApplicationWindow)

JbWindow        *jb_window_new          (GtkApplication *application, JbStore *store);
JbRecordBrowser *jb_window_get_browser  (JbWindow *self, JbKindId kind);
/* Shows the page of @kind. */
void             jb_window_show_page    (JbWindow *self, JbKindId kind);
/* Asks whether to import @file (an exchange file opened from a file manager)
 * and, if so, imports it with the import dialog. */
void             jb_window_offer_import (JbWindow *self, GFile *file);
/* Makes the day's backup of the database unless there is one (in a worker
 * thread); says so if it fails.  The program calls it when it opens the
 * database. */
void             jb_window_backup_daily (JbWindow *self);
/* Puts the window's pages on @store (a team database, or back to the file):
 * a new window on @store replaces @self, which closes as the user would
 * close it (asking first about unsaved edits).  Returns the new window. */
JbWindow        *jb_window_switch_store (JbWindow *self, JbStore *store);
/* Copy to a File… once the file is chosen: every record of the window's
 * team database copied into the Jiebang file at @path (created if need
 * be; a file that is not Jiebang's is refused and left as it was), in a
 * worker with its progress; then how many, and the offer to open the file. */
void             jb_window_copy_to_file (JbWindow *self, const char *path);
/* The team database @location could not be opened (@error): Connect to a
 * Team Database… over the window, with the location, the error, and the
 * password asked for if that is what the server wants. */
void             jb_window_retry_team   (JbWindow *self, const char *location,
                                         const GError *error);

G_END_DECLS

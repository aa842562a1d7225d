/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-backup-dialog.h: Restore from Backup — the dated copies of the
 * database with their dates and record counts, and restoring one. */
#pragma once

#include <gtk/gtk.h>

#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_BACKUP_DIALOG (jb_backup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JbBackupDialog, jb_backup_dialog, JB, BACKUP_DIALOG, GtkWindow)

/* Lists the copies of @store's database; restoring one replaces @store's
 * records in place (every page of the window follows). */
JbBackupDialog *jb_backup_dialog_new         (GtkWindow      *parent,
                                              JbStore        *store);
GtkListBox     *jb_backup_dialog_get_list    (JbBackupDialog *self);
/* The outcome of the last restore, or "" (for tests and screen readers). */
const char     *jb_backup_dialog_get_message (JbBackupDialog *self);

G_END_DECLS

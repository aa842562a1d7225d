/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-backup-policy.h: when the program makes dated backups (jb-store-backup.h)
 * and how many it keeps: the user's setting, for the window and the command
 * line alike. */
#pragma once

#include "jb-store-backup.h"

G_BEGIN_DECLS

/* The setting "backups-keep" (Preferences), or JB_BACKUP_KEEP_DEFAULT when
 * the settings schema is not installed. */
guint     jb_backups_keep               (void);
/* The dated copy an import makes first, unless the database holds no
 * record yet.  FALSE (with @error) when none could be made: the import must
 * not go on. */
gboolean  jb_backup_before_import       (JbStore  *store,
                                         guint     keep,
                                         GError  **error);

G_END_DECLS

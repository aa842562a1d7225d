/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-backup-policy.c: the user's setting for backups, and the backup before
 * an import (see jb-backup-policy.h). */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "jb-backup-policy.h"

guint
jb_backups_keep (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID,
                                                                                 TRUE)
                                              : NULL;
  if (schema == NULL || !g_settings_schema_has_key (schema, "backups-keep"))
    return JB_BACKUP_KEEP_DEFAULT;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  return (guint) MAX (g_settings_get_int (settings, "backups-keep"), 1);
}

gboolean
jb_backup_before_import (JbStore *store, guint keep, GError **error)
{
  /* An import into a team database that fails leaves it as it was (one
   * transaction there); its backups are the server's. */
  if (jb_store_is_team (store))
    return TRUE;
  if (jb_store_is_empty (store))
    return TRUE;

  g_autoptr (JbBackup) backup = jb_store_backup_now (store, JB_BACKUP_IMPORT, keep, error);
  if (backup == NULL)
    {
      g_prefix_error (error, _("Nothing was imported: the backup before the import failed. "));
      return FALSE;
    }
  return TRUE;
}

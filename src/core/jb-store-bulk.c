/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-bulk.c: what the XML exchange needs beyond single records:
 * streaming every record, the closure of a set of demands, backups, the set
 * of ids seen in a file (see jb-store.c for the whole store). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jb-date.h"
#include "jb-file.h"
#include "jb-rules.h"
#include "jb-store-private.h"

gboolean
jb_store_begin_read (JbStore *self, GError **error)
{
  if (!jb_store_exec (self, self->depth == 0 ? "BEGIN DEFERRED" : "SAVEPOINT jb", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

/* The records of the last jb_store_select_closure(), by kind and row id. */
#define SELECTION_TABLE \
  "CREATE TEMP TABLE IF NOT EXISTS jb_selection (" \
  " kind INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID"

gboolean
jb_store_foreach (JbStore *self, JbKindId kind_id, gboolean selected_only,
                  JbStoreForeachFunc func, gpointer user_data, GError **error)
{
  const JbKind *kind = jb_kind_get (kind_id);
  g_autoptr (GString) sql = g_string_new (NULL);
  int self_ref = -1;

  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].type == JB_TYPE_REF && kind->fields[i].ref_kind == kind_id)
      self_ref = (int) i;
  /* A record that refers to another of its kind (a session to its challenge)
   * must follow it, whatever their times: order by depth below the roots.
   * Records on a cycle have no depth and come last. */
  if (self_ref >= 0)
    g_string_append_printf (sql,
                            "WITH RECURSIVE tree (id, depth) AS ("
                            "SELECT id, 0 FROM %s WHERE %s IS NULL UNION ALL "
                            "SELECT c.id, tree.depth + 1 FROM %s c JOIN tree ON c.%s = tree.id "
                            "WHERE tree.depth < 1000) ",
                            kind->name, kind->fields[self_ref].name, kind->name,
                            kind->fields[self_ref].name);
  g_autoptr (GString) select = jb_store_select_sql_full (kind, 0, TRUE);
  g_string_append (sql, select->str);
  if (self_ref >= 0)
    g_string_append (sql, " LEFT JOIN tree ON tree.id = t.id");
  if (selected_only)
    g_string_append_printf (sql, " JOIN jb_selection s ON s.kind = %u AND s.id = t.id",
                            kind_id);
  g_string_append (sql, self_ref >= 0 ? " ORDER BY coalesce(tree.depth, 1001), t.created, t.uuid"
                                      : " ORDER BY t.created, t.uuid");

  if (selected_only && !jb_store_exec (self, SELECTION_TABLE, error))
    return FALSE;
  sqlite3_stmt *stmt = jb_store_prepare (self, sql->str, FALSE, error);
  if (stmt == NULL)
    return FALSE;

  /* Columns: record, values, one title per reference, one uuid per reference. */
  guint n_refs = 0;
  for (guint i = 0; i < kind->n_fields; i++)
    n_refs += kind->fields[i].type == JB_TYPE_REF;
  const char *ref_uuids[64] = { NULL };
  g_assert (kind->n_fields <= G_N_ELEMENTS (ref_uuids));

  gboolean ok = TRUE;
  int rc;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (JbRecord) record = jb_store_row_to_record (kind, stmt);
      int col = N_RECORD_COLS + (int) (kind->n_fields + n_refs);
      for (guint i = 0; i < kind->n_fields; i++)
        if (kind->fields[i].type == JB_TYPE_REF)
          ref_uuids[i] = (const char *) sqlite3_column_text (stmt, col++);
      ok = func (record, ref_uuids, user_data, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = jb_store_fail (self, error);
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
jb_store_select_closure (JbStore *self, GArray *demand_ids, GError **error)
{
  if (!jb_store_exec (self, SELECTION_TABLE "; DELETE FROM jb_selection", error))
    return FALSE;

  g_autofree char *seed = g_strdup_printf ("INSERT OR IGNORE INTO jb_selection (kind, id) "
                                           "SELECT %u, id FROM demand WHERE id = ?1",
                                           JB_KIND_DEMAND);
  sqlite3_stmt *stmt = jb_store_cached (self, seed, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < demand_ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (demand_ids, gint64, i));
      if (!jb_store_step_done (self, stmt, error))
        return FALSE;
    }

  /* References point to earlier kinds or to the same kind, so one pass from
   * the last kind to the first is enough, with self-references (an event's
   * parent) followed to the top first. */
  for (int k = JB_N_KINDS - 1; k >= 0; k--)
    {
      const JbKind *kind = jb_kind_get (k);
      for (int pass = 0; pass < 2; pass++)
        for (guint i = 0; i < kind->n_fields; i++)
          {
            const JbField *f = &kind->fields[i];
            gboolean is_self = f->type == JB_TYPE_REF && f->ref_kind == (JbKindId) k;
            if (f->type != JB_TYPE_REF || is_self != (pass == 0))
              continue;
            g_autofree char *sql =
              g_strdup_printf ("INSERT OR IGNORE INTO jb_selection (kind, id) "
                               "SELECT %u, t.%s FROM %s t JOIN jb_selection s "
                               "ON s.kind = %d AND s.id = t.id WHERE t.%s IS NOT NULL",
                               f->ref_kind, f->name, kind->name, k, f->name);
            if (!(stmt = jb_store_cached (self, sql, error)))
              return FALSE;
            do
              if (!jb_store_step_done (self, stmt, error))
                return FALSE;
            while (is_self && sqlite3_changes (self->db) > 0);
          }
    }
  return TRUE;
}

gboolean
jb_store_backup (JbStore *self, const char *path, GError **error)
{
  g_return_val_if_fail (self->depth == 0, FALSE);

  /* VACUUM INTO refuses to overwrite: the previous backup goes first. */
  if (g_remove (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   _("Cannot replace the backup “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return jb_store_vacuum_into (self, path, error);
}

/* VACUUM INTO writes only into a file that does not exist or is empty. */
gboolean
jb_store_vacuum_into (JbStore *self, const char *path, GError **error)
{
  sqlite3_stmt *stmt = jb_store_prepare (self, "VACUUM INTO ?1", FALSE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                 _("Cannot copy the database to “%s”: %s"), path, sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
  /* A copy of a team database's replica is a file of its own: opened, it
   * must not take itself for the replica (jb_store_open_full()). */
  if (ok && self->team)
    {
      sqlite3 *copy = NULL;
      ok = sqlite3_open_v2 (path, &copy, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
           sqlite3_exec (copy, "DELETE FROM team_state; DELETE FROM team_row", NULL, NULL,
                         NULL) == SQLITE_OK;
      if (!ok)
        g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                     _("Cannot copy the database to “%s”: %s"), path,
                     copy ? sqlite3_errmsg (copy) : g_strerror (ENOMEM));
      sqlite3_close (copy);
    }
  return ok;
}

gboolean
jb_store_begin_import (JbStore *self, GError **error)
{
  g_return_val_if_fail (self->depth == 0 && self->import_copy == NULL, FALSE);

  /* The copy gets a name of this import's own: two imports at once never
   * write the same file.  One killed midway left its copy: removed here. */
  g_autofree char *final = g_strconcat (self->path, ".before-import", NULL);
  g_autofree char *base = g_path_get_basename (final);
  g_autofree char *dir = g_path_get_dirname (final);
  g_autofree char *tmp_name = jb_file_temp_name (base);
  g_autofree char *tmp = g_build_filename (dir, tmp_name, NULL);
  g_autoptr (GFile) dir_file = g_file_new_for_path (dir);
  jb_file_remove_stale (dir_file, base);

  /* A team database is kept, and backed up, by its server: a copy of this
   * desk's replica would restore nothing (README, "A team database"). */
  if (self->team)
    {
      if (!jb_store_begin (self, error))
        return FALSE;
      self->import_copy = g_strdup ("");
      return TRUE;
    }

  /* VACUUM INTO cannot run in a transaction, and SQLite's backup refuses a
   * source in a write transaction: copy, lock, then make sure that nobody
   * committed in between (data_version changes with every commit of another
   * connection), or copy again. */
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      gint64 version = jb_store_query_int (self, "PRAGMA data_version");
      if (!jb_store_backup (self, tmp, error) || !jb_store_begin (self, error))
        {
          g_remove (tmp);
          return FALSE;
        }
      if (jb_store_query_int (self, "PRAGMA data_version") == version)
        {
          self->import_copy = g_steal_pointer (&tmp);
          return TRUE;
        }
      jb_store_rollback (self);
    }
  g_remove (tmp);
  g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_BUSY,
               _("The database is busy: another Jiebang (or an import) is writing to it. "
                 "Try again when it is done."));
  return FALSE;
}

gboolean
jb_store_end_import (JbStore *self, gboolean ok, GError **error)
{
  g_return_val_if_fail (self->depth == 1 && self->import_copy != NULL, FALSE);
  g_autofree char *tmp = g_steal_pointer (&self->import_copy);

  if (ok)
    ok = jb_store_commit (self, error);
  else
    jb_store_rollback (self);
  if (*tmp == '\0')
    return ok; /* a team database's: no copy */
  g_autofree char *final = g_strconcat (self->path, ".before-import", NULL);
  /* The import is done whatever becomes of its copy: a warning, no failure. */
  if (ok && g_rename (tmp, final) != 0)
    g_warning ("Cannot keep the copy before the import as %s: %s", final, g_strerror (errno));
  g_remove (tmp);
  return ok;
}

#define SEEN_TABLE \
  "CREATE TEMP TABLE IF NOT EXISTS jb_seen (key TEXT PRIMARY KEY) WITHOUT ROWID"

gboolean
jb_store_seen_clear (JbStore *self, GError **error)
{
  return jb_store_exec (self, SEEN_TABLE "; DELETE FROM jb_seen", error);
}

gboolean
jb_store_seen_add (JbStore *self, const char *key, gboolean *added, GError **error)
{
  sqlite3_stmt *stmt = jb_store_cached (self, "INSERT OR IGNORE INTO jb_seen (key) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (!jb_store_step_done (self, stmt, error))
    return FALSE;
  *added = sqlite3_changes (self->db) > 0;
  return TRUE;
}

void
jb_store_set_cache_size (JbStore *self, guint megabytes)
{
  /* The temporary tables (jb_seen: every id of an import) have a page cache
   * of their own, a quarter of the main one. */
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%u; PRAGMA temp.cache_size = -%u",
                                          (megabytes ? megabytes : 2) * 1024,
                                          (megabytes ? megabytes / 4 : 2) * 1024);
  jb_store_exec (self, sql, NULL);
}


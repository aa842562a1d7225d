/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store.c: records in SQLite (see jb-store.h): opening and migrating the
 * file, transactions, the statement cache and reading single records.
 *
 * The store is files sharing jb-store-private.h: this one,
 * jb-store-query.c (lists, filters, sums), jb-store-write.c (checks, saves,
 * deletes, history), jb-store-bulk.c (what the XML exchange needs),
 * jb-store-stats.c (the aggregates), jb-store-search.c (the SQL functions of
 * search and sorting), jb-store-derived.c (the search index and sort indexes),
 * jb-store-match.c and jb-store-invitations.c (matching, jb-match.h),
 * jb-store-plan.c and jb-store-pages.c (JbQuery: a table's rows a page at a
 * time); jb-schema.c holds the tables.  The SQL is built from the kind tables of jb-kind*.c: column names
 * come from those constant tables, values are always bound.  Statements used
 * per record are prepared once per kind and kept. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "jb-date.h"
#include "jb-field-type.h"
#include "jb-schema.h"
#include "jb-store-private.h"


G_DEFINE_FINAL_TYPE (JbStore, jb_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (jb-store-error-quark, jb_store_error)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];


/* What SQLite's @rc means for the user, when it is not about a record: the
 * file is busy or read-only.  FALSE for any other code. */
static gboolean
explain_code (JbStore *self, int rc, GError **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_BUSY,
                   _("The database is busy: another Jiebang (or an import) is writing to it. "
                     "Try again when it is done."));
      return TRUE;
    case SQLITE_READONLY:
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only: nothing can be saved to it."), self->path);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
jb_store_fail (JbStore *self, GError **error)
{
  if (!explain_code (self, sqlite3_extended_errcode (self->db), error))
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                 _("The database refused the change: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
jb_store_one_row (JbStore *self, sqlite3_stmt *stmt, gint64 *out, guint n, GError **error)
{
  if (stmt == NULL)
    return FALSE;
  gboolean ok = sqlite3_step (stmt) == SQLITE_ROW;
  for (guint i = 0; ok && i < n; i++)
    out[i] = sqlite3_column_int64 (stmt, (int) i);
  if (!ok)
    jb_store_fail (self, error);
  sqlite3_reset (stmt);
  return ok;
}

gboolean
jb_store_step_done (JbStore *self, sqlite3_stmt *stmt, GError **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE || jb_store_fail (self, error);
  sqlite3_reset (stmt);
  return ok;
}

gboolean
jb_store_exec (JbStore *self, const char *sql, GError **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      if (!explain_code (self, rc, error))
        g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                     _("The database refused the change: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
jb_store_prepare (JbStore *self, const char *sql, gboolean persistent, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v3 (self->db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                          &stmt, NULL) != SQLITE_OK)
    {
      jb_store_fail (self, error);
      return NULL;
    }
  return stmt;
}

/* A statement prepared once per connection and kept: reset it after use. */
sqlite3_stmt *
jb_store_cached (JbStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->cache, sql);
  if (stmt == NULL && (stmt = jb_store_prepare (self, sql, TRUE, error)))
    g_hash_table_insert (self->cache, g_strdup (sql), stmt);
  return stmt;
}

static void
jb_store_finalize (GObject *object)
{
  JbStore *self = JB_STORE (object);

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      sqlite3_finalize (self->load[k]);
      sqlite3_finalize (self->insert[k]);
      sqlite3_finalize (self->update[k]);
      sqlite3_finalize (self->by_uuid[k]);
    }
  sqlite3_finalize (self->any_by_uuid);
  g_clear_pointer (&self->team, jb_team_free);
  sqlite3_finalize (self->history_insert);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  if (self->db)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->import_copy);
  g_clear_pointer (&self->last_codes, g_hash_table_unref);

  G_OBJECT_CLASS (jb_store_parent_class)->finalize (object);
}

static void
jb_store_class_init (JbStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jb_store_finalize;

  /* JbStore::changed: records were written; @kinds has bit (1 << JbKindId) set
   * for each kind that changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
jb_store_init (JbStore *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) sqlite3_finalize);
  self->last_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

char *
jb_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "jiebang", "jiebang.db", NULL);
}

const char *
jb_store_get_path (JbStore *self)
{
  return self->path;
}

void
jb_store_release_memory (JbStore *self)
{
  sqlite3_db_release_memory (self->db);
}

/* ---- SQL text built from the kind tables -------------------------------- */

const JbKind *
jb_store_ref_target (const JbField *f)
{
  return jb_kind_get (f->ref_kind);
}

/* "SELECT t.id, t.uuid, t.created, t.updated, t.f1, (r1.title), … FROM kind t
 *  LEFT JOIN target r3 ON r3.id = t.f3 …": for every field whose flags include
 * @flags (0: all), its value, and for references the target's title after all
 * values, then (@with_uuids) the target's uuid. */
GString *
jb_store_select_sql_full (const JbKind *kind, JbFieldFlags flags, gboolean with_uuids)
{
  GString *sql = g_string_new ("SELECT t.id, t.uuid, t.created, t.updated");
  GString *joins = g_string_new (NULL);
  GString *names = g_string_new (NULL);
  g_autoptr (GString) uuids = g_string_new (NULL);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (flags && !(f->flags & flags))
        g_string_append (sql, ", NULL");
      else
        g_string_append_printf (sql, ", t.%s", f->name);
      if (f->type != JB_TYPE_REF)
        continue;
      if (flags && !(f->flags & flags))
        {
          g_string_append (names, ", NULL");
          if (with_uuids)
            g_string_append (uuids, ", NULL");
          continue;
        }
      const JbKind *target = jb_store_ref_target (f);
      g_string_append_printf (names, ", r%u.%s", i, target->title);
      if (with_uuids)
        g_string_append_printf (uuids, ", r%u.uuid", i);
      g_string_append_printf (joins, " LEFT JOIN %s r%u ON r%u.id = t.%s", target->name, i, i,
                              f->name);
    }
  g_string_append_printf (sql, "%s%s FROM %s t%s", names->str, uuids->str, kind->name,
                          joins->str);
  g_string_free (joins, TRUE);
  g_string_free (names, TRUE);
  return sql;
}

char *
jb_store_sql_set (const JbEnum *enumeration, JbValueFlags flags)
{
  GString *set = g_string_new ("(");
  for (guint i = 0; i < enumeration->n_values; i++)
    if ((enumeration->values[i].flags & flags) == flags)
      g_string_append_printf (set, "%s'%s'", set->len > 1 ? ", " : "",
                              enumeration->values[i].code);
  /* An empty set is "()", which SQLite takes as the empty list. */
  g_string_append_c (set, ')');
  return g_string_free (set, FALSE);
}

GString *
jb_store_select_sql (const JbKind *kind, JbFieldFlags flags)
{
  return jb_store_select_sql_full (kind, flags, FALSE);
}

/* Reads a row of select_sql() into a new record. */
JbRecord *
jb_store_row_to_record (const JbKind *kind, sqlite3_stmt *stmt)
{
  JbRecord *record = jb_record_new (kind->id);
  int name_col = N_RECORD_COLS + (int) kind->n_fields;

  jb_record_set_id (record, sqlite3_column_int64 (stmt, COL_ID));
  jb_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, COL_UUID));
  jb_record_set_times (record, (const char *) sqlite3_column_text (stmt, COL_CREATED),
                       (const char *) sqlite3_column_text (stmt, COL_UPDATED));
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      int col = N_RECORD_COLS + (int) i;
      gboolean null = sqlite3_column_type (stmt, col) == SQLITE_NULL;

      if (!null && jb_field_type (f->type)->text_value)
        jb_record_set_text (record, i, (const char *) sqlite3_column_text (stmt, col));
      else if (!null)
        jb_record_set_int (record, i, sqlite3_column_int64 (stmt, col));
      /* References are followed by their targets' titles, after all values. */
      if (f->type == JB_TYPE_REF)
        {
          if (!null)
            jb_record_set_ref_name (record, i, (const char *) sqlite3_column_text (stmt, name_col));
          name_col++;
        }
    }
  return record;
}

void
jb_store_bind_fields (JbRecord *record, sqlite3_stmt *stmt, int first)
{
  const JbKind *kind = jb_record_get_kind (record);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      int col = first + (int) i;
      if (!jb_record_is_set (record, i))
        sqlite3_bind_null (stmt, col);
      else if (jb_field_type (kind->fields[i].type)->text_value)
        /* STATIC: the record outlives the step, and the bindings are cleared
         * right after it. */
        sqlite3_bind_text (stmt, col, jb_record_get_text (record, i), -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, col, jb_record_get_int (record, i));
    }
}

static gboolean
prepare_kind (JbStore *self, const JbKind *kind, GError **error)
{
  g_autoptr (GString) load = jb_store_select_sql (kind, 0);
  g_string_append (load, " WHERE t.id = ?1");
  g_autofree char *by_uuid = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?1", kind->name);

  return (self->load[kind->id] = jb_store_prepare (self, load->str, TRUE, error)) &&
         (self->by_uuid[kind->id] = jb_store_prepare (self, by_uuid, TRUE, error));
}

/* A kind's INSERT or UPDATE, prepared by its first save: compiled with the
 * triggers that keep the search index, the sort keys and the totals, the
 * ten kinds' statements took 0.9 MB of each connection, and most
 * connections write few kinds or none (the matcher's worker, a window
 * that is only read). */
sqlite3_stmt *
jb_store_write_statement (JbStore *self, const JbKind *kind, gboolean insert, GError **error)
{
  sqlite3_stmt **slot = insert ? &self->insert[kind->id] : &self->update[kind->id];
  if (*slot)
    return *slot;

  g_autoptr (GString) sql = g_string_new (NULL);
  if (insert)
    {
      g_string_append_printf (sql, "INSERT INTO %s (uuid, created, updated", kind->name);
      for (guint i = 0; i < kind->n_fields; i++)
        g_string_append_printf (sql, ", %s", kind->fields[i].name);
      g_string_append (sql, ") VALUES (?1, ?2, ?3");
      for (guint i = 0; i < kind->n_fields; i++)
        g_string_append_printf (sql, ", ?%u", i + 4);
      g_string_append (sql, ")");
    }
  else
    {
      g_string_append_printf (sql, "UPDATE %s SET uuid = ?1, created = ?2, updated = ?3",
                              kind->name);
      for (guint i = 0; i < kind->n_fields; i++)
        g_string_append_printf (sql, ", %s = ?%u", kind->fields[i].name, i + 4);
      g_string_append_printf (sql, " WHERE id = ?%u", kind->n_fields + 4);
    }
  return *slot = jb_store_prepare (self, sql->str, TRUE, error);
}

/* ---- opening and migrating ---------------------------------------------- */

gint64
jb_store_query_int (JbStore *self, const char *sql)
{
  sqlite3_stmt *stmt = jb_store_prepare (self, sql, FALSE, NULL);
  gint64 value = stmt && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_finalize (stmt);
  return value;
}

gboolean
jb_store_same_rows (JbStore *self, const char *what, const char *held, const char *truth,
                    GError **error)
{
  for (int way = 0; way < 2; way++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s)",
                                              way ? truth : held, way ? held : truth);
      gint64 n = jb_store_query_int (self, sql);
      if (n != 0)
        {
          g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                       "%s %s %" G_GINT64_FORMAT " rows", what,
                       way ? "misses" : "has wrong or extra", n);
          return FALSE;
        }
    }
  return TRUE;
}

/* A database in WAL mode is read and written with two files beside it (-wal,
 * -shm): a folder or a file that cannot be written fails its first read.
 * Says which, rather than that the file is not a database; FALSE if neither
 * is the case. */
static gboolean
explain_cannot_write (JbStore *self, GError **error)
{
  int rc = sqlite3_errcode (self->db) & 0xff;
  if (rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN && rc != SQLITE_PERM && rc != SQLITE_IOERR)
    return FALSE;
  g_autofree char *dir = g_path_get_dirname (self->path);
  if (g_access (dir, W_OK) != 0)
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_READ_ONLY,
                 _("Cannot open “%s”: its folder “%s” is read-only, and Jiebang keeps its "
                   "journal beside the database. Copy the database to a folder you can write "
                   "to."), self->path, dir);
  else if (g_access (self->path, W_OK) != 0)
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_READ_ONLY,
                 _("Cannot open “%s”: the file is read-only. Copy it to a file you can write "
                   "to."), self->path);
  else
    return FALSE;
  return TRUE;
}

static gboolean
migrate (JbStore *self, GError **error)
{
  gint64 version = jb_store_query_int (self, "PRAGMA user_version");
  gint64 app_id = jb_store_query_int (self, "PRAGMA application_id");
  gint64 n_tables = jb_store_query_int (self, "SELECT count(*) FROM sqlite_schema");

  if ((version < 0 || n_tables < 0) && explain_cannot_write (self, error))
    return FALSE;
  if (version < 0 || n_tables < 0)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_OURS,
                   _("“%s” is not a Jiebang database (%s)."), self->path,
                   sqlite3_errmsg (self->db));
      return FALSE;
    }
  if (n_tables > 0 && app_id != JB_APPLICATION_ID)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_OURS,
                   _("“%s” is a database of another program, not of Jiebang."), self->path);
      return FALSE;
    }
  if (version > (gint64) jb_schema_version)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Jiebang (format %d; this version "
                     "reads up to format %u). Update Jiebang to open it."),
                   self->path, (int) version, jb_schema_version);
      return FALSE;
    }

  for (guint v = (guint) version; v < jb_schema_version; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", v + 1);
      g_autofree char *set_app = g_strdup_printf ("PRAGMA application_id = %d",
                                                  JB_APPLICATION_ID);
      if (!jb_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!jb_store_exec (self, jb_schema_migrations[v], error) || !jb_store_exec (self, set_app, error) ||
          !jb_store_exec (self, set_version, error) || !jb_store_exec (self, "COMMIT", error))
        {
          jb_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return TRUE;
}

void
jb_store_remove_files (const char *path)
{
  const char *beside[] = { "", "-wal", "-shm", "-journal", ".before-import" };
  for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
    {
      g_autofree char *p = g_strconcat (path, beside[i], NULL);
      g_remove (p);
    }
}

JbStore *
jb_store_open (const char *path, GError **error)
{
  return jb_store_open_full (path, NULL, NULL, NULL, error);
}

JbStore *
jb_store_open_full (const char *path, GCancellable *cancellable, JbProgressFunc progress,
                    gpointer user_data, GError **error)
{
  if (jb_store_location_is_team (path))
    return jb_store_open_team (path, NULL, cancellable, progress, user_data, error);
  JbStore *self = jb_store_open_file (path, cancellable, progress, user_data, error);
  /* A team database's replica, opened by its path (a worker given the
   * window's file): the team database, through that replica, so that what
   * is saved goes to the team and not to this computer alone. */
  g_autofree char *location = self ? jb_store_team_location_of (self) : NULL;
  if (location == NULL)
    return self;
  g_object_unref (self);
  return jb_store_open_team (location, path, cancellable, progress, user_data, error);
}

JbStore *
jb_store_open_file (const char *path, GCancellable *cancellable, JbProgressFunc progress,
                    gpointer user_data, GError **error)
{
  g_autoptr (JbStore) self = g_object_new (JB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  g_autofree char *dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
      SQLITE_OK)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_OPEN, _("Cannot open “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  /* Another Jiebang (or an import thread) may hold the write lock for a moment. */
  sqlite3_busy_timeout (self->db, 5000);

  /* The search index's tokenizer and sort keys, before any table uses them. */
  if (!jb_store_search_register (self, error) || !jb_store_aggregates_register (self, error) ||
      !migrate (self, error))
    return NULL;
  if (!jb_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !jb_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      /* A save the user saw succeed is on the disk: every commit waits for
       * the WAL to reach it (README, "Nothing is lost"). */
      !jb_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !jb_store_derived_update (self, cancellable, progress, user_data, error))
    return NULL;

  for (guint k = 0; k < JB_N_KINDS; k++)
    if (!prepare_kind (self, jb_kind_get (k), error))
      return NULL;
  self->history_insert = jb_store_prepare (self,
                                  "INSERT INTO history (kind, record_uuid, at, action, field, "
                                  "old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  TRUE, error);
  if (self->history_insert == NULL)
    return NULL;
  /* One statement over every kind: asked kind by kind, an import's check
   * that a new record's id is free cost 7 % of its time. */
  g_autoptr (GString) any = g_string_new (NULL);
  for (guint k = 0; k < JB_N_KINDS; k++)
    g_string_append_printf (any, "%sSELECT %u, id FROM %s WHERE uuid = ?1",
                            k ? " UNION ALL " : "", k, jb_kind_get (k)->name);
  g_string_append (any, " LIMIT 1");
  if (!(self->any_by_uuid = jb_store_prepare (self, any->str, TRUE, error)))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- transactions ------------------------------------------------------- */

gboolean
jb_store_begin (JbStore *self, GError **error)
{
  /* A file that cannot be written is said so before anything is tried, not
   * at the first record a save or an import writes. */
  if (self->depth == 0 && sqlite3_db_readonly (self->db, "main") == 1)
    return explain_code (self, SQLITE_READONLY, error) && FALSE;
  if (self->depth == 0 && jb_store_is_read_only (self))
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_READ_ONLY,
                   _("Your role may only read this team database: nothing can be saved to it."));
      return FALSE;
    }
  /* IMMEDIATE takes the write lock now, so a busy database waits here (busy
   * timeout) instead of failing halfway through. */
  if (!jb_store_exec (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT jb", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

void
jb_store_emit_changed (JbStore *self)
{
  guint kinds = self->changed_kinds;
  self->changed_kinds = 0;
  if (kinds)
    g_signal_emit (self, signals[CHANGED], 0, kinds);
}

gboolean
jb_store_commit (JbStore *self, GError **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);
  /* A team database takes the changes first: a conflict there leaves the
   * replica as it was. */
  if ((self->depth == 1 && !jb_store_bulk_finish (self, NULL, NULL, NULL, error)) ||
      (self->depth == 1 && !jb_store_team_commit (self, error)) ||
      !jb_store_exec (self, self->depth == 1 ? "COMMIT" : "RELEASE jb", error))
    {
      jb_store_rollback (self);
      /* The other change comes in, and an open form shows both. */
      if (self->depth == 0 && self->team_pull_after)
        {
          self->team_pull_after = FALSE;
          jb_store_pull (self, NULL);
        }
      return FALSE;
    }
  if (--self->depth == 0)
    jb_store_emit_changed (self);
  return TRUE;
}

void
jb_store_rollback (JbStore *self)
{
  g_return_if_fail (self->depth > 0);
  if (self->depth == 1)
    {
      jb_store_exec (self, "ROLLBACK", NULL);
      self->changed_kinds = 0;
      jb_store_bulk_reset (self);
    }
  else
    jb_store_exec (self, "ROLLBACK TO jb; RELEASE jb", NULL);
  self->depth--;
}

void
jb_store_set_durable (JbStore *self, gboolean durable)
{
  jb_store_exec (self, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
                 NULL);
}

void
jb_store_notify_changed (JbStore *self)
{
  /* The codes given last may be gone (a restore) or taken. */
  g_hash_table_remove_all (self->last_codes);
  self->changed_kinds = (1u << JB_N_KINDS) - 1;
  jb_store_emit_changed (self);
}

/* ---- reading ------------------------------------------------------------ */

static JbRecord *load (JbStore *self, JbKindId kind, gint64 id, GError **error);

JbRecord *
jb_store_load (JbStore *self, JbKindId kind, gint64 id, GError **error)
{
  JbRecord *record = load (self, kind, id, error);
  if (record && jb_store_is_team (self) && self->saving == 0)
    jb_store_team_note_read (self, jb_record_get_uuid (record));
  return record;
}

static JbRecord *
load (JbStore *self, JbKindId kind, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = self->load[kind];
  JbRecord *record = NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = jb_store_row_to_record (jb_kind_get (kind), stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND,
                 _("The %s was deleted meanwhile."), _(jb_kind_get (kind)->label));
  else
    jb_store_fail (self, error);
  sqlite3_reset (stmt);
  return record;
}

gint64
jb_store_id_for_uuid (JbStore *self, JbKindId kind, const char *uuid)
{
  /* Prepared with the kind's other statements: an import asks once per
   * record and once per reference. */
  sqlite3_stmt *stmt = self->by_uuid[kind];
  gint64 id = 0;
  /* Ids are stored in lowercase (jb_record_set_uuid()); the same id in
   * capitals is the same record. */
  g_autofree char *lower = NULL;
  for (const char *p = uuid; p && *p; p++)
    if (g_ascii_isupper (*p))
      {
        uuid = lower = g_ascii_strdown (uuid, -1);
        break;
      }
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
jb_store_any_for_uuid (JbStore *self, const char *uuid, JbKindId *kind)
{
  sqlite3_stmt *stmt = self->any_by_uuid;
  gint64 id = 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *kind = (JbKindId) sqlite3_column_int (stmt, 0);
      id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return id;
}

JbRecord *
jb_store_load_by_uuid (JbStore *self, JbKindId kind, const char *uuid, GError **error)
{
  gint64 id = jb_store_id_for_uuid (self, kind, uuid);
  if (id == 0)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND,
                   _("There is no %s with the id %s."), _(jb_kind_get (kind)->label), uuid);
      return NULL;
    }
  return jb_store_load (self, kind, id, error);
}

gint64
jb_store_count (JbStore *self, JbKindId kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", jb_kind_get (kind)->name);
  return jb_store_query_int (self, sql);
}

gboolean
jb_store_has_records (JbStore *self, JbKindId kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)",
                                          jb_kind_get (kind)->name);
  return jb_store_query_int (self, sql) > 0;
}

gboolean
jb_store_is_empty (JbStore *self)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    if (jb_store_has_records (self, k))
      return FALSE;
  return TRUE;
}

void
jb_history_entry_free (JbHistoryEntry *entry)
{
  g_free (entry->at);
  g_free (entry->action);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->who);
  g_free (entry);
}

GPtrArray *
jb_store_history (JbStore *self, const char *uuid, GError **error)
{
  sqlite3_stmt *stmt = jb_store_prepare (self,
                                "SELECT at, action, field, old_value, new_value, who FROM history "
                                "WHERE record_uuid = ?1 ORDER BY at, id", FALSE, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_history_entry_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JbHistoryEntry *e = g_new0 (JbHistoryEntry, 1);
      e->at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      e->action = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e->field = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      e->old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      e->new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e->who = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (entries, e);
    }
  sqlite3_finalize (stmt);

  /* An imported record carries its creation in its own created column, not in
   * a history row (one row less per record: imports are 15 % faster). */
  gboolean has_created = FALSE;
  for (guint i = 0; i < entries->len && !has_created; i++)
    has_created = g_str_equal (((JbHistoryEntry *) g_ptr_array_index (entries, i))->action,
                               "created");
  for (guint k = 0; k < JB_N_KINDS && !has_created; k++)
    {
      gint64 id = jb_store_id_for_uuid (self, k, uuid);
      g_autoptr (JbRecord) record = id ? jb_store_load (self, k, id, NULL) : NULL;
      if (record == NULL)
        continue;
      JbHistoryEntry *e = g_new0 (JbHistoryEntry, 1);
      e->at = g_strdup (jb_record_get_created (record));
      e->action = g_strdup ("created");
      e->new_value = g_strdup (jb_record_get_title (record));
      g_ptr_array_insert (entries, 0, e);
      has_created = TRUE;
    }
  return entries;
}

/* ---- for the other parts of the store (jb-store-private.h) ------------- */

sqlite3_stmt *
jb_store_statement (JbStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = jb_store_cached (self, sql, error);
  if (stmt)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return stmt;
}





/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-team.c: a store on a team database (PostgreSQL, jb-team-pg.c).
 *
 * The window, the search, the figures and matching read a SQLite file as
 * always: for a team database that file is a replica, kept in the user's
 * data folder and named after the connection, so that every rule, the
 * Chinese search and its ranking, and every figure are the same code on
 * both (and a team database opens as fast as a file once its replica
 * exists).  The team database is the truth:
 *
 * - a commit first writes its changes there, in one PostgreSQL
 *   transaction, then commits the replica.  Temporary triggers note which
 *   records and history rows the transaction wrote.  An update or delete
 *   names the version the replica had: if somebody saved the record in
 *   between, nothing is written, the replica rolls back, takes the other
 *   change (jb_store_pull()) and the save fails with
 *   JB_STORE_ERROR_CONFLICT: an open form then merges as it does for any
 *   change underneath (jb-record-editor-merge.c).  A unique value (a
 *   demand's code, an organization's name) someone else saved meanwhile
 *   is refused the same way, with JB_STORE_ERROR_TAKEN: jb_store_save()
 *   then saves again on the replica that now has theirs;
 * - jb_store_pull() brings every change numbered after the replica's last
 *   one (see jb-team-pg.c for the numbering), records in the order of the
 *   kinds so that references find their targets, deletions last;
 * - the team is told of a commit by NOTIFY jiebang: a window listens on
 *   jb_store_get_notify_fd() and pulls. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-store-private.h"
#include "jb-team-pg.h"

struct _JbTeam {
  JbPg *pg;
  char *location;  /* canonical: no password */
  char *user;      /* the role, as the team sees it */
  char *origin;    /* the replica's own id, in the history rows it writes */
  gboolean read_only;
  gboolean listening;  /* LISTEN jiebang taken: others' saves wake the socket */
  GHashTable *read;    /* uuid → the version this store last read (gint64 *) */
};

/* Passwords the user typed, for the other connections of this process (a
 * worker's store): in memory only. */
static GMutex passwords_lock;
static GHashTable *passwords;

gboolean
jb_store_location_is_team (const char *location)
{
  if (location == NULL)
    return FALSE;
  if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    return TRUE;
  /* libpq's "host=… dbname=…": a word, then "=", before any slash. */
  const char *p = location;
  while (g_ascii_isalnum (*p) || *p == '_')
    p++;
  while (*p == ' ')
    p++;
  return p > location && *p == '=';
}

void
jb_store_set_team_password (const char *location, const char *password)
{
  g_autofree char *in_location = NULL;
  g_autofree char *canonical = jb_pg_canonical (location, &in_location, NULL);
  if (canonical == NULL)
    return;
  g_mutex_lock (&passwords_lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (passwords, g_steal_pointer (&canonical), g_strdup (password));
  g_mutex_unlock (&passwords_lock);
}

static char *
password_for (const char *canonical)
{
  g_mutex_lock (&passwords_lock);
  char *password = passwords ? g_strdup (g_hash_table_lookup (passwords, canonical)) : NULL;
  g_mutex_unlock (&passwords_lock);
  return password;
}

char *
jb_store_team_replica_path (const char *location)
{
  g_autofree char *secret = NULL;
  g_autofree char *canonical = jb_pg_canonical (location, &secret, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                         canonical ? canonical : location, -1);
  hash[16] = '\0';
  g_autofree char *name = g_strconcat (hash, ".db", NULL);
  return g_build_filename (g_get_user_data_dir (), "jiebang", "team", name, NULL);
}

void
jb_team_free (JbTeam *team)
{
  if (team == NULL)
    return;
  jb_pg_free (team->pg);
  g_clear_pointer (&team->read, g_hash_table_destroy);
  g_free (team->location);
  g_free (team->user);
  g_free (team->origin);
  g_free (team);
}

gboolean
jb_store_is_team (JbStore *self)
{
  return self->team != NULL;
}

gboolean
jb_store_is_read_only (JbStore *self)
{
  return self->team && self->team->read_only;
}

const char *
jb_store_get_location (JbStore *self)
{
  return self->team ? self->team->location : self->path;
}

char *
jb_store_get_display_name (JbStore *self)
{
  if (self->team == NULL)
    return g_path_get_basename (self->path);
  char *name = jb_pg_display_name (self->team->location);
  return name ? name : g_strdup (self->team->location);
}

const char *
jb_store_get_user (JbStore *self)
{
  return self->team ? self->team->user : NULL;
}

int
jb_store_get_notify_fd (JbStore *self)
{
  return self->team && self->team->listening ? PQsocket (jb_pg_conn (self->team->pg)) : -1;
}

gboolean
jb_store_take_notifications (JbStore *self)
{
  if (self->team == NULL)
    return FALSE;
  PGconn *conn = jb_pg_conn (self->team->pg);
  gboolean any = FALSE;
  PQconsumeInput (conn);
  PGnotify *n;
  while ((n = PQnotifies (conn)))
    {
      any = TRUE;
      PQfreemem (n);
    }
  return any;
}

gboolean
jb_store_get_authorship (JbStore *self, const char *uuid, char **author, char **editor)
{
  *author = *editor = NULL;
  sqlite3_stmt *stmt = jb_store_cached (self, "SELECT author, editor FROM team_row "
                                              "WHERE uuid = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  gboolean found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *author = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *editor = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return found;
}

/* A transaction on the team database, on a connection made again if the
 * server went away meanwhile (then listening again). */
static gboolean
begin (JbTeam *team, const char *sql, GError **error)
{
  /* A connection cut shows when it is next used: then once more, on a new
   * one.  Nothing was begun on the old one. */
  for (int attempt = 0;; attempt++)
    {
      gboolean reconnected;
      if (!jb_pg_reconnect (team->pg, &reconnected, error))
        return FALSE;
      /* Outside the transaction: a pull ends in a rollback, which would
       * undo it. */
      if (reconnected && team->listening)
        jb_pg_run (team->pg, "LISTEN jiebang", 0, NULL, NULL, NULL);
      g_autoptr (GError) local = NULL;
      if (jb_pg_run (team->pg, sql, 0, NULL, NULL, &local))
        return TRUE;
      if (attempt > 0 || PQstatus (jb_pg_conn (team->pg)) == CONNECTION_OK)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
}

/* ---- SQL by kind ------------------------------------------------------------ */

typedef struct {
  char *local_select;  /* the record by uuid, references as uuids */
  char *local_upsert;  /* a pulled record into the replica */
  char *pg_insert;
  char *pg_update;
  char *pg_pull;       /* a page of the records changed in a range */
  int self_ref;        /* the field that refers to the same kind, or -1 */
} KindSql;

static KindSql kind_sql[JB_N_KINDS];

static void
build_kind_sql (void)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      KindSql *q = &kind_sql[k];
      GString *select = g_string_new ("SELECT t.uuid, t.created, t.updated");
      GString *insert_cols = g_string_new ("uuid, created, updated");
      GString *values = g_string_new ("?1, ?2, ?3");
      GString *set = g_string_new ("created = excluded.created, updated = excluded.updated");
      GString *pg_values = g_string_new ("$1, $2, $3");
      GString *pg_set = g_string_new ("created = $2, updated = $3");
      GString *pg_cols = g_string_new ("uuid, created, updated");
      q->self_ref = -1;
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          guint n = i + 4;
          if (f->type == JB_TYPE_REF)
            {
              const char *target = jb_kind_get (f->ref_kind)->name;
              g_string_append_printf (select, ", (SELECT uuid FROM %s WHERE id = t.%s)", target,
                                      f->name);
              g_string_append_printf (values, ", (SELECT id FROM %s WHERE uuid = ?%u)", target, n);
              if (f->ref_kind == k)
                q->self_ref = (int) i;
            }
          else
            {
              g_string_append_printf (select, ", t.%s", f->name);
              g_string_append_printf (values, ", ?%u", n);
            }
          g_string_append_printf (insert_cols, ", %s", f->name);
          g_string_append_printf (set, ", %s = excluded.%s", f->name, f->name);
          g_string_append_printf (pg_values, ", $%u", n);
          g_string_append_printf (pg_set, ", %s = $%u", f->name, n);
          g_string_append_printf (pg_cols, ", %s", f->name);
        }
      guint n = kind->n_fields + 3;
      g_string_append_printf (select, " FROM %s t WHERE t.uuid = ?1", kind->name);
      q->local_select = g_string_free (select, FALSE);
      q->local_upsert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (uuid) "
                                         "DO UPDATE SET %s RETURNING id", kind->name,
                                         insert_cols->str, values->str, set->str);
      /* Parameters after the record's: seq, pos, who, and the version known. */
      q->pg_insert = g_strdup_printf ("INSERT INTO %s (%s, version, seq, pos, author, editor) "
                                      "VALUES (%s, 1, $%u, $%u, $%u, $%u)", kind->name,
                                      pg_cols->str, pg_values->str, n + 1, n + 2, n + 3, n + 3);
      q->pg_update = g_strdup_printf ("UPDATE %s SET %s, version = version + 1, seq = $%u, "
                                      "pos = $%u, editor = $%u WHERE uuid = $1 AND version = $%u",
                                      kind->name, pg_set->str, n + 1, n + 2, n + 3, n + 4);
      /* Pages in (seq, pos) order: an import is one change of many rows. */
      q->pg_pull = g_strdup_printf ("SELECT seq, pos, %s, version, author, editor FROM %s WHERE "
                                    "(seq > $1 OR (seq = $1 AND pos > $2)) AND seq <= $3 "
                                    "ORDER BY seq, pos LIMIT 2000", pg_cols->str, kind->name);
      g_string_free (insert_cols, TRUE);
      g_string_free (values, TRUE);
      g_string_free (set, TRUE);
      g_string_free (pg_values, TRUE);
      g_string_free (pg_set, TRUE);
      g_string_free (pg_cols, TRUE);
    }
}

static const KindSql *
sql_for (JbKindId kind)
{
  static gsize built;
  if (g_once_init_enter (&built))
    {
      build_kind_sql ();
      g_once_init_leave (&built, 1);
    }
  return &kind_sql[kind];
}

/* ---- the replica's own state ------------------------------------------------ */

static char *
state_get (JbStore *self, const char *key)
{
  sqlite3_stmt *stmt = jb_store_cached (self, "SELECT value FROM team_state WHERE key = ?1",
                                        NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  char *value = sqlite3_step (stmt) == SQLITE_ROW
                ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  sqlite3_reset (stmt);
  return value;
}

static gboolean
state_set (JbStore *self, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt = jb_store_cached (self, "INSERT OR REPLACE INTO team_state (key, value) "
                                              "VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return jb_store_step_done (self, stmt, error);
}

static gint64 last_seq (JbStore *self);

gint64
jb_store_team_position (JbStore *self)
{
  return self->team ? last_seq (self) : -1;
}

char *
jb_store_team_location_of (JbStore *self)
{
  return self->team ? NULL : state_get (self, "location");
}

static gint64
last_seq (JbStore *self)
{
  g_autofree char *value = state_get (self, "last_seq");
  return value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static gint64
known_version (JbStore *self, const char *uuid)
{
  sqlite3_stmt *stmt = jb_store_cached (self, "SELECT version FROM team_row WHERE uuid = ?1",
                                        NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  gint64 version = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return version;
}

static gboolean
set_row (JbStore *self, const char *uuid, gint64 version, const char *author,
         const char *editor, GError **error)
{
  sqlite3_stmt *stmt = jb_store_cached (self, "INSERT INTO team_row (uuid, version, author, "
                                              "editor) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
                                              "(uuid) DO UPDATE SET version = excluded.version, "
                                              "author = coalesce(excluded.author, author), "
                                              "editor = excluded.editor", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, editor, -1, SQLITE_STATIC);
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE || jb_store_fail (self, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

static gboolean
exec_text (JbStore *self, const char *sql, const char *a, GError **error)
{
  sqlite3_stmt *stmt = jb_store_cached (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  return jb_store_step_done (self, stmt, error);
}

/* What this connection writes, noted by temporary triggers (a pull writes
 * with team_pulling set, and is not noted). */
static gboolean
create_outbox (JbStore *self, GError **error)
{
  g_autoptr (GString) sql = g_string_new (
    "CREATE TEMP TABLE IF NOT EXISTS team_outbox (kind INTEGER NOT NULL, uuid TEXT NOT NULL);"
    "CREATE TEMP TABLE IF NOT EXISTS team_history_out (id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE IF NOT EXISTS team_pulling (yes INTEGER);"
    "CREATE TEMP TRIGGER IF NOT EXISTS team_out_history AFTER INSERT ON main.history "
    "WHEN NOT EXISTS (SELECT 1 FROM team_pulling) "
    "BEGIN INSERT INTO team_history_out (id) VALUES (new.id); END;");
  static const char *const events[] = { "INSERT", "UPDATE", "DELETE" };
  for (guint k = 0; k < JB_N_KINDS; k++)
    for (guint e = 0; e < G_N_ELEMENTS (events); e++)
      g_string_append_printf (sql, "CREATE TEMP TRIGGER IF NOT EXISTS team_out_%s_%c AFTER %s "
                                   "ON main.%s WHEN NOT EXISTS (SELECT 1 FROM team_pulling) "
                                   "BEGIN INSERT INTO team_outbox (kind, uuid) VALUES "
                                   "(%u, %s.uuid); END;", jb_kind_get (k)->name,
                              g_ascii_tolower (events[e][0]), events[e], jb_kind_get (k)->name,
                              k, e == 2 ? "old" : "new");
  return jb_store_exec (self, sql->str, error);
}

/* ---- writing to the team ------------------------------------------------------ */

/* Text of column @i of @stmt, NULL for SQL NULL: what PostgreSQL is given. */
static const char *
column_param (sqlite3_stmt *stmt, int i)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL
         ? NULL : (const char *) sqlite3_column_text (stmt, i);
}

gboolean
jb_store_team_conflict (JbStore *self, JbKindId kind, const char *uuid, GError **error)
{
  JbTeam *team = self->team;
  const JbKind *k = jb_kind_get (kind);
  g_autofree char *sql = g_strdup_printf ("SELECT editor FROM %s WHERE uuid = $1", k->name);
  g_autoptr (PGresult) res = jb_pg_query (team->pg, sql, 1, (const char *[]) { uuid }, NULL,
                                          NULL);
  gint64 id = jb_store_id_for_uuid (self, kind, uuid);
  g_autoptr (JbRecord) record = id ? jb_store_load (self, kind, id, NULL) : NULL;
  g_autofree char *heading = record ? jb_record_get_heading (record) : g_strdup (uuid);
  g_autofree char *what = g_utf8_strdown (_(k->label), -1);
  if (res && PQntuples (res) > 0)
    /* TRANSLATORS: "The demand “固态电池…” was changed by zhang in the meantime: …" */
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_CONFLICT,
                 _("The %s “%s” was changed by %s in the meantime. Your change was not saved: "
                   "the form now shows both, so that you can choose."),
                 what, heading, PQgetvalue (res, 0, 0));
  else
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND,
                 _("The %s “%s” was deleted by someone else in the meantime. Your change was "
                   "not saved."), what, heading);
  self->team_pull_after = TRUE;
  return FALSE;
}

void
jb_store_team_note_read (JbStore *self, const char *uuid)
{
  if (self->team->read == NULL)
    self->team->read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->team->read, g_strdup (uuid),
                       g_memdup2 (&(gint64) { known_version (self, uuid) }, sizeof (gint64)));
}

gboolean
jb_store_team_check_read (JbStore *self, JbKindId kind, const char *uuid, GError **error)
{
  gint64 *read = self->team && self->team->read ? g_hash_table_lookup (self->team->read, uuid)
                                                : NULL;
  if (read == NULL || *read == known_version (self, uuid))
    return TRUE;
  return jb_store_team_conflict (self, kind, uuid, error);
}

typedef struct {
  JbKindId kind;
  char *uuid;
  gint64 version;  /* what the team has after the push; 0 once deleted */
  gboolean created;
} Pushed;

static void
pushed_clear (gpointer data)
{
  g_free (((Pushed *) data)->uuid);
}

/* Writes the record @uuid as the replica has it, or deletes it (@row NULL),
 * naming the version the replica knew. */
static gboolean
push_one (JbStore *self, JbKindId kind, const char *uuid, sqlite3_stmt *row, const char *seq,
          guint pos, GArray *done, GError **error)
{
  JbTeam *team = self->team;
  const JbKind *k = jb_kind_get (kind);
  const KindSql *q = sql_for (kind);
  gint64 known = known_version (self, uuid);
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, known);
  char state[6];
  g_autoptr (PGresult) res = NULL;

  if (row == NULL)
    {
      if (known == 0)
        return TRUE; /* made and deleted in the same transaction */
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE uuid = $1 AND version = $2",
                                              k->name);
      res = jb_pg_query (team->pg, sql, 2, (const char *[]) { uuid, version }, state, error);
      if (res && strcmp (PQcmdTuples (res), "1") != 0)
        {
          return jb_store_team_conflict (self, kind, uuid, error);
        }
      if (res == NULL ||
          !jb_pg_run (team->pg, "INSERT INTO jb_deleted (uuid, kind, seq, who) VALUES "
                                "($1, $2, $3, $4)", 4,
                      (const char *[]) { uuid, k->name, seq, team->user }, NULL, error))
        return FALSE;
      g_array_append_val (done, ((Pushed) { kind, g_strdup (uuid), 0, FALSE }));
      return TRUE;
    }

  /* Sent now, its result read with the batch's (push_sync()). */
  guint n = k->n_fields + 3;
  g_autofree char *place = g_strdup_printf ("%u", pos);
  g_autofree const char **params = g_new0 (const char *, n + 4);
  for (guint i = 0; i < n; i++)
    params[i] = column_param (row, (int) i);
  params[n] = seq;
  params[n + 1] = place;
  params[n + 2] = team->user;
  params[n + 3] = version;
  if (!jb_pg_batch_add (team->pg, known ? q->pg_update : q->pg_insert,
                        known ? (int) n + 4 : (int) n + 3, params, error))
    return FALSE;
  g_array_append_val (done, ((Pushed) { kind, g_strdup (uuid), known + 1, known == 0 }));
  return TRUE;
}

/* Waits for the writes sent since the last call, the last @n of @done: each
 * must have written its row, or somebody saved it in between.  The SQLSTATE
 * of a write the team refused goes into @state. */
static gboolean
push_sync (JbStore *self, GArray *done, guint n, char state[6], GError **error)
{
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!jb_pg_batch_sync (self->team->pg, counts, state, error))
    return FALSE;
  g_assert (counts->len == n);
  for (guint i = 0; i < n; i++)
    if (g_array_index (counts, gint64, i) != 1)
      {
        Pushed *p = &g_array_index (done, Pushed, done->len - n + i);
        return jb_store_team_conflict (self, p->kind, p->uuid, error);
      }
  return TRUE;
}

static gboolean
push_history (JbStore *self, const char *seq, GError **error)
{
  JbTeam *team = self->team;
  sqlite3_stmt *stmt = jb_store_prepare (self, "SELECT h.kind, h.record_uuid, h.at, h.action, "
                                               "h.field, h.old_value, h.new_value FROM history h "
                                               "JOIN temp.team_history_out o ON o.id = h.id "
                                               "ORDER BY h.id", FALSE, error);
  if (stmt == NULL)
    return FALSE;
  gboolean ok = TRUE;
  for (int n = 0; ok && sqlite3_step (stmt) == SQLITE_ROW; n++)
    {
      g_autofree char *number = g_strdup_printf ("%d", n);
      const char *params[] = { seq, number, team->origin, column_param (stmt, 0),
                               column_param (stmt, 1), column_param (stmt, 2),
                               column_param (stmt, 3), column_param (stmt, 4),
                               column_param (stmt, 5), column_param (stmt, 6), team->user };
      ok = jb_pg_run (team->pg, "INSERT INTO jb_history (seq, n, origin, kind, record_uuid, at, "
                                "action, field, old_value, new_value, who) VALUES ($1, $2, $3, "
                                "$4, $5, $6, $7, $8, $9, $10, $11)", 11, params, NULL, error);
    }
  sqlite3_finalize (stmt);
  return ok && exec_text (self, "UPDATE history SET who = ?1 WHERE id IN "
                                "(SELECT id FROM temp.team_history_out)", team->user, error);
}

static gboolean
push (JbStore *self, char state[6], GError **error)
{
  JbTeam *team = self->team;
  /* Each record once, in the order of the kinds (a record's references
   * first); deletions in the reverse order, a deal's payments before it. */
  sqlite3_stmt *stmt = jb_store_prepare (self, "SELECT kind, uuid FROM temp.team_outbox "
                                               "GROUP BY uuid ORDER BY kind, min(rowid)", FALSE,
                                         error);
  if (stmt == NULL)
    return FALSE;
  g_autoptr (GArray) todo = g_array_new (FALSE, FALSE, sizeof (Pushed));
  g_array_set_clear_func (todo, pushed_clear);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_array_append_val (todo, ((Pushed) { (JbKindId) sqlite3_column_int (stmt, 0),
                                          g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                                          0, FALSE }));
  sqlite3_finalize (stmt);

  g_autoptr (PGresult) clock = jb_pg_query (team->pg, "SELECT seq FROM jb_clock WHERE id = 1 "
                                                      "FOR UPDATE", 0, NULL, NULL, error);
  if (clock == NULL)
    return FALSE;
  gint64 seq_n = g_ascii_strtoll (PQgetvalue (clock, 0, 0), NULL, 10) + 1;
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, seq_n);
  if (!jb_pg_run (team->pg, "UPDATE jb_clock SET seq = $1 WHERE id = 1", 1,
                  (const char *[]) { seq }, NULL, error))
    return FALSE;

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      int n = (int) jb_kind_get (k)->n_fields + 3;
      if (!jb_pg_prepare (team->pg, sql_for (k)->pg_insert, n + 3, error) ||
          !jb_pg_prepare (team->pg, sql_for (k)->pg_update, n + 4, error))
        return FALSE;
    }
  g_autoptr (GArray) done = g_array_new (FALSE, FALSE, sizeof (Pushed));
  g_array_set_clear_func (done, pushed_clear);
  /* Records that exist, in batches of 500 writes a round trip (an import
   * of 100,000 demands took 3.2 times the file's import one by one); then
   * deletions, one by one. */
  guint sent = 0;
  for (int pass = 0; pass < 2; pass++)
    for (guint j = 0; j < todo->len; j++)
      {
        Pushed *p = &g_array_index (todo, Pushed, pass == 0 ? j : todo->len - 1 - j);
        sqlite3_stmt *row = jb_store_cached (self, sql_for (p->kind)->local_select, error);
        if (row == NULL)
          return FALSE;
        sqlite3_bind_text (row, 1, p->uuid, -1, SQLITE_STATIC);
        gboolean exists = sqlite3_step (row) == SQLITE_ROW;
        guint before = done->len;
        gboolean ok = exists != (pass == 0) ||
                      push_one (self, p->kind, p->uuid, exists ? row : NULL, seq, j, done,
                                error);
        sqlite3_reset (row);
        if (!ok)
          return FALSE;
        sent += pass == 0 ? done->len - before : 0;
        if (sent == 500 || (pass == 0 && j == todo->len - 1 && sent > 0))
          {
            if (!push_sync (self, done, sent, state, error))
              return FALSE;
            sent = 0;
          }
      }
  if (!push_history (self, seq, error) ||
      !jb_pg_run (team->pg, "NOTIFY jiebang", 0, NULL, NULL, error))
    return FALSE;

  /* The replica learns the versions now, in its transaction that commits
   * right after the team's. */
  for (guint j = 0; j < done->len; j++)
    {
      Pushed *p = &g_array_index (done, Pushed, j);
      if (p->version == 0
          ? !exec_text (self, "DELETE FROM team_row WHERE uuid = ?1", p->uuid, error)
          : !set_row (self, p->uuid, p->version, p->created ? team->user : NULL, team->user,
                      error))
        return FALSE;
      if (p->version != 0)
        jb_store_team_note_read (self, p->uuid);
    }
  /* Nobody else wrote in between: the replica has everything up to here. */
  if (last_seq (self) == seq_n - 1 && !state_set (self, "last_seq", seq, error))
    return FALSE;
  return jb_store_exec (self, "DELETE FROM temp.team_outbox; DELETE FROM temp.team_history_out",
                        error);
}

gboolean
jb_store_team_commit (JbStore *self, GError **error)
{
  JbTeam *team = self->team;
  if (team == NULL)
    return TRUE;
  gint64 n = jb_store_query_int (self, "SELECT (SELECT count(*) FROM temp.team_outbox) + "
                                       "(SELECT count(*) FROM temp.team_history_out)");
  if (n == 0)
    return TRUE;
  if (team->read_only)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_READ_ONLY,
                   _("Your role may only read this team database: nothing can be saved to it."));
      return FALSE;
    }
  char state[6] = "";
  if (!begin (team, "BEGIN", error))
    return FALSE;
  g_autoptr (GError) local = NULL;
  gboolean ok = n > 0 && push (self, state, &local) &&
                jb_pg_run (team->pg, "COMMIT", 0, NULL, state, &local);
  if (!ok)
    {
      /* Out of a batch left halfway, then out of the transaction. */
      g_autoptr (GArray) ignored = g_array_new (FALSE, FALSE, sizeof (gint64));
      jb_pg_batch_sync (team->pg, ignored, NULL, NULL);
      jb_pg_run (team->pg, "ROLLBACK", 0, NULL, NULL, NULL);
      /* A reference to a record deleted meanwhile shows at the commit. */
      if (strcmp (state, "23503") == 0)
        {
          g_clear_error (&local);
          g_set_error (&local, JB_STORE_ERROR, JB_STORE_ERROR_CONFLICT,
                       _("A record this change refers to was deleted by someone else in the "
                         "meantime. Your change was not saved."));
          self->team_pull_after = TRUE;
        }
      /* A unique field's value (a demand's code the replica gave, not
       * knowing the other's yet) that someone else saved meanwhile: the
       * save tries again once the replica has theirs (jb_store_save()). */
      else if (strcmp (state, "23505") == 0)
        {
          g_clear_error (&local);
          g_set_error (&local, JB_STORE_ERROR, JB_STORE_ERROR_TAKEN,
                       _("Someone else has just saved a record with the same code, name or id "
                         "as this change. Your change was not saved."));
          self->team_pull_after = TRUE;
        }
      if (local == NULL)
        g_set_error (&local, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                     _("The team database could not be asked."));
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return ok;
}

/* ---- reading from the team ------------------------------------------------------ */

static gboolean
bind_text (sqlite3_stmt *stmt, int i, PGresult *res, int r, int c)
{
  if (PQgetisnull (res, r, c))
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, PQgetvalue (res, r, c), -1, SQLITE_TRANSIENT);
  return TRUE;
}

/* How far a pull is: records brought in, of how many. */
typedef struct {
  GCancellable *cancellable;
  JbProgressFunc progress;
  gpointer user_data;
  gint64 done, total;
} Pull;

/* A pulled record takes a unique value (a demand's code) that another record
 * of the replica still holds.  The server had each value once at every
 * commit, but the replica takes a pull's records one by one: codes swapped
 * there, or a deleted demand's code given to a new one, clash here midway.
 * That other record is changed or deleted later in the same pull, so it
 * holds a placeholder until then, "\1" and its uuid (check_placeholders()). */
static gboolean
displace (JbStore *self, const JbKind *k, PGresult *res, int r, GError **error)
{
  const char *uuid = PQgetvalue (res, r, 2);
  for (guint i = 0; i < k->n_fields; i++)
    {
      /* Columns: seq, pos, uuid, created, updated, the fields… */
      if (!(k->fields[i].flags & JB_FIELD_UNIQUE) || PQgetisnull (res, r, (int) i + 5))
        continue;
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = char(1) || uuid "
                                              "WHERE %s = ?1 AND uuid <> ?2", k->name,
                                              k->fields[i].name, k->fields[i].name);
      sqlite3_stmt *stmt = jb_store_cached (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, PQgetvalue (res, r, (int) i + 5), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      if (!jb_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* After a pull, no placeholder of displace() may be left: the server would
 * have given two records one value. */
static gboolean
check_placeholders (JbStore *self, GError **error)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          if (!(f->flags & JB_FIELD_UNIQUE))
            continue;
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s >= char(1) "
                                                  "AND %s < char(2)", kind->name, f->name,
                                                  f->name);
          if (jb_store_query_int (self, sql) != 0)
            {
              g_autofree char *what = g_utf8_strdown (_(kind->plural), -1);
              g_autofree char *field = g_utf8_strdown (_(f->label), -1);
              g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                           _("The team database’s changes cannot be brought in: two %s would "
                             "have the same %s."), what, field);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* The records of @kind changed in (@from, @to], @incoming of them: into the
 * replica. */
static gboolean
pull_kind (JbStore *self, JbKindId kind, const char *from, const char *to, gint64 incoming,
           Pull *pull, guint *changed, GError **error)
{
  JbTeam *team = self->team;
  const JbKind *k = jb_kind_get (kind);
  const KindSql *q = sql_for (kind);
  int n = (int) k->n_fields + 3;
  g_autofree char *after_seq = g_strdup (from);
  g_autofree char *after_pos = g_strdup ("-1");
  g_autoptr (GPtrArray) parents = g_ptr_array_new_with_free_func (g_free);
  /* A new replica knows no version; a large pull pays the search index and
   * the sort indexes once, as an import does (a new replica of 100,000
   * demands took 50 s row by row). */
  gboolean fresh = strcmp (from, "0") == 0;
  if (incoming == 0)
    return TRUE;
  if ((fresh || incoming > 1000) && !jb_store_bulk_begin (self, kind, error))
    return FALSE;
  sqlite3_stmt *up = jb_store_cached (self, q->local_upsert, error);
  if (up == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr (PGresult) res = jb_pg_query (team->pg, q->pg_pull, 3,
                                              (const char *[]) { after_seq, after_pos, to },
                                              NULL, error);
      if (res == NULL)
        return FALSE;
      int rows = PQntuples (res);
      for (int r = 0; r < rows; r++)
        {
          /* Columns: seq, pos, uuid, created, updated, the fields, version,
           * author, editor. */
          const char *uuid = PQgetvalue (res, r, 2);
          gint64 version = g_ascii_strtoll (PQgetvalue (res, r, n + 2), NULL, 10);
          if (!fresh && known_version (self, uuid) == version)
            continue; /* this replica's own change */
          for (int c = 0; c < n; c++)
            bind_text (up, c + 1, res, r, c + 2);
          int rc = sqlite3_step (up);
          if (rc == SQLITE_CONSTRAINT_UNIQUE && !fresh)
            {
              sqlite3_reset (up);
              if (!displace (self, k, res, r, error))
                return FALSE;
              rc = sqlite3_step (up);
            }
          gint64 id = rc == SQLITE_ROW ? sqlite3_column_int64 (up, 0) : 0;
          if (rc == SQLITE_ROW)
            rc = sqlite3_step (up);
          sqlite3_reset (up);
          sqlite3_clear_bindings (up);
          if (rc != SQLITE_DONE)
            return jb_store_fail (self, error);
          if (self->bulk && !jb_store_bulk_note (self, kind, id, error))
            return FALSE;
          if (!set_row (self, uuid, version, PQgetvalue (res, r, n + 3),
                        PQgetvalue (res, r, n + 4), error))
            return FALSE;
          *changed |= 1u << kind;
          if (q->self_ref >= 0 && !PQgetisnull (res, r, q->self_ref + 5))
            {
              g_ptr_array_add (parents, g_strdup (uuid));
              g_ptr_array_add (parents, g_strdup (PQgetvalue (res, r, q->self_ref + 5)));
            }
        }
      pull->done += rows;
      if (pull->progress && pull->total > 0)
        pull->progress ((double) pull->done / (double) pull->total, pull->user_data);
      if (g_cancellable_set_error_if_cancelled (pull->cancellable, error))
        return FALSE;
      if (rows < 2000)
        break;
      g_free (after_seq);
      g_free (after_pos);
      after_seq = g_strdup (PQgetvalue (res, rows - 1, 0));
      after_pos = g_strdup (PQgetvalue (res, rows - 1, 1));
    }
  /* A record that refers to one of its kind pulled after it. */
  if (parents->len == 0)
    return TRUE;
  g_autofree char *fix = g_strdup_printf ("UPDATE %s SET %s = (SELECT id FROM %s WHERE uuid = ?2) "
                                          "WHERE uuid = ?1", k->name,
                                          k->fields[q->self_ref].name, k->name);
  sqlite3_stmt *stmt = jb_store_cached (self, fix, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < parents->len; i += 2)
    {
      sqlite3_bind_text (stmt, 1, parents->pdata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, parents->pdata[i + 1], -1, SQLITE_STATIC);
      if (!jb_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
pull_deleted (JbStore *self, const char *from, const char *to, guint *changed, GError **error)
{
  g_autoptr (PGresult) res = jb_pg_query (self->team->pg, "SELECT uuid, kind FROM jb_deleted "
                                                          "WHERE seq > $1 AND seq <= $2", 2,
                                          (const char *[]) { from, to }, NULL, error);
  if (res == NULL)
    return FALSE;
  /* The records that refer to others first: a deal's payments, then it. */
  for (int k = JB_N_KINDS - 1; k >= 0; k--)
    for (int r = 0; r < PQntuples (res); r++)
      {
        const JbKind *kind = jb_kind_get ((JbKindId) k);
        if (strcmp (PQgetvalue (res, r, 1), kind->name) != 0)
          continue;
        g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE uuid = ?1", kind->name);
        const char *uuid = PQgetvalue (res, r, 0);
        if (!exec_text (self, sql, uuid, error) ||
            !exec_text (self, "DELETE FROM team_row WHERE uuid = ?1", uuid, error))
          return FALSE;
        *changed |= 1u << k;
      }
  return TRUE;
}

static gboolean
pull_history (JbStore *self, const char *from, const char *to, GError **error)
{
  JbTeam *team = self->team;
  g_autoptr (PGresult) res = jb_pg_query (team->pg, "SELECT kind, record_uuid, at, action, field, "
                                                    "old_value, new_value, who FROM jb_history "
                                                    "WHERE seq > $1 AND seq <= $2 AND origin <> $3 "
                                                    "ORDER BY seq, n", 3,
                                          (const char *[]) { from, to, team->origin }, NULL,
                                          error);
  if (res == NULL)
    return FALSE;
  sqlite3_stmt *stmt = jb_store_cached (self, "INSERT INTO history (kind, record_uuid, at, "
                                              "action, field, old_value, new_value, who) VALUES "
                                              "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (res); r++)
    {
      for (int c = 0; c < 8; c++)
        bind_text (stmt, c + 1, res, r, c);
      if (!jb_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* How many records of each kind changed in (@from, @to]. */
static gboolean
count_incoming (JbStore *self, const char *from, const char *to, gint64 *counts, GError **error)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE seq > $1 AND "
                                              "seq <= $2", jb_kind_get (k)->name);
      g_autoptr (PGresult) res = jb_pg_query (self->team->pg, sql, 2,
                                              (const char *[]) { from, to }, NULL, error);
      if (res == NULL)
        return FALSE;
      counts[k] = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
    }
  return TRUE;
}

static gboolean pull_full (JbStore *self, Pull *pull, GError **error);

gboolean
jb_store_pull (JbStore *self, GError **error)
{
  Pull pull = { 0 };
  return pull_full (self, &pull, error);
}

static gboolean
pull_full (JbStore *self, Pull *pull, GError **error)
{
  JbTeam *team = self->team;
  /* Inside a transaction of the caller's, the next pull brings it. */
  if (team == NULL || self->depth > 0)
    return TRUE;
  if (!begin (team, "BEGIN ISOLATION LEVEL REPEATABLE READ", error))
    return FALSE;
  g_autoptr (PGresult) clock = jb_pg_query (team->pg, "SELECT seq FROM jb_clock WHERE id = 1", 0,
                                            NULL, NULL, error);
  g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, last_seq (self));
  if (clock == NULL || strcmp (PQgetvalue (clock, 0, 0), from) == 0)
    {
      jb_pg_run (team->pg, "ROLLBACK", 0, NULL, NULL, NULL);
      return clock != NULL;
    }
  const char *to = PQgetvalue (clock, 0, 0);
  guint changed = 0;
  gboolean ok = jb_store_exec (self, "BEGIN IMMEDIATE; INSERT INTO temp.team_pulling (yes) "
                                     "VALUES (1); PRAGMA defer_foreign_keys = ON", error);
  if (ok)
    {
      /* Another connection of this replica may have pulled meanwhile. */
      g_free (from);
      from = g_strdup_printf ("%" G_GINT64_FORMAT, last_seq (self));
      gint64 counts[JB_N_KINDS];
      ok = count_incoming (self, from, to, counts, error);
      for (guint k = 0; ok && k < JB_N_KINDS; k++)
        pull->total += counts[k];
      for (guint k = 0; ok && k < JB_N_KINDS; k++)
        ok = pull_kind (self, k, from, to, counts[k], pull, &changed, error);
      /* The index catches up before deletions, which need its triggers. */
      ok = ok && jb_store_bulk_finish (self, NULL, NULL, NULL, error) &&
           pull_deleted (self, from, to, &changed, error) &&
           check_placeholders (self, error) && pull_history (self, from, to, error) && state_set (self, "last_seq", to, error) &&
           jb_store_exec (self, "DELETE FROM temp.team_pulling; COMMIT", error);
      if (!ok)
        {
          jb_store_exec (self, "ROLLBACK", NULL);
          jb_store_bulk_reset (self);
        }
    }
  jb_pg_run (team->pg, "ROLLBACK", 0, NULL, NULL, NULL);
  if (ok && changed)
    {
      self->changed_kinds |= changed;
      jb_store_emit_changed (self);
    }
  return ok;
}

/* ---- opening ------------------------------------------------------------------ */

JbStore *
jb_store_open_team (const char *location, const char *replica, GCancellable *cancellable,
                    JbProgressFunc progress, gpointer user_data, GError **error)
{
  g_autofree char *password = NULL;
  g_autofree char *canonical = jb_pg_canonical (location, &password, error);
  if (canonical == NULL)
    return NULL;
  if (password == NULL)
    password = password_for (canonical);

  JbTeam *team = g_new0 (JbTeam, 1);
  g_autofree char *team_id = NULL;
  team->location = g_strdup (canonical);
  if (!(team->pg = jb_pg_connect (canonical, password, error)) ||
      !jb_pg_ensure_schema (team->pg, &team_id, error))
    {
      jb_team_free (team);
      return NULL;
    }
  g_autoptr (PGresult) who = jb_pg_query (team->pg, "SELECT current_user", 0, NULL, NULL, error);
  if (who == NULL)
    {
      jb_team_free (team);
      return NULL;
    }
  /* A server without LISTEN (openGauss) is asked from time to time instead
   * (jb_store_get_notify_fd() -1). */
  team->listening = jb_pg_run (team->pg, "LISTEN jiebang", 0, NULL, NULL, NULL);
  team->user = g_strdup (PQgetvalue (who, 0, 0));
  team->read_only = !jb_pg_can_write (team->pg);

  g_autofree char *path = replica ? g_strdup (replica) : jb_store_team_replica_path (location);
  JbStore *self = jb_store_open_file (path, cancellable, progress, user_data, error);
  if (self == NULL)
    {
      jb_team_free (team);
      return NULL;
    }
  /* The replica of a database made again under the same name starts again. */
  g_autofree char *had = state_get (self, "team_id");
  if (had && strcmp (had, team_id) != 0)
    {
      g_object_unref (self);
      jb_store_remove_files (path);
      if (!(self = jb_store_open_file (path, cancellable, progress, user_data, error)))
        {
          jb_team_free (team);
          return NULL;
        }
    }
  team->origin = state_get (self, "origin");
  if (team->origin == NULL)
    team->origin = g_uuid_string_random ();
  self->team = team;
  if (!state_set (self, "team_id", team_id, error) ||
      !state_set (self, "origin", team->origin, error) ||
      !state_set (self, "location", canonical, error) || !create_outbox (self, error) ||
      !pull_full (self, &(Pull) { cancellable, progress, user_data, 0, 0 }, error))
    {
      g_object_unref (self);
      return NULL;
    }
  return self;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-team-pg.c: the PostgreSQL side of a team database (see jb-team-pg.h
 * and jb-store-team.c).
 *
 * The team schema is plain SQL and asks information_schema only, never the
 * pg_* catalogs, so that PostgreSQL-protocol databases (openGauss,
 * KingbaseES) can hold it too.  Each kind of record is a table named as in
 * the file, keyed by uuid, references by uuid, with four columns of the
 * team's own: version (counts the saves, for the check that nobody saved in
 * between), seq (the change that wrote it last) and pos (its place in that
 * change), author and editor.  One
 * row, jb_clock, numbers the changes: every writer locks it first, so that
 * changes commit in the order of their numbers and "everything after N" is
 * a complete answer. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-kind.h"
#include "jb-store.h"
#include "jb-team-pg.h"

struct _JbPg {
  PGconn *conn;
  GHashTable *prepared;  /* SQL text → statement name */
};

char *
jb_pg_canonical (const char *location, char **password, GError **error)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (location, &message);
  if (options == NULL)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_OPEN,
                   _("“%s” is not a PostgreSQL connection: %s"), location,
                   message ? g_strstrip (message) : g_strerror (ENOMEM));
      PQfreemem (message);
      return NULL;
    }
  GString *s = g_string_new (NULL);
  *password = NULL;
  for (PQconninfoOption *o = options; o->keyword; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (strcmp (o->keyword, "password") == 0)
        {
          *password = g_strdup (o->val);
          continue;
        }
      g_string_append_printf (s, "%s%s='", s->len ? " " : "", o->keyword);
      for (const char *p = o->val; *p; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, '\'');
    }
  PQconninfoFree (options);
  return g_string_free (s, FALSE);
}

char *
jb_pg_display_name (const char *location)
{
  PQconninfoOption *options = PQconninfoParse (location, NULL);
  if (options == NULL)
    return NULL;
  const char *db = NULL, *host = NULL, *port = NULL, *user = NULL;
  for (PQconninfoOption *o = options; o->keyword; o++)
    if (o->val && *o->val)
      {
        if (strcmp (o->keyword, "dbname") == 0)
          db = o->val;
        else if (strcmp (o->keyword, "host") == 0 || (host == NULL &&
                                                      strcmp (o->keyword, "hostaddr") == 0))
          host = o->val;
        else if (strcmp (o->keyword, "port") == 0)
          port = o->val;
        else if (strcmp (o->keyword, "user") == 0)
          user = o->val;
      }
  /* libpq's defaults: the database named after the user, on this computer. */
  g_autofree char *where = g_strdup_printf ("%s%s%s", host ? host : "localhost",
                                            port && strcmp (port, "5432") != 0 ? ":" : "",
                                            port && strcmp (port, "5432") != 0 ? port : "");
  /* TRANSLATORS: a team database: its name, then the server ("jiebang_team at dbserver") */
  char *name = g_strdup_printf (_("%s at %s"), db ? db : user ? user : g_get_user_name (), where);
  PQconninfoFree (options);
  return name;
}

JbPg *
jb_pg_connect (const char *canonical, const char *password, GError **error)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (canonical, &message);
  if (options == NULL)
    {
      g_set_error_literal (error, JB_STORE_ERROR, JB_STORE_ERROR_OPEN, message ? message : "");
      PQfreemem (message);
      return NULL;
    }
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  for (PQconninfoOption *o = options; o->keyword; o++)
    if (o->val && *o->val && strcmp (o->keyword, "password") != 0)
      {
        g_ptr_array_add (keys, o->keyword);
        g_ptr_array_add (values, o->val);
      }
  if (password)
    {
      g_ptr_array_add (keys, (gpointer) "password");
      g_ptr_array_add (values, (gpointer) password);
    }
  g_ptr_array_add (keys, (gpointer) "client_encoding");
  g_ptr_array_add (values, (gpointer) "UTF8");
  g_ptr_array_add (keys, (gpointer) "application_name");
  g_ptr_array_add (values, (gpointer) "jiebang");
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (values, NULL);

  PGconn *conn = PQconnectdbParams ((const char * const *) keys->pdata,
                                    (const char * const *) values->pdata, 0);
  PQconninfoFree (options);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      if (conn && PQconnectionNeedsPassword (conn) && password == NULL)
        g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NEEDS_PASSWORD,
                     _("The team database asks for a password."));
      else
        {
          g_autofree char *why = g_strdup (conn ? PQerrorMessage (conn) : g_strerror (ENOMEM));
          g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_OPEN,
                       _("Cannot connect to the team database: %s"), g_strstrip (why));
        }
      PQfinish (conn);
      return NULL;
    }
  JbPg *pg = g_new0 (JbPg, 1);
  pg->conn = conn;
  pg->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return pg;
}

void
jb_pg_free (JbPg *pg)
{
  if (pg == NULL)
    return;
  PQfinish (pg->conn);
  g_hash_table_destroy (pg->prepared);
  g_free (pg);
}

PGconn *
jb_pg_conn (JbPg *pg)
{
  return pg->conn;
}

static gboolean
check (JbPg *pg, PGresult *res, char state[6], GError **error)
{
  ExecStatusType status = res ? PQresultStatus (res) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;
  const char *code = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  if (state)
    g_strlcpy (state, code ? code : "", 6);
  const char *why = res ? PQresultErrorMessage (res) : PQerrorMessage (pg->conn);
  g_autofree char *message = g_strstrip (g_strdup (why && *why ? why : PQerrorMessage (pg->conn)));
  if (code && strcmp (code, "42501") == 0)
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_READ_ONLY,
                 _("Your role may only read this team database: nothing can be saved to it."));
  else if (PQstatus (pg->conn) != CONNECTION_OK)
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                 _("The connection to the team database was lost: %s"), message);
  else
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                 _("The team database refused the change: %s"), message);
  return FALSE;
}

/* The name of @sql prepared on this connection, preparing it the first time. */
static const char *
prepared (JbPg *pg, const char *sql, int n, char state[6], GError **error)
{
  const char *name = g_hash_table_lookup (pg->prepared, sql);
  if (name)
    return name;
  g_autofree char *made = g_strdup_printf ("jb%u", g_hash_table_size (pg->prepared));
  g_autoptr (PGresult) prep = PQprepare (pg->conn, made, sql, n, NULL);
  if (!check (pg, prep, state, error))
    return NULL;
  name = made;
  g_hash_table_insert (pg->prepared, g_strdup (sql), g_steal_pointer (&made));
  return name;
}

gboolean
jb_pg_prepare (JbPg *pg, const char *sql, int n, GError **error)
{
  return prepared (pg, sql, n, NULL, error) != NULL;
}

gboolean
jb_pg_batch_add (JbPg *pg, const char *sql, int n, const char * const *params, GError **error)
{
  const char *name = g_hash_table_lookup (pg->prepared, sql);
  g_return_val_if_fail (name != NULL, FALSE);
  if ((PQpipelineStatus (pg->conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode (pg->conn)) ||
      !PQsendQueryPrepared (pg->conn, name, n, params, NULL, NULL, 0))
    return check (pg, NULL, NULL, error);
  return TRUE;
}

gboolean
jb_pg_batch_sync (JbPg *pg, GArray *counts, char state[6], GError **error)
{
  if (state)
    state[0] = '\0';
  if (PQpipelineStatus (pg->conn) == PQ_PIPELINE_OFF)
    return TRUE;
  if (!PQpipelineSync (pg->conn))
    return check (pg, NULL, state, error);
  gboolean ok = TRUE;
  /* Each statement's result, then NULL; the sync's last. */
  for (;;)
    {
      PGresult *res = PQgetResult (pg->conn);
      if (res == NULL && PQstatus (pg->conn) != CONNECTION_OK)
        return check (pg, NULL, state, ok ? error : NULL);
      if (res == NULL)
        continue;
      ExecStatusType status = PQresultStatus (res);
      if (status == PGRES_PIPELINE_SYNC)
        {
          PQclear (res);
          break;
        }
      if (status == PGRES_COMMAND_OK)
        g_array_append_val (counts, (gint64) { g_ascii_strtoll (PQcmdTuples (res), NULL, 10) });
      else if (status != PGRES_PIPELINE_ABORTED && ok)
        ok = check (pg, res, state, error);
      PQclear (res);
      if (PQstatus (pg->conn) != CONNECTION_OK)
        return check (pg, NULL, state, ok ? error : NULL);
    }
  PQexitPipelineMode (pg->conn);
  return ok;
}

PGresult *
jb_pg_query (JbPg *pg, const char *sql, int n, const char * const *params, char state[6],
             GError **error)
{
  if (state)
    state[0] = '\0';
  PGresult *res;
  if (n == 0)
    res = PQexec (pg->conn, sql);
  else
    {
      const char *name = prepared (pg, sql, n, state, error);
      if (name == NULL)
        return NULL;
      res = PQexecPrepared (pg->conn, name, n, params, NULL, NULL, 0);
    }
  if (!check (pg, res, state, error))
    {
      PQclear (res);
      return NULL;
    }
  return res;
}

gboolean
jb_pg_reconnect (JbPg *pg, gboolean *reconnected, GError **error)
{
  *reconnected = FALSE;
  /* Between transactions only: a transaction cut midway is the caller's to
   * fail (and roll back), not to carry on elsewhere. */
  if (PQstatus (pg->conn) != CONNECTION_OK ||
      (PQtransactionStatus (pg->conn) == PQTRANS_IDLE && !PQconsumeInput (pg->conn)))
    {
      PQreset (pg->conn);
      if (PQstatus (pg->conn) != CONNECTION_OK)
        return check (pg, NULL, NULL, error);
      /* The server forgot the statements it had prepared. */
      g_hash_table_remove_all (pg->prepared);
      *reconnected = TRUE;
    }
  return TRUE;
}

gboolean
jb_pg_run (JbPg *pg, const char *sql, int n, const char * const *params, char state[6],
           GError **error)
{
  g_autoptr (PGresult) res = jb_pg_query (pg, sql, n, params, state, error);
  return res != NULL;
}

/* ---- the schema ---------------------------------------------------------- */

static void
append_kind (GString *s, const JbKind *kind)
{
  g_string_append_printf (s, "CREATE TABLE %s (uuid TEXT PRIMARY KEY, created TEXT NOT NULL, "
                             "updated TEXT NOT NULL", kind->name);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      gboolean number = f->type == JB_TYPE_INT || f->type == JB_TYPE_MONEY ||
                        f->type == JB_TYPE_BOOL;
      g_string_append_printf (s, ", %s %s", f->name, number ? "BIGINT" : "TEXT");
      if (f->flags & JB_FIELD_UNIQUE)
        g_string_append (s, " UNIQUE");
      /* Checked at the commit: a change writes a record and what it refers
       * to in any order. */
      if (f->type == JB_TYPE_REF)
        g_string_append_printf (s, " REFERENCES %s (uuid) ON DELETE %s DEFERRABLE INITIALLY "
                                   "DEFERRED", jb_kind_get (f->ref_kind)->name,
                                (f->flags & JB_FIELD_PART_OF) ? "CASCADE" : "NO ACTION");
    }
  /* pos: the order of the change's records, which is the order of entry
   * of the new ones: a replica gives them ids in that order, so that "newest
   * first" is the same on every desk. */
  g_string_append_printf (s, ", version BIGINT NOT NULL, seq BIGINT NOT NULL, "
                             "pos BIGINT NOT NULL, author TEXT NOT NULL, editor TEXT NOT NULL);"
                             "CREATE INDEX %s_seq ON %s (seq, pos);", kind->name, kind->name);
}

static gboolean
create_schema (JbPg *pg, GError **error)
{
  g_autoptr (GString) s = g_string_new ("BEGIN;"
    "CREATE TABLE jb_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE jb_clock (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL);"
    "INSERT INTO jb_clock (id, seq) VALUES (1, 0);"
    "CREATE TABLE jb_deleted (uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, seq BIGINT NOT NULL, "
    "who TEXT NOT NULL);"
    "CREATE INDEX jb_deleted_seq ON jb_deleted (seq);"
    "CREATE TABLE jb_history (seq BIGINT NOT NULL, n INTEGER NOT NULL, origin TEXT NOT NULL, "
    "kind TEXT NOT NULL, record_uuid TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, "
    "field TEXT, old_value TEXT, new_value TEXT, who TEXT NOT NULL, PRIMARY KEY (seq, n));"
    "CREATE INDEX jb_history_record ON jb_history (record_uuid);");
  for (guint k = 0; k < JB_N_KINDS; k++)
    append_kind (s, jb_kind_get (k));
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *version = g_strdup_printf ("%d", JB_TEAM_SCHEMA_VERSION);
  if (!jb_pg_run (pg, s->str, 0, NULL, NULL, error))
    {
      jb_pg_run (pg, "ROLLBACK", 0, NULL, NULL, NULL);
      return FALSE;
    }
  const char *params[] = { version, id };
  if (!jb_pg_run (pg, "INSERT INTO jb_meta (key, value) VALUES ('schema_version', $1), "
                      "('team_id', $2)", 2, params, NULL, error) ||
      !jb_pg_run (pg, "COMMIT", 0, NULL, NULL, error))
    {
      jb_pg_run (pg, "ROLLBACK", 0, NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
jb_pg_ensure_schema (JbPg *pg, char **team_id, GError **error)
{
  /* Two Jiebangs that find the same empty database: the second to create
   * the schema fails and finds the first's. */
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr (PGresult) has = jb_pg_query (pg, "SELECT count(*) FROM information_schema.tables "
                                                  "WHERE table_schema = current_schema() AND "
                                                  "table_name = $1", 1,
                                              (const char *[]) { "jb_meta" }, NULL, error);
      if (has == NULL)
        return FALSE;
      if (atoi (PQgetvalue (has, 0, 0)) == 0)
        {
          g_autoptr (GError) local = NULL;
          if (create_schema (pg, attempt < 2 ? &local : error))
            continue;
          if (attempt < 2)
            continue;
          return FALSE;
        }
      g_autoptr (PGresult) meta = jb_pg_query (pg, "SELECT key, value FROM jb_meta", 0, NULL,
                                               NULL, error);
      if (meta == NULL)
        return FALSE;
      int version = 0;
      for (int r = 0; r < PQntuples (meta); r++)
        if (strcmp (PQgetvalue (meta, r, 0), "schema_version") == 0)
          version = atoi (PQgetvalue (meta, r, 1));
        else if (strcmp (PQgetvalue (meta, r, 0), "team_id") == 0)
          *team_id = g_strdup (PQgetvalue (meta, r, 1));
      if (version > JB_TEAM_SCHEMA_VERSION)
        {
          g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NEWER,
                       _("The team database was set up by a newer version of Jiebang (team "
                         "format %d; this version knows up to %d). Update Jiebang to use it."),
                       version, JB_TEAM_SCHEMA_VERSION);
          return FALSE;
        }
      /* Forward migrations of the team schema go here, one per version, each
       * in its own transaction, as jb-schema.c does for the file. */
      if (*team_id == NULL || version < 1)
        break;
      return TRUE;
    }
  g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_OURS,
               _("The database holds tables of another program, not a Jiebang team database."));
  return FALSE;
}

gboolean
jb_pg_can_write (JbPg *pg)
{
  /* A write that changes nothing still needs the right to write. */
  char state[6];
  if (!jb_pg_run (pg, "BEGIN", 0, NULL, NULL, NULL))
    return FALSE;
  gboolean ok = jb_pg_run (pg, "UPDATE jb_clock SET seq = seq WHERE id = 0", 0, NULL, state,
                           NULL);
  jb_pg_run (pg, "ROLLBACK", 0, NULL, NULL, NULL);
  return ok || strcmp (state, "42501") != 0;
}

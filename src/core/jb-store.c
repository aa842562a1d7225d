/* jb-store.c: records in SQLite (see jb-store.h).
 *
 * The SQL is built from the kind tables of jb-kind.c: column names come from
 * those constant tables, values are always bound.  Statements used per record
 * are prepared once per kind and kept. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "jb-date.h"
#include "jb-rules.h"
#include "jb-schema.h"
#include "jb-store-private.h"

struct _JbStore {
  GObject parent_instance;
  sqlite3 *db;
  char *path;
  guint depth;          /* open transactions */
  guint changed_kinds;  /* kinds written in the open transaction, as bits */
  /* per kind: SELECT by id (all fields, with reference names) */
  sqlite3_stmt *load[JB_N_KINDS];
  sqlite3_stmt *insert[JB_N_KINDS];
  sqlite3_stmt *update[JB_N_KINDS];
  sqlite3_stmt *by_uuid[JB_N_KINDS];  /* SELECT id by uuid */
  sqlite3_stmt *history_insert;
  /* SQL text → statement, for statements built per call (checks, lookups):
   * prepared once, so that importing 100 000 records does not parse 100 000
   * times. */
  GHashTable *cache;
};

G_DEFINE_FINAL_TYPE (JbStore, jb_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (jb-store-error-quark, jb_store_error)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Columns every record table has before its fields. */
enum { COL_ID, COL_UUID, COL_CREATED, COL_UPDATED, N_RECORD_COLS };

static gboolean
set_sqlite_error (JbStore *self, GError **error)
{
  g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
               _("The database refused the change: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (JbStore *self, const char *sql, GError **error)
{
  char *message = NULL;
  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   _("The database refused the change: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (JbStore *self, const char *sql, gboolean persistent, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v3 (self->db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                          &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return stmt;
}

/* A statement prepared once per connection and kept: reset it after use. */
static sqlite3_stmt *
cached (JbStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->cache, sql);
  if (stmt == NULL && (stmt = prepare (self, sql, TRUE, error)))
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
  sqlite3_finalize (self->history_insert);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  if (self->db)
    sqlite3_close (self->db);
  g_free (self->path);

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

/* ---- SQL text built from the kind tables -------------------------------- */

static const JbKind *
ref_target (const JbField *f)
{
  return jb_kind_get (f->ref_kind);
}

/* "SELECT t.id, t.uuid, t.created, t.updated, t.f1, (r1.title), … FROM kind t
 *  LEFT JOIN target r3 ON r3.id = t.f3 …": for every field whose flags include
 * @flags (0: all), its value, and for references the target's title after all
 * values, then (@with_uuids) the target's uuid. */
static GString *
select_sql_full (const JbKind *kind, JbFieldFlags flags, gboolean with_uuids)
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
      const JbKind *target = ref_target (f);
      g_string_append_printf (names, ", r%u.%s", i, target->fields[target->title_field].name);
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

static GString *
select_sql (const JbKind *kind, JbFieldFlags flags)
{
  return select_sql_full (kind, flags, FALSE);
}

/* Reads a row of select_sql() into a new record. */
static JbRecord *
record_from_row (const JbKind *kind, sqlite3_stmt *stmt)
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

      switch (f->type)
        {
        case JB_TYPE_TEXT:
        case JB_TYPE_LONG_TEXT:
        case JB_TYPE_DATE:
        case JB_TYPE_ENUM:
          if (!null)
            jb_record_set_text (record, i, (const char *) sqlite3_column_text (stmt, col));
          break;
        case JB_TYPE_REF:
          if (!null)
            {
              jb_record_set_int (record, i, sqlite3_column_int64 (stmt, col));
              jb_record_set_ref_name (record, i,
                                      (const char *) sqlite3_column_text (stmt, name_col));
            }
          name_col++;
          break;
        default:
          if (!null)
            jb_record_set_int (record, i, sqlite3_column_int64 (stmt, col));
          break;
        }
    }
  return record;
}

static void
bind_fields (JbRecord *record, sqlite3_stmt *stmt, int first)
{
  const JbKind *kind = jb_record_get_kind (record);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      int col = first + (int) i;
      if (!jb_record_is_set (record, i))
        sqlite3_bind_null (stmt, col);
      else
        switch (kind->fields[i].type)
          {
          case JB_TYPE_TEXT:
          case JB_TYPE_LONG_TEXT:
          case JB_TYPE_DATE:
          case JB_TYPE_ENUM:
            /* STATIC: the record outlives the step, and the bindings are
             * cleared right after it. */
            sqlite3_bind_text (stmt, col, jb_record_get_text (record, i), -1, SQLITE_STATIC);
            break;
          default:
            sqlite3_bind_int64 (stmt, col, jb_record_get_int (record, i));
            break;
          }
    }
}

static gboolean
prepare_kind (JbStore *self, const JbKind *kind, GError **error)
{
  g_autoptr (GString) load = select_sql (kind, 0);
  g_string_append (load, " WHERE t.id = ?1");

  g_autoptr (GString) insert = g_string_new (NULL);
  g_autoptr (GString) update = g_string_new (NULL);
  g_string_append_printf (insert, "INSERT INTO %s (uuid, created, updated", kind->name);
  g_string_append_printf (update, "UPDATE %s SET uuid = ?1, created = ?2, updated = ?3",
                          kind->name);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      g_string_append_printf (insert, ", %s", kind->fields[i].name);
      g_string_append_printf (update, ", %s = ?%u", kind->fields[i].name, i + 4);
    }
  g_string_append (insert, ") VALUES (?1, ?2, ?3");
  for (guint i = 0; i < kind->n_fields; i++)
    g_string_append_printf (insert, ", ?%u", i + 4);
  g_string_append (insert, ")");
  g_string_append_printf (update, " WHERE id = ?%u", kind->n_fields + 4);
  g_autofree char *by_uuid = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?1", kind->name);

  return (self->load[kind->id] = prepare (self, load->str, TRUE, error)) &&
         (self->insert[kind->id] = prepare (self, insert->str, TRUE, error)) &&
         (self->update[kind->id] = prepare (self, update->str, TRUE, error)) &&
         (self->by_uuid[kind->id] = prepare (self, by_uuid, TRUE, error));
}

/* ---- opening and migrating ---------------------------------------------- */

static gint64
pragma_int (JbStore *self, const char *sql)
{
  sqlite3_stmt *stmt = prepare (self, sql, FALSE, NULL);
  gint64 value = stmt && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
migrate (JbStore *self, GError **error)
{
  gint64 version = pragma_int (self, "PRAGMA user_version");
  gint64 app_id = pragma_int (self, "PRAGMA application_id");
  gint64 n_tables = pragma_int (self, "SELECT count(*) FROM sqlite_schema");

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
      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (self, jb_schema_migrations[v], error) || !exec (self, set_app, error) ||
          !exec (self, set_version, error) || !exec (self, "COMMIT", error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return TRUE;
}

JbStore *
jb_store_open (const char *path, GError **error)
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

  if (!migrate (self, error))
    return NULL;
  if (!exec (self, "PRAGMA foreign_keys = ON", error) ||
      !exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;

  for (guint k = 0; k < JB_N_KINDS; k++)
    if (!prepare_kind (self, jb_kind_get (k), error))
      return NULL;
  self->history_insert = prepare (self,
                                  "INSERT INTO history (kind, record_uuid, at, action, field, "
                                  "old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  TRUE, error);
  if (self->history_insert == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- transactions ------------------------------------------------------- */

gboolean
jb_store_begin (JbStore *self, GError **error)
{
  /* IMMEDIATE takes the write lock now, so a busy database waits here (busy
   * timeout) instead of failing halfway through. */
  if (!exec (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT jb", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

static void
emit_changed (JbStore *self)
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
  if (!exec (self, self->depth == 1 ? "COMMIT" : "RELEASE jb", error))
    {
      jb_store_rollback (self);
      return FALSE;
    }
  if (--self->depth == 0)
    emit_changed (self);
  return TRUE;
}

void
jb_store_rollback (JbStore *self)
{
  g_return_if_fail (self->depth > 0);
  if (self->depth == 1)
    {
      exec (self, "ROLLBACK", NULL);
      self->changed_kinds = 0;
    }
  else
    exec (self, "ROLLBACK TO jb; RELEASE jb", NULL);
  self->depth--;
}

void
jb_store_notify_changed (JbStore *self)
{
  self->changed_kinds = (1u << JB_N_KINDS) - 1;
  emit_changed (self);
}

/* ---- reading ------------------------------------------------------------ */

JbRecord *
jb_store_load (JbStore *self, JbKindId kind, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = self->load[kind];
  JbRecord *record = NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = record_from_row (jb_kind_get (kind), stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND,
                 _("The %s was deleted meanwhile."), _(jb_kind_get (kind)->label));
  else
    set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  return record;
}

static gint64
id_for_uuid (JbStore *self, JbKindId kind, const char *uuid)
{
  /* Prepared with the kind's other statements: an import asks once per
   * record and once per reference. */
  sqlite3_stmt *stmt = self->by_uuid[kind];
  gint64 id = 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

JbRecord *
jb_store_load_by_uuid (JbStore *self, JbKindId kind, const char *uuid, GError **error)
{
  gint64 id = id_for_uuid (self, kind, uuid);
  if (id == 0)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND,
                   _("There is no %s with the id %s."), _(jb_kind_get (kind)->label), uuid);
      return NULL;
    }
  return jb_store_load (self, kind, id, error);
}

/* The words of a search.  g_strsplit_set() works on bytes, which would cut
 * Chinese characters whose UTF-8 holds a delimiter's byte, so the ideographic
 * space becomes a plain one first. */
static GStrv
jb_store_split_query (const char *query)
{
  g_auto (GStrv) parts = g_strsplit (query ? query : "", "\u3000", -1);
  g_autofree char *spaced = g_strjoinv (" ", parts);
  return g_strsplit_set (spaced, " \t\n", -1);
}

/* "%word%" for LIKE, with the user's own % _ and \ taken literally. */
static char *
like_pattern (const char *word)
{
  GString *s = g_string_new ("%");
  for (const char *p = word; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/* Steps @stmt (a select_sql() query) to its end: the rows as records. */
static GPtrArray *
collect_rows (JbStore *self, const JbKind *kind, sqlite3_stmt *stmt, GError **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, record_from_row (kind, stmt));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }
  return rows;
}

/* The event EVENT (a parameter, numbered when used) and its sessions, at any
 * depth. */
#define EVENTS "(WITH RECURSIVE ev(id) AS (SELECT EVENT UNION SELECT e.id FROM event e " \
               "JOIN ev ON e.parent_id = ev.id) SELECT id FROM ev)"

/* How a record of each kind belongs to an event. */
static const char *
event_clause (JbKindId kind)
{
#define DEMANDS "(SELECT id FROM demand WHERE event_id IN " EVENTS ")"
#define DEALS "(SELECT id FROM deal WHERE event_id IN " EVENTS \
              " OR demand_id IN " DEMANDS ")"
  switch (kind)
    {
    case JB_KIND_DEMAND:
    case JB_KIND_AWARD:
      return "t.event_id IN " EVENTS;
    case JB_KIND_SOLUTION:
      return "t.demand_id IN " DEMANDS;
    case JB_KIND_DEAL:
      return "(t.event_id IN " EVENTS " OR t.demand_id IN " DEMANDS ")";
    case JB_KIND_PAYMENT:
      return "t.deal_id IN " DEALS;
    case JB_KIND_ACHIEVEMENT:
      return "t.roadshow_id IN " EVENTS;
    case JB_KIND_EVENT:
      return "t.id IN " EVENTS;
    case JB_KIND_ORGANIZATION:
      return "t.id IN (SELECT owner_id FROM demand WHERE id IN " DEMANDS ")";
    case JB_KIND_PERSON:
      return "t.id IN (SELECT manager_id FROM demand WHERE id IN " DEMANDS ")";
    case JB_N_KINDS:
    default:
      g_assert_not_reached ();
    }
#undef DEALS
#undef DEMANDS
}

/* Appends the filter's conditions; each binds one parameter, numbered from
 * @first.  Returns FALSE for a condition on a field the kind does not have. */
static gboolean
append_filter (GString *sql, const JbKind *kind, JbFilter *filter, guint first, gboolean *where)
{
  for (guint i = 0; filter && i < jb_filter_get_n_conditions (filter); i++)
    {
      JbMatch match;
      const char *field, *value;
      jb_filter_get_condition (filter, i, &match, &field, &value);
      const JbField *f = field ? jb_kind_field (kind, field) : NULL;
      guint n = first + i;

      g_string_append (sql, *where ? " AND " : " WHERE ");
      *where = TRUE;
      switch (match)
        {
        case JB_MATCH_EQUALS:
        case JB_MATCH_FROM:
        case JB_MATCH_UNTIL:
          /* "created" is a UTC timestamp: compare its date. */
          if (f == NULL && match != JB_MATCH_EQUALS && g_strcmp0 (field, "created") == 0)
            {
              g_string_append_printf (sql, match == JB_MATCH_FROM ? "t.created >= ?%u"
                                      : "t.created < date(?%u, '+1 day')", n);
              break;
            }
          if (f == NULL)
            return FALSE;
          g_string_append_printf (sql, "t.%s %s ?%u", f->name,
                                  match == JB_MATCH_EQUALS ? "=" :
                                  match == JB_MATCH_FROM ? ">=" : "<=", n);
          break;
        case JB_MATCH_IN_EVENT:
        case JB_MATCH_AT_EVENT:
          {
            g_autoptr (GString) clause = g_string_new (event_clause (kind->id));
            g_autofree char *param = g_strdup_printf ("?%u", n);
            if (match == JB_MATCH_AT_EVENT)
              g_string_replace (clause, EVENTS, "(SELECT EVENT)", 0);
            g_string_replace (clause, "EVENT", param, 0);
            g_string_append (sql, clause->str);
          }
          break;
        case JB_MATCH_OVERDUE:
          if (kind->id != JB_KIND_PAYMENT)
            return FALSE;
          g_string_append_printf (sql, "coalesce(t.received, 0) = 0 AND t.due_date < ?%u", n);
          break;
        case JB_MATCH_SIGNED:
          if (kind->id != JB_KIND_DEAL)
            return FALSE;
          /* Always true, so that the parameter is used. */
          g_string_append_printf (sql, "t.stage IN ('signed', 'executing', 'completed') "
                                       "AND coalesce(?%u, 1)", n);
          break;
        case JB_MATCH_IN:
        case JB_MATCH_NOT_IN:
          if (f == NULL)
            return FALSE;
          g_string_append_printf (sql, match == JB_MATCH_IN
                                  ? "instr(',' || ?%u || ',', ',' || t.%s || ',') > 0"
                                  : "(t.%2$s IS NULL OR instr(',' || ?%1$u || ',', ',' || t.%2$s || ',') = 0)",
                                  n, f->name);
          break;
        case JB_MATCH_IDS:
          g_string_append_printf (sql, "instr(',' || ?%u || ',', ',' || t.id || ',') > 0", n);
          break;
        case JB_MATCH_UNPAID:
          if (kind->id != JB_KIND_PAYMENT)
            return FALSE;
          g_string_append_printf (sql, "coalesce(t.received, 0) = 0 AND coalesce(?%u, 1)", n);
          break;
        case JB_MATCH_DEAL_SIGNED_UNTIL:
          if (kind->id != JB_KIND_PAYMENT)
            return FALSE;
          g_string_append_printf (sql, "t.deal_id IN (SELECT id FROM deal WHERE stage IN "
                                       "('signed', 'executing', 'completed') AND signed_on <= ?%u)", n);
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
jb_store_list (JbStore *self, JbKindId kind_id, const char *query, GError **error)
{
  return jb_store_list_filtered (self, kind_id, NULL, query, error);
}

GPtrArray *
jb_store_list_filtered (JbStore *self, JbKindId kind_id, JbFilter *filter, const char *query,
                        GError **error)
{
  const JbKind *kind = jb_kind_get (kind_id);
  g_autoptr (GString) sql = select_sql (kind, JB_FIELD_LISTED);
  g_auto (GStrv) words = jb_store_split_query (query);
  guint n_words = 0;
  gboolean where = FALSE;

  g_return_val_if_fail (filter == NULL || jb_filter_get_kind (filter) == kind_id, NULL);

  /* LIKE, not full-text search: FTS tokenizers miss one- and two-character
   * Chinese words, which are most of them (电, 电池, 芯片). */
  for (guint w = 0; words[w]; w++)
    {
      if (*words[w] == '\0')
        continue;
      g_string_append (sql, n_words == 0 ? " WHERE (" : " AND (");
      where = TRUE;
      gboolean first = TRUE;
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          if (!(f->flags & JB_FIELD_SEARCHED))
            continue;
          if (f->type == JB_TYPE_REF)
            {
              const JbKind *target = ref_target (f);
              g_string_append_printf (sql,
                                      "%s t.%s IN (SELECT id FROM %s WHERE %s LIKE ?%u ESCAPE '\\')",
                                      first ? "" : " OR", f->name, target->name,
                                      target->fields[target->title_field].name, n_words + 1);
            }
          else
            g_string_append_printf (sql, "%s t.%s LIKE ?%u ESCAPE '\\'", first ? "" : " OR",
                                    f->name, n_words + 1);
          first = FALSE;
        }
      g_string_append (sql, ")");
      n_words++;
    }
  if (!append_filter (sql, kind, filter, n_words + 1, &where))
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   "a filter does not fit the records of kind %s", kind->name);
      return NULL;
    }
  g_string_append (sql, " ORDER BY t.id DESC");

  sqlite3_stmt *stmt = prepare (self, sql->str, FALSE, error);
  if (stmt == NULL)
    return NULL;
  guint n = 0;
  for (guint w = 0; words[w]; w++)
    if (*words[w])
      sqlite3_bind_text (stmt, (int) ++n, like_pattern (words[w]), -1, g_free);
  for (guint i = 0; filter && i < jb_filter_get_n_conditions (filter); i++)
    {
      JbMatch match;
      const char *field, *value;
      jb_filter_get_condition (filter, i, &match, &field, &value);
      sqlite3_bind_text (stmt, (int) ++n, value, -1, SQLITE_TRANSIENT);
    }

  GPtrArray *rows = collect_rows (self, kind, stmt, error);
  sqlite3_finalize (stmt);
  return rows;
}

gint64
jb_store_count (JbStore *self, JbKindId kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", jb_kind_get (kind)->name);
  return pragma_int (self, sql);
}

void
jb_history_entry_free (JbHistoryEntry *entry)
{
  g_free (entry->at);
  g_free (entry->action);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

GPtrArray *
jb_store_history (JbStore *self, const char *uuid, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT at, action, field, old_value, new_value FROM history "
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
      g_ptr_array_add (entries, e);
    }
  sqlite3_finalize (stmt);
  return entries;
}

/* ---- writing ------------------------------------------------------------ */

static gboolean
row_exists (JbStore *self, const char *table, gint64 id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", table);
  sqlite3_stmt *stmt = cached (self, sql, NULL);
  gboolean found = FALSE;
  if (stmt)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
    }
  return found;
}

/* The title of another record of the same kind whose unique field holds the
 * same value, or NULL. */
static char *
unique_clash (JbStore *self, JbRecord *record, guint field)
{
  const JbKind *kind = jb_record_get_kind (record);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1 AND id != ?2",
                                          kind->fields[kind->title_field].name, kind->name,
                                          kind->fields[field].name);
  sqlite3_stmt *stmt = cached (self, sql, NULL);
  char *title = NULL;
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, jb_record_get_text (record, field), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, jb_record_get_id (record));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return title;
}

/* A session belongs to a challenge (or to a larger session) — when that is
 * recorded at all: files from elsewhere may hold a session alone — and no
 * event may end up inside itself. */
static void
check_event_parent (JbStore *self, JbRecord *record, GPtrArray *problems)
{
  int parent_field = jb_kind_field_index (jb_record_get_kind (record), "parent_id");
  gboolean session = g_strcmp0 (jb_record_get_text_by_name (record, "kind"), "session") == 0;

  if (!jb_record_is_set (record, parent_field))
    return;
  sqlite3_stmt *stmt = cached (self,
                               "WITH RECURSIVE up(id, parent, kind, depth) AS ("
                               " SELECT id, parent_id, kind, 0 FROM event WHERE id = ?1"
                               " UNION ALL SELECT e.id, e.parent_id, e.kind, up.depth + 1"
                               " FROM event e JOIN up ON e.id = up.parent WHERE up.depth < 64)"
                               " SELECT (SELECT kind FROM up WHERE depth = 0),"
                               "        (SELECT count(*) FROM up WHERE id = ?2)", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, jb_record_get_int (record, parent_field));
  sqlite3_bind_int64 (stmt, 2, jb_record_get_id (record));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *parent_kind = (const char *) sqlite3_column_text (stmt, 0);
      if (jb_record_get_id (record) != 0 && sqlite3_column_int64 (stmt, 1) > 0)
        jb_problem_add (problems, parent_field,
                        _("An event cannot be part of itself or of one of its sessions."));
      else if (session && g_strcmp0 (parent_kind, "challenge") != 0 &&
               g_strcmp0 (parent_kind, "session") != 0)
        jb_problem_add (problems, parent_field,
                        _("A session belongs to a challenge (or to a larger session)."));
    }
  sqlite3_reset (stmt);
}

static gboolean
check_record (JbStore *self, JbRecord *record, JbSaveFlags flags, GPtrArray *problems,
              GError **error)
{
  const JbKind *kind = jb_record_get_kind (record);

  jb_record_validate (record, problems);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (!jb_record_is_set (record, i))
        continue;
      if (f->type == JB_TYPE_REF)
        {
          gint64 target = jb_record_get_int (record, i);
          /* A bulk save leaves this to the foreign key, and asks here only
           * when the table refused the row (explain_refusal()). */
          if (target > 0 && !(flags & JB_SAVE_BULK) &&
              !row_exists (self, ref_target (f)->name, target))
            jb_problem_add (problems, (int) i, _("The chosen %s no longer exists."),
                            _(ref_target (f)->label));
          if (f->ref_kind == kind->id && target == jb_record_get_id (record))
            jb_problem_add (problems, (int) i, _("A record cannot refer to itself."));
        }
      /* The same for unique fields and the UNIQUE constraint. */
      if ((f->flags & JB_FIELD_UNIQUE) && !(flags & JB_SAVE_BULK))
        {
          g_autofree char *other = unique_clash (self, record, i);
          if (other)
            jb_problem_add (problems, (int) i, _("“%s” already has this %s."), other,
                            _(f->label));
        }
    }

  if (kind->id == JB_KIND_EVENT)
    check_event_parent (self, record, problems);

  if (jb_record_get_id (record) != 0 && !(flags & JB_SAVE_ANY_STATUS))
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (JbRecord) before = jb_store_load (self, kind->id, jb_record_get_id (record),
                                                   &local);
      if (before == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      jb_rules_check_change (before, record, problems);
    }
  return TRUE;
}

gboolean
jb_store_check (JbStore *self, JbRecord *record, GPtrArray *problems, GError **error)
{
  return check_record (self, record, JB_SAVE_DEFAULT, problems, error);
}

static gboolean
add_history (JbStore *self, JbRecord *record, const char *at, const char *action,
             const char *field, const char *old_value, const char *new_value, GError **error)
{
  sqlite3_stmt *stmt = self->history_insert;
  sqlite3_bind_text (stmt, 1, jb_record_get_kind (record)->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, jb_record_get_uuid (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, new_value, -1, SQLITE_STATIC);
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE || set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

/* Demands get a code when the user gives none: JB-2026-0001, JB-2026-0002… */
static void
assign_demand_code (JbStore *self, JbRecord *record)
{
  if (jb_record_get_text_by_name (record, "code"))
    return;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *prefix = g_strdup_printf ("JB-%d-", g_date_time_get_year (now));
  sqlite3_stmt *stmt = cached (self,
                               "SELECT max(CAST(substr(code, length(?1) + 1) AS INTEGER)) "
                               "FROM demand WHERE code LIKE ?1 || '%'", NULL);
  gint64 last = 0;
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        last = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  g_autofree char *code = g_strdup_printf ("%s%04" G_GINT64_FORMAT, prefix, last + 1);
  jb_record_set_text_by_name (record, "code", code);
}

static char *
problems_to_message (const JbKind *kind, GPtrArray *problems)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      JbProblem *p = g_ptr_array_index (problems, i);
      if (s->len)
        g_string_append_c (s, '\n');
      if (p->field >= 0)
        g_string_append_printf (s, "%s: ", _(kind->fields[p->field].label));
      g_string_append (s, p->message);
    }
  return g_string_free (s, FALSE);
}

/* Sets @error to what every check of a save finds wrong with @record, as
 * the message of a refused save; FALSE (and @error untouched) if nothing. */
static gboolean
explain_refusal (JbStore *self, JbRecord *record, JbSaveFlags flags, GError **error)
{
  g_autoptr (GPtrArray) problems = jb_problems_new ();
  if (!check_record (self, record, flags & ~JB_SAVE_BULK, problems, NULL) || problems->len == 0)
    return FALSE;
  g_autofree char *message = problems_to_message (jb_record_get_kind (record), problems);
  g_clear_error (error);
  g_set_error_literal (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID, message);
  return TRUE;
}

static gboolean
write_record (JbStore *self, JbRecord *record, JbSaveFlags flags, GError **error)
{
  const JbKind *kind = jb_record_get_kind (record);
  gboolean is_new = jb_record_get_id (record) == 0;
  g_autoptr (JbRecord) before = NULL;
  g_autofree char *now = NULL;

  if (!is_new && !(before = jb_store_load (self, kind->id, jb_record_get_id (record), error)))
    return FALSE;
  if (is_new && kind->id == JB_KIND_DEMAND)
    assign_demand_code (self, record);

  if (!(flags & JB_SAVE_KEEP_TIMES) || !jb_record_get_uuid (record))
    {
      g_autofree char *uuid = g_uuid_string_random ();
      jb_record_set_uuid (record, before ? jb_record_get_uuid (before) : uuid);
    }
  if (!(flags & JB_SAVE_KEEP_TIMES) || !jb_record_get_created (record) ||
      !jb_record_get_updated (record))
    {
      now = jb_timestamp_now ();
      jb_record_set_times (record, before ? jb_record_get_created (before) : now, now);
    }

  sqlite3_stmt *stmt = is_new ? self->insert[kind->id] : self->update[kind->id];
  sqlite3_bind_text (stmt, 1, jb_record_get_uuid (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, jb_record_get_created (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, jb_record_get_updated (record), -1, SQLITE_STATIC);
  bind_fields (record, stmt, N_RECORD_COLS);
  if (!is_new)
    sqlite3_bind_int64 (stmt, (int) kind->n_fields + 4, jb_record_get_id (record));
  int rc = sqlite3_step (stmt);
  gboolean ok = rc == SQLITE_DONE || set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (!ok)
    {
      /* A bulk save left references and unique fields to the constraints:
       * when one of them speaks, say what any other save would have said. */
      if ((flags & JB_SAVE_BULK) &&
          (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_FOREIGNKEY))
        explain_refusal (self, record, flags, error);
      return FALSE;
    }

  gint64 id = is_new ? sqlite3_last_insert_rowid (self->db) : jb_record_get_id (record);
  g_autoptr (JbRecord) after = NULL;
  if (is_new && (flags & JB_SAVE_BULK) &&
      kind->fields[kind->title_field].type != JB_TYPE_REF)
    {
      /* The new row holds what was bound, and its 'created' history row
       * needs only the title: no reload (a bulk save fills in no reference
       * titles).  Changes still reload, for the titles they record. */
      jb_record_set_id (record, id);
      after = g_object_ref (record);
    }
  else if (!(after = jb_store_load (self, kind->id, id, error)))
    return FALSE;

  if (is_new)
    ok = add_history (self, after, jb_record_get_updated (after), "created", NULL, NULL,
                      jb_record_get_title (after), error);
  for (guint i = 0; ok && before && i < kind->n_fields; i++)
    if (!jb_record_equal_field (before, after, i))
      {
        g_autofree char *old_value = jb_record_field_to_string (before, i);
        g_autofree char *new_value = jb_record_field_to_string (after, i);
        ok = add_history (self, after, jb_record_get_updated (after), "changed",
                          kind->fields[i].name, old_value, new_value, error);
      }
  if (ok)
    jb_record_assign (record, after);
  return ok;
}

/* What a save means for other records, in the same transaction.  Imports
 * skip this: the file already holds the consequences. */
static gboolean
apply_consequences (JbStore *self, JbRecord *record, GError **error)
{
  /* Selecting a solution means its demand has been taken up (揭榜). */
  if (jb_record_get_kind_id (record) == JB_KIND_SOLUTION &&
      g_strcmp0 (jb_record_get_text_by_name (record, "status"), "selected") == 0)
    {
      g_autoptr (JbRecord) demand =
        jb_store_load (self, JB_KIND_DEMAND, jb_record_get_int_by_name (record, "demand_id"),
                       error);
      if (demand == NULL)
        return FALSE;
      const char *status = jb_record_get_text_by_name (demand, "status");
      if (g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "review") == 0 ||
          g_strcmp0 (status, "published") == 0)
        {
          jb_record_set_text_by_name (demand, "status", "matched");
          if (!write_record (self, demand, JB_SAVE_ANY_STATUS, error))
            return FALSE;
          self->changed_kinds |= 1u << JB_KIND_DEMAND;
        }
    }
  return TRUE;
}

gboolean
jb_store_save (JbStore *self, JbRecord *record, JbSaveFlags flags, GError **error)
{
  g_autoptr (GPtrArray) problems = jb_problems_new ();

  if (!check_record (self, record, flags, problems, error))
    return FALSE;
  if (problems->len > 0)
    {
      /* A bulk save checked less: the message names every problem all the same. */
      if ((flags & JB_SAVE_BULK) && explain_refusal (self, record, flags, error))
        return FALSE;
      g_autofree char *message = problems_to_message (jb_record_get_kind (record), problems);
      g_set_error_literal (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID, message);
      return FALSE;
    }

  /* Work on a copy so that a failed save leaves the caller's record as it
   * was; a bulk caller drops both the record and its transaction then. */
  g_autoptr (JbRecord) work = (flags & JB_SAVE_BULK) ? g_object_ref (record)
                                                     : jb_record_copy (record);
  gboolean own = !(flags & JB_SAVE_BULK) || self->depth == 0;
  if (own && !jb_store_begin (self, error))
    return FALSE;
  if (!write_record (self, work, flags, error) ||
      (!(flags & JB_SAVE_KEEP_TIMES) && !apply_consequences (self, work, error)))
    {
      if (own)
        jb_store_rollback (self);
      return FALSE;
    }
  self->changed_kinds |= 1u << jb_record_get_kind_id (record);
  if (own && !jb_store_commit (self, error))
    return FALSE;
  jb_record_assign (record, work);
  return TRUE;
}

/* "Demands (3), People (1)": who still points at the record, or NULL. */
static char *
describe_references (JbStore *self, JbKindId target, gint64 id)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      gint64 count = 0;
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          if (f->type != JB_TYPE_REF || f->ref_kind != target || (f->flags & JB_FIELD_PART_OF))
            continue;
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?1 AND id != ?2",
                                                  kind->name, f->name);
          sqlite3_stmt *stmt = prepare (self, sql, FALSE, NULL);
          if (stmt == NULL)
            continue;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, k == target ? id : 0);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            count += sqlite3_column_int64 (stmt, 0);
          sqlite3_finalize (stmt);
        }
      if (count > 0)
        /* TRANSLATORS: a kind of record and how many of them, e.g. "Demands (3)" */
        g_string_append_printf (s, s->len ? _(", %s (%lld)") : _("%s (%lld)"),
                                _(kind->plural), (long long) count);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

gboolean
jb_store_delete (JbStore *self, JbKindId kind_id, gint64 id, GError **error)
{
  const JbKind *kind = jb_kind_get (kind_id);
  g_autoptr (JbRecord) before = jb_store_load (self, kind_id, id, error);
  if (before == NULL)
    return FALSE;

  g_autofree char *users = describe_references (self, kind_id, id);
  if (users)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_REFERENCED,
                   _("“%s” cannot be deleted while other records refer to it: %s. "
                     "Change or delete those first."),
                   jb_record_get_title (before), users);
      return FALSE;
    }

  if (!jb_store_begin (self, error))
    return FALSE;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", kind->name);
  g_autofree char *now = jb_timestamp_now ();
  sqlite3_stmt *stmt = prepare (self, sql, FALSE, error);
  gboolean ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = sqlite3_step (stmt) == SQLITE_DONE || set_sqlite_error (self, error);
    }
  sqlite3_finalize (stmt);
  ok = ok && add_history (self, before, now, "deleted", NULL, jb_record_get_title (before), NULL,
                          error);
  if (!ok)
    {
      jb_store_rollback (self);
      return FALSE;
    }
  self->changed_kinds |= 1u << kind_id;
  /* Parts (a deal's payments) go with it. */
  for (guint k = 0; k < JB_N_KINDS; k++)
    for (guint i = 0; i < jb_kind_get (k)->n_fields; i++)
      if (jb_kind_get (k)->fields[i].ref_kind == kind_id &&
          (jb_kind_get (k)->fields[i].flags & JB_FIELD_PART_OF))
        self->changed_kinds |= 1u << k;
  return jb_store_commit (self, error);
}

/* ---- bulk access for the XML exchange ----------------------------------- */

gint64
jb_store_id_for_uuid (JbStore *self, JbKindId kind, const char *uuid)
{
  return id_for_uuid (self, kind, uuid);
}

gboolean
jb_store_begin_read (JbStore *self, GError **error)
{
  if (!exec (self, self->depth == 0 ? "BEGIN DEFERRED" : "SAVEPOINT jb", error))
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
  g_autoptr (GString) select = select_sql_full (kind, 0, TRUE);
  g_string_append (sql, select->str);
  if (self_ref >= 0)
    g_string_append (sql, " LEFT JOIN tree ON tree.id = t.id");
  if (selected_only)
    g_string_append_printf (sql, " JOIN jb_selection s ON s.kind = %u AND s.id = t.id",
                            kind_id);
  g_string_append (sql, self_ref >= 0 ? " ORDER BY coalesce(tree.depth, 1001), t.created, t.uuid"
                                      : " ORDER BY t.created, t.uuid");

  if (selected_only && !exec (self, SELECTION_TABLE, error))
    return FALSE;
  sqlite3_stmt *stmt = prepare (self, sql->str, FALSE, error);
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
      g_autoptr (JbRecord) record = record_from_row (kind, stmt);
      int col = N_RECORD_COLS + (int) (kind->n_fields + n_refs);
      for (guint i = 0; i < kind->n_fields; i++)
        if (kind->fields[i].type == JB_TYPE_REF)
          ref_uuids[i] = (const char *) sqlite3_column_text (stmt, col++);
      ok = func (record, ref_uuids, user_data, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = set_sqlite_error (self, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
step_done (JbStore *self, sqlite3_stmt *stmt, GError **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE || set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  return ok;
}

gboolean
jb_store_select_closure (JbStore *self, GArray *demand_ids, GError **error)
{
  if (!exec (self, SELECTION_TABLE "; DELETE FROM jb_selection", error))
    return FALSE;

  g_autofree char *seed = g_strdup_printf ("INSERT OR IGNORE INTO jb_selection (kind, id) "
                                           "SELECT %u, id FROM demand WHERE id = ?1",
                                           JB_KIND_DEMAND);
  sqlite3_stmt *stmt = cached (self, seed, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < demand_ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (demand_ids, gint64, i));
      if (!step_done (self, stmt, error))
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
            if (!(stmt = cached (self, sql, error)))
              return FALSE;
            do
              if (!step_done (self, stmt, error))
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
  sqlite3_stmt *stmt = prepare (self, "VACUUM INTO ?1", FALSE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                 _("Cannot copy the database to “%s”: %s"), path, sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
  return ok;
}

#define SEEN_TABLE \
  "CREATE TEMP TABLE IF NOT EXISTS jb_seen (key TEXT PRIMARY KEY) WITHOUT ROWID"

gboolean
jb_store_seen_clear (JbStore *self, GError **error)
{
  return exec (self, SEEN_TABLE "; DELETE FROM jb_seen", error);
}

gboolean
jb_store_seen_add (JbStore *self, const char *key, gboolean *added, GError **error)
{
  sqlite3_stmt *stmt = cached (self, "INSERT OR IGNORE INTO jb_seen (key) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
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
  exec (self, sql, NULL);
}


/* ---- for the other parts of the store (jb-store-private.h) ------------- */

sqlite3_stmt *
jb_store_statement (JbStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = cached (self, sql, error);
  if (stmt)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return stmt;
}

gboolean
jb_store_fail (JbStore *self, GError **error)
{
  return set_sqlite_error (self, error);
}

GString *
jb_store_select_sql (const JbKind *kind, JbFieldFlags flags)
{
  return select_sql (kind, flags);
}

JbRecord *
jb_store_row_to_record (const JbKind *kind, sqlite3_stmt *stmt)
{
  return record_from_row (kind, stmt);
}

gboolean
jb_store_append_filter (GString *sql, const JbKind *kind, JbFilter *filter, guint first,
                        gboolean *where)
{
  return append_filter (sql, kind, filter, first, where);
}

/* ---- related records ---------------------------------------------------- */

GPtrArray *
jb_store_list_referring (JbStore *self, JbKindId kind_id, const char *field, gint64 id,
                         GError **error)
{
  const JbKind *kind = jb_kind_get (kind_id);
  const JbField *f = jb_kind_field (kind, field);
  g_return_val_if_fail (f != NULL && f->type == JB_TYPE_REF, NULL);

  g_autoptr (GString) sql = select_sql (kind, JB_FIELD_LISTED);
  g_string_append_printf (sql, " WHERE t.%s = ?1 ORDER BY t.id DESC", f->name);
  sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  GPtrArray *rows = collect_rows (self, kind, stmt, error);
  sqlite3_reset (stmt);
  return rows;
}

gboolean
jb_store_payment_totals (JbStore *self, gint64 deal_id, const char *today,
                         JbPaymentTotals *totals, GError **error)
{
  sqlite3_stmt *stmt = jb_store_statement (
    self,
    "SELECT coalesce(sum(CASE WHEN received = 1 THEN amount END), 0),"
    "       coalesce(sum(CASE WHEN coalesce(received, 0) = 0 THEN amount END), 0),"
    "       count(CASE WHEN coalesce(received, 0) = 0 AND due_date < ?2 THEN 1 END),"
    "       coalesce(sum(CASE WHEN coalesce(received, 0) = 0 AND due_date < ?2 THEN amount END), 0)"
    " FROM payment WHERE deal_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  gboolean ok = sqlite3_step (stmt) == SQLITE_ROW || set_sqlite_error (self, error);
  if (ok)
    {
      totals->received = sqlite3_column_int64 (stmt, 0);
      totals->outstanding = sqlite3_column_int64 (stmt, 1);
      totals->n_overdue = (guint) sqlite3_column_int64 (stmt, 2);
      totals->overdue = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-query.c: the store's lists: filters, whole lists (through
 * jb-query.h, which also searches), a record's related records, sums, single
 * values (see jb-store.c for the whole store). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-field-type.h"
#include "jb-query.h"
#include "jb-store-private.h"

/* Steps @stmt (a select_sql() query) to its end: the rows as records. */
GPtrArray *
jb_store_collect_rows (JbStore *self, const JbKind *kind, sqlite3_stmt *stmt, GError **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, jb_store_row_to_record (kind, stmt));
  if (rc != SQLITE_DONE)
    {
      jb_store_fail (self, error);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }
  return rows;
}

void
jb_store_bind_params (sqlite3_stmt *stmt, GPtrArray *params)
{
  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (params, i), -1, SQLITE_TRANSIENT);
}

/* Adds @value to the parameters: its number, for "?N". */
static guint
add_param (GPtrArray *params, const char *value)
{
  g_ptr_array_add (params, g_strdup (value));
  return params->len;
}

/* A fresh table alias for a subquery: s1, s2… */
static char *
new_alias (guint *n_aliases)
{
  return g_strdup_printf ("s%u", ++*n_aliases);
}

void
jb_store_append_event_set (GString *sql, guint param, gboolean alone)
{
  const JbKind *event = jb_kind_get (JB_KIND_EVENT);
  const char *parent = NULL;
  for (guint i = 0; i < event->n_fields; i++)
    if (event->fields[i].type == JB_TYPE_REF && event->fields[i].ref_kind == JB_KIND_EVENT)
      parent = event->fields[i].name;
  if (alone)
    g_string_append_printf (sql, "(SELECT ?%u)", param);
  else
    g_string_append_printf (sql, "(WITH RECURSIVE ev(id) AS (SELECT ?%u UNION SELECT e.id "
                                 "FROM %s e JOIN ev ON e.%s = ev.id) SELECT id FROM ev)",
                            param, event->name, parent);
}

static void append_in_event (GString *sql, const JbKind *kind, const char *alias, guint param,
                             gboolean alone, guint *n_aliases);

/* One path of a kind's in_event (jb-kind.h) as a condition on @alias. */
static void
append_event_path (GString *sql, const JbKind *kind, const char *alias, const char *path,
                   guint param, gboolean alone, guint *n_aliases)
{
  if (g_str_equal (path, "."))
    {
      g_string_append_printf (sql, "%s.id IN ", alias);
      jb_store_append_event_set (sql, param, alone);
      return;
    }
  if (path[0] == '<')
    {
      /* "<demand.owner_id": the records that a demand of the event points at. */
      g_auto (GStrv) parts = g_strsplit (path + 1, ".", 2);
      const JbKind *from = jb_kind_by_name (parts[0]);
      g_autofree char *sub = new_alias (n_aliases);
      g_string_append_printf (sql, "%s.id IN (SELECT %s.%s FROM %s %s WHERE ", alias, sub,
                              parts[1], from->name, sub);
      append_in_event (sql, from, sub, param, alone, n_aliases);
      g_string_append (sql, ")");
      return;
    }
  const char *dot = strchr (path, '.');
  if (dot == NULL)
    {
      g_string_append_printf (sql, "%s.%s IN ", alias, path);
      jb_store_append_event_set (sql, param, alone);
      return;
    }
  /* "demand_id.event_id": follow the reference, then the rest of the path. */
  g_autofree char *field = g_strndup (path, (gsize) (dot - path));
  const JbKind *target = jb_kind_get (jb_kind_field (kind, field)->ref_kind);
  g_autofree char *sub = new_alias (n_aliases);
  g_string_append_printf (sql, "%s.%s IN (SELECT %s.id FROM %s %s WHERE ", alias, field, sub,
                          target->name, sub);
  append_event_path (sql, target, sub, dot + 1, param, alone, n_aliases);
  g_string_append (sql, ")");
}

static void
append_in_event (GString *sql, const JbKind *kind, const char *alias, guint param,
                 gboolean alone, guint *n_aliases)
{
  g_string_append_c (sql, '(');
  for (guint i = 0; kind->in_event[i]; i++)
    {
      if (i > 0)
        g_string_append (sql, " OR ");
      append_event_path (sql, kind, alias, kind->in_event[i], param, alone, n_aliases);
    }
  g_string_append_c (sql, ')');
}

static gboolean
append_conditions (GString *sql, const JbKind *kind, const char *alias, JbFilter *filter,
                   GPtrArray *params, gboolean *where, guint *n_aliases)
{
  for (guint i = 0; filter && i < jb_filter_get_n_conditions (filter); i++)
    {
      JbMatch match;
      const char *field, *value;
      JbFilter *sub;
      jb_filter_get_condition (filter, i, &match, &field, &value, &sub);
      const JbField *f = field ? jb_kind_field (kind, field) : NULL;
      /* "created" is a UTC timestamp: compare its date. */
      gboolean created = f == NULL && g_strcmp0 (field, "created") == 0;

      g_string_append (sql, *where ? " AND " : " WHERE ");
      *where = TRUE;
      switch (match)
        {
        case JB_MATCH_EQUALS:
          if (f == NULL)
            return FALSE;
          g_string_append_printf (sql, "%s.%s = ?%u", alias, f->name, add_param (params, value));
          break;
        case JB_MATCH_FROM:
        case JB_MATCH_UNTIL:
        case JB_MATCH_BEFORE:
          if (created)
            g_string_append_printf (sql, match == JB_MATCH_FROM ? "%s.created >= ?%u"
                                    : match == JB_MATCH_UNTIL ? "%s.created < date(?%u, '+1 day')"
                                    : "%s.created < ?%u", alias, add_param (params, value));
          else if (f)
            g_string_append_printf (sql, "%s.%s %s ?%u", alias, f->name,
                                    match == JB_MATCH_FROM ? ">=" :
                                    match == JB_MATCH_UNTIL ? "<=" : "<",
                                    add_param (params, value));
          else
            return FALSE;
          break;
        case JB_MATCH_IN:
        case JB_MATCH_NOT_IN:
          if (f == NULL)
            return FALSE;
          g_string_append_printf (sql, match == JB_MATCH_IN
                                  ? "instr(',' || ?%1$u || ',', ',' || %2$s.%3$s || ',') > 0"
                                  : "(%2$s.%3$s IS NULL OR "
                                    "instr(',' || ?%1$u || ',', ',' || %2$s.%3$s || ',') = 0)",
                                  add_param (params, value), alias, f->name);
          break;
        case JB_MATCH_IDS:
          g_string_append_printf (sql, "instr(',' || ?%u || ',', ',' || %s.id || ',') > 0",
                                  add_param (params, value), alias);
          break;
        case JB_MATCH_IN_EVENT:
        case JB_MATCH_AT_EVENT:
          if (kind->in_event == NULL)
            return FALSE;
          append_in_event (sql, kind, alias, add_param (params, value),
                           match == JB_MATCH_AT_EVENT, n_aliases);
          break;
        case JB_MATCH_REF:
          {
            if (f == NULL || f->type != JB_TYPE_REF || jb_filter_get_kind (sub) != f->ref_kind)
              return FALSE;
            const JbKind *target = jb_kind_get (f->ref_kind);
            g_autofree char *s = new_alias (n_aliases);
            gboolean sub_where = FALSE;
            g_string_append_printf (sql, "%s.%s IN (SELECT %s.id FROM %s %s", alias, f->name, s,
                                    target->name, s);
            if (!append_conditions (sql, target, s, sub, params, &sub_where, n_aliases))
              return FALSE;
            g_string_append (sql, ")");
          }
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
jb_store_append_filter (GString *sql, const JbKind *kind, JbFilter *filter, GPtrArray *params,
                        gboolean *where)
{
  guint n_aliases = 0;
  return append_conditions (sql, kind, "t", filter, params, where, &n_aliases);
}

GPtrArray *
jb_store_list (JbStore *self, JbKindId kind_id, const char *query, GError **error)
{
  return jb_store_list_filtered (self, kind_id, NULL, query, error);
}

static gboolean
collect_row (JbRecord *record, gpointer user_data, GError **error)
{
  g_ptr_array_add (user_data, g_object_ref (record));
  return TRUE;
}

GPtrArray *
jb_store_list_filtered (JbStore *self, JbKindId kind_id, JbFilter *filter, const char *query,
                        GError **error)
{
  g_return_val_if_fail (filter == NULL || jb_filter_get_kind (filter) == kind_id, NULL);

  /* The table's query (jb-query.h), newest first. */
  g_autoptr (JbQuery) q = jb_query_new (self, kind_id);
  jb_query_set_filter (q, filter);
  jb_query_set_search (q, query);
  jb_query_set_order (q, "id", TRUE);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  if (!jb_query_foreach (q, collect_row, rows, error))
    g_clear_pointer (&rows, g_ptr_array_unref);
  return rows;
}

/* ---- related records ---------------------------------------------------- */

GPtrArray *
jb_store_list_referring (JbStore *self, JbKindId kind_id, const char *field, gint64 id,
                         GError **error)
{
  const JbKind *kind = jb_kind_get (kind_id);
  const JbField *f = jb_kind_field (kind, field);
  g_return_val_if_fail (f != NULL && f->type == JB_TYPE_REF, NULL);

  g_autoptr (GString) sql = jb_store_select_sql (kind, JB_FIELD_LISTED);
  g_string_append_printf (sql, " WHERE t.%s = ?1 ORDER BY t.id DESC", f->name);
  sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  GPtrArray *rows = jb_store_collect_rows (self, kind, stmt, error);
  sqlite3_reset (stmt);
  return rows;
}

gboolean
jb_store_sum (JbStore *self, JbFilter *filter, const char *field, gint64 *count, gint64 *sum,
              GError **error)
{
  const JbKind *kind = jb_kind_get (jb_filter_get_kind (filter));
  const JbField *f = jb_kind_field (kind, field);
  g_return_val_if_fail (f != NULL && !jb_field_type (f->type)->text_value, FALSE);

  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  gboolean where = FALSE;
  g_string_printf (sql, "SELECT count(*), coalesce(sum(t.%s), 0) FROM %s t", f->name,
                   kind->name);
  if (!jb_store_append_filter (sql, kind, filter, params, &where))
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   "a filter does not fit the records of kind %s", kind->name);
      return FALSE;
    }
  sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  jb_store_bind_params (stmt, params);
  gboolean ok = sqlite3_step (stmt) == SQLITE_ROW || jb_store_fail (self, error);
  if (ok)
    {
      *count = sqlite3_column_int64 (stmt, 0);
      *sum = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return ok;
}

gint64
jb_store_get_ref (JbStore *self, JbKindId kind_id, gint64 id, const char *field)
{
  const JbKind *kind = jb_kind_get (kind_id);
  const JbField *f = jb_kind_field (kind, field);
  g_return_val_if_fail (f != NULL && f->type == JB_TYPE_REF, 0);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", f->name, kind->name);
  sqlite3_stmt *stmt = jb_store_statement (self, sql, NULL);
  gint64 target = 0;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    target = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return target;
}

/* Whether text @field of some record of @kind holds @value. */
static gboolean
value_taken (JbStore *self, const JbKind *kind, const JbField *f, const char *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE %s = ?1", kind->name, f->name);
  sqlite3_stmt *stmt = jb_store_statement (self, sql, NULL);
  gboolean taken = TRUE;
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
      taken = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
    }
  return taken;
}

char *
jb_store_next_code (JbStore *self, JbKindId kind_id, const char *field, const char *prefix,
                    guint digits)
{
  const JbKind *kind = jb_kind_get (kind_id);
  const JbField *f = jb_kind_field (kind, field);
  g_return_val_if_fail (f != NULL && f->type == JB_TYPE_TEXT, NULL);
  g_autofree char *key = g_strdup_printf ("%s.%s.%s", kind->name, f->name, prefix);
  gpointer last_given;

  /* The number after the last one given, if nobody took it meanwhile. */
  if (g_hash_table_lookup_extended (self->last_codes, key, NULL, &last_given))
    {
      gint64 next = GPOINTER_TO_SIZE (last_given) + 1;
      char *code = g_strdup_printf ("%s%0*" G_GINT64_FORMAT, prefix, (int) digits, next);
      if (!value_taken (self, kind, f, code))
        {
          g_hash_table_insert (self->last_codes, g_steal_pointer (&key), GSIZE_TO_POINTER (next));
          return code;
        }
      g_free (code);
    }

  g_autofree char *sql = g_strdup_printf ("SELECT max(CAST(substr(%1$s, length(?1) + 1) AS INTEGER))"
                                          " FROM %2$s WHERE substr(%1$s, 1, length(?1)) = ?1",
                                          f->name, kind->name);
  sqlite3_stmt *stmt = jb_store_statement (self, sql, NULL);
  gint64 last = 0;
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        last = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  g_hash_table_insert (self->last_codes, g_steal_pointer (&key), GSIZE_TO_POINTER (last + 1));
  return g_strdup_printf ("%s%0*" G_GINT64_FORMAT, prefix, (int) digits, last + 1);
}

gint64
jb_store_find (JbStore *self, JbKindId kind, const char * const *fields,
               const char * const *values, guint n, GError **error)
{
  const JbKind *k = jb_kind_get (kind);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_string_printf (sql, "SELECT id FROM %s WHERE ", k->name);
  for (guint i = 0; i < n; i++)
    {
      /* Names come from the kind's table, never from the caller's text. */
      const JbField *f = jb_kind_field (k, fields[i]);
      g_return_val_if_fail (f != NULL, -1);
      g_string_append_printf (sql, "%s%s = ?%u", i ? " AND " : "", f->name, i + 1);
    }
  /* No ORDER BY id: SQLite would walk the table in id order instead of
   * using the index on the fields; the index gives the lowest id first. */
  g_string_append (sql, " LIMIT 1");
  sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
  if (stmt == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    {
      const JbField *f = jb_kind_field (k, fields[i]);
      if (jb_field_type (f->type)->text_value)
        sqlite3_bind_text (stmt, (int) i + 1, values[i], -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, (int) i + 1, g_ascii_strtoll (values[i], NULL, 10));
    }
  gint64 id = 0;
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    id = jb_store_fail (self, error) ? 0 : -1;
  sqlite3_reset (stmt);
  return id;
}

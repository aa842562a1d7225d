/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-pages.c: JbQuery, the rows of a table a page at a time (see
 * jb-query.h): the object, its pages, positions and stream of rows.  Its
 * plan, the rows in order as a list of parts, is made in jb-store-plan.c. */
#include "config.h"

#include <string.h>

#include "jb-query.h"
#include "jb-store-private.h"

G_DEFINE_FINAL_TYPE (JbQuery, jb_query, G_TYPE_OBJECT)

static void
jb_query_finalize (GObject *object)
{
  JbQuery *self = JB_QUERY (object);
  g_clear_object (&self->store);
  g_clear_pointer (&self->filter, jb_filter_unref);
  g_clear_pointer (&self->filter_params, g_ptr_array_unref);
  g_clear_pointer (&self->search, jb_search_unref);
  g_free (self->match);
  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_pointer (&self->set, jb_rowid_set_free);
  G_OBJECT_CLASS (jb_query_parent_class)->finalize (object);
}

static void
jb_query_class_init (JbQueryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jb_query_finalize;
}

static void
jb_query_init (JbQuery *self)
{
  self->field = JB_ORDER_DEFAULT;
  self->search = jb_search_new (NULL);
  self->materialized_max = JB_QUERY_WHOLE_MAX;
  self->ranked = JB_QUERY_RANKED;
}

JbQuery *
jb_query_new (JbStore *store, JbKindId kind)
{
  g_return_val_if_fail (JB_IS_STORE (store) && kind < JB_N_KINDS, NULL);
  JbQuery *self = g_object_new (JB_TYPE_QUERY, NULL);
  self->store = g_object_ref (store);
  self->kind = jb_kind_get (kind);
  return self;
}

JbStore *
jb_query_get_store (JbQuery *self)
{
  return self->store;
}

JbKindId
jb_query_get_kind (JbQuery *self)
{
  return self->kind->id;
}

void
jb_query_invalidate (JbQuery *self)
{
  self->planned = FALSE;
  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_pointer (&self->set, jb_rowid_set_free);
}

void
jb_query_set_filter (JbQuery *self, JbFilter *filter)
{
  g_return_if_fail (filter == NULL || jb_filter_get_kind (filter) == self->kind->id);
  if (filter)
    jb_filter_ref (filter);
  g_clear_pointer (&self->filter, jb_filter_unref);
  self->filter = filter;
  jb_query_invalidate (self);
}

void
jb_query_set_search (JbQuery *self, const char *text)
{
  g_clear_pointer (&self->search, jb_search_unref);
  self->search = jb_search_new (text);
  g_clear_pointer (&self->match, g_free);
  self->match = jb_store_match_text (self->search);
  jb_query_invalidate (self);
}

JbSearch *
jb_query_get_search (JbQuery *self)
{
  return self->search;
}

gboolean
jb_query_set_order (JbQuery *self, const char *field, gboolean descending)
{
  int i = JB_ORDER_DEFAULT;
  if (field && g_str_equal (field, "id"))
    i = JB_ORDER_ID;
  else if (field && ((i = jb_kind_field_index (self->kind, field)) < 0 ||
                     !(self->kind->fields[i].flags & JB_FIELD_LISTED)))
    return FALSE;
  self->field = i;
  self->descending = descending;
  jb_query_invalidate (self);
  return TRUE;
}

void
jb_query_set_limits (JbQuery *self, guint materialized, guint ranked)
{
  self->materialized_max = materialized;
  self->ranked = MAX (ranked, 1);
  jb_query_invalidate (self);
}

/* ---- SQL ----------------------------------------------------------------- */

static void
bind_int (sqlite3_stmt *stmt, const char *name, gint64 value)
{
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, name), value);
}

gboolean
jb_query_count (JbQuery *self, guint *n_rows, GError **error)
{
  if (!self->planned && !jb_query_plan (self, error))
    return FALSE;
  *n_rows = self->count;
  return TRUE;
}

/* ---- pages --------------------------------------------------------------- */

/* Ids @offset… (at most @n) of an SQL part, read from its nearer end. */
static gboolean
part_ids (JbQuery *self, const JbQueryPart *part, guint offset, guint n, GArray *ids,
          GError **error)
{
  gboolean from_end = offset > part->count / 2;
  guint skip = from_end ? part->count - MIN (offset + n, part->count) : offset;
  guint take = MIN (n, part->count - offset);
  g_autofree char *order = jb_query_order_sql (part->keys, part->descending != from_end);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY %s "
                                          "LIMIT :limit OFFSET :offset", part->id_column,
                                          part->from, part->where, order);
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  jb_query_bind (self, stmt, part);
  bind_int (stmt, ":limit", take);
  bind_int (stmt, ":offset", skip);
  guint first = ids->len;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return jb_store_fail (self->store, error);
  if (from_end)
    for (guint i = first, j = ids->len - 1; i < j; i++, j--)
      {
        gint64 tmp = g_array_index (ids, gint64, i);
        g_array_index (ids, gint64, i) = g_array_index (ids, gint64, j);
        g_array_index (ids, gint64, j) = tmp;
      }
  return TRUE;
}

/* The list rows of @ids, in their order; a row deleted meanwhile is left out. */
static GPtrArray *
load_rows (JbQuery *self, GArray *ids, GError **error)
{
  g_autoptr (GString) sql = jb_store_select_sql (self->kind, JB_FIELD_LISTED);
  g_string_append (sql, " WHERE t.id = ?1");
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  GPtrArray *rows = g_ptr_array_new_full (ids->len, g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      int rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (rows, jb_store_row_to_record (self->kind, stmt));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          jb_store_fail (self->store, error);
          g_ptr_array_unref (rows);
          return NULL;
        }
    }
  return rows;
}

GPtrArray *
jb_query_fetch (JbQuery *self, guint position, guint n, GError **error)
{
  if (!self->planned && !jb_query_plan (self, error))
    return NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint start = 0;
  for (guint p = 0; p < self->parts->len && ids->len < n; p++)
    {
      const JbQueryPart *part = &g_array_index (self->parts, JbQueryPart, p);
      if (position < start + part->count)
        {
          guint offset = position > start ? position - start : 0;
          guint take = MIN (n - ids->len, part->count - offset);
          if (part->ids)
            g_array_append_vals (ids, &g_array_index (part->ids, gint64, offset), take);
          else if (!part_ids (self, part, offset, take, ids, error))
            return NULL;
        }
      start += part->count;
    }
  return load_rows (self, ids, error);
}

/* ---- where a record stands ----------------------------------------------- */

/* The position of @id within an SQL part, or G_MAXUINT. */
static gboolean
part_position (JbQuery *self, const JbQueryPart *part, gint64 id, guint *position, GError **error)
{
  g_autofree char *keys = jb_query_order_sql (part->keys, FALSE);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s AND %s = :id", keys,
                                          part->from, part->where, part->id_column);
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  jb_query_bind (self, stmt, part);
  bind_int (stmt, ":id", id);
  int rc = sqlite3_step (stmt);
  *position = G_MAXUINT;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return rc == SQLITE_DONE || jb_store_fail (self->store, error);
    }

  /* Rows before it: keys less than its keys (greater, descending), counted
   * as a range of the sort index for each key in turn (k0 < :k0, then
   * k0 = :k0 AND k1 < :k1…): SQLite uses no index for a comparison of row
   * values, and computing a million sort keys takes seconds. */
  guint n_keys = g_strv_length (part->keys);
  g_autoptr (GString) count_sql = g_string_new ("SELECT 0");
  for (guint i = 0; i < n_keys; i++)
    {
      g_string_append_printf (count_sql, " + (SELECT count(*) FROM %s WHERE %s", part->from,
                              part->where);
      for (guint j = 0; j < i; j++)
        g_string_append_printf (count_sql, " AND %s = :k%u", part->keys[j], j);
      g_string_append_printf (count_sql, " AND %s %s :k%u)", part->keys[i],
                              part->descending ? ">" : "<", i);
    }
  sqlite3_stmt *count = jb_store_statement (self->store, count_sql->str, error);
  gboolean ok = count != NULL;
  if (ok)
    {
      for (guint i = 0; i < n_keys; i++)
        {
          g_autofree char *name = g_strdup_printf (":k%u", i);
          sqlite3_bind_value (count, sqlite3_bind_parameter_index (count, name),
                              sqlite3_column_value (stmt, (int) i));
        }
      ok = jb_query_step_count (self, count, part, position, error);
    }
  sqlite3_reset (stmt);
  return ok;
}

guint
jb_query_position_of (JbQuery *self, gint64 id, GError **error)
{
  if (!self->planned && !jb_query_plan (self, error))
    return G_MAXUINT;
  guint start = 0;
  for (guint p = 0; p < self->parts->len; p++)
    {
      const JbQueryPart *part = &g_array_index (self->parts, JbQueryPart, p);
      guint position = G_MAXUINT;
      if (part->ids)
        {
          for (guint i = 0; i < part->ids->len && position == G_MAXUINT; i++)
            if (g_array_index (part->ids, gint64, i) == id)
              position = i;
        }
      else if (!part_position (self, part, id, &position, error))
        return G_MAXUINT;
      if (position != G_MAXUINT)
        return start + position;
      start += part->count;
    }
  return G_MAXUINT;
}

/* ---- every row ----------------------------------------------------------- */

/* The list rows of an SQL part in its order, in one statement: its FROM
 * and WHERE with the record's listed columns and the titles of what they
 * refer to.  Loading a million rows one by one took three times longer. */
static char *
part_rows_sql (JbQuery *self, const JbQueryPart *part)
{
  const char *name = self->kind->name;
  g_autoptr (GString) select = jb_store_select_sql (self->kind, JB_FIELD_LISTED);
  g_autofree char *base = g_strdup_printf (" FROM %s t", name);
  const char *joins = strstr (select->str, base);
  g_assert (joins != NULL);
  g_autoptr (GString) sql = g_string_new_len (select->str, joins - select->str);
  g_string_append_printf (sql, " FROM %s", part->from);
  /* A part read from the search index alone joins the records here. */
  if (g_str_equal (part->id_column, "s.rowid") && !strstr (part->from, " t ON"))
    g_string_append_printf (sql, " JOIN %s t ON t.id = s.rowid", name);
  g_autofree char *order = jb_query_order_sql (part->keys, part->descending);
  g_string_append_printf (sql, "%s WHERE %s ORDER BY %s", joins + strlen (base), part->where,
                          order);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

gboolean
jb_query_foreach (JbQuery *self, JbQueryFunc func, gpointer user_data, GError **error)
{
  if (!self->planned && !jb_query_plan (self, error))
    return FALSE;
  for (guint p = 0; p < self->parts->len; p++)
    {
      const JbQueryPart *part = &g_array_index (self->parts, JbQueryPart, p);
      gboolean ok = TRUE;
      if (part->ids)
        {
          /* At most a few thousand rows, loaded by id. */
          g_autoptr (GPtrArray) rows = load_rows (self, part->ids, error);
          for (guint i = 0; rows && ok && i < rows->len; i++)
            ok = func (g_ptr_array_index (rows, i), user_data, error);
          if (!rows || !ok)
            return FALSE;
          continue;
        }
      /* The same FROM, WHERE and ORDER BY as a page, without LIMIT: one pass
       * (its own statement: @func may read the store). */
      g_autofree char *sql = part_rows_sql (self, part);
      sqlite3_stmt *stmt = jb_store_prepare (self->store, sql, FALSE, error);
      if (stmt == NULL)
        return FALSE;
      jb_query_bind (self, stmt, part);
      int rc;
      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr (JbRecord) record = jb_store_row_to_record (self->kind, stmt);
          ok = func (record, user_data, error);
        }
      if (ok && rc != SQLITE_DONE)
        ok = jb_store_fail (self->store, error);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

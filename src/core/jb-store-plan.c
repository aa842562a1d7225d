/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-plan.c: the plan of a JbQuery (jb-query.h, jb-store-pages.c).
 *
 * Counting a query makes its plan: the rows in order as a list of parts,
 * each either row ids held in memory or SQL whose ORDER BY an index serves
 * (jb-store-derived.c):
 * - a search in the default order: its newest matches ranked, in memory,
 *   then the others in the order of the search index (newest first);
 * - a search in a field's order: a result of few rows sorted whole, in
 *   memory; otherwise the field's sort index walked, each row asked whether
 *   the search found it (jb_in_set(), a bitmap of row ids);
 * - anything else: the field's sort index; by a reference, the records
 *   without one first, then the others by the referred record's title.
 * A page of an SQL part is read with LIMIT and OFFSET from its nearer end,
 * in reverse for the second half, so that the last page of a million rows
 * costs what the first does and the middle one half a scan of an index
 * (tens of milliseconds, which made continuing from a known row's keys not
 * worth its complexity); then the rows are loaded by id. */
#include "config.h"

#include <string.h>

#include "jb-store-private.h"

static void
part_clear (JbQueryPart *part)
{
  g_clear_pointer (&part->ids, g_array_unref);
  g_free (part->id_column);
  g_free (part->from);
  g_free (part->where);
  g_strfreev (part->keys);
}

/* Binds what the query's SQL may name: the filter's values (?1…), the
 * search (:match) and the bound of a part (:min). */
void
jb_query_bind (JbQuery *self, sqlite3_stmt *stmt, const JbQueryPart *part)
{
  if (self->filter_params)
    jb_store_bind_params (stmt, self->filter_params);
  int index = sqlite3_bind_parameter_index (stmt, ":match");
  if (index > 0)
    sqlite3_bind_text (stmt, index, self->match, -1, SQLITE_STATIC);
  index = sqlite3_bind_parameter_index (stmt, ":min");
  if (index > 0 && part)
    sqlite3_bind_int64 (stmt, index, part->min);
  index = sqlite3_bind_parameter_index (stmt, ":set");
  if (index > 0)
    sqlite3_bind_pointer (stmt, index, self->set, JB_ROWID_SET, NULL);
}

/* "1 AND <the filter's conditions>" on t. */
static char *
filter_sql (JbQuery *self, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("1");
  gboolean where = TRUE;
  /* The same values each time, numbered ?1… as jb_query_bind() binds them. */
  g_clear_pointer (&self->filter_params, g_ptr_array_unref);
  self->filter_params = g_ptr_array_new_with_free_func (g_free);
  if (!jb_store_append_filter (sql, self->kind, self->filter, self->filter_params, &where))
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   "a filter does not fit the records of kind %s", self->kind->name);
      return NULL;
    }
  return g_strdup (sql->str);
}

gboolean
jb_query_step_count (JbQuery *self, sqlite3_stmt *stmt, const JbQueryPart *part, guint *count,
                     GError **error)
{
  jb_query_bind (self, stmt, part);
  gboolean ok = sqlite3_step (stmt) == SQLITE_ROW || jb_store_fail (self->store, error);
  if (ok)
    *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return ok;
}

char *
jb_query_order_sql (GStrv keys, gboolean descending)
{
  GString *sql = g_string_new (NULL);
  for (guint i = 0; keys[i]; i++)
    g_string_append_printf (sql, "%s%s%s", i ? ", " : "", keys[i], descending ? " DESC" : "");
  return g_string_free (sql, FALSE);
}

/* Row ids of a query whose SQL selects them in order. */
static GArray *
collect_ids (JbQuery *self, const char *sql, const JbQueryPart *part, GError **error)
{
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql, error);
  if (stmt == NULL)
    return NULL;
  jb_query_bind (self, stmt, part);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      jb_store_fail (self->store, error);
      g_clear_pointer (&ids, g_array_unref);
    }
  sqlite3_reset (stmt);
  return ids;
}

static void
add_ids (JbQuery *self, GArray *ids, gboolean reversed)
{
  JbQueryPart part = { .ids = ids, .count = ids->len };
  if (reversed)
    for (guint i = 0; i < ids->len / 2; i++)
      {
        gint64 tmp = g_array_index (ids, gint64, i);
        g_array_index (ids, gint64, i) = g_array_index (ids, gint64, ids->len - 1 - i);
        g_array_index (ids, gint64, ids->len - 1 - i) = tmp;
      }
  g_array_append_val (self->parts, part);
}

static void
add_sql (JbQuery *self, const char *id_column, const char *from, const char *where, GStrv keys,
         gboolean descending, gint64 min, guint count)
{
  JbQueryPart part = { NULL, g_strdup (id_column), g_strdup (from), g_strdup (where),
                g_strdupv (keys), descending, min, count };
  g_array_append_val (self->parts, part);
}

/* ---- plans --------------------------------------------------------------- */

/* Whether a page of a search in a field's order costs less by walking the
 * field's sort index (about a tenth of a microsecond a row, and a page of
 * 100 found in every 100 / (found / rows) rows) than by sorting what was
 * found (some 6 µs a row: it joins the row and computes its key). */
static gboolean
walk_is_cheaper (JbQuery *self)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max(id) FROM %s", self->kind->name);
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql, NULL);
  guint rows = 0;
  return stmt && jb_query_step_count (self, stmt, NULL, &rows, NULL) &&
         (double) self->count * self->count > 2.0 * rows;
}

/* The row ids the search finds, as a set: one pass over the index. */
static gboolean
find_set (JbQuery *self, GError **error)
{
  /* Inside SQLite: a fifth faster than stepping every row out to C. */
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s_search s WHERE "
                                          "s.%s_search MATCH :match AND "
                                          "jb_add_to_set(:set, s.rowid)", self->kind->name,
                                          self->kind->name);
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql, error);
  guint count;
  g_clear_pointer (&self->set, jb_rowid_set_free);
  self->set = g_new0 (JbRowidSet, 1);
  return stmt && jb_query_step_count (self, stmt, NULL, &count, error);
}

typedef struct {
  gint64 id;
  double score;
} Ranked;

static int
compare_ranked (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->id > y->id ? -1 : x->id < y->id;
}

/* The best matches, ranked, when there are few; else the ranked head of the
 * newest and the rest newest first.  The head is read first, one row more
 * than is ranked: when that row is missing, the head is the whole result and
 * counts it, and the search has cost one pass over the index, not two. */
static gboolean
plan_relevance (JbQuery *self, const char *from, const char *where, const char *count_sql,
                GError **error)
{
  g_autofree char *rank = jb_store_rank_sql (self->kind);
  g_autofree char *sql = g_strdup_printf ("SELECT s.rowid, %s FROM %s WHERE %s "
                                          "ORDER BY s.rowid DESC LIMIT %u", rank, from, where,
                                          self->ranked + 1);
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  jb_query_bind (self, stmt, NULL);
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Ranked r = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };
      g_array_append_val (ranked, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return jb_store_fail (self->store, error);

  gboolean all = ranked->len <= self->ranked;
  gint64 min = 0;
  if (all)
    self->count = ranked->len;
  else
    {
      /* The oldest row read is not ranked: the rest starts there. */
      min = g_array_index (ranked, Ranked, self->ranked - 1).id;
      g_array_set_size (ranked, self->ranked);
      sqlite3_stmt *count = jb_store_statement (self->store, count_sql, error);
      if (count == NULL || !jb_query_step_count (self, count, NULL, &self->count, error))
        return FALSE;
    }
  g_array_sort (ranked, compare_ranked);
  GArray *head = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ranked->len);
  for (guint i = 0; i < ranked->len; i++)
    g_array_append_val (head, g_array_index (ranked, Ranked, i).id);
  if (all || head->len == 0)
    {
      add_ids (self, head, self->descending);
      return TRUE;
    }

  g_autofree char *rest = g_strdup_printf ("%s AND s.rowid < :min", where);
  char *keys[] = { (char *) "s.rowid", NULL };
  guint n_head = head->len;
  if (self->descending)
    add_sql (self, "s.rowid", from, rest, keys, FALSE, min, self->count - n_head);
  add_ids (self, head, self->descending);
  if (!self->descending)
    add_sql (self, "s.rowid", from, rest, keys, TRUE, min, self->count - n_head);
  return TRUE;
}

/* Ordered by a field: by its sort index (jb-store-derived.c). */
static gboolean
plan_field (JbQuery *self, const char *where, GError **error)
{
  const JbKind *kind = self->kind;
  const JbField *f = &kind->fields[self->field];
  g_autofree char *key = jb_store_sort_sql (kind, f, "t.");
  g_autofree char *from = g_strdup_printf ("%s t", kind->name);

  if (f->type != JB_TYPE_REF)
    {
      char *keys[] = { key, (char *) "t.id", NULL };
      add_sql (self, "t.id", from, where, keys, self->descending, 0, self->count);
      return TRUE;
    }

  /* A reference: the records without one first (ascending), then the others
   * by their target's sort index, walking the target's titles in order and
   * each one's records by the index on the reference. */
  const JbKind *target = jb_store_ref_target (f);
  g_autofree char *unset = g_strdup_printf ("t.%s IS NULL AND %s", f->name, where);
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", from, unset);
  g_autofree char *joined = g_strdup_printf ("%s r CROSS JOIN %s t ON t.%s = r.id", target->name,
                                             kind->name, f->name);
  char *unset_keys[] = { (char *) "t.id", NULL };
  char *keys[] = { key, (char *) "r.id", (char *) "t.id", NULL };
  guint n_unset = 0;
  sqlite3_stmt *stmt = jb_store_statement (self->store, count_sql, error);
  if (stmt == NULL || !jb_query_step_count (self, stmt, NULL, &n_unset, error))
    return FALSE;
  if (!self->descending)
    add_sql (self, "t.id", from, unset, unset_keys, FALSE, 0, n_unset);
  add_sql (self, "t.id", joined, where, keys, self->descending, 0, self->count - n_unset);
  if (self->descending)
    add_sql (self, "t.id", from, unset, unset_keys, TRUE, 0, n_unset);
  return TRUE;
}

/* A small result ordered whole, in one statement. */
static gboolean
plan_materialized (JbQuery *self, const char *from, const char *where, GError **error)
{
  const JbKind *kind = self->kind;
  g_autoptr (GString) sql = g_string_new ("SELECT t.id FROM ");
  g_string_append (sql, from);
  g_autofree char *key = NULL;
  if (self->field >= 0)
    {
      const JbField *f = &kind->fields[self->field];
      key = jb_store_sort_sql (kind, f, "t.");
      if (f->type == JB_TYPE_REF)
        g_string_append_printf (sql, " LEFT JOIN %s r ON r.id = t.%s",
                                jb_store_ref_target (f)->name, f->name);
    }
  g_string_append_printf (sql, " WHERE %s ORDER BY ", where);
  const char *dir = self->descending ? " DESC" : "";
  if (key && kind->fields[self->field].type == JB_TYPE_REF)
    g_string_append_printf (sql, "%s%s, r.id%s, t.id%s", key, dir, dir, dir);
  else if (key)
    g_string_append_printf (sql, "%s%s, t.id%s", key, dir, dir);
  else
    g_string_append_printf (sql, "t.id%s", dir);
  GArray *ids = collect_ids (self, sql->str, NULL, error);
  if (ids == NULL)
    return FALSE;
  add_ids (self, ids, FALSE);
  return TRUE;
}

gboolean
jb_query_plan (JbQuery *self, GError **error)
{
  const char *name = self->kind->name;
  g_autofree char *filter = filter_sql (self, error);
  if (filter == NULL)
    return FALSE;

  self->parts = g_array_new (FALSE, FALSE, sizeof (JbQueryPart));
  g_array_set_clear_func (self->parts, (GDestroyNotify) part_clear);

  /* The FTS table drives a search; the record table joins only for a filter. */
  gboolean filtered = self->filter && jb_filter_get_n_conditions (self->filter) > 0;
  g_autofree char *search_from = filtered
    ? g_strdup_printf ("%s_search s JOIN %s t ON t.id = s.rowid", name, name)
    : g_strdup_printf ("%s_search s", name);
  /* The filter's numbered parameters (?1…) come before the named ones in
   * the text: a named one takes the next free number where it first appears. */
  g_autofree char *search_where = g_strdup_printf ("%s AND s.%s_search MATCH :match",
                                                   filtered ? filter : "1", name);
  /* A search in a field's order walks the field's sort index and asks a set
   * of what it found (jb_in_set()); without a filter that set counts too. */
  g_autofree char *count_sql = self->match
    ? g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", search_from, search_where)
    : filtered ? g_strdup_printf ("SELECT count(*) FROM %s t WHERE %s", name, filter)
    /* without WHERE: SQLite counts the pages of its smallest index */
    : g_strdup_printf ("SELECT count(*) FROM %s", name);
  gboolean ok = TRUE;
  if (self->match && self->field == JB_ORDER_DEFAULT)
    ok = plan_relevance (self, search_from, search_where, count_sql, error);
  else if (self->match && self->field >= 0 && !filtered)
    {
      if (!find_set (self, error))
        return FALSE;
      self->count = self->set->count;
    }
  else
    {
      sqlite3_stmt *stmt = jb_store_statement (self->store, count_sql, error);
      if (stmt == NULL || !jb_query_step_count (self, stmt, NULL, &self->count, error))
        return FALSE;
    }

  if (!ok || self->count == 0 || (self->match && self->field == JB_ORDER_DEFAULT))
    ;
  else if (self->match && self->count <= self->materialized_max &&
           (self->field < 0 || !walk_is_cheaper (self)))
    {
      g_autofree char *from = g_strdup_printf ("%s_search s JOIN %s t ON t.id = s.rowid", name,
                                               name);
      g_autofree char *where = g_strdup_printf ("%s AND s.%s_search MATCH :match", filter, name);
      ok = plan_materialized (self, from, where, error);
    }
  else if (self->match && self->field == JB_ORDER_ID)
    {
      /* A large result in the order of entry: the index's own. */
      char *keys[] = { (char *) "s.rowid", NULL };
      add_sql (self, "s.rowid", search_from, search_where, keys, self->descending, 0,
               self->count);
    }
  else if (self->match)
    {
      /* A large result in a field's order. */
      g_autofree char *where = g_strdup_printf ("%s AND jb_in_set(:set, t.id)", filter);
      ok = (self->set || find_set (self, error)) && plan_field (self, where, error);
    }
  else if (self->field >= 0)
    ok = plan_field (self, filter, error);
  else
    {
      /* The whole table, or what a filter keeps, in the order of entry. */
      g_autofree char *from = g_strdup_printf ("%s t", name);
      char *keys[] = { (char *) "t.id", NULL };
      add_sql (self, "t.id", from, filter, keys,
               self->field == JB_ORDER_DEFAULT ? !self->descending : self->descending, 0,
               self->count);
    }
  if (!ok)
    {
      g_clear_pointer (&self->parts, g_array_unref);
      return FALSE;
    }
  self->planned = TRUE;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-pages.c: JbQuery, the rows of a table a page at a time (see
 * jb-query.h).
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

#include "jb-query.h"
#include "jb-store-private.h"

/* A search's result this small may be sorted whole, in memory (see
 * walk_is_cheaper()). */
#define MATERIALIZED_MAX 10000

enum { ORDER_DEFAULT = -1, ORDER_ID = -2 };

typedef struct {
  GArray *ids;        /* the rows in order, or NULL for SQL */
  char *id_column;    /* SQL: "t.id" or "s.rowid" */
  char *from;         /* SQL: "demand t LEFT JOIN …" */
  char *where;        /* SQL: conditions, never empty */
  GStrv keys;         /* SQL: the order, ascending */
  gboolean descending;
  gint64 min;         /* bound to :min */
  guint count;
} Part;

struct _JbQuery {
  GObject parent_instance;
  JbStore *store;
  const JbKind *kind;
  JbFilter *filter;
  JbSearch *search;
  char *match;        /* the FTS5 MATCH text, NULL when not searching */
  int field;          /* a field's index, ORDER_DEFAULT or ORDER_ID */
  gboolean descending;
  guint materialized_max;
  guint ranked;

  gboolean planned;
  guint count;
  GArray *parts;      /* Part, in the order of the rows */
  JbRowidSet *set;    /* what the search found, bound to :set */
};

G_DEFINE_FINAL_TYPE (JbQuery, jb_query, G_TYPE_OBJECT)

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->ids, g_array_unref);
  g_free (part->id_column);
  g_free (part->from);
  g_free (part->where);
  g_strfreev (part->keys);
}

static void
jb_query_finalize (GObject *object)
{
  JbQuery *self = JB_QUERY (object);
  g_clear_object (&self->store);
  g_clear_pointer (&self->filter, jb_filter_unref);
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
  self->field = ORDER_DEFAULT;
  self->search = jb_search_new (NULL);
  self->materialized_max = MATERIALIZED_MAX;
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
  int i = ORDER_DEFAULT;
  if (field && g_str_equal (field, "id"))
    i = ORDER_ID;
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

/* Binds what the query's SQL may name: the filter's values (?1…), the
 * search (:match) and the bound of a part (:min). */
static void
bind_query (JbQuery *self, sqlite3_stmt *stmt, const Part *part)
{
  int n = 0;
  for (guint i = 0; self->filter && i < jb_filter_get_n_conditions (self->filter); i++)
    {
      JbMatch match;
      const char *field, *value;
      jb_filter_get_condition (self->filter, i, &match, &field, &value);
      sqlite3_bind_text (stmt, ++n, value, -1, SQLITE_STATIC);
    }
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

static void
bind_int (sqlite3_stmt *stmt, const char *name, gint64 value)
{
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, name), value);
}

/* "1 AND <the filter's conditions>" on t. */
static char *
filter_sql (JbQuery *self, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("1");
  gboolean where = TRUE;
  if (!jb_store_append_filter (sql, self->kind, self->filter, 1, &where))
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   "a filter does not fit the records of kind %s", self->kind->name);
      return NULL;
    }
  return g_strdup (sql->str);
}

static gboolean
step_count (JbQuery *self, sqlite3_stmt *stmt, const Part *part, guint *count, GError **error)
{
  bind_query (self, stmt, part);
  gboolean ok = sqlite3_step (stmt) == SQLITE_ROW || jb_store_fail (self->store, error);
  if (ok)
    *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return ok;
}

static char *
order_sql (GStrv keys, gboolean descending)
{
  GString *sql = g_string_new (NULL);
  for (guint i = 0; keys[i]; i++)
    g_string_append_printf (sql, "%s%s%s", i ? ", " : "", keys[i], descending ? " DESC" : "");
  return g_string_free (sql, FALSE);
}

/* Row ids of a query whose SQL selects them in order. */
static GArray *
collect_ids (JbQuery *self, const char *sql, const Part *part, GError **error)
{
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_query (self, stmt, part);
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
  Part part = { .ids = ids, .count = ids->len };
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
  Part part = { NULL, g_strdup (id_column), g_strdup (from), g_strdup (where),
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
  return stmt && step_count (self, stmt, NULL, &rows, NULL) &&
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
  return stmt && step_count (self, stmt, NULL, &count, error);
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
  bind_query (self, stmt, NULL);
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
      if (count == NULL || !step_count (self, count, NULL, &self->count, error))
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
  if (stmt == NULL || !step_count (self, stmt, NULL, &n_unset, error))
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

static gboolean
plan (JbQuery *self, GError **error)
{
  const char *name = self->kind->name;
  g_autofree char *filter = filter_sql (self, error);
  if (filter == NULL)
    return FALSE;

  self->parts = g_array_new (FALSE, FALSE, sizeof (Part));
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
  if (self->match && self->field == ORDER_DEFAULT)
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
      if (stmt == NULL || !step_count (self, stmt, NULL, &self->count, error))
        return FALSE;
    }

  if (!ok || self->count == 0 || (self->match && self->field == ORDER_DEFAULT))
    ;
  else if (self->match && self->count <= self->materialized_max &&
           (self->field < 0 || !walk_is_cheaper (self)))
    {
      g_autofree char *from = g_strdup_printf ("%s_search s JOIN %s t ON t.id = s.rowid", name,
                                               name);
      g_autofree char *where = g_strdup_printf ("%s AND s.%s_search MATCH :match", filter, name);
      ok = plan_materialized (self, from, where, error);
    }
  else if (self->match && self->field == ORDER_ID)
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
               self->field == ORDER_DEFAULT ? !self->descending : self->descending, 0,
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

gboolean
jb_query_count (JbQuery *self, guint *n_rows, GError **error)
{
  if (!self->planned && !plan (self, error))
    return FALSE;
  *n_rows = self->count;
  return TRUE;
}

/* ---- pages --------------------------------------------------------------- */

/* Ids @offset… (at most @n) of an SQL part, read from its nearer end. */
static gboolean
part_ids (JbQuery *self, const Part *part, guint offset, guint n, GArray *ids, GError **error)
{
  gboolean from_end = offset > part->count / 2;
  guint skip = from_end ? part->count - MIN (offset + n, part->count) : offset;
  guint take = MIN (n, part->count - offset);
  g_autofree char *order = order_sql (part->keys, part->descending != from_end);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY %s "
                                          "LIMIT :limit OFFSET :offset", part->id_column,
                                          part->from, part->where, order);
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_query (self, stmt, part);
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
  if (!self->planned && !plan (self, error))
    return NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint start = 0;
  for (guint p = 0; p < self->parts->len && ids->len < n; p++)
    {
      const Part *part = &g_array_index (self->parts, Part, p);
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
part_position (JbQuery *self, const Part *part, gint64 id, guint *position, GError **error)
{
  g_autofree char *keys = order_sql (part->keys, FALSE);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s AND %s = :id", keys,
                                          part->from, part->where, part->id_column);
  sqlite3_stmt *stmt = jb_store_statement (self->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_query (self, stmt, part);
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
      ok = step_count (self, count, part, position, error);
    }
  sqlite3_reset (stmt);
  return ok;
}

guint
jb_query_position_of (JbQuery *self, gint64 id, GError **error)
{
  if (!self->planned && !plan (self, error))
    return G_MAXUINT;
  guint start = 0;
  for (guint p = 0; p < self->parts->len; p++)
    {
      const Part *part = &g_array_index (self->parts, Part, p);
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
part_rows_sql (JbQuery *self, const Part *part)
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
  g_autofree char *order = order_sql (part->keys, part->descending);
  g_string_append_printf (sql, "%s WHERE %s ORDER BY %s", joins + strlen (base), part->where,
                          order);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

gboolean
jb_query_foreach (JbQuery *self, JbQueryFunc func, gpointer user_data, GError **error)
{
  if (!self->planned && !plan (self, error))
    return FALSE;
  for (guint p = 0; p < self->parts->len; p++)
    {
      const Part *part = &g_array_index (self->parts, Part, p);
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
      bind_query (self, stmt, part);
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

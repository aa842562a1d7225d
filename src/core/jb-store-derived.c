/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-derived.c: the tables, triggers and indexes that the store
 * derives from the kind tables of jb-kind.c, for searching and sorting:
 *
 * - <kind>_search: an FTS5 index (tokenizer "jiebang") over the kind's
 *   searched fields; a reference field holds the title of the record it
 *   points to (a demand's owner_id column holds the owner's name).  The
 *   index keeps its own copy of the text: a row is then removed by its id
 *   alone, which stays right through cascades and renames, where an index
 *   without content needs the exact text it was given, long after it changed.
 * - triggers that keep it right on every insert, update and delete, and
 *   re-index the records that refer to a record whose title changed;
 * - <kind>_sort_<field>: an index on the sort key of each listed field
 *   (jb_store_sort_sql()), so that a table sorts by ORDER BY on an index;
 * - the figures' running totals and their triggers (jb-store-aggregates.c),
 *   built together and filled from the records once all exist.
 *
 * Each object's definition is kept in the table derived_schema (schema 4),
 * with the versions of the tokenizer and of the collation it depends on.
 * Opening the store compares them with what this code derives and rebuilds
 * what differs, with progress: a database of an older Jiebang gets its index
 * on first open, and a field newly searched or a new tokenizer rule needs no
 * hand-written migration.
 *
 * A large import (JB_SAVE_BULK) would pay the triggers and the sort
 * indexes record by record, in random order: while it runs the triggers are
 * dropped (not the totals' UPDATE and DELETE triggers, which skip the rows
 * the import added), as are the sort indexes of kinds that were empty, and
 * its commit brings all up to date in a few statements (jb_store_bulk_*).  Importing
 * 100,000 demands took 30 s (CPU 22 s) without this and takes 12 s (CPU 7 s)
 * with it, on a loaded machine. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "jb-store-private.h"
#include "jb-tokenizer.h"

typedef enum { SEARCH_TABLE, AGGREGATE_TABLE, SORT_INDEX, TRIGGER } DerivedType;

typedef struct {
  char *name;
  DerivedType type;
  JbKindId kind;
  char *create;
  char *definition;
  gboolean aggregate;  /* of the figures' totals: built, and filled, together */
  gboolean kept;       /* a trigger that stays while a bulk save runs */
} Derived;

static const char *const type_names[] = { "table", "table", "index", "trigger" };

/* ---- what is derived ----------------------------------------------------- */

/* "SELECT t.id, t.code, t.title, r2.name… FROM demand t LEFT JOIN
 * organization r2 ON r2.id = t.owner_id…": a row of the index, with the
 * titles of the records it refers to; append a WHERE. */
static GString *
source_sql (const JbKind *kind)
{
  GString *sql = g_string_new ("SELECT t.id");
  g_autoptr (GString) joins = g_string_new (NULL);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (!(f->flags & JB_FIELD_SEARCHED))
        continue;
      if (f->type != JB_TYPE_REF)
        {
          g_string_append_printf (sql, ", t.%s", f->name);
          continue;
        }
      const JbKind *target = jb_store_ref_target (f);
      g_string_append_printf (sql, ", r%u.%s", i, target->title);
      g_string_append_printf (joins, " LEFT JOIN %s r%u ON r%u.id = t.%s", target->name, i, i,
                              f->name);
    }
  g_string_append_printf (sql, " FROM %s t%s", kind->name, joins->str);
  return sql;
}

/* "INSERT INTO demand_search (rowid, code, title…) " */
static GString *
insert_sql (const JbKind *kind)
{
  GString *sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s_search (rowid", kind->name);
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & JB_FIELD_SEARCHED)
      g_string_append_printf (sql, ", %s", kind->fields[i].name);
  g_string_append (sql, ") ");
  g_autoptr (GString) source = source_sql (kind);
  g_string_append (sql, source->str);
  return sql;
}

/* "INSERT INTO demand_search (rowid, code…) VALUES (new.id, new.code…,
 * (SELECT name FROM organization WHERE id = new.owner_id)…)": the index row
 * of a trigger's new row.  Short to parse and plan, which every connection
 * does for every statement that fires it. */
static GString *
insert_new_sql (const JbKind *kind)
{
  GString *sql = g_string_new (NULL);
  g_autoptr (GString) values = g_string_new ("new.id");
  g_string_append_printf (sql, "INSERT INTO %s_search (rowid", kind->name);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (!(f->flags & JB_FIELD_SEARCHED))
        continue;
      g_string_append_printf (sql, ", %s", f->name);
      if (f->type == JB_TYPE_REF)
        {
          const JbKind *target = jb_store_ref_target (f);
          g_string_append_printf (values, ", (SELECT %s FROM %s WHERE id = new.%s)",
                                  target->title, target->name,
                                  f->name);
        }
      else
        g_string_append_printf (values, ", new.%s", f->name);
    }
  g_string_append_printf (sql, ") VALUES (%s)", values->str);
  return sql;
}

static Derived *
add (GPtrArray *all, DerivedType type, JbKindId kind, char *name, char *create,
     const char *version)
{
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((Derived *) g_ptr_array_index (all, i))->name, name))
      {
        g_free (name);
        g_free (create);
        return NULL;
      }
  Derived *d = g_new0 (Derived, 1);
  d->name = name;
  d->type = type;
  d->kind = kind;
  d->create = create;
  d->definition = version ? g_strdup_printf ("%s -- %s", create, version) : g_strdup (create);
  g_ptr_array_add (all, d);
  return d;
}

static void
add_sort_index (GPtrArray *all, const JbKind *kind, guint field)
{
  const JbField *f = &kind->fields[field];
  g_autofree char *key = jb_store_sort_sql (kind, f, "");
  gboolean text = f->type == JB_TYPE_TEXT || f->type == JB_TYPE_LONG_TEXT;
  add (all, SORT_INDEX, kind->id, g_strdup_printf ("%s_sort_%s", kind->name, f->name),
       g_strdup_printf ("CREATE INDEX %s_sort_%s ON %s (%s)", kind->name, f->name, kind->name, key),
       text ? jb_store_collation_version () : NULL);
}

static void
add_kind (GPtrArray *all, const JbKind *kind)
{
  g_autoptr (GString) columns = g_string_new (NULL);
  g_autoptr (GString) changed = g_string_new ("old.id IS NOT new.id");
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & JB_FIELD_SEARCHED)
      {
        g_string_append_printf (columns, "%s, ", kind->fields[i].name);
        g_string_append_printf (changed, " OR old.%s IS NOT new.%s", kind->fields[i].name,
                                kind->fields[i].name);
      }
  g_autofree char *version = g_strdup_printf ("tokenizer %d", JB_TOKENIZER_VERSION);
  /* FTS5 writes what it has gathered in memory as a new segment, to be
   * merged later, every "hashsize" bytes (1 MB by default): with 16 MB,
   * building the index of a large import takes a third less time. */
  add (all, SEARCH_TABLE, kind->id, g_strdup_printf ("%s_search", kind->name),
       g_strdup_printf ("CREATE VIRTUAL TABLE %s_search USING fts5 (%stokenize = 'jiebang'); "
                        "INSERT INTO %s_search (%s_search, rank) VALUES ('hashsize', %d)",
                        kind->name, columns->str, kind->name, kind->name, 16 << 20),
       version);

  g_autoptr (GString) insert = insert_new_sql (kind);
  add (all, TRIGGER, kind->id, g_strdup_printf ("%s_search_insert", kind->name),
       g_strdup_printf ("CREATE TRIGGER %s_search_insert AFTER INSERT ON %s BEGIN %s; END",
                        kind->name, kind->name, insert->str), NULL);
  add (all, TRIGGER, kind->id, g_strdup_printf ("%s_search_update", kind->name),
       g_strdup_printf ("CREATE TRIGGER %s_search_update AFTER UPDATE ON %s WHEN %s BEGIN "
                        "DELETE FROM %s_search WHERE rowid = old.id; %s; END", kind->name,
                        kind->name, changed->str, kind->name, insert->str), NULL);
  add (all, TRIGGER, kind->id, g_strdup_printf ("%s_search_delete", kind->name),
       g_strdup_printf ("CREATE TRIGGER %s_search_delete AFTER DELETE ON %s BEGIN "
                        "DELETE FROM %s_search WHERE rowid = old.id; END", kind->name, kind->name,
                        kind->name), NULL);

  /* The order of entry: SQLite reads it from this narrow index rather than
   * from the table's wide rows when it skips half a million of them. */
  add (all, SORT_INDEX, kind->id, g_strdup_printf ("%s_sort_id", kind->name),
       g_strdup_printf ("CREATE INDEX %s_sort_id ON %s (id)", kind->name, kind->name), NULL);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (!(f->flags & JB_FIELD_LISTED))
        continue;
      /* A reference sorts by its target's title: the target's index, and the
       * index on the reference column that every reference has (schema 1). */
      if (f->type == JB_TYPE_REF)
        add_sort_index (all, jb_store_ref_target (f), jb_kind_title_index (jb_store_ref_target (f)));
      else
        add_sort_index (all, kind, i);
    }
}

/* The trigger that re-indexes, when @target's title changes, the records
 * whose searched references point at it. */
static void
add_titles_trigger (GPtrArray *all, const JbKind *target)
{
  const char *title = target->title;
  g_autoptr (GString) body = g_string_new (NULL);

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      g_autoptr (GString) where = g_string_new (NULL);
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          if (f->type == JB_TYPE_REF && f->ref_kind == target->id &&
              (f->flags & JB_FIELD_SEARCHED))
            g_string_append_printf (where, "%s%s = new.id", where->len ? " OR " : "", f->name);
        }
      if (where->len == 0)
        continue;
      g_autoptr (GString) insert = insert_sql (kind);
      g_autofree char *where_t = g_strdup (where->str);
      g_autoptr (GString) qualified = g_string_new (NULL);
      /* the same condition on the source's alias */
      g_auto (GStrv) parts = g_strsplit (where_t, " OR ", -1);
      for (guint p = 0; parts[p]; p++)
        g_string_append_printf (qualified, "%st.%s", p ? " OR " : "", parts[p]);
      g_string_append_printf (body, "DELETE FROM %s_search WHERE rowid IN "
                              "(SELECT id FROM %s WHERE %s); %s WHERE %s; ",
                              kind->name, kind->name, where->str, insert->str, qualified->str);
    }
  if (body->len == 0)
    return;
  add (all, TRIGGER, target->id, g_strdup_printf ("%s_search_titles", target->name),
       g_strdup_printf ("CREATE TRIGGER %s_search_titles AFTER UPDATE ON %s "
                        "WHEN old.%s IS NOT new.%s BEGIN %sEND", target->name, target->name, title,
                        title, body->str), NULL);
}

/* The figures' totals (jb-store-aggregates.c). */
static void
add_aggregates (GPtrArray *all)
{
  static const DerivedType types[] = {
    [JB_AGGREGATE_TABLE] = AGGREGATE_TABLE, [JB_AGGREGATE_INDEX] = SORT_INDEX,
    [JB_AGGREGATE_TRIGGER] = TRIGGER, [JB_AGGREGATE_INSERT_TRIGGER] = TRIGGER,
  };
  g_autoptr (GPtrArray) objects = jb_store_aggregates_objects ();
  for (guint i = 0; i < objects->len; i++)
    {
      JbAggregateObject *o = g_ptr_array_index (objects, i);
      Derived *d = add (all, types[o->type], o->kind, g_steal_pointer (&o->name),
                        g_steal_pointer (&o->create), NULL);
      d->aggregate = TRUE;
      d->kept = o->type == JB_AGGREGATE_TRIGGER;
    }
}

static void
derived_free (Derived *d)
{
  g_free (d->name);
  g_free (d->create);
  g_free (d->definition);
  g_free (d);
}

/* Everything derived, in the order of creation: the index tables, the sort
 * indexes, then the triggers that write to the tables. */
static GPtrArray *
derived_objects (void)
{
  static GPtrArray *all;
  if (g_once_init_enter (&all))
    {
      GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) derived_free);
      for (guint k = 0; k < JB_N_KINDS; k++)
        add_kind (list, jb_kind_get (k));
      for (guint k = 0; k < JB_N_KINDS; k++)
        add_titles_trigger (list, jb_kind_get (k));
      add_aggregates (list);
      /* tables, then indexes, then triggers: a stable sort by type */
      GPtrArray *sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) derived_free);
      for (guint type = SEARCH_TABLE; type <= TRIGGER; type++)
        for (guint i = 0; i < list->len; i++)
          if (((Derived *) g_ptr_array_index (list, i))->type == type)
            g_ptr_array_add (sorted, g_ptr_array_steal_index_fast (list, i--));
      g_ptr_array_unref (list);
      g_once_init_leave (&all, sorted);
    }
  return all;
}

/* ---- building ------------------------------------------------------------ */

typedef struct {
  GCancellable *cancellable;
  JbProgressFunc progress;
  gpointer user_data;
  double done, total;
} Work;

static int
check_cancelled (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static void
work_advance (Work *work, double amount)
{
  work->done += amount;
  if (work->progress && work->total > 0)
    work->progress (MIN (work->done / work->total, 1.0), work->user_data);
}

static gint64
count_rows (JbStore *self, JbKindId kind)
{
  return MAX (jb_store_count (self, kind), 0);
}

/* Index rows cost about twenty times a sort index's entry. */
#define SEARCH_COST 20.0
/* Rows indexed per statement: progress a few times a second. */
#define BATCH 20000

/* Indexes the rows of @kind after the row id @after, a batch at a time. */
static gboolean
populate_search (JbStore *self, const JbKind *kind, gint64 after, Work *work, GError **error)
{
  g_autoptr (GString) sql = insert_sql (kind);
  g_string_append (sql, " WHERE t.id >= ?1 AND t.id < ?2");
  g_autofree char *range = g_strdup_printf ("SELECT min(id), max(id) FROM %s WHERE id > ?1",
                                            kind->name);
  sqlite3_stmt *stmt = jb_store_prepare (self, range, FALSE, error);
  gint64 first = 0, last = -1;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      first = sqlite3_column_int64 (stmt, 0);
      last = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (last < first)
    return TRUE;

  if (!(stmt = jb_store_prepare (self, sql->str, FALSE, error)))
    return FALSE;
  gboolean ok = TRUE;
  for (gint64 from = first; ok && from <= last; from += BATCH)
    {
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, from + BATCH);
      ok = sqlite3_step (stmt) == SQLITE_DONE || jb_store_fail (self, error);
      sqlite3_reset (stmt);
      if (ok)
        work_advance (work, SEARCH_COST * sqlite3_changes (self->db));
      if (ok && g_cancellable_set_error_if_cancelled (work->cancellable, error))
        ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
drop (JbStore *self, const char *type, const char *name, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("DROP %s IF EXISTS %s", type, name);
  return jb_store_exec (self, sql, error);
}

static gboolean
build (JbStore *self, const Derived *d, Work *work, GError **error)
{
  if (!drop (self, type_names[d->type], d->name, error) || !jb_store_exec (self, d->create, error))
    return FALSE;
  if (d->type == SEARCH_TABLE && !populate_search (self, jb_kind_get (d->kind), G_MININT64, work,
                                                   error))
    return FALSE;
  /* (The totals advance once filled, after all are built.) */
  if (d->type == SORT_INDEX)
    work_advance (work, count_rows (self, d->kind));

  sqlite3_stmt *stmt = jb_store_statement (self, "INSERT OR REPLACE INTO derived_schema "
                                                 "(name, type, definition) VALUES (?1, ?2, ?3)",
                                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type_names[d->type], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, d->definition, -1, SQLITE_STATIC);
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE || jb_store_fail (self, error);
  sqlite3_reset (stmt);
  return ok;
}

/* name → definition of what the database holds and what derived_schema
 * says it is; NULL for an object whose record is missing. */
static GHashTable *
read_present (JbStore *self, GError **error)
{
  GHashTable *present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = jb_store_prepare (self,
                                         "SELECT s.name, d.definition FROM sqlite_schema s "
                                         "LEFT JOIN derived_schema d ON d.name = s.name",
                                         FALSE, error);
  if (stmt == NULL)
    {
      g_hash_table_unref (present);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (present, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return present;
}

gboolean
jb_store_derived_update (JbStore *self, GCancellable *cancellable, JbProgressFunc progress,
                         gpointer user_data, GError **error)
{
  GPtrArray *all = derived_objects ();
  g_autoptr (GHashTable) present = read_present (self, error);
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  Work work = { cancellable, progress, user_data, 0, 0 };

  if (present == NULL)
    return FALSE;
  gboolean aggregates = FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      Derived *d = g_ptr_array_index (all, i);
      aggregates |= d->aggregate &&
                    g_strcmp0 (g_hash_table_lookup (present, d->name), d->definition) != 0;
    }
  /* The totals are built together: filled from the records once all exist. */
  for (guint i = 0; i < all->len; i++)
    {
      Derived *d = g_ptr_array_index (all, i);
      if (g_strcmp0 (g_hash_table_lookup (present, d->name), d->definition) != 0 ||
          (d->aggregate && aggregates))
        g_ptr_array_add (todo, d);
    }
  /* Objects of an older Jiebang that this one no longer derives. */
  g_autoptr (GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = jb_store_prepare (self, "SELECT name, type FROM derived_schema", FALSE,
                                         error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *type = (const char *) sqlite3_column_text (stmt, 1);
      gboolean wanted = FALSE;
      for (guint i = 0; i < all->len && !wanted; i++)
        wanted = g_str_equal (((Derived *) g_ptr_array_index (all, i))->name, name);
      /* Names of our own making only: they go into SQL text. */
      if (wanted || !g_regex_match_simple ("^[a-z_]+$", name, 0, 0) ||
          !g_strv_contains ((const char * const[]) { "table", "index", "trigger", NULL }, type))
        continue;
      g_ptr_array_add (stale, g_strdup_printf ("DROP %s IF EXISTS %s; DELETE FROM "
                                               "derived_schema WHERE name = '%s'", type, name,
                                               name));
    }
  sqlite3_finalize (stmt);
  if (todo->len == 0 && stale->len == 0)
    return TRUE;

  for (guint i = 0; i < todo->len; i++)
    {
      Derived *d = g_ptr_array_index (todo, i);
      gint64 rows = d->type == TRIGGER ? 0 : count_rows (self, d->kind);
      work.total += d->type == SEARCH_TABLE ? SEARCH_COST * rows : rows;
    }
  if (!jb_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  sqlite3_progress_handler (self->db, 100000, check_cancelled, cancellable);
  /* As in jb_store_bulk_finish(): index sorts on the second core. */
  jb_store_exec (self, "PRAGMA threads = 2", NULL);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < stale->len; i++)
    ok = jb_store_exec (self, g_ptr_array_index (stale, i), error);
  for (guint i = 0; ok && i < todo->len; i++)
    ok = build (self, g_ptr_array_index (todo, i), &work, error);
  if (ok && aggregates)
    ok = jb_store_aggregates_fill (self, NULL, error);
  if (ok && aggregates)
    for (guint i = 0; i < todo->len; i++)
      {
        Derived *d = g_ptr_array_index (todo, i);
        if (d->type == AGGREGATE_TABLE)
          work_advance (&work, count_rows (self, d->kind));
      }
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  jb_store_exec (self, "PRAGMA threads = 0", NULL);
  if (ok)
    ok = jb_store_exec (self, "COMMIT", error);
  if (!ok)
    {
      jb_store_exec (self, "ROLLBACK", NULL);
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (error);
          g_cancellable_set_error_if_cancelled (cancellable, error);
        }
    }
  return ok;
}

/* ---- checking ------------------------------------------------------------ */

gboolean
jb_store_check_index (JbStore *self, GError **error)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      g_autofree char *check = g_strdup_printf ("INSERT INTO %s_search (%s_search) "
                                                "VALUES ('integrity-check')", kind->name,
                                                kind->name);
      if (!jb_store_exec (self, check, error))
        return FALSE;
      /* What the index holds against what it should hold, both ways. */
      g_autoptr (GString) indexed = g_string_new ("SELECT rowid");
      for (guint i = 0; i < kind->n_fields; i++)
        if (kind->fields[i].flags & JB_FIELD_SEARCHED)
          g_string_append_printf (indexed, ", %s", kind->fields[i].name);
      g_string_append_printf (indexed, " FROM %s_search", kind->name);
      g_autoptr (GString) source = source_sql (kind);
      g_autofree char *what = g_strdup_printf ("the search index of %s", kind->name);
      if (!jb_store_same_rows (self, what, indexed->str, source->str, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- bulk saves ---------------------------------------------------------- */

#define UPDATED_TABLE \
  "CREATE TEMP TABLE IF NOT EXISTS jb_bulk_updated (" \
  " kind INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID"

static gint64
max_id (JbStore *self, JbKindId kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(max(id), 0) FROM %s",
                                          jb_kind_get (kind)->name);
  return jb_store_query_int (self, sql);
}

/* A sort index that the bulk save dropped, to build at the end. */
static gboolean
deferred_sort (JbStore *self, const Derived *d)
{
  return d->type == SORT_INDEX && !d->aggregate && (self->bulk_sorts & (1u << d->kind));
}

gboolean
jb_store_bulk_begin (JbStore *self, JbKindId kind, GError **error)
{
  GPtrArray *all = derived_objects ();

  if (!self->bulk)
    {
      if (!jb_store_exec (self, UPDATED_TABLE "; DELETE FROM jb_bulk_updated", error))
        return FALSE;
      for (guint i = 0; i < all->len; i++)
        {
          Derived *d = g_ptr_array_index (all, i);
          if (d->type == TRIGGER && !d->kept && !drop (self, "TRIGGER", d->name, error))
            return FALSE;
        }
      for (guint k = 0; k < JB_N_KINDS; k++)
        self->bulk_mark[k] = max_id (self, k);
      self->bulk = TRUE;
      self->bulk_sorts = 0;
    }
  /* Into an empty table, a sort index is built faster at the end, sorted
   * once, than kept in order row by row. */
  if (self->bulk_mark[kind] == 0 && !(self->bulk_sorts & (1u << kind)))
    {
      self->bulk_sorts |= 1u << kind;
      for (guint i = 0; i < all->len; i++)
        {
          Derived *d = g_ptr_array_index (all, i);
          if (deferred_sort (self, d) && d->kind == kind && !drop (self, "INDEX", d->name, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
jb_store_bulk_note (JbStore *self, JbKindId kind, gint64 id, GError **error)
{
  if (!self->bulk || id > self->bulk_mark[kind])
    return TRUE;
  sqlite3_stmt *stmt = jb_store_statement (self, "INSERT OR IGNORE INTO jb_bulk_updated "
                                                 "(kind, id) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, id);
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE || jb_store_fail (self, error);
  sqlite3_reset (stmt);
  return ok;
}

static gboolean
exec_bound (JbStore *self, const char *sql, gint64 value, GError **error)
{
  sqlite3_stmt *stmt = jb_store_prepare (self, sql, FALSE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value);
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE || jb_store_fail (self, error);
  sqlite3_finalize (stmt);
  return ok;
}

/* Re-indexes the rows of @kind that @where (on "t", binding ?1) selects. */
static gboolean
reindex (JbStore *self, const JbKind *kind, const char *where, gint64 value, GError **error)
{
  g_autoptr (GString) insert = insert_sql (kind);
  g_autofree char *del = g_strdup_printf ("DELETE FROM %s_search WHERE rowid IN "
                                          "(SELECT t.id FROM %s t WHERE %s)", kind->name,
                                          kind->name, where);
  g_string_append_printf (insert, " WHERE %s", where);
  return exec_bound (self, del, value, error) && exec_bound (self, insert->str, value, error);
}

static gint64
count_updated (JbStore *self, JbKindId kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jb_bulk_updated WHERE kind = %u",
                                          kind);
  return jb_store_query_int (self, sql);
}

/* What catch_up() has to do, in the units of Work: the rows to index, the
 * new rows' totals, the entries of the sort indexes to build. */
static double
catch_up_cost (JbStore *self)
{
  GPtrArray *all = derived_objects ();
  double total = 0;

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      /* Row ids count up: the new rows are about the ids past the mark. */
      gint64 last = max_id (self, k);
      total += (SEARCH_COST + 1) * MAX (last - self->bulk_mark[k], 0) +
               SEARCH_COST * count_updated (self, k);
      for (guint i = 0; i < all->len; i++)
        if (deferred_sort (self, g_ptr_array_index (all, i)) &&
            ((Derived *) g_ptr_array_index (all, i))->kind == k)
          total += last;
    }
  return total;
}

static gboolean
catch_up (JbStore *self, Work *work, GError **error)
{
  GPtrArray *all = derived_objects ();
  double added = 0;

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      g_autofree char *updated = g_strdup_printf ("t.id IN (SELECT id FROM jb_bulk_updated "
                                                  "WHERE kind = %u)", k);
      /* New rows by range: a delete by rowid range is cheap in FTS5. */
      g_autofree char *del = g_strdup_printf ("DELETE FROM %s_search WHERE rowid > ?1",
                                              kind->name);
      added += MAX (max_id (self, k) - self->bulk_mark[k], 0);
      if (!exec_bound (self, del, self->bulk_mark[k], error) ||
          !populate_search (self, kind, self->bulk_mark[k], work, error) ||
          !reindex (self, kind, updated, 0, error))
        return FALSE;
      work_advance (work, SEARCH_COST * count_updated (self, k));
      /* Records whose references point at an updated record: its title may
       * have changed. */
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          if (f->type != JB_TYPE_REF || !(f->flags & JB_FIELD_SEARCHED))
            continue;
          g_autofree char *where = g_strdup_printf ("t.id <= ?1 AND t.%s IN (SELECT id FROM "
                                                    "jb_bulk_updated WHERE kind = %u)",
                                                    f->name, f->ref_kind);
          if (!reindex (self, kind, where, self->bulk_mark[k], error))
            return FALSE;
        }
    }
  /* The figures' totals of the new rows, whose INSERT triggers were dropped. */
  if (!jb_store_aggregates_fill (self, self->bulk_mark, error))
    return FALSE;
  work_advance (work, added);
  for (guint i = 0; i < all->len; i++)
    {
      Derived *d = g_ptr_array_index (all, i);
      if ((d->type == TRIGGER && !d->kept) || deferred_sort (self, d))
        {
          /* IF NOT EXISTS: a savepoint rolled back may have brought it back. */
          g_autoptr (GString) create = g_string_new (d->create);
          g_string_replace (create, d->type == TRIGGER ? "CREATE TRIGGER " : "CREATE INDEX ",
                            d->type == TRIGGER ? "CREATE TRIGGER IF NOT EXISTS "
                                               : "CREATE INDEX IF NOT EXISTS ", 1);
          if (!jb_store_exec (self, create->str, error))
            return FALSE;
          if (d->type == SORT_INDEX)
            work_advance (work, max_id (self, d->kind));
        }
    }
  return jb_store_exec (self, "DELETE FROM jb_bulk_updated", error);
}

gboolean
jb_store_bulk_finish (JbStore *self, GCancellable *cancellable, JbProgressFunc progress,
                      gpointer user_data, GError **error)
{
  if (!self->bulk)
    return TRUE;
  Work work = { cancellable, progress, user_data, 0, catch_up_cost (self) };
  /* SQLite sorts a new index in as much memory as the page cache may hold,
   * and the index's terms gather in memory beside that cache: with an
   * import's 64 MB cache (jb_store_set_cache_size()), a million demands
   * peaked at 203 MB.  16 MB is enough for writing segments and indexes
   * once each. */
  gint64 cache = jb_store_query_int (self, "PRAGMA cache_size");
  gboolean shrink = cache < -16384 || cache > 4096;
  if (shrink)
    jb_store_exec (self, "PRAGMA cache_size = -16384", NULL);
  /* The sorts of CREATE INDEX on a second core: a 100,000-demand import
   * took 10 % less time. */
  jb_store_exec (self, "PRAGMA threads = 2", NULL);
  /* A statement of a million rows (a sort index) stops at a cancel too. */
  if (cancellable)
    sqlite3_progress_handler (self->db, 100000, check_cancelled, cancellable);
  gboolean ok = catch_up (self, &work, error) &&
                !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (cancellable)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  jb_store_exec (self, "PRAGMA threads = 0", NULL);
  if (shrink)
    {
      g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache);
      jb_store_exec (self, restore, NULL);
    }
  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  /* Failed, the transaction still lacks its triggers: the commit tries again. */
  if (ok)
    jb_store_bulk_reset (self);
  return ok;
}

void
jb_store_bulk_reset (JbStore *self)
{
  self->bulk = FALSE;
  self->bulk_sorts = 0;
}

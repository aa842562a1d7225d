/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-aggregates.c: the figures' running totals (jb-stats.h), kept by
 * the store so that a dashboard over a million demands sums a few thousand
 * rows instead of reading every record.
 *
 * Each stats_* table holds, per cell, how many records fall in it and their
 * amounts.  A cell is a month of the date the figure counts by (created,
 * submitted, signed_on… as jb-stats.h says; '' when the date is unset) and
 * the event the record belongs to (0: none) — for a deal or a payment both
 * its own event and its demand's, since either puts it in a scope — plus
 * what the figures split by (a status, an industry…).  stats_owner holds
 * each owner's demands per year of every event (event -1), and over all
 * years (year 0) of every event and of each: how many enterprises are
 * involved and which invest most.
 *
 * Triggers keep the cells right on every insert, update and delete: a
 * BEFORE trigger takes the record's contribution out while the table still
 * holds the old values, an AFTER trigger puts it back from the new ones.  A
 * contribution reads the current rows of the records it depends on (a
 * solution's demand, a payment's deal), so when a demand moves to another
 * event or a deal is signed, its solutions, deals and payments move with
 * it, in the same way.  A deal deleted takes its payments out before
 * SQLite's cascade deletes them (the payments' own triggers then find no
 * deal and do nothing).
 *
 * A large import (JB_SAVE_BULK, jb-store-derived.c) drops the INSERT
 * triggers and adds the new rows at its end, one pass over each kind's new
 * rows summing into hash tables (a GROUP BY per table sorted a million
 * demands six times: 13 s against 2); jb_counted() tells the other triggers
 * which rows those are, so that a new row changed during the import is not
 * taken out before it was put in.
 *
 * The tables are derived objects (jb-store-derived.c): a database without
 * them, or with other definitions, gets them rebuilt from its records when
 * it opens. */
#include "config.h"

#include <string.h>

#include "jb-store-private.h"

/* How a table sums the records of @kind (rows r, and for payments their deal
 * k): each row that @filter keeps adds its @sums to the cell its @keys
 * name.  Several may fill one table (stats_owner). */
typedef struct {
  const char *table;
  JbKindId kind;
  const char *columns;    /* the key's column definitions */
  const char *keys[5];    /* an expression for each */
  const char *values[3];  /* the value columns, INTEGER NOT NULL */
  const char *sums[3];    /* an expression for each, summed */
  const char *filter;
  /* how the rows depend on a record of another kind: "demand:r.demand_id =
   * @ID@" (the parent's id), up to two */
  const char *parents[2];
} Aggregate;

#define MONTH(date) "coalesce(substr(" date ", 1, 7), '')"
#define DEMAND_EVENT(ref) "coalesce((SELECT d.event_id FROM demand d WHERE d.id = " ref "), 0)"
#define EVENT(ref) "coalesce(" ref ", 0)"
#define OWNER_COLUMNS "year INTEGER NOT NULL, event_id INTEGER NOT NULL, owner_id INTEGER NOT NULL"

static const Aggregate aggregates[] = {
  { "stats_demand", JB_KIND_DEMAND,
    "month TEXT NOT NULL, event_id INTEGER NOT NULL, status TEXT NOT NULL",
    { MONTH ("r.created"), EVENT ("r.event_id"), "r.status" },
    { "n", "investment" }, { "1", "coalesce(r.investment, 0)" }, NULL, { NULL } },
  { "stats_demand_industry", JB_KIND_DEMAND,
    "month TEXT NOT NULL, event_id INTEGER NOT NULL, industry TEXT NOT NULL",
    { MONTH ("r.created"), EVENT ("r.event_id"), "coalesce(r.industry, '')" },
    { "n" }, { "1" }, NULL, { NULL } },
  { "stats_demand_region", JB_KIND_DEMAND,
    "month TEXT NOT NULL, event_id INTEGER NOT NULL, province TEXT NOT NULL",
    { MONTH ("r.created"), EVENT ("r.event_id"), "coalesce(r.province, '')" },
    { "n" }, { "1" }, NULL, { NULL } },
  /* Every demand counts three times: in its year of every event (-1), in all
   * years (0) of every event, and in all years of its own. */
  { "stats_owner", JB_KIND_DEMAND, OWNER_COLUMNS,
    { "CAST(substr(r.created, 1, 4) AS INTEGER)", "-1", "r.owner_id" },
    { "n", "investment" }, { "1", "coalesce(r.investment, 0)" }, NULL, { NULL } },
  { "stats_owner", JB_KIND_DEMAND, OWNER_COLUMNS,
    { "0", "-1", "r.owner_id" },
    { "n", "investment" }, { "1", "coalesce(r.investment, 0)" }, NULL, { NULL } },
  { "stats_owner", JB_KIND_DEMAND, OWNER_COLUMNS,
    { "0", EVENT ("r.event_id"), "r.owner_id" },
    { "n", "investment" }, { "1", "coalesce(r.investment, 0)" }, NULL, { NULL } },
  { "stats_solution", JB_KIND_SOLUTION,
    "month TEXT NOT NULL, event_id INTEGER NOT NULL, status TEXT NOT NULL",
    { MONTH ("r.submitted"), DEMAND_EVENT ("r.demand_id"), "r.status" },
    { "n" }, { "1" }, NULL, { "demand:r.demand_id = @ID@" } },
  { "stats_deal", JB_KIND_DEAL,
    "month TEXT NOT NULL, event_id INTEGER NOT NULL, demand_event_id INTEGER NOT NULL",
    { MONTH ("r.created"), EVENT ("r.event_id"), DEMAND_EVENT ("r.demand_id") },
    { "n" }, { "1" }, NULL, { "demand:r.demand_id = @ID@" } },
  { "stats_deal_signed", JB_KIND_DEAL,
    "month TEXT NOT NULL, stage TEXT NOT NULL, event_id INTEGER NOT NULL,"
    " demand_event_id INTEGER NOT NULL",
    { MONTH ("r.signed_on"), "r.stage", EVENT ("r.event_id"), DEMAND_EVENT ("r.demand_id") },
    { "n", "contract_amount", "transaction_amount" },
    { "1", "coalesce(r.contract_amount, 0)", "coalesce(r.transaction_amount, 0)" }, NULL,
    { "demand:r.demand_id = @ID@" } },
  /* A payment through its deal: the join finds nothing once the deal is
   * deleted. */
  { "stats_payment_received", JB_KIND_PAYMENT,
    "month TEXT NOT NULL, event_id INTEGER NOT NULL, demand_event_id INTEGER NOT NULL",
    { MONTH ("r.received_on"), EVENT ("k.event_id"), DEMAND_EVENT ("k.demand_id") },
    { "n", "amount" }, { "1", "r.amount" }, "r.received = 1",
    { "demand:k.demand_id = @ID@", "deal:r.deal_id = @ID@" } },
  /* Not received, by due month and by the deal's signing month and stage:
   * what is outstanding at the end of a period, and since when. */
  { "stats_payment_open", JB_KIND_PAYMENT,
    "due_month TEXT NOT NULL, signed_month TEXT NOT NULL, stage TEXT NOT NULL,"
    " event_id INTEGER NOT NULL, demand_event_id INTEGER NOT NULL",
    { MONTH ("r.due_date"), MONTH ("k.signed_on"), "k.stage", EVENT ("k.event_id"),
      DEMAND_EVENT ("k.demand_id") },
    { "n", "amount" }, { "1", "r.amount" }, "r.received IS NOT 1",
    { "demand:k.demand_id = @ID@", "deal:r.deal_id = @ID@" } },
};

/* The kinds summed: their rows, the columns whose change changes a record's
 * own contribution, and those whose change moves the records that depend on
 * it. */
static const struct {
  JbKindId kind;
  const char *from;
  const char *own;
  const char *moves;
} kinds[] = {
  { JB_KIND_DEMAND, "demand r", "created event_id status industry province owner_id investment",
    "event_id" },
  { JB_KIND_SOLUTION, "solution r", "demand_id submitted status", NULL },
  { JB_KIND_DEAL, "deal r",
    "created event_id demand_id stage signed_on contract_amount transaction_amount",
    "event_id demand_id stage signed_on" },
  { JB_KIND_PAYMENT, "payment r JOIN deal k ON k.id = r.deal_id",
    "deal_id due_date amount received received_on", NULL },
};

static const char *
from_of (JbKindId kind)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (kinds[k].kind == kind)
      return kinds[k].from;
  g_return_val_if_reached (NULL);
}

static guint
n_of (const char *const *strings, guint max)
{
  guint n = 0;
  while (n < max && strings[n])
    n++;
  return n;
}

#define N_KEYS(a) n_of ((a)->keys, G_N_ELEMENTS ((a)->keys))
#define N_VALUES(a) n_of ((a)->values, G_N_ELEMENTS ((a)->values))

/* "jb_counted(k, r.id)": FALSE for a row that a bulk save added and whose
 * contribution its end will add (jb_store_bulk_*). */
static void
counted_function (sqlite3_context *ctx, int n_args, sqlite3_value **args)
{
  JbStore *self = sqlite3_user_data (ctx);
  int kind = sqlite3_value_int (args[0]);
  gint64 id = sqlite3_value_int64 (args[1]);
  gboolean deferred = self->bulk && kind >= 0 && kind < JB_N_KINDS &&
                      id > self->bulk_mark[kind];
  sqlite3_result_int (ctx, !deferred);
}

gboolean
jb_store_aggregates_register (JbStore *self, GError **error)
{
  if (sqlite3_create_function (self->db, "jb_counted", 2, SQLITE_UTF8, self, counted_function,
                               NULL, NULL) != SQLITE_OK)
    return jb_store_fail (self, error);
  return TRUE;
}

/* ---- SQL ------------------------------------------------------------------ */

/* "month, event_id, status" */
static GString *
key_names (const Aggregate *a)
{
  GString *names = g_string_new (NULL);
  g_auto (GStrv) defs = g_strsplit (a->columns, ",", -1);
  for (guint i = 0; defs[i]; i++)
    {
      g_autofree char *def = g_strstrip (g_strdup (defs[i]));
      g_string_append_printf (names, "%s%.*s", i ? ", " : "", (int) strcspn (def, " "), def);
    }
  return names;
}

/* "SELECT <keys>, <@sign>sum(<sums>)… FROM … WHERE <filter> AND @where
 * GROUP BY <keys>": the contribution of the rows @where keeps. */
static GString *
contribution_sql (const Aggregate *a, const char *sign, const char *where)
{
  GString *sql = g_string_new ("SELECT ");
  guint n_keys = N_KEYS (a);
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (sql, "%s, ", a->keys[i]);
  for (guint i = 0; i < N_VALUES (a); i++)
    g_string_append_printf (sql, "%s%ssum(%s)", i ? ", " : "", sign, a->sums[i]);
  g_string_append_printf (sql, " FROM %s WHERE %s%s%s GROUP BY", from_of (a->kind),
                          a->filter ? a->filter : "", a->filter ? " AND " : "", where);
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (sql, "%s %u", i ? "," : "", i + 1);
  return sql;
}

/* "INSERT INTO t (<keys>, <values>) @select ON CONFLICT DO UPDATE SET
 * <value> = <value> + excluded.<value>…" */
static char *
upsert_sql (const Aggregate *a, const char *select)
{
  g_autoptr (GString) keys = key_names (a);
  g_autoptr (GString) values = g_string_new (NULL);
  g_autoptr (GString) set = g_string_new (NULL);
  for (guint i = 0; i < N_VALUES (a); i++)
    {
      g_string_append_printf (values, "%s%s", i ? ", " : "", a->values[i]);
      g_string_append_printf (set, "%s%s = %s + excluded.%s", i ? ", " : "", a->values[i],
                              a->values[i], a->values[i]);
    }
  return g_strdup_printf ("INSERT INTO %s (%s, %s) %s ON CONFLICT (%s) DO UPDATE SET %s",
                          a->table, keys->str, values->str, select, keys->str, set->str);
}

/* "old.a IS NOT new.a OR …" for the space-separated @columns. */
static char *
changed_sql (const char *columns)
{
  g_auto (GStrv) names = g_strsplit (columns, " ", -1);
  GString *sql = g_string_new (NULL);
  for (guint i = 0; names[i]; i++)
    g_string_append_printf (sql, "%sold.%s IS NOT new.%s", i ? " OR " : "", names[i], names[i]);
  return g_string_free (sql, FALSE);
}

/* The statements that add (@sign "") or take out ("-") the contribution of
 * the row @row ("old.id") of @kind (@own) and of the records that depend on
 * it (@dependents). */
static void
append_contributions (GString *body, JbKindId kind, const char *sign, const char *row,
                      gboolean own, gboolean dependents)
{
  const char *kind_name = jb_kind_get (kind)->name;
  gsize kind_len = strlen (kind_name);

  for (guint i = 0; i < G_N_ELEMENTS (aggregates); i++)
    {
      const Aggregate *a = &aggregates[i];
      g_autofree char *where = NULL;
      if (own && a->kind == kind)
        where = g_strdup_printf ("r.id = %s AND jb_counted(%u, r.id)", row, a->kind);
      for (guint p = 0; dependents && p < G_N_ELEMENTS (a->parents) && a->parents[p]; p++)
        {
          if (strncmp (a->parents[p], kind_name, kind_len) != 0 || a->parents[p][kind_len] != ':')
            continue;
          g_autoptr (GString) condition = g_string_new (a->parents[p] + kind_len + 1);
          g_string_replace (condition, "@ID@", row, 0);
          where = g_strdup_printf ("%s AND jb_counted(%u, r.id)", condition->str, a->kind);
        }
      if (where == NULL)
        continue;
      g_autoptr (GString) select = contribution_sql (a, sign, where);
      g_autofree char *sql = upsert_sql (a, select->str);
      g_string_append_printf (body, "%s; ", sql);
    }
}

static void
add_object (GPtrArray *objects, JbAggregateType type, JbKindId kind, char *name, char *create)
{
  JbAggregateObject *o = g_new0 (JbAggregateObject, 1);
  o->type = type;
  o->kind = kind;
  o->name = name;
  o->create = create;
  g_ptr_array_add (objects, o);
}

static void
object_free (JbAggregateObject *o)
{
  g_free (o->name);
  g_free (o->create);
  g_free (o);
}

/* CREATE TRIGGER stats_<kind>_<what> @when ON <kind> [WHEN @condition]
 * BEGIN <contributions> END */
static void
add_trigger (GPtrArray *objects, JbKindId kind, const char *what, const char *when,
             const char *condition, const char *sign, const char *row, gboolean own,
             gboolean dependents)
{
  const char *name = jb_kind_get (kind)->name;
  g_autoptr (GString) body = g_string_new (NULL);
  append_contributions (body, kind, sign, row, own, dependents);
  g_autofree char *when_sql = condition ? g_strdup_printf (" WHEN %s", condition) : g_strdup ("");
  add_object (objects, g_str_equal (what, "insert") ? JB_AGGREGATE_INSERT_TRIGGER
                                                    : JB_AGGREGATE_TRIGGER, kind,
              g_strdup_printf ("stats_%s_%s", name, what),
              g_strdup_printf ("CREATE TRIGGER stats_%s_%s %s ON %s%s BEGIN %sEND", name, what,
                               when, name, when_sql, body->str));
}

GPtrArray *
jb_store_aggregates_objects (void)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) object_free);

  for (guint i = 0; i < G_N_ELEMENTS (aggregates); i++)
    {
      const Aggregate *a = &aggregates[i];
      if (i > 0 && g_str_equal (a->table, aggregates[i - 1].table))
        continue;
      g_autoptr (GString) keys = key_names (a);
      g_autoptr (GString) values = g_string_new (NULL);
      for (guint v = 0; v < N_VALUES (a); v++)
        g_string_append_printf (values, ", %s INTEGER NOT NULL", a->values[v]);
      add_object (objects, JB_AGGREGATE_TABLE, a->kind, g_strdup (a->table),
                  g_strdup_printf ("CREATE TABLE %s (%s%s, PRIMARY KEY (%s)) WITHOUT ROWID",
                                   a->table, a->columns, values->str, keys->str));
    }
  /* The owners who invest most, in a year or all time. */
  add_object (objects, JB_AGGREGATE_INDEX, JB_KIND_DEMAND, g_strdup ("stats_owner_top"),
              g_strdup ("CREATE INDEX stats_owner_top ON stats_owner"
                        " (year, event_id, investment DESC, owner_id)"));

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JbKindId kind = kinds[k].kind;
      g_autofree char *own = changed_sql (kinds[k].own);
      add_trigger (objects, kind, "insert", "AFTER INSERT", NULL, "", "new.id", TRUE, FALSE);
      /* The record and what depends on it, while the tables still hold them. */
      add_trigger (objects, kind, "delete", "BEFORE DELETE", NULL, "-", "old.id", TRUE,
                   kinds[k].moves != NULL);
      add_trigger (objects, kind, "before", "BEFORE UPDATE", own, "-", "old.id", TRUE, FALSE);
      add_trigger (objects, kind, "after", "AFTER UPDATE", own, "", "new.id", TRUE, FALSE);
      if (kinds[k].moves == NULL)
        continue;
      g_autofree char *moves = changed_sql (kinds[k].moves);
      add_trigger (objects, kind, "move_before", "BEFORE UPDATE", moves, "-", "old.id", FALSE,
                   TRUE);
      add_trigger (objects, kind, "move_after", "AFTER UPDATE", moves, "", "new.id", FALSE, TRUE);
    }
  return objects;
}

/* ---- filling -------------------------------------------------------------- */

/* A cell being summed: its sums, then its key as bytes (per column a type,
 * then 8 bytes of an integer or a text and its NUL). */
typedef struct {
  gint64 sums[G_N_ELEMENTS (((Aggregate *) NULL)->sums)];
  guint32 hash;
  guint32 len;
  guint8 key[];
} Cell;

static guint
cell_hash (gconstpointer p)
{
  return ((const Cell *) p)->hash;
}

static gboolean
cell_equal (gconstpointer a, gconstpointer b)
{
  const Cell *x = a, *y = b;
  return x->hash == y->hash && x->len == y->len && memcmp (x->key, y->key, x->len) == 0;
}

/* A column of the current row. */
typedef struct {
  int type;
  gint64 number;
  const guint8 *text;
  int len;
} Value;

/* The key of @values at @columns into @probe (whose room is @size bytes):
 * FALSE if it does not fit. */
static gboolean
make_key (Cell *probe, gsize size, const Value *values, const int *columns, guint n)
{
  guint8 *p = probe->key, *end = probe->key + size;
  for (guint i = 0; i < n; i++)
    {
      const Value *v = &values[columns[i]];
      gsize need = 1 + (v->type == SQLITE_INTEGER ? sizeof (gint64)
                        : v->type == SQLITE_NULL ? 0 : (gsize) v->len + 1);
      if (p + need > end)
        return FALSE;
      *p++ = (guint8) v->type;
      if (v->type == SQLITE_INTEGER)
        memcpy (p, &v->number, sizeof (gint64));
      else if (v->type != SQLITE_NULL)
        {
          memcpy (p, v->text, (gsize) v->len);
          p[v->len] = '\0';
        }
      p += need - 1;
    }
  /* FNV-1a, mixed at the end: keys differ in a byte or two of an id. */
  guint32 h = 2166136261u;
  for (const guint8 *q = probe->key; q < p; q++)
    h = (h ^ *q) * 16777619u;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  probe->hash = h ^ (h >> 13);
  probe->len = (guint32) (p - probe->key);
  return TRUE;
}

/* Binds the key columns of @c to ?1… */
static void
bind_key (sqlite3_stmt *stmt, const Cell *c, guint n_keys)
{
  const guint8 *p = c->key;
  for (guint i = 0; i < n_keys; i++)
    {
      guint8 type = *p++;
      gint64 v;
      if (type == SQLITE_INTEGER)
        {
          memcpy (&v, p, sizeof v);
          sqlite3_bind_int64 (stmt, (int) i + 1, v);
          p += sizeof v;
        }
      else if (type == SQLITE_NULL)
        sqlite3_bind_null (stmt, (int) i + 1);
      else
        {
          sqlite3_bind_text (stmt, (int) i + 1, (const char *) p, -1, SQLITE_STATIC);
          p += strlen ((const char *) p) + 1;
        }
    }
}

/* Where each expression of an aggregate is among the columns of its kind's
 * SELECT. */
typedef struct {
  const Aggregate *a;
  int keys[G_N_ELEMENTS (((Aggregate *) NULL)->keys)];
  int sums[G_N_ELEMENTS (((Aggregate *) NULL)->sums)];
  int filter;
  GHashTable *cells;
} Plan;

static int
column_of (GPtrArray *columns, const char *expression)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (g_ptr_array_index (columns, i), expression))
      return (int) i;
  g_ptr_array_add (columns, (gpointer) expression);
  return (int) columns->len - 1;
}

/* Writes the cells summed for @plan into its table. */
static gboolean
write_cells (JbStore *self, Plan *plan, GError **error)
{
  const Aggregate *a = plan->a;
  guint n_keys = N_KEYS (a), n_values = N_VALUES (a);
  g_autoptr (GString) select = g_string_new ("VALUES (");
  for (guint i = 0; i < n_keys + n_values; i++)
    g_string_append_printf (select, "%s?%u", i ? ", " : "", i + 1);
  g_string_append_c (select, ')');
  g_autofree char *sql = upsert_sql (a, select->str);
  sqlite3_stmt *stmt = jb_store_prepare (self, sql, FALSE, error);
  if (stmt == NULL)
    return FALSE;

  GHashTableIter iter;
  Cell *c;
  gboolean ok = TRUE;
  g_hash_table_iter_init (&iter, plan->cells);
  while (ok && g_hash_table_iter_next (&iter, (gpointer *) &c, NULL))
    {
      bind_key (stmt, c, n_keys);
      for (guint v = 0; v < n_values; v++)
        sqlite3_bind_int64 (stmt, (int) (n_keys + v + 1), c->sums[v]);
      ok = sqlite3_step (stmt) == SQLITE_DONE || jb_store_fail (self, error);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* One pass over the rows of @kind above @after, summing into every table
 * that counts them. */
static gboolean
fill_kind (JbStore *self, JbKindId kind, gint64 after, GError **error)
{
  g_autoptr (GPtrArray) columns = g_ptr_array_new ();
  g_autoptr (GArray) plans = g_array_new (FALSE, TRUE, sizeof (Plan));

  for (guint i = 0; i < G_N_ELEMENTS (aggregates); i++)
    {
      const Aggregate *a = &aggregates[i];
      Plan plan = { a, { 0 }, { 0 }, -1, NULL };
      if (a->kind != kind)
        continue;
      for (guint k = 0; k < N_KEYS (a); k++)
        plan.keys[k] = column_of (columns, a->keys[k]);
      for (guint v = 0; v < N_VALUES (a); v++)
        plan.sums[v] = column_of (columns, a->sums[v]);
      if (a->filter)
        plan.filter = column_of (columns, a->filter);
      plan.cells = g_hash_table_new_full (cell_hash, cell_equal, g_free, NULL);
      g_array_append_val (plans, plan);
    }

  g_autoptr (GString) sql = g_string_new ("SELECT ");
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (columns, i));
  g_string_append_printf (sql, " FROM %s WHERE r.id > ?1", from_of (kind));
  sqlite3_stmt *stmt = jb_store_prepare (self, sql->str, FALSE, error);
  gboolean ok = stmt != NULL;
  g_autofree Value *values = g_new0 (Value, columns->len);
  gsize room = 256;
  g_autofree Cell *probe = g_malloc (sizeof (Cell) + room);
  int rc = SQLITE_DONE;

  if (ok)
    sqlite3_bind_int64 (stmt, 1, after);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < columns->len; i++)
        {
          Value *v = &values[i];
          v->type = sqlite3_column_type (stmt, (int) i);
          v->number = 0;
          if (v->type == SQLITE_INTEGER || v->type == SQLITE_FLOAT)
            {
              v->type = SQLITE_INTEGER;
              v->number = sqlite3_column_int64 (stmt, (int) i);
            }
          else if (v->type != SQLITE_NULL)
            {
              v->type = SQLITE_TEXT;
              v->text = sqlite3_column_text (stmt, (int) i);
              v->len = sqlite3_column_bytes (stmt, (int) i);
            }
        }
      for (guint p = 0; p < plans->len; p++)
        {
          Plan *plan = &g_array_index (plans, Plan, p);
          const Aggregate *a = plan->a;
          if (plan->filter >= 0 && (values[plan->filter].type != SQLITE_INTEGER ||
                                    values[plan->filter].number == 0))
            continue;
          while (!make_key (probe, room, values, plan->keys, N_KEYS (a)))
            {
              room *= 2;
              probe = g_realloc (probe, sizeof (Cell) + room);
            }
          Cell *c = g_hash_table_lookup (plan->cells, probe);
          if (c == NULL)
            {
              c = g_malloc0 (sizeof (Cell) + probe->len);
              c->hash = probe->hash;
              c->len = probe->len;
              memcpy (c->key, probe->key, probe->len);
              g_hash_table_add (plan->cells, c);
            }
          for (guint v = 0; v < N_VALUES (a); v++)
            c->sums[v] += values[plan->sums[v]].number;
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = jb_store_fail (self, error);
  sqlite3_finalize (stmt);
  for (guint p = 0; p < plans->len; p++)
    {
      Plan *plan = &g_array_index (plans, Plan, p);
      ok = ok && write_cells (self, plan, error);
      g_hash_table_unref (plan->cells);
    }
  return ok;
}

gboolean
jb_store_aggregates_fill (JbStore *self, const gint64 *after, GError **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (!fill_kind (self, kinds[k].kind, after ? after[kinds[k].kind] : 0, error))
      return FALSE;
  return TRUE;
}

/* ---- checking ------------------------------------------------------------- */

gboolean
jb_store_check_aggregates (JbStore *self, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (aggregates); i++)
    {
      const Aggregate *a = &aggregates[i];
      if (i > 0 && g_str_equal (a->table, aggregates[i - 1].table))
        continue;
      /* What the records say: the contributions of every aggregate of the
       * table, summed by cell. */
      g_autoptr (GString) keys = key_names (a);
      g_autoptr (GString) recount = g_string_new (NULL);
      g_autoptr (GString) parts = g_string_new (NULL);
      for (guint j = i; j < G_N_ELEMENTS (aggregates) && g_str_equal (aggregates[j].table,
                                                                       a->table); j++)
        {
          g_autoptr (GString) part = contribution_sql (&aggregates[j], "", "1");
          g_string_append_printf (parts, "%s%s", parts->len ? " UNION ALL " : "", part->str);
        }
      g_string_append_printf (recount, "SELECT %s", keys->str);
      for (guint v = 0; v < N_VALUES (a); v++)
        g_string_append_printf (recount, ", sum(%s)", a->values[v]);
      /* (The table's own columns, none of its rows, name the union's.) */
      g_string_append_printf (recount, " FROM (SELECT * FROM (SELECT * FROM %s LIMIT 0)"
                              " UNION ALL %s) GROUP BY %s", a->table, parts->str, keys->str);
      /* Cells emptied by deletions stay, at zero. */
      g_autoptr (GString) held = g_string_new (NULL);
      g_string_append_printf (held, "SELECT %s", keys->str);
      for (guint v = 0; v < N_VALUES (a); v++)
        g_string_append_printf (held, ", %s", a->values[v]);
      g_string_append_printf (held, " FROM %s WHERE", a->table);
      for (guint v = 0; v < N_VALUES (a); v++)
        g_string_append_printf (held, "%s %s <> 0", v ? " OR" : "", a->values[v]);
      if (!jb_store_same_rows (self, a->table, held->str, recount->str, error))
        return FALSE;
    }
  return TRUE;
}

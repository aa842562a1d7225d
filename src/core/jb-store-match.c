/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-match.c: the SQL of matching (jb-match.h, jb-match-private.h):
 * the jb_match_rank() ranking function and the searches that use it, what
 * the facets read about solvers, and the decisions kept in a demand's
 * history (the dashboard's table of invitations is jb-store-invitations.c). */
#include "config.h"

#include <string.h>

#include "jb-date.h"
#include "jb-match-private.h"
#include "jb-store-private.h"

/* ---- ranking ------------------------------------------------------------- */

#define RANK_POINTER "jb_match_rank"
/* Phrases and columns jb_match_rank() counts, at most. */
#define MAX_PHRASES 64
#define MAX_COLUMNS 16

/* What jb_match_rank() needs, bound as a pointer: each term's weight (the
 * phrases of the MATCH text, in order) and each column's. */
typedef struct {
  guint n_phrases;
  double phrase_weight[MAX_PHRASES];
  guint n_columns;
  double column_weight[MAX_COLUMNS];
} RankArgs;

/* jb_match_rank(table, args): the sum, over the terms (the phrases of the
 * MATCH text, in order), of the term's weight times the weights of the
 * columns that hold it.  How often a column holds it, and how long the
 * column is, do not count: the texts compared were written by different
 * people, for whom one mention is as good as three, and reading them costs
 * a lookup per row, as much again as all the rest.  Higher is better. */
static void
rank_function (const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
               int n_args, sqlite3_value **args)
{
  RankArgs *r = n_args > 0 ? sqlite3_value_pointer (args[0], RANK_POINTER) : NULL;
  if (r == NULL)
    {
      sqlite3_result_error (ctx, "jb_match_rank: no arguments", -1);
      return;
    }
  guint n_phrases = MIN ((guint) api->xPhraseCount (fts), r->n_phrases);
  double score = 0;
  for (guint p = 0; p < n_phrases; p++)
    {
      Fts5PhraseIter iter;
      int column = -1;
      if (api->xPhraseFirstColumn (fts, (int) p, &iter, &column) != SQLITE_OK)
        {
          sqlite3_result_error (ctx, "jb_match_rank: cannot read the matches", -1);
          return;
        }
      for (; column >= 0; api->xPhraseNextColumn (fts, &iter, &column))
        if ((guint) column < r->n_columns)
          score += r->phrase_weight[p] * r->column_weight[column];
    }
  sqlite3_result_double (ctx, score);
}

gboolean
jb_store_match_register (JbStore *self, GError **error)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (api == NULL || api->xCreateFunction (api, "jb_match_rank", NULL, rank_function, NULL) !=
      SQLITE_OK)
    return jb_store_fail (self, error);
  /* How many records hold a term, per kind matched (of this connection). */
  static const JbKindId kinds[] = { JB_KIND_DEMAND, JB_KIND_ACHIEVEMENT };
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *name = jb_kind_get (kinds[i])->name;
      g_autofree char *sql = g_strdup_printf ("CREATE VIRTUAL TABLE IF NOT EXISTS "
                                              "temp.jb_match_vocab_%s USING fts5vocab "
                                              "(main, %s_search, row)", name, name);
      if (!jb_store_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

gint64
jb_store_match_data_version (JbStore *self)
{
  return jb_store_query_int (self, "PRAGMA data_version");
}

/* "{title summary} : " — the columns searched, as FTS5 writes them. */
static void
append_columns (GString *match, const JbKind *kind, const JbMatchColumn *columns,
                guint n_columns)
{
  g_string_append_c (match, '{');
  for (guint i = 0; i < n_columns; i++)
    {
      const JbField *f = jb_kind_field (kind, columns[i].field);
      g_assert (f && (f->flags & JB_FIELD_SEARCHED));
      g_string_append_printf (match, "%s%s", i ? " " : "", f->name);
    }
  g_string_append (match, "} : ");
}

/* A token as an FTS5 string: quoted, its quotes doubled. */
static void
append_quoted (GString *match, const char *term)
{
  g_string_append_c (match, '"');
  for (const char *p = term; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append_c (match, '"');
}

gint64
jb_store_match_count (JbStore *self, JbKindId kind, const char *term, GError **error)
{
  /* The index's own count (fts5vocab, made by jb_store_match_register()):
   * it reads the term's list without a row of SQL per record. */
  g_autofree char *sql = g_strdup_printf ("SELECT doc FROM temp.jb_match_vocab_%s "
                                          "WHERE term = ?1", jb_kind_get (kind)->name);
  sqlite3_stmt *stmt = jb_store_statement (self, sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, term, -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step (stmt);
  gint64 n = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jb_store_fail (self, error);
      n = -1;
    }
  sqlite3_reset (stmt);
  return n;
}

static int
check_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

GArray *
jb_store_match_search (JbStore *self, JbKindId kind, const JbMatchColumn *columns,
                       guint n_columns, const char * const *terms, const double *weights,
                       guint n_terms, double k1, double b, guint limit,
                       GCancellable *cancellable, GError **error)
{
  const JbKind *k = jb_kind_get (kind);
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (JbMatchHit));
  RankArgs args = { 0 };

  n_terms = MIN (n_terms, MAX_PHRASES);
  if (n_terms == 0)
    return hits;

  /* The index's columns are the kind's searched fields, in order. */
  for (guint i = 0; i < k->n_fields; i++)
    {
      if (!(k->fields[i].flags & JB_FIELD_SEARCHED) || args.n_columns >= MAX_COLUMNS)
        continue;
      double weight = 0;
      for (guint c = 0; c < n_columns; c++)
        if (g_str_equal (columns[c].field, k->fields[i].name))
          weight = columns[c].weight;
      args.column_weight[args.n_columns++] = weight;
    }
  args.n_phrases = n_terms;
  g_autoptr (GString) match = g_string_new (NULL);
  append_columns (match, k, columns, n_columns);
  g_string_append_c (match, '(');
  for (guint i = 0; i < n_terms; i++)
    {
      if (i)
        g_string_append (match, " OR ");
      append_quoted (match, terms[i]);
      args.phrase_weight[i] = weights[i];
    }
  g_string_append_c (match, ')');

  g_autofree char *sql = g_strdup_printf ("SELECT rowid, jb_match_rank(%s_search, ?2) AS score "
                                          "FROM %s_search WHERE %s_search MATCH ?1 "
                                          "ORDER BY score DESC, rowid DESC LIMIT ?3",
                                          k->name, k->name, k->name);
  sqlite3_stmt *stmt = jb_store_statement (self, sql, error);
  if (stmt == NULL)
    {
      g_array_unref (hits);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, match->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_pointer (stmt, 2, &args, RANK_POINTER, NULL);
  sqlite3_bind_int (stmt, 3, (int) limit);
  if (cancellable)
    sqlite3_progress_handler (self->db, 10000, check_cancelled, cancellable);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JbMatchHit hit = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };
      g_array_append_val (hits, hit);
    }
  if (cancellable)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (rc != SQLITE_DONE)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        jb_store_fail (self, error);
      g_clear_pointer (&hits, g_array_unref);
    }
  sqlite3_reset (stmt);
  /* The pointer must not outlive the arguments. */
  sqlite3_clear_bindings (stmt);
  return hits;
}

/* ---- solvers --------------------------------------------------------------- */

gboolean
jb_store_match_owner (JbStore *self, JbKindId kind, gint64 id, gint64 *owner_id,
                      char **industry, GError **error)
{
  g_assert (kind == JB_KIND_ACHIEVEMENT);
  sqlite3_stmt *stmt = jb_store_statement (self, "SELECT owner_id, industry FROM achievement"
                                                 " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  int rc = sqlite3_step (stmt);
  *owner_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *industry = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 1)) : NULL;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || jb_store_fail (self, error);
}

gboolean
jb_store_match_record (JbStore *self, gint64 organization_id, const char *industry,
                       JbMatchRecord *record, GError **error)
{
  g_autofree char *selected = jb_store_sql_set (&jb_enum_solution_status, JB_VALUE_SELECTED);
  g_autofree char *signed_stages = jb_store_sql_set (&jb_enum_deal_stage, JB_VALUE_SIGNED);
  /* A deal is in the field of its demand, or else of its achievement. */
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*), count(CASE WHEN d.industry = ?2 THEN 1 END) FROM solution s"
    " JOIN demand d ON d.id = s.demand_id WHERE s.solver_id = ?1 AND s.status IN %s"
    " UNION ALL "
    "SELECT count(*), count(CASE WHEN coalesce(d.industry, a.industry) = ?2 THEN 1 END)"
    " FROM deal x LEFT JOIN demand d ON d.id = x.demand_id"
    " LEFT JOIN achievement a ON a.id = x.achievement_id"
    " WHERE x.supply_side_id = ?1 AND x.stage IN %s", selected, signed_stages);
  sqlite3_stmt *stmt = jb_store_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  sqlite3_bind_text (stmt, 2, industry, -1, SQLITE_TRANSIENT);
  memset (record, 0, sizeof *record);
  gboolean ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      record->selected = sqlite3_column_int64 (stmt, 0);
      record->selected_in_field = sqlite3_column_int64 (stmt, 1);
      ok = sqlite3_step (stmt) == SQLITE_ROW;
    }
  if (ok)
    {
      record->signed_deals = sqlite3_column_int64 (stmt, 0);
      record->signed_in_field = sqlite3_column_int64 (stmt, 1);
    }
  else
    jb_store_fail (self, error);
  sqlite3_reset (stmt);
  return ok;
}

static char *
column_dup (sqlite3_stmt *stmt, int i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

void
jb_match_solution_clear (JbMatchSolution *solution)
{
  g_clear_pointer (&solution->status, g_free);
  g_clear_pointer (&solution->industry, g_free);
  g_clear_pointer (&solution->title, g_free);
}

gboolean
jb_store_match_solution (JbStore *self, gint64 id, JbMatchSolution *solution, GError **error)
{
  sqlite3_stmt *stmt = jb_store_statement (self, "SELECT s.solver_id, s.demand_id, s.status,"
                                                 " d.industry, s.title FROM solution s"
                                                 " JOIN demand d ON d.id = s.demand_id"
                                                 " WHERE s.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  int rc = sqlite3_step (stmt);
  memset (solution, 0, sizeof *solution);
  if (rc == SQLITE_ROW)
    {
      solution->solver_id = sqlite3_column_int64 (stmt, 0);
      solution->demand_id = sqlite3_column_int64 (stmt, 1);
      solution->status = column_dup (stmt, 2);
      solution->industry = column_dup (stmt, 3);
      solution->title = column_dup (stmt, 4);
    }
  else if (rc != SQLITE_DONE)
    jb_store_fail (self, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

GPtrArray *
jb_store_match_experts (JbStore *self, gint64 organization_id, GError **error)
{
  const JbKind *person = jb_kind_get (JB_KIND_PERSON);
  g_autoptr (GString) sql = jb_store_select_sql (person, 0);
  g_string_append (sql, " WHERE t.organization_id = ?1 AND t.role = 'expert' ORDER BY t.id");
  sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  GPtrArray *rows = jb_store_collect_rows (self, person, stmt, error);
  sqlite3_reset (stmt);
  return rows;
}

gboolean
jb_store_match_organization_texts (JbStore *self, gint64 organization_id, guint limit,
                                   GPtrArray *texts, GPtrArray *industries, GError **error)
{
  g_autofree char *invited = jb_store_sql_set (&jb_enum_solution_status, JB_VALUE_INVITED);
  g_autofree char *solutions = g_strdup_printf ("SELECT title, summary, NULL FROM solution"
                                                " WHERE solver_id = ?1 AND status NOT IN %s"
                                                " ORDER BY id DESC LIMIT ?2", invited);
  const char *queries[] = {
    "SELECT title, summary, industry FROM achievement WHERE owner_id = ?1"
    " ORDER BY id DESC LIMIT ?2",
    solutions,
  };
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = jb_store_statement (self, queries[q], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, organization_id);
      sqlite3_bind_int (stmt, 2, (int) limit);
      int rc;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (texts, column_dup (stmt, 0));
          g_ptr_array_add (texts, column_dup (stmt, 1));
          if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
            g_ptr_array_add (industries, column_dup (stmt, 2));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return jb_store_fail (self, error);
    }
  return TRUE;
}

gint64
jb_store_match_awards (JbStore *self, gint64 person_id)
{
  sqlite3_stmt *stmt = jb_store_statement (self, "SELECT count(*) FROM award WHERE person_id = ?1",
                                           NULL);
  gint64 n = 0;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* ---- decisions --------------------------------------------------------------- */

void
jb_match_decision_free (JbMatchDecision *decision)
{
  g_free (decision->demand_uuid);
  g_free (decision->kind);
  g_free (decision->target_uuid);
  g_free (decision->action);
  g_free (decision->at);
  g_free (decision->value);
  g_free (decision);
}

#define DECISIONS "(h.action = 'invited' OR h.action = 'dismissed' OR h.action = 'restored')"

GPtrArray *
jb_store_match_decisions (JbStore *self, const char *demand_uuid, const char *target_uuid,
                          GError **error)
{
  /* From the demand: its own history (history_record); from the other
   * side: the partial index history_decision. */
  sqlite3_stmt *stmt = jb_store_statement (self, demand_uuid
                                           ? "SELECT h.record_uuid, h.field, h.old_value,"
                                             " h.action, h.at, h.new_value FROM history h"
                                             " WHERE h.record_uuid = ?1 AND h.kind = 'demand'"
                                             " AND " DECISIONS " ORDER BY h.at, h.id"
                                           : "SELECT h.record_uuid, h.field, h.old_value,"
                                             " h.action, h.at, h.new_value FROM history h"
                                             " WHERE h.old_value = ?1 AND h.kind = 'demand'"
                                             " AND " DECISIONS " ORDER BY h.at, h.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, demand_uuid ? demand_uuid : target_uuid, -1, SQLITE_TRANSIENT);
  GPtrArray *decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_match_decision_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JbMatchDecision *d = g_new0 (JbMatchDecision, 1);
      d->demand_uuid = column_dup (stmt, 0);
      d->kind = column_dup (stmt, 1);
      d->target_uuid = column_dup (stmt, 2);
      d->action = column_dup (stmt, 3);
      d->at = column_dup (stmt, 4);
      d->value = column_dup (stmt, 5);
      g_ptr_array_add (decisions, d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jb_store_fail (self, error);
      g_clear_pointer (&decisions, g_ptr_array_unref);
    }
  return decisions;
}

gboolean
jb_store_match_decide (JbStore *self, const char *demand_uuid, const char *kind,
                       const char *target_uuid, const char *action, const char *value,
                       GError **error)
{
  g_autofree char *now = jb_timestamp_now ();
  /* In the demand's history: the field is the candidate's kind, the old
   * value the candidate, the new one the reason or the invitation. */
  gboolean ok = jb_store_history_add (self, "demand", demand_uuid, now, action, kind,
                                      target_uuid, value, error);
  /* The demand's history changed: its views read it again. */
  if (ok)
    self->changed_kinds |= 1u << JB_KIND_DEMAND;
  return ok;
}

gboolean
jb_store_match_answered (JbStore *self, JbKindId kind, gint64 id,
                         GHashTable *answered[JB_N_KINDS], GError **error)
{
  g_autofree char *invited = jb_store_sql_set (&jb_enum_solution_status, JB_VALUE_INVITED);
  g_autofree char *by_demand = g_strdup_printf ("SELECT solver_id, id FROM solution"
                                                " WHERE demand_id = ?1 AND status NOT IN %s",
                                                invited);
  g_autofree char *by_solver = g_strdup_printf ("SELECT demand_id, id FROM solution"
                                                " WHERE solver_id = ?1 AND status NOT IN %s",
                                                invited);
  struct {
    JbKindId subject, other;
    const char *sql;
  } queries[] = {
    { JB_KIND_DEMAND, JB_KIND_ACHIEVEMENT,
      "SELECT achievement_id, id FROM deal WHERE demand_id = ?1 AND achievement_id IS NOT NULL" },
    { JB_KIND_DEMAND, JB_KIND_ORGANIZATION, by_demand },
    { JB_KIND_ACHIEVEMENT, JB_KIND_DEMAND,
      "SELECT demand_id, id FROM deal WHERE achievement_id = ?1 AND demand_id IS NOT NULL" },
    { JB_KIND_ORGANIZATION, JB_KIND_DEMAND, by_solver },
  };
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      if (queries[q].subject != kind)
        continue;
      GHashTable *into = answered[queries[q].other];
      sqlite3_stmt *stmt = jb_store_statement (self, queries[q].sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      int rc;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 key = sqlite3_column_int64 (stmt, 0);
          gint64 value = sqlite3_column_int64 (stmt, 1);
          g_hash_table_insert (into, g_memdup2 (&key, sizeof key),
                               g_memdup2 (&value, sizeof value));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return jb_store_fail (self, error);
    }
  return TRUE;
}

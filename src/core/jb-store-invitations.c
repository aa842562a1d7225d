/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-invitations.c: the dashboard's table of invitations from
 * matching (JB_TABLE_INVITATIONS, jb-stats.h): the solutions and deals the
 * invitations of a period created, by what they have come to, each row with
 * the filter that lists its records. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-match-private.h"
#include "jb-store-private.h"

/* What became of the invitations of a period: the solutions and deals they
 * created, by what they have come to. */
static const struct {
  JbKindId kind;
  const char *label;
  JbValueFlags flag;     /* statuses or stages with this flag… */
  const char *codes;     /* …or these; neither: all */
} outcomes[] = {
  { JB_KIND_SOLUTION, N_("Solutions asked for") },
  { JB_KIND_SOLUTION, N_("Awaiting an answer"), JB_VALUE_INVITED },
  { JB_KIND_SOLUTION, N_("Answered"), 0, "submitted,shortlisted" },
  { JB_KIND_SOLUTION, N_("Selected"), JB_VALUE_SELECTED },
  { JB_KIND_SOLUTION, N_("Declined or withdrawn"), 0, "declined,withdrawn" },
  { JB_KIND_DEAL, N_("Deal intentions") },
  { JB_KIND_DEAL, N_("Under negotiation"), 0, "intention,negotiating" },
  { JB_KIND_DEAL, N_("Signed"), JB_VALUE_SIGNED },
  { JB_KIND_DEAL, N_("Terminated"), 0, "terminated" },
};

static gboolean
outcome_has (guint o, const char *state)
{
  const JbEnum *e = outcomes[o].kind == JB_KIND_SOLUTION ? &jb_enum_solution_status
                                                         : &jb_enum_deal_stage;
  if (outcomes[o].flag)
    return jb_enum_has_flag (e, state, outcomes[o].flag);
  if (outcomes[o].codes == NULL)
    return TRUE;
  g_auto (GStrv) codes = g_strsplit (outcomes[o].codes, ",", -1);
  return state && g_strv_contains ((const char * const *) codes, state);
}

static gboolean      read_outcomes (JbStore *self, const JbStatsPeriod *p, const JbKindId *kinds,
                                    guint n_kinds, GString **ids, guint *counts,
                                    GError **error);
static JbStatsTable *table_of      (const JbStatsPeriod *p, const char *description,
                                    GString **ids, const guint *counts);

JbStatsTable *
jb_store_match_invitations_table (JbStore *self, const JbStatsPeriod *p, const char *description,
                                  GError **error)
{
  static const JbKindId kinds[] = { JB_KIND_SOLUTION, JB_KIND_DEAL };
  GString *ids[G_N_ELEMENTS (outcomes)];
  guint counts[G_N_ELEMENTS (outcomes)] = { 0 };

  for (guint o = 0; o < G_N_ELEMENTS (outcomes); o++)
    ids[o] = g_string_new (NULL);
  JbStatsTable *t = read_outcomes (self, p, kinds, G_N_ELEMENTS (kinds), ids, counts, error)
                    ? table_of (p, description, ids, counts) : NULL;
  for (guint o = 0; o < G_N_ELEMENTS (outcomes); o++)
    g_string_free (ids[o], TRUE);
  return t;
}

/* The ids of the records of each outcome, and their number. */
static gboolean
read_outcomes (JbStore *self, const JbStatsPeriod *p, const JbKindId *kinds, guint n_kinds,
               GString **ids, guint *counts, GError **error)
{
  for (guint i = 0; i < n_kinds; i++)
    {
      JbKindId kind = kinds[i];
      /* The records the period's invitations created (by the day of the
       * invitation: history_invited), in the scope. */
      const JbKind *k = jb_kind_get (kind);
      g_autoptr (JbFilter) scope = jb_store_stats_scope_filter (p, kind, "", "");
      g_autoptr (GString) sql = g_string_new (NULL);
      g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
      gboolean where = TRUE;
      g_string_append_printf (sql, "SELECT t.id, t.%s FROM %s t WHERE t.uuid IN (SELECT"
                              " h.new_value FROM history h WHERE h.action = 'invited'"
                              " AND h.at >= ?1 AND substr(h.at, 1, 10) <= ?2)",
                              kind == JB_KIND_SOLUTION ? "status" : "stage", k->name);
      g_ptr_array_add (params, g_strdup (p->from ? p->from : ""));
      g_ptr_array_add (params, g_strdup (p->to ? p->to : "9999-12-31"));
      if (!jb_store_append_filter (sql, k, scope, params, &where))
        {
          g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                       "the invitations' scope does not fit %s", k->name);
          return FALSE;
        }
      g_string_append (sql, " ORDER BY t.id");
      sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      jb_store_bind_params (stmt, params);
      int rc;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          const char *state = (const char *) sqlite3_column_text (stmt, 1);
          for (guint o = 0; o < G_N_ELEMENTS (outcomes); o++)
            if (outcomes[o].kind == kind && outcome_has (o, state))
              {
                g_string_append_printf (ids[o], "%s%" G_GINT64_FORMAT, ids[o]->len ? "," : "",
                                        id);
                counts[o]++;
              }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return jb_store_fail (self, error);
    }
  return TRUE;
}

static JbStatsTable *
table_of (const JbStatsPeriod *p, const char *description, GString **ids, const guint *counts)
{
  JbStatsTable *t = g_new0 (JbStatsTable, 1);
  t->title = g_strdup (_("Invitations from matching"));
  g_autoptr (GStrvBuilder) columns = g_strv_builder_new ();
  g_strv_builder_add (columns, _("Outcome"));
  g_strv_builder_add (columns, _("Invitations"));
  t->columns = g_strv_builder_end (columns);
  t->n_columns = 2;
  t->numeric_from = 1;
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  t->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_filter_unref);
  for (guint o = 0; o < G_N_ELEMENTS (outcomes); o++)
    {
      if (counts[o] == 0)
        continue;
      char **cells = g_new0 (char *, 3);
      cells[0] = g_strdup (_(outcomes[o].label));
      cells[1] = g_strdup_printf ("%u", counts[o]);
      g_ptr_array_add (t->rows, cells);
      /* TRANSLATORS: the table's title and a row: "Invitations from
       * matching: Selected" */
      g_autofree char *what = g_strdup_printf (_("%s: %s"), t->title, cells[0]);
      JbFilter *filter = jb_store_stats_scope_filter (p, outcomes[o].kind, what, description);
      jb_filter_add (filter, JB_MATCH_IDS, NULL, ids[o]->str);
      g_ptr_array_add (t->filters, filter);
    }
  return t;
}

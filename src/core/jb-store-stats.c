/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-stats.c: the figures, series and tables of jb-stats.h.
 *
 * Every aggregate starts from the JbFilter that lists its records (the period
 * on the kind's date and the event scope) and turns it into SQL with the same
 * code as jb_store_list_filtered(), so a figure and the table it opens count
 * the same rows by construction.  Finer figures (published, selected…) are
 * CASE expressions over that base; the tests check each against its filter. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-match-private.h"
#include "jb-money.h"
#include "jb-stats.h"
#include "jb-store-private.h"


void
jb_stats_period_set_year (JbStatsPeriod *period, int year, char from[11], char to[11])
{
  g_snprintf (from, 11, "%04d-01-01", year);
  g_snprintf (to, 11, "%04d-12-31", year);
  period->from = from;
  period->to = to;
}

/* ---- labels -------------------------------------------------------------- */

static const struct {
  const char *label;
  gboolean money;
} figure_info[JB_N_FIGURES] = {
  [JB_FIGURE_DEMANDS] = { N_("Demands collected"), FALSE },
  [JB_FIGURE_PUBLISHED] = { N_("Demands published"), FALSE },
  [JB_FIGURE_MATCHED] = { N_("Demands matched"), FALSE },
  [JB_FIGURE_INVESTMENT] = { N_("Intended investment"), TRUE },
  [JB_FIGURE_SOLUTIONS] = { N_("Solutions received"), FALSE },
  [JB_FIGURE_SELECTED] = { N_("Solutions selected"), FALSE },
  [JB_FIGURE_INTENTIONS] = { N_("Cooperation intentions"), FALSE },
  [JB_FIGURE_SIGNED] = { N_("Signed deals"), FALSE },
  [JB_FIGURE_CONTRACT_AMOUNT] = { N_("Contract amount"), TRUE },
  [JB_FIGURE_TRANSACTION] = { N_("Registered transaction amount"), TRUE },
  [JB_FIGURE_RECEIVED] = { N_("Payments received"), TRUE },
  [JB_FIGURE_OUTSTANDING] = { N_("Payments outstanding"), TRUE },
  [JB_FIGURE_OVERDUE] = { N_("Payments overdue"), TRUE },
  [JB_FIGURE_AWARDS] = { N_("Awards"), FALSE },
  [JB_FIGURE_ENTERPRISES] = { N_("Enterprises involved"), FALSE },
  [JB_FIGURE_ALLIANCE] = { N_("Alliance members"), FALSE },
};

static const struct {
  const char *title;
  gboolean money;
} series_info[JB_N_SERIES] = {
  [JB_SERIES_DEMANDS_OVER_TIME] = { N_("Demands collected over time"), FALSE },
  [JB_SERIES_CONTRACTS_OVER_TIME] = { N_("Contract amounts over time"), TRUE },
  [JB_SERIES_BY_INDUSTRY] = { N_("Demands by industry field"), FALSE },
  [JB_SERIES_BY_REGION] = { N_("Demands by region"), FALSE },
  [JB_SERIES_FUNNEL] = { N_("From demand to contract"), FALSE },
  [JB_SERIES_TOP_ENTERPRISES] = { N_("Top enterprises by intended investment"), TRUE },
};

const char *
jb_figure_label (JbFigureId figure)
{
  g_return_val_if_fail (figure < JB_N_FIGURES, NULL);
  return _(figure_info[figure].label);
}

gboolean
jb_figure_is_money (JbFigureId figure)
{
  g_return_val_if_fail (figure < JB_N_FIGURES, FALSE);
  return figure_info[figure].money;
}

char *
jb_figure_format (const JbFigures *figures, JbFigureId figure)
{
  if (jb_figure_is_money (figure))
    return jb_money_format (figures->amount[figure]);
  return g_strdup_printf ("%" G_GINT64_FORMAT, figures->count[figure]);
}

const char *
jb_series_title (JbSeriesId series)
{
  g_return_val_if_fail (series < JB_N_SERIES, NULL);
  return _(series_info[series].title);
}

gboolean
jb_series_is_money (JbSeriesId series)
{
  g_return_val_if_fail (series < JB_N_SERIES, FALSE);
  return series_info[series].money;
}

void
jb_series_entry_free (JbSeriesEntry *entry)
{
  g_free (entry->label);
  g_free (entry->formatted);
  g_clear_pointer (&entry->filter, jb_filter_unref);
  g_free (entry);
}

void
jb_stats_table_free (JbStatsTable *table)
{
  g_free (table->title);
  g_strfreev (table->columns);
  g_ptr_array_unref (table->rows);
  g_ptr_array_unref (table->filters);
  g_free (table);
}

static gboolean
is_whole_year (const JbStatsPeriod *p)
{
  return p->from && p->to && strlen (p->from) == 10 && strncmp (p->from, p->to, 4) == 0 &&
         strcmp (p->from + 4, "-01-01") == 0 && strcmp (p->to + 4, "-12-31") == 0;
}

char *
jb_store_stats_describe (JbStore *self, const JbStatsPeriod *p)
{
  g_autofree char *when = NULL;
  if (is_whole_year (p))
    when = g_strndup (p->from, 4);
  else
    {
      g_autofree char *from = p->from ? jb_date_format (p->from) : NULL;
      g_autofree char *to = p->to ? jb_date_format (p->to) : NULL;
      if (from && to)
        /* TRANSLATORS: a period of time, from one date to another */
        when = g_strdup_printf (_("%s – %s"), from, to);
      else if (from)
        when = g_strdup_printf (_("since %s"), from);
      else if (to)
        when = g_strdup_printf (_("until %s"), to);
      else
        when = g_strdup (_("All time"));
    }
  if (p->event_id == 0)
    return g_steal_pointer (&when);
  g_autoptr (JbRecord) event = jb_store_load (self, JB_KIND_EVENT, p->event_id, NULL);
  /* TRANSLATORS: a period, then the event it is limited to: "2022, 闵行专场" */
  return g_strdup_printf (_("%s, %s"), when, event ? jb_record_get_title (event) : "?");
}

/* ---- filters and statements ---------------------------------------------- */

/* The records of @kind in the period (by @date_field) and scope. */
static JbFilter *
base_filter (const JbStatsPeriod *p, JbKindId kind, const char *date_field,
             const char *what, const char *description)
{
  /* TRANSLATORS: a figure and the period it covers: "Signed deals (2022)" */
  g_autofree char *label = g_strdup_printf (_("%s (%s)"), what, description);
  JbFilter *filter = jb_filter_new (kind, label);
  if (date_field && p->from)
    jb_filter_add (filter, JB_MATCH_FROM, date_field, p->from);
  if (date_field && p->to)
    jb_filter_add (filter, JB_MATCH_UNTIL, date_field, p->to);
  if (p->event_id > 0)
    {
      char id[32];
      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, p->event_id);
      jb_filter_add (filter, p->event_alone ? JB_MATCH_AT_EVENT : JB_MATCH_IN_EVENT, NULL, id);
    }
  return filter;
}

/* The last day on which a payment may fall due without being overdue. */
static char *
overdue_reference (const JbStatsPeriod *p)
{
  g_autofree char *today = p->today ? g_strdup (p->today) : jb_date_today ();
  return g_strdup (p->to && strcmp (p->to, today) < 0 ? p->to : today);
}

/* Deals whose stage counts as signed. */
static void
add_signed (JbFilter *filter)
{
  g_autofree char *set = jb_enum_codes_with_flag (&jb_enum_deal_stage, JB_VALUE_SIGNED);
  jb_filter_add (filter, JB_MATCH_IN, "stage", set);
}

/* A figure's filter (the records behind it), built from the base filters. */
static JbFilter *
figure_filter (const JbStatsPeriod *p, JbFigureId figure, const char *description)
{
  const char *what = jb_figure_label (figure);
  JbFilter *f;
  switch (figure)
    {
    case JB_FIGURE_DEMANDS:
    case JB_FIGURE_INVESTMENT:
    case JB_FIGURE_ENTERPRISES:
    case JB_FIGURE_ALLIANCE:
      return base_filter (p, JB_KIND_DEMAND, "created", what, description);
    case JB_FIGURE_PUBLISHED:
    case JB_FIGURE_MATCHED:
      f = base_filter (p, JB_KIND_DEMAND, "created", what, description);
      {
        g_autofree char *set = jb_enum_codes_with_flag (&jb_enum_demand_status,
                                                        figure == JB_FIGURE_PUBLISHED
                                                        ? JB_VALUE_PUBLISHED : JB_VALUE_MATCHED);
        jb_filter_add (f, JB_MATCH_IN, "status", set);
      }
      return f;
    case JB_FIGURE_SOLUTIONS:
      f = base_filter (p, JB_KIND_SOLUTION, "submitted", what, description);
      {
        /* An invitation (jb-match.h) is no solution received. */
        g_autofree char *set = jb_enum_codes_with_flag (&jb_enum_solution_status,
                                                        JB_VALUE_INVITED);
        jb_filter_add (f, JB_MATCH_NOT_IN, "status", set);
      }
      return f;
    case JB_FIGURE_SELECTED:
      f = base_filter (p, JB_KIND_SOLUTION, "submitted", what, description);
      {
        g_autofree char *set = jb_enum_codes_with_flag (&jb_enum_solution_status,
                                                        JB_VALUE_SELECTED);
        jb_filter_add (f, JB_MATCH_IN, "status", set);
      }
      return f;
    case JB_FIGURE_INTENTIONS:
      return base_filter (p, JB_KIND_DEAL, "created", what, description);
    case JB_FIGURE_SIGNED:
    case JB_FIGURE_CONTRACT_AMOUNT:
    case JB_FIGURE_TRANSACTION:
      f = base_filter (p, JB_KIND_DEAL, "signed_on", what, description);
      add_signed (f);
      return f;
    case JB_FIGURE_RECEIVED:
      f = base_filter (p, JB_KIND_PAYMENT, "received_on", what, description);
      jb_filter_add (f, JB_MATCH_EQUALS, "received", "1");
      return f;
    case JB_FIGURE_OUTSTANDING:
    case JB_FIGURE_OVERDUE:
      {
        /* A balance: the payments not received of the deals signed by the end
         * of the period. */
        f = base_filter (p, JB_KIND_PAYMENT, NULL, what, description);
        jb_filter_add (f, JB_MATCH_NOT_IN, "received", "1");
        g_autoptr (JbFilter) deals = jb_filter_new (JB_KIND_DEAL, NULL);
        add_signed (deals);
        jb_filter_add (deals, JB_MATCH_UNTIL, "signed_on", p->to ? p->to : "9999-12-31");
        jb_filter_add_ref (f, "deal_id", deals);
        if (figure == JB_FIGURE_OVERDUE)
          {
            g_autofree char *reference = overdue_reference (p);
            jb_filter_add (f, JB_MATCH_BEFORE, "due_date", reference);
          }
      }
      return f;
    case JB_FIGURE_AWARDS:
      return base_filter (p, JB_KIND_AWARD, "awarded_on", what, description);
    case JB_N_FIGURES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "@select <filter's WHERE> @tail", prepared (cached) and bound; @first, if
 * not NULL, is ?1 (the filter's values follow). */
static sqlite3_stmt *
query_with (JbStore *self, const char *select, const char *first, JbFilter *filter,
            const char *tail, GError **error)
{
  g_autoptr (GString) sql = g_string_new (select);
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  gboolean where = FALSE;
  if (first)
    g_ptr_array_add (params, g_strdup (first));
  if (!jb_store_append_filter (sql, jb_kind_get (jb_filter_get_kind (filter)), filter, params,
                               &where))
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   "a statistics filter does not fit its kind");
      return NULL;
    }
  if (tail)
    g_string_append (sql, tail);
  sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
  if (stmt)
    jb_store_bind_params (stmt, params);
  return stmt;
}

static sqlite3_stmt *
query (JbStore *self, const char *select, JbFilter *filter, const char *tail, GError **error)
{
  return query_with (self, select, NULL, filter, tail, error);
}

/* ---- figures -------------------------------------------------------------- */

static gboolean
award_figures (JbStore *self, const JbStatsPeriod *p, JbFigures *out, GError **error)
{
  gint64 v[1];
  g_autoptr (JbFilter) awards = figure_filter (p, JB_FIGURE_AWARDS, "");
  if (!jb_store_one_row (self, query (self, "SELECT count(*) FROM award t", awards, NULL, error),
                v, 1, error))
    return FALSE;
  out->count[JB_FIGURE_AWARDS] = v[0];
  return TRUE;
}

/* Enterprises involved and alliance members: from the owners' totals when
 * they answer, else from the demands (of one event, an index reads them by
 * the day they were entered). */
static gboolean
owner_figures (JbStore *self, const JbStatsPeriod *p, JbFigures *out, GError **error)
{
  gint64 v[2];
  if (jb_store_totals_fit_owners (self, p))
    return jb_store_totals_owners (self, p, out, error);
  g_autoptr (JbFilter) demands = figure_filter (p, JB_FIGURE_DEMANDS, "");
  if (!jb_store_one_row (self, query (self, "SELECT count(DISTINCT t.owner_id), count(DISTINCT CASE WHEN"
                                   " t.owner_id IN (SELECT id FROM organization WHERE"
                                   " alliance = 1) THEN t.owner_id END) FROM demand t",
                             demands, NULL, error), v, 2, error))
    return FALSE;
  out->count[JB_FIGURE_ENTERPRISES] = v[0];
  out->count[JB_FIGURE_ALLIANCE] = v[1];
  return TRUE;
}

/* The totals count the payments overdue by the month before @reference's:
 * those due earlier in its month come from the records. */
static gboolean
overdue_this_month (JbStore *self, const JbStatsPeriod *p, const char *reference,
                    JbFigures *out, GError **error)
{
  gint64 v[2];
  char month_start[11];
  g_snprintf (month_start, sizeof month_start, "%.7s-01", reference);
  g_autoptr (JbFilter) overdue = figure_filter (p, JB_FIGURE_OVERDUE, "");
  jb_filter_add (overdue, JB_MATCH_FROM, "due_date", month_start);
  /* A month's payments by their due date, not all payments of signed deals. */
  if (!jb_store_one_row (self, query (self, "SELECT count(*), coalesce(sum(t.amount), 0) FROM payment t"
                                   " INDEXED BY payment_due", overdue, NULL, error), v, 2, error))
    return FALSE;
  out->count[JB_FIGURE_OVERDUE] += v[0];
  out->amount[JB_FIGURE_OVERDUE] += v[1];
  return TRUE;
}

gboolean
jb_store_stats_figures (JbStore *self, const JbStatsPeriod *p, JbFigures *out, GError **error)
{
  gint64 v[6];
  memset (out, 0, sizeof *out);
  if (jb_store_totals_fit (self, p))
    {
      g_autofree char *reference = overdue_reference (p);
      return jb_store_totals_figures (self, p, reference, out, error) &&
             owner_figures (self, p, out, error) &&
             overdue_this_month (self, p, reference, out, error) &&
             award_figures (self, p, out, error);
    }

  g_autofree char *published = jb_store_sql_set (&jb_enum_demand_status, JB_VALUE_PUBLISHED);
  g_autofree char *matched = jb_store_sql_set (&jb_enum_demand_status, JB_VALUE_MATCHED);
  g_autofree char *selected = jb_store_sql_set (&jb_enum_solution_status, JB_VALUE_SELECTED);
  g_autofree char *demand_select = g_strdup_printf (
    "SELECT count(*), coalesce(sum(t.investment), 0),"
    " count(CASE WHEN t.status IN %s THEN 1 END),"
    " count(CASE WHEN t.status IN %s THEN 1 END),"
    " count(DISTINCT t.owner_id),"
    /* A subquery, not a join: a join makes SQLite walk the demands by owner,
     * ten times slower. */
    " count(DISTINCT CASE WHEN t.owner_id IN (SELECT id FROM"
    " organization WHERE alliance = 1) THEN t.owner_id END)"
    " FROM demand t", published, matched);
  g_autofree char *solution_select = g_strdup_printf (
    "SELECT count(*), count(CASE WHEN t.status IN %s THEN 1 END) FROM solution t", selected);

  g_autoptr (JbFilter) demands = figure_filter (p, JB_FIGURE_DEMANDS, "");
  if (!jb_store_one_row (self, query (self, demand_select, demands, NULL, error), v, 6, error))
    return FALSE;
  out->count[JB_FIGURE_DEMANDS] = out->count[JB_FIGURE_INVESTMENT] = v[0];
  out->amount[JB_FIGURE_INVESTMENT] = v[1];
  out->count[JB_FIGURE_PUBLISHED] = v[2];
  out->count[JB_FIGURE_MATCHED] = v[3];
  out->count[JB_FIGURE_ENTERPRISES] = v[4];
  out->count[JB_FIGURE_ALLIANCE] = v[5];

  g_autoptr (JbFilter) solutions = figure_filter (p, JB_FIGURE_SOLUTIONS, "");
  if (!jb_store_one_row (self, query (self, solution_select, solutions, NULL, error), v, 2, error))
    return FALSE;
  out->count[JB_FIGURE_SOLUTIONS] = v[0];
  out->count[JB_FIGURE_SELECTED] = v[1];

  g_autoptr (JbFilter) intentions = figure_filter (p, JB_FIGURE_INTENTIONS, "");
  if (!jb_store_one_row (self, query (self, "SELECT count(*) FROM deal t", intentions, NULL, error),
                v, 1, error))
    return FALSE;
  out->count[JB_FIGURE_INTENTIONS] = v[0];

  g_autoptr (JbFilter) signed_deals = figure_filter (p, JB_FIGURE_SIGNED, "");
  if (!jb_store_one_row (self, query (self,
                             "SELECT count(*), coalesce(sum(t.contract_amount), 0),"
                             " coalesce(sum(t.transaction_amount), 0) FROM deal t",
                             signed_deals, NULL, error), v, 3, error))
    return FALSE;
  out->count[JB_FIGURE_SIGNED] = out->count[JB_FIGURE_TRANSACTION] = v[0];
  out->count[JB_FIGURE_CONTRACT_AMOUNT] = v[0];
  out->amount[JB_FIGURE_SIGNED] = out->amount[JB_FIGURE_CONTRACT_AMOUNT] = v[1];
  out->amount[JB_FIGURE_TRANSACTION] = v[2];

  g_autoptr (JbFilter) received = figure_filter (p, JB_FIGURE_RECEIVED, "");
  if (!jb_store_one_row (self, query (self, "SELECT count(*), coalesce(sum(t.amount), 0) FROM payment t",
                             received, NULL, error), v, 2, error))
    return FALSE;
  out->count[JB_FIGURE_RECEIVED] = v[0];
  out->amount[JB_FIGURE_RECEIVED] = v[1];

  /* Overdue is part of outstanding: one pass, the reference date bound last. */
  g_autoptr (JbFilter) outstanding = figure_filter (p, JB_FIGURE_OUTSTANDING, "");
  g_autofree char *reference = overdue_reference (p);
  sqlite3_stmt *stmt = query_with (self,
                                   "SELECT count(*), coalesce(sum(t.amount), 0),"
                                   " count(CASE WHEN t.due_date < ?1 THEN 1 END),"
                                   " coalesce(sum(CASE WHEN t.due_date < ?1 THEN t.amount END), 0)"
                                   " FROM payment t", reference, outstanding, NULL, error);
  if (!jb_store_one_row (self, stmt, v, 4, error))
    return FALSE;
  out->count[JB_FIGURE_OUTSTANDING] = v[0];
  out->amount[JB_FIGURE_OUTSTANDING] = v[1];
  out->count[JB_FIGURE_OVERDUE] = v[2];
  out->amount[JB_FIGURE_OVERDUE] = v[3];
  return award_figures (self, p, out, error);
}

/* The owners of the collected demands (alliance members only, if asked), as
 * a list of row ids. */
static char *
owner_ids (JbStore *self, const JbStatsPeriod *p, gboolean alliance, GError **error)
{
  g_autoptr (JbFilter) demands = figure_filter (p, JB_FIGURE_DEMANDS, "");
  sqlite3_stmt *stmt = query (self, alliance
                              ? "SELECT DISTINCT t.owner_id FROM demand t JOIN organization o"
                                " ON o.id = t.owner_id AND o.alliance = 1"
                              : "SELECT DISTINCT t.owner_id FROM demand t",
                              demands, NULL, error);
  if (stmt == NULL)
    return NULL;
  g_autoptr (GString) ids = g_string_new ("");
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len ? "," : "",
                            (gint64) sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (jb_store_fail (self, error), NULL);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

JbFilter *
jb_store_stats_figure_filter (JbStore *self, const JbStatsPeriod *p, JbFigureId figure,
                              GError **error)
{
  g_autofree char *description = jb_store_stats_describe (self, p);
  if (figure != JB_FIGURE_ENTERPRISES && figure != JB_FIGURE_ALLIANCE)
    return figure_filter (p, figure, description);

  /* Organizations have no period of their own: list them by id. */
  g_autofree char *ids = owner_ids (self, p, figure == JB_FIGURE_ALLIANCE, error);
  if (ids == NULL)
    return NULL;
  g_autofree char *label = g_strdup_printf (_("%s (%s)"), jb_figure_label (figure), description);
  JbFilter *filter = jb_filter_new (JB_KIND_ORGANIZATION, label);
  /* No owner at all must list nothing, not everything. */
  jb_filter_add (filter, JB_MATCH_IDS, NULL, *ids ? ids : "0");
  return filter;
}

/* ---- series ---------------------------------------------------------------- */

static JbSeriesEntry *
entry_new (const char *label, gint64 value, gboolean money, JbFilter *filter)
{
  JbSeriesEntry *e = g_new0 (JbSeriesEntry, 1);
  e->label = g_strdup (label);
  e->value = value;
  e->formatted = money ? jb_money_format (value) : g_strdup_printf ("%" G_GINT64_FORMAT, value);
  e->filter = filter;
  return e;
}

/* A copy of @base with one more condition, and a label naming the entry. */
static JbFilter *
narrow (JbFilter *base, const char *series_title, const char *entry, const char *description,
        JbMatch match, const char *field, const char *value)
{
  /* TRANSLATORS: chart title, bar, period: "Demands by region: Shanghai (2022)" */
  g_autofree char *label = g_strdup_printf (_("%s: %s (%s)"), series_title, entry, description);
  JbFilter *f = jb_filter_new (jb_filter_get_kind (base), label);
  for (guint i = 0; i < jb_filter_get_n_conditions (base); i++)
    {
      JbMatch m;
      const char *fi, *v;
      JbFilter *sub;
      jb_filter_get_condition (base, i, &m, &fi, &v, &sub);
      if (m == JB_MATCH_REF)
        jb_filter_add_ref (f, fi, sub);
      else
        jb_filter_add (f, m, fi, v);
    }
  if (match == JB_MATCH_FROM && strchr (value, '|'))
    {
      /* A time bucket "first|last". */
      g_auto (GStrv) range = g_strsplit (value, "|", 2);
      jb_filter_add (f, JB_MATCH_FROM, field, range[0]);
      jb_filter_add (f, JB_MATCH_UNTIL, field, range[1]);
    }
  else
    jb_filter_add (f, match, field, value);
  return f;
}

/* Counts or sums per month ("YYYY-MM"), gaps filled, as months or, over more
 * than two years, as years. */
static GPtrArray *
time_series (JbStore *self, const JbStatsPeriod *p, JbSeriesId id, const char *description,
             GError **error)
{
  gboolean contracts = id == JB_SERIES_CONTRACTS_OVER_TIME;
  const char *field = contracts ? "signed_on" : "created";
  g_autoptr (JbFilter) base = figure_filter (p, contracts ? JB_FIGURE_SIGNED : JB_FIGURE_DEMANDS,
                                             "");
  g_autofree char *signed_set = jb_store_sql_set (&jb_enum_deal_stage, JB_VALUE_SIGNED);
  g_autofree char *signed_cells = g_strdup_printf ("SELECT month, sum(contract_amount) FROM"
                                                   " stats_deal_signed WHERE stage IN %s",
                                                   signed_set);
  sqlite3_stmt *stmt;
  if (jb_store_totals_fit (self, p))
    stmt = jb_store_totals_query (self, p, NULL,
                                  contracts ? signed_cells
                                            : "SELECT month, sum(n) FROM stats_demand",
                                  "month", contracts ? JB_TOTALS_EVENT_OR_DEMAND : JB_TOTALS_EVENT,
                                  /* months emptied since stay, at zero */
                                  " GROUP BY 1 HAVING sum(n) > 0 ORDER BY 1", error);
  else
    stmt = query (self, contracts
                  ? "SELECT substr(t.signed_on, 1, 7), coalesce(sum(t.contract_amount), 0)"
                    " FROM deal t"
                  : "SELECT substr(t.created, 1, 7), count(*) FROM demand t",
                  base, " GROUP BY 1 ORDER BY 1", error);
  if (stmt == NULL)
    return NULL;
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *first = p->from ? g_strndup (p->from, 7) : NULL;
  g_autofree char *last = p->to ? g_strndup (p->to, 7) : NULL;
  g_autofree char *data_first = NULL, *data_last = NULL;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *month = (const char *) sqlite3_column_text (stmt, 0);
      if (month == NULL || strlen (month) != 7)
        continue;
      g_hash_table_insert (values, g_strdup (month), g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
      if (data_first == NULL)
        data_first = g_strdup (month);
      g_free (data_last);
      data_last = g_strdup (month);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (jb_store_fail (self, error), NULL);

  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_series_entry_free);
  if (first == NULL)
    first = g_steal_pointer (&data_first);
  if (last == NULL)
    last = g_steal_pointer (&data_last);
  if (first == NULL || last == NULL || strcmp (first, last) > 0)
    return entries;

  int y0 = atoi (first), m0 = atoi (first + 5), y1 = atoi (last), m1 = atoi (last + 5);
  gboolean by_year = (y1 * 12 + m1) - (y0 * 12 + m0) >= 24;
  const char *title = jb_series_title (id);
  for (int y = y0, m = m0; y * 12 + m <= y1 * 12 + m1;)
    {
      gint64 total = 0;
      char label[16], range[32];
      int until_month = by_year ? 12 : m;
      for (int mm = m; mm <= until_month && y * 12 + mm <= y1 * 12 + m1; mm++)
        {
          char key[8];
          g_snprintf (key, sizeof key, "%04d-%02d", y, mm);
          gint64 *v = g_hash_table_lookup (values, key);
          total += v ? *v : 0;
        }
      if (by_year)
        g_snprintf (label, sizeof label, "%04d", y);
      else
        g_snprintf (label, sizeof label, "%04d-%02d", y, m);
      g_snprintf (range, sizeof range, "%04d-%02d-01|%04d-%02d-%02d", y, by_year ? 1 : m, y,
                  until_month, g_date_get_days_in_month (until_month, y));
      JbFilter *f = narrow (base, title, label, description, JB_MATCH_FROM, field, range);
      g_ptr_array_add (entries, entry_new (label, total, contracts, f));
      if (by_year)
        y++, m = 1;
      else if (++m > 12)
        y++, m = 1;
    }
  return entries;
}

GPtrArray *
jb_store_stats_funnel (JbStore *self, const JbStatsPeriod *p, const JbFigures *figures)
{
  static const JbFigureId steps[] = { JB_FIGURE_DEMANDS, JB_FIGURE_SOLUTIONS, JB_FIGURE_SELECTED,
                                      JB_FIGURE_INTENTIONS, JB_FIGURE_SIGNED };
  g_autofree char *description = jb_store_stats_describe (self, p);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_series_entry_free);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    g_ptr_array_add (entries, entry_new (jb_figure_label (steps[i]), figures->count[steps[i]],
                                         FALSE, figure_filter (p, steps[i], description)));
  return entries;
}

GPtrArray *
jb_store_stats_series (JbStore *self, const JbStatsPeriod *p, JbSeriesId id, GError **error)
{
  g_autofree char *description = jb_store_stats_describe (self, p);
  const char *title = jb_series_title (id);
  g_autoptr (JbFilter) demands = figure_filter (p, JB_FIGURE_DEMANDS, "");
  g_autoptr (GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  switch (id)
    {
    case JB_SERIES_DEMANDS_OVER_TIME:
    case JB_SERIES_CONTRACTS_OVER_TIME:
      return time_series (self, p, id, description, error);

    case JB_SERIES_FUNNEL:
      {
        JbFigures figures;
        if (!jb_store_stats_figures (self, p, &figures, error))
          return NULL;
        return jb_store_stats_funnel (self, p, &figures);
      }

    case JB_SERIES_BY_REGION:
      {
        /* One bar per province of the Delta (沪苏浙皖), one for the rest. */
        const JbEnum *provinces = &jb_enum_province;
        g_autofree char *delta = jb_enum_codes_with_flag (provinces, JB_VALUE_DELTA);
        g_autofree char *delta_set = jb_store_sql_set (provinces, JB_VALUE_DELTA);
        g_auto (GStrv) codes = g_strsplit (delta, ",", -1);
        guint n = g_strv_length (codes);
        gboolean totals = jb_store_totals_fit (self, p);
        g_autoptr (GString) select = g_string_new ("SELECT ");
        /* Counted from the demands, or summed from the cells (where an
         * unset province is ''). */
        for (guint i = 0; i < n; i++)
          g_string_append_printf (select,
                                  totals ? "coalesce(sum(CASE WHEN province = '%s' THEN n END),"
                                           " 0), "
                                         : "count(CASE WHEN t.province = '%s' THEN 1 END), ",
                                  codes[i]);
        if (totals)
          g_string_append_printf (select, "coalesce(sum(CASE WHEN province NOT IN %s THEN n END),"
                                          " 0) FROM stats_demand_region", delta_set);
        else
          g_string_append_printf (select, "count(CASE WHEN t.province IS NULL OR t.province "
                                          "NOT IN %s THEN 1 END) FROM demand t", delta_set);
        g_autofree gint64 *v = g_new0 (gint64, n + 1);
        sqlite3_stmt *cells = totals ? jb_store_totals_query (self, p, NULL, select->str, "month",
                                                              JB_TOTALS_EVENT, NULL, error)
                                     : query (self, select->str, demands, NULL, error);
        if (!jb_store_one_row (self, cells, v, n + 1, error))
          return NULL;
        entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_series_entry_free);
        for (guint i = 0; i <= n; i++)
          {
            const char *label = i < n ? jb_enum_label (provinces, codes[i]) : _("Other regions");
            JbFilter *f = narrow (demands, title, label, description,
                                  i < n ? JB_MATCH_EQUALS : JB_MATCH_NOT_IN, "province",
                                  i < n ? codes[i] : delta);
            g_ptr_array_add (entries, entry_new (label, v[i], FALSE, f));
          }
        return g_steal_pointer (&entries);
      }

    case JB_SERIES_BY_INDUSTRY:
      if (jb_store_totals_fit (self, p))
        stmt = jb_store_totals_query (self, p, NULL, "SELECT nullif(industry, ''), sum(n)"
                                      " FROM stats_demand_industry", "month", JB_TOTALS_EVENT,
                                      " GROUP BY industry HAVING sum(n) > 0 ORDER BY 2 DESC, 1",
                                      error);
      else
        stmt = query (self, "SELECT t.industry, count(*) FROM demand t", demands,
                      " GROUP BY 1 ORDER BY 2 DESC, 1", error);
      if (stmt == NULL)
        return NULL;
      entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_series_entry_free);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *code = (const char *) sqlite3_column_text (stmt, 0);
          const char *label = code ? jb_enum_label (&jb_enum_industry, code) : NULL;
          JbFilter *f;
          if (label)
            f = narrow (demands, title, label, description, JB_MATCH_EQUALS, "industry", code);
          else
            {
              /* Unset (or an unknown code): none of the known ones. */
              g_autoptr (GString) all = g_string_new ("");
              for (guint i = 0; i < jb_enum_industry.n_values; i++)
                g_string_append_printf (all, "%s%s", i ? "," : "",
                                        jb_enum_industry.values[i].code);
              label = _("Not set");
              f = narrow (demands, title, label, description, JB_MATCH_NOT_IN, "industry",
                          all->str);
            }
          g_ptr_array_add (entries, entry_new (label, sqlite3_column_int64 (stmt, 1), FALSE, f));
        }
      break;

    case JB_SERIES_TOP_ENTERPRISES:
      /* Grouped by "+owner_id" in a subquery: grouping by the indexed
       * column would read every demand through the index, in owner order. */
      if (jb_store_totals_fit_owners (self, p))
        {
          g_autofree char *owners = jb_store_totals_owners_sql (p);
          g_autofree char *select = g_strdup_printf (
            "SELECT g.owner_id, o.name, g.investment FROM (SELECT owner_id, investment"
            " FROM (%s) WHERE investment > 0 ORDER BY investment DESC, owner_id LIMIT 10) g"
            " JOIN organization o ON o.id = g.owner_id", owners);
          stmt = jb_store_totals_query (self, p, NULL, select, NULL, JB_TOTALS_EVENT,
                                        " ORDER BY g.investment DESC, o.name", error);
        }
      else
        stmt = query (self, "SELECT g.owner_id, o.name, g.total FROM (SELECT t.owner_id,"
                            " sum(t.investment) AS total FROM demand t", demands,
                      " GROUP BY +t.owner_id HAVING total > 0 ORDER BY total DESC, t.owner_id"
                      " LIMIT 10) g JOIN organization o ON o.id = g.owner_id"
                      " ORDER BY g.total DESC, o.name", error);
      if (stmt == NULL)
        return NULL;
      entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_series_entry_free);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          g_autofree char *owner = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    (gint64) sqlite3_column_int64 (stmt, 0));
          JbFilter *f = narrow (demands, title, name, description, JB_MATCH_EQUALS, "owner_id",
                                owner);
          g_ptr_array_add (entries, entry_new (name, sqlite3_column_int64 (stmt, 2), TRUE, f));
        }
      break;

    case JB_N_SERIES:
    default:
      g_return_val_if_reached (NULL);
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (jb_store_fail (self, error), NULL);
  return g_steal_pointer (&entries);
}

/* ---- top tables ------------------------------------------------------------ */

static JbStatsTable *
table_new (const char *title, guint numeric_from, ...)
{
  JbStatsTable *t = g_new0 (JbStatsTable, 1);
  g_autoptr (GStrvBuilder) columns = g_strv_builder_new ();
  va_list ap;
  va_start (ap, numeric_from);
  for (const char *c; (c = va_arg (ap, const char *));)
    {
      g_strv_builder_add (columns, c);
      t->n_columns++;
    }
  va_end (ap);
  t->title = g_strdup (title);
  t->columns = g_strv_builder_end (columns);
  t->numeric_from = numeric_from;
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  t->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_filter_unref);
  return t;
}

static char *
column_text (sqlite3_stmt *stmt, int i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);
  return g_strdup (text ? text : "");
}

typedef struct {
  gint64 id;
  char *name;
  gint64 demands, deals, amount;
} ManagerRow;

static void
manager_row_free (ManagerRow *row)
{
  g_free (row->name);
  g_free (row);
}

static int
manager_row_compare (gconstpointer a, gconstpointer b)
{
  const ManagerRow *x = *(ManagerRow **) a, *y = *(ManagerRow **) b;
  if (x->demands != y->demands)
    return x->demands > y->demands ? -1 : 1;
  if (x->deals != y->deals)
    return x->deals > y->deals ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

/* At most this many managers: a page of the report. */
#define MAX_MANAGERS 30

static JbStatsTable *
managers_table (JbStore *self, const JbStatsPeriod *p, const char *description, GError **error)
{
  g_autoptr (JbFilter) demands = figure_filter (p, JB_FIGURE_DEMANDS, "");
  g_autoptr (JbFilter) deals = figure_filter (p, JB_FIGURE_SIGNED, "");
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) manager_row_free);
  int rc = SQLITE_DONE;

  for (guint pass = 0; pass < 2 && rc == SQLITE_DONE; pass++)
    {
      sqlite3_stmt *stmt = query (self, pass == 0
                                  ? "SELECT g.id, p.name, g.n, g.amount FROM (SELECT"
                                    " t.manager_id AS id, count(*) AS n, 0 AS amount FROM demand t"
                                  : "SELECT g.id, p.name, g.n, g.amount FROM (SELECT"
                                    " t.manager_id AS id, count(*) AS n,"
                                    " coalesce(sum(t.contract_amount), 0) AS amount FROM deal t",
                                  pass == 0 ? demands : deals,
                                  " GROUP BY +t.manager_id) g JOIN person p ON p.id = g.id", error);
      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          ManagerRow *row = g_hash_table_lookup (by_id, &id);
          if (row == NULL)
            {
              row = g_new0 (ManagerRow, 1);
              row->id = id;
              row->name = column_text (stmt, 1);
              g_ptr_array_add (rows, row);
              g_hash_table_insert (by_id, &row->id, row);
            }
          if (pass == 0)
            row->demands = sqlite3_column_int64 (stmt, 2);
          else
            {
              row->deals = sqlite3_column_int64 (stmt, 2);
              row->amount = sqlite3_column_int64 (stmt, 3);
            }
        }
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_DONE)
    return (jb_store_fail (self, error), NULL);

  g_ptr_array_sort (rows, manager_row_compare);
  JbStatsTable *t = table_new (_("Technology managers"), 1, _("Technology manager"),
                               _("Demands"), _("Signed deals"), _("Contract amount"), NULL);
  for (guint i = 0; i < MIN (rows->len, MAX_MANAGERS); i++)
    {
      ManagerRow *row = rows->pdata[i];
      char **cells = g_new0 (char *, 5);
      cells[0] = g_strdup (row->name);
      cells[1] = g_strdup_printf ("%" G_GINT64_FORMAT, row->demands);
      cells[2] = g_strdup_printf ("%" G_GINT64_FORMAT, row->deals);
      cells[3] = jb_money_format (row->amount);
      g_ptr_array_add (t->rows, cells);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
      g_ptr_array_add (t->filters, narrow (demands, _("Demands"), row->name, description,
                                           JB_MATCH_EQUALS, "manager_id", id));
    }
  return t;
}

JbStatsTable *
jb_store_stats_table (JbStore *self, const JbStatsPeriod *p, JbTableId id, GError **error)
{
  g_autofree char *description = jb_store_stats_describe (self, p);
  g_autoptr (JbStatsTable) t = NULL;
  g_autoptr (JbFilter) base = NULL;
  sqlite3_stmt *stmt;
  int rc;

  switch (id)
    {
    case JB_TABLE_LARGEST_DEALS:
      base = figure_filter (p, JB_FIGURE_SIGNED, "");
      stmt = query (self, "SELECT t.id, t.title, ds.name, ss.name, t.signed_on,"
                          " coalesce(t.contract_amount, 0) FROM deal t"
                          " LEFT JOIN organization ds ON ds.id = t.demand_side_id"
                          " LEFT JOIN organization ss ON ss.id = t.supply_side_id",
                    base, " ORDER BY 6 DESC, t.signed_on, t.id LIMIT 10", error);
      if (stmt == NULL)
        return NULL;
      t = table_new (_("Largest deals"), 4, _("Deal"), _("Demand side"), _("Supply side"),
                     _("Signing date"), _("Contract amount"), NULL);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          char **cells = g_new0 (char *, 6);
          for (int i = 0; i < 3; i++)
            cells[i] = column_text (stmt, i + 1);
          const char *signed_on = (const char *) sqlite3_column_text (stmt, 4);
          cells[3] = signed_on ? jb_date_format (signed_on) : g_strdup ("");
          cells[4] = jb_money_format (sqlite3_column_int64 (stmt, 5));
          g_autofree char *deal = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   (gint64) sqlite3_column_int64 (stmt, 0));
          g_ptr_array_add (t->filters, narrow (base, _("Largest deals"), cells[0], description,
                                               JB_MATCH_IDS, NULL, deal));
          g_ptr_array_add (t->rows, cells);
        }
      break;

    case JB_TABLE_SOLVERS:
      base = figure_filter (p, JB_FIGURE_SOLUTIONS, "");
      {
        g_autofree char *selected = jb_store_sql_set (&jb_enum_solution_status,
                                                      JB_VALUE_SELECTED);
        g_autofree char *select = g_strdup_printf (
          "SELECT g.id, o.name, g.n, g.selected FROM (SELECT t.solver_id AS id,"
          " count(*) AS n, count(CASE WHEN t.status IN %s THEN 1 END)"
          " AS selected FROM solution t", selected);
        stmt = query (self, select, base, " GROUP BY +t.solver_id) g JOIN organization o"
                      " ON o.id = g.id ORDER BY 3 DESC, 4 DESC, o.name LIMIT 10", error);
      }
      if (stmt == NULL)
        return NULL;
      t = table_new (_("Most active solvers"), 1, _("Solver"), _("Solutions"), _("Selected"),
                     NULL);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          char **cells = g_new0 (char *, 4);
          cells[0] = column_text (stmt, 1);
          cells[1] = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 2));
          cells[2] = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 3));
          g_autofree char *solver = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     (gint64) sqlite3_column_int64 (stmt, 0));
          g_ptr_array_add (t->filters, narrow (base, _("Solutions"), cells[0], description,
                                               JB_MATCH_EQUALS, "solver_id", solver));
          g_ptr_array_add (t->rows, cells);
        }
      break;

    case JB_TABLE_MANAGERS:
      return managers_table (self, p, description, error);

    case JB_TABLE_INVITATIONS:
      return jb_store_match_invitations_table (self, p, description, error);

    case JB_N_TABLES:
    default:
      g_return_val_if_reached (NULL);
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (jb_store_fail (self, error), NULL);
  return g_steal_pointer (&t);
}

GArray *
jb_store_stats_years (JbStore *self, GError **error)
{
  sqlite3_stmt *stmt = jb_store_statement (
    self, self->stats_from_records
    ? "SELECT DISTINCT CAST(substr(created, 1, 4) AS INTEGER) FROM demand"
      " UNION SELECT CAST(substr(signed_on, 1, 4) AS INTEGER) FROM deal"
      " WHERE signed_on IS NOT NULL ORDER BY 1 DESC"
    : "SELECT DISTINCT CAST(substr(month, 1, 4) AS INTEGER) FROM stats_demand WHERE n > 0"
      " UNION SELECT CAST(substr(month, 1, 4) AS INTEGER) FROM stats_deal_signed"
      " WHERE n > 0 AND month <> '' ORDER BY 1 DESC", error);
  if (stmt == NULL)
    return NULL;
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      if (year > 0)
        g_array_append_val (years, year);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (years);
      return (jb_store_fail (self, error), NULL);
    }
  return years;
}

/* For the table of invitations (jb-store-match.c). */
JbFilter *
jb_store_stats_scope_filter (const JbStatsPeriod *p, JbKindId kind, const char *what,
                             const char *description)
{
  return base_filter (p, kind, NULL, what, description);
}

/* What a year's work is made of: the figures counted by a date of that
 * year (jb-stats.h), not the balances (outstanding, overdue), which an old
 * archive has in any year. */
static const JbFigureId activity[] = {
  JB_FIGURE_DEMANDS, JB_FIGURE_SOLUTIONS, JB_FIGURE_INTENTIONS, JB_FIGURE_SIGNED,
  JB_FIGURE_RECEIVED, JB_FIGURE_AWARDS,
};

static gboolean
year_active (JbStore *self, int year, const char *today, gboolean *active, GError **error)
{
  JbStatsPeriod p = { .today = today };
  char from[11], to[11];
  JbFigures figures;

  jb_stats_period_set_year (&p, year, from, to);
  if (!jb_store_stats_figures (self, &p, &figures, error))
    return FALSE;
  *active = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (activity) && !*active; i++)
    *active = figures.count[activity[i]] > 0;
  if (*active)
    return TRUE;
  /* An invitation asks for a solution that is not received yet: only the
   * table of invitations counts it. */
  g_autoptr (JbStatsTable) invitations = jb_store_match_invitations_table (self, &p, "", error);
  if (invitations == NULL)
    return FALSE;
  *active = invitations->rows->len > 0;
  return TRUE;
}

GArray *
jb_store_stats_year_choices (JbStore *self, const char *today, int *open, GError **error)
{
  g_autofree char *now = today ? g_strdup (today) : jb_date_today ();
  int this_year = (int) g_ascii_strtoll (now, NULL, 10);
  GArray *years = jb_store_stats_years (self, error);

  if (open)
    *open = 0;
  if (years == NULL)
    return NULL;
  guint at = 0;   /* where this year goes, newest first */
  while (at < years->len && g_array_index (years, int, at) > this_year)
    at++;
  gboolean listed = at < years->len && g_array_index (years, int, at) == this_year;
  if (!listed && this_year > 0)
    {
      gboolean active;
      if (!year_active (self, this_year, today, &active, error))
        {
          g_array_unref (years);
          return NULL;
        }
      if (active)
        {
          g_array_insert_val (years, at, this_year);
          listed = TRUE;
        }
    }
  /* The year being worked on; an archive of past years opens on its last. */
  if (open)
    *open = listed ? this_year : years->len ? g_array_index (years, int, 0) : 0;
  return years;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-totals.c: the figures of jb-stats.h read from the running totals
 * of jb-store-aggregates.c instead of the records, when the period starts
 * on the first of a month and ends on the last day of one (a year, all
 * time): a sum over the cells of the months and events in scope.
 * jb-store-stats.c asks here first and reads the records for the rest:
 * awards (a few hundred rows), the enterprises of one event or of part of
 * a year, the payments due in the month of today. */
#include "config.h"

#include <string.h>

#include "jb-stats.h"
#include "jb-store-private.h"

void
jb_store_stats_use_totals (JbStore *self, gboolean use)
{
  self->stats_from_records = !use;
}

static gboolean
is_first_of_month (const char *date)
{
  return strlen (date) == 10 && strcmp (date + 7, "-01") == 0;
}

static gboolean
is_last_of_month (const char *date)
{
  g_autoptr (GDateTime) day = g_date_time_new_utc (atoi (date), atoi (date + 5), atoi (date + 8),
                                                   0, 0, 0);
  if (day == NULL || strlen (date) != 10)
    return FALSE;
  g_autoptr (GDateTime) next = g_date_time_add_days (day, 1);
  return g_date_time_get_day_of_month (next) == 1;
}

gboolean
jb_store_totals_fit (JbStore *self, const JbStatsPeriod *p)
{
  return !self->stats_from_records && (p->from == NULL || is_first_of_month (p->from)) &&
         (p->to == NULL || is_last_of_month (p->to));
}

gboolean
jb_store_totals_fit_owners (JbStore *self, const JbStatsPeriod *p)
{
  if (!jb_store_totals_fit (self, p))
    return FALSE;
  if (p->event_id != 0)
    return p->from == NULL && p->to == NULL;
  return (p->from == NULL || strcmp (p->from + 4, "-01-01") == 0) &&
         (p->to == NULL || strcmp (p->to + 4, "-12-31") == 0);
}

char *
jb_store_totals_owners_sql (const JbStatsPeriod *p)
{
  if (p->event_id != 0)
    return g_strdup ("SELECT owner_id, sum(n) AS n, sum(investment) AS investment"
                     " FROM stats_owner WHERE year = 0 @SCOPE@ GROUP BY owner_id"
                     " HAVING sum(n) > 0");
  if (p->from == NULL && p->to == NULL)
    return g_strdup ("SELECT owner_id, n, investment FROM stats_owner"
                     " WHERE year = 0 AND event_id = -1 AND n > 0");
  return g_strdup ("SELECT owner_id, sum(n) AS n, sum(investment) AS investment FROM stats_owner"
                   " WHERE event_id = -1 AND year BETWEEN max(1, CAST(substr(?1, 1, 4) AS INTEGER))"
                   " AND CAST(substr(?2, 1, 4) AS INTEGER) GROUP BY owner_id HAVING sum(n) > 0");
}

/* Appends to @params, returning its number for "?N". */
static guint
param (GPtrArray *params, const char *value)
{
  g_ptr_array_add (params, g_strdup (value));
  return params->len;
}

sqlite3_stmt *
jb_store_totals_query (JbStore *self, const JbStatsPeriod *p, const char *reference,
                       const char *select, const char *month, JbTotalsScope scope,
                       const char *tail, GError **error)
{
  g_autoptr (GString) sql = g_string_new (select);
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  gboolean where = strstr (select, " WHERE ") != NULL;
  g_autoptr (GString) scope_sql = g_string_new (NULL);

  /* ?1 and ?2 are the period's first and last days, ?3 the reference day:
   * the caller's select may name them. */
  param (params, p->from ? p->from : "0000-01-01");
  param (params, p->to ? p->to : "9999-12-31");
  param (params, reference ? reference : "");
  /* A cell of an unset date ('') belongs to no period but all time. */
  if (month && (p->from || p->to))
    {
      g_string_append_printf (sql, " %s %s BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)",
                              where ? "AND" : "WHERE", month);
      where = TRUE;
    }
  if (p->event_id > 0 && scope != JB_TOTALS_EVERYTHING)
    {
      char id[32];
      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, p->event_id);
      guint event = param (params, id);
      g_string_append (scope_sql, "(event_id IN ");
      jb_store_append_event_set (scope_sql, event, p->event_alone);
      if (scope == JB_TOTALS_EVENT_OR_DEMAND)
        {
          g_string_append (scope_sql, " OR demand_event_id IN ");
          jb_store_append_event_set (scope_sql, event, p->event_alone);
        }
      g_string_append_c (scope_sql, ')');
    }
  /* In a subquery, where the select says; else at the end. */
  if (strstr (sql->str, "@SCOPE@"))
    {
      g_autofree char *condition = scope_sql->len ? g_strconcat ("AND ", scope_sql->str, NULL)
                                                  : g_strdup ("");
      g_string_replace (sql, "@SCOPE@", condition, 1);
    }
  else if (scope_sql->len)
    g_string_append_printf (sql, " %s %s", where ? "AND" : "WHERE", scope_sql->str);
  if (tail)
    g_string_append (sql, tail);
  sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
  if (stmt)
    jb_store_bind_params (stmt, params);
  return stmt;
}

/* The @n sums of the one row of a jb_store_totals_query(). */
static gboolean
sum_cells (JbStore *self, const JbStatsPeriod *p, const char *reference, const char *select,
           const char *month, JbTotalsScope scope, gint64 *out, guint n, GError **error)
{
  return jb_store_one_row (self, jb_store_totals_query (self, p, reference, select, month,
                                                       scope, NULL, error),
                          out, n, error);
}

gboolean
jb_store_totals_figures (JbStore *self, const JbStatsPeriod *p, const char *reference,
                         JbFigures *out, GError **error)
{
  gint64 v[4];
  g_autofree char *published = jb_store_sql_set (&jb_enum_demand_status, JB_VALUE_PUBLISHED);
  g_autofree char *matched = jb_store_sql_set (&jb_enum_demand_status, JB_VALUE_MATCHED);
  g_autofree char *selected = jb_store_sql_set (&jb_enum_solution_status, JB_VALUE_SELECTED);
  g_autofree char *signed_set = jb_store_sql_set (&jb_enum_deal_stage, JB_VALUE_SIGNED);
  g_autofree char *demands = g_strdup_printf (
    "SELECT coalesce(sum(n), 0), coalesce(sum(investment), 0),"
    " coalesce(sum(CASE WHEN status IN %s THEN n END), 0),"
    " coalesce(sum(CASE WHEN status IN %s THEN n END), 0) FROM stats_demand", published, matched);
  /* Invitations a matcher sent are no solutions received (jb-kind-solution.c). */
  g_autofree char *invited = jb_store_sql_set (&jb_enum_solution_status, JB_VALUE_INVITED);
  g_autofree char *solutions = g_strdup_printf (
    "SELECT coalesce(sum(CASE WHEN status NOT IN %s THEN n END), 0),"
    " coalesce(sum(CASE WHEN status IN %s THEN n END), 0)"
    " FROM stats_solution", invited, selected);
  g_autofree char *deals = g_strdup_printf (
    "SELECT coalesce(sum(n), 0), coalesce(sum(contract_amount), 0),"
    " coalesce(sum(transaction_amount), 0) FROM stats_deal_signed WHERE stage IN %s", signed_set);
  /* A balance at the end of the period: the deals signed by then, whatever
   * the period's start; overdue, the months before the reference day's. */
  g_autofree char *open = g_strdup_printf (
    "SELECT coalesce(sum(n), 0), coalesce(sum(amount), 0),"
    " coalesce(sum(CASE WHEN due_month < substr(?3, 1, 7) THEN n END), 0),"
    " coalesce(sum(CASE WHEN due_month < substr(?3, 1, 7) THEN amount END), 0)"
    " FROM stats_payment_open"
    " WHERE stage IN %s AND signed_month BETWEEN '0000-00' AND substr(?2, 1, 7)", signed_set);

  if (!sum_cells (self, p, NULL, demands, "month", JB_TOTALS_EVENT, v, 4, error))
    return FALSE;
  out->count[JB_FIGURE_DEMANDS] = out->count[JB_FIGURE_INVESTMENT] = v[0];
  out->amount[JB_FIGURE_INVESTMENT] = v[1];
  out->count[JB_FIGURE_PUBLISHED] = v[2];
  out->count[JB_FIGURE_MATCHED] = v[3];

  if (!sum_cells (self, p, NULL, solutions, "month", JB_TOTALS_EVENT, v, 2, error))
    return FALSE;
  out->count[JB_FIGURE_SOLUTIONS] = v[0];
  out->count[JB_FIGURE_SELECTED] = v[1];

  if (!sum_cells (self, p, NULL, "SELECT coalesce(sum(n), 0) FROM stats_deal", "month",
                  JB_TOTALS_EVENT_OR_DEMAND, v, 1, error))
    return FALSE;
  out->count[JB_FIGURE_INTENTIONS] = v[0];

  if (!sum_cells (self, p, NULL, deals, "month", JB_TOTALS_EVENT_OR_DEMAND, v, 3, error))
    return FALSE;
  out->count[JB_FIGURE_SIGNED] = out->count[JB_FIGURE_TRANSACTION] = v[0];
  out->count[JB_FIGURE_CONTRACT_AMOUNT] = v[0];
  out->amount[JB_FIGURE_SIGNED] = out->amount[JB_FIGURE_CONTRACT_AMOUNT] = v[1];
  out->amount[JB_FIGURE_TRANSACTION] = v[2];

  if (!sum_cells (self, p, NULL, "SELECT coalesce(sum(n), 0), coalesce(sum(amount), 0)"
                  " FROM stats_payment_received", "month", JB_TOTALS_EVENT_OR_DEMAND, v, 2, error))
    return FALSE;
  out->count[JB_FIGURE_RECEIVED] = v[0];
  out->amount[JB_FIGURE_RECEIVED] = v[1];

  if (!sum_cells (self, p, reference, open, NULL, JB_TOTALS_EVENT_OR_DEMAND, v, 4, error))
    return FALSE;
  out->count[JB_FIGURE_OUTSTANDING] = v[0];
  out->amount[JB_FIGURE_OUTSTANDING] = v[1];
  out->count[JB_FIGURE_OVERDUE] = v[2];
  out->amount[JB_FIGURE_OVERDUE] = v[3];
  return TRUE;
}

gboolean
jb_store_totals_owners (JbStore *self, const JbStatsPeriod *p, JbFigures *out, GError **error)
{
  gint64 v[2];
  g_autofree char *owners = jb_store_totals_owners_sql (p);
  g_autofree char *select = g_strdup_printf ("SELECT count(*), count(CASE WHEN o.alliance = 1"
                                             " THEN 1 END) FROM (%s) s JOIN organization o"
                                             " ON o.id = s.owner_id", owners);
  if (!sum_cells (self, p, NULL, select, NULL, JB_TOTALS_EVENT, v, 2, error))
    return FALSE;
  out->count[JB_FIGURE_ENTERPRISES] = v[0];
  out->count[JB_FIGURE_ALLIANCE] = v[1];
  return TRUE;
}

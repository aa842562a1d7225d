/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The year in figures (jb-stats.h): every aggregate on a hand-built data set
 * with known totals, each figure against the records its filter lists, and
 * the seed's figures from the bundled sample. */
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include "jb-date.h"
#include "jb-exchange.h"
#include "jb-match.h"
#include "jb-money.h"
#include "jb-stats.h"
#include "jb-store.h"
#include "test-util.h"

typedef struct {
  char *dir;
  JbStore *store;
  /* the hand-built records, by name */
  GHashTable *ids;
} Fixture;

static gint64
id_of (Fixture *f, const char *name)
{
  return test_id_of (f->ids, name);
}

/* Saves a record of @kind entered at @created with "field", "value" pairs
 * (NULL-terminated); a value "@name" is the id of an earlier record. */
static void
add (Fixture *f, const char *name, JbKindId kind, const char *created, ...)
{
  va_list ap;
  va_start (ap, created);
  test_add_record (f->store, f->ids, name, kind, created,
                   JB_SAVE_KEEP_TIMES | JB_SAVE_AS_FILED | JB_SAVE_ANY_STATUS, ap);
  va_end (ap);
}

#define T "T09:00:00.000000Z"

static void
build (Fixture *f)
{
  add (f, "E1", JB_KIND_ORGANIZATION, "2021-01-01" T, "name", "宁德时代未来能源(上海)研究院",
       "kind", "institute", "province", "shanghai", "alliance", "1", NULL);
  add (f, "E2", JB_KIND_ORGANIZATION, "2021-01-01" T, "name", "苏州某企业", "kind", "enterprise",
       "province", "jiangsu", NULL);
  add (f, "E3", JB_KIND_ORGANIZATION, "2021-01-01" T, "name", "E3", "kind", "enterprise", NULL);
  add (f, "V1", JB_KIND_ORGANIZATION, "2021-01-01" T, "name", "上海交通大学", "kind", "university",
       NULL);
  add (f, "V2", JB_KIND_ORGANIZATION, "2021-01-01" T, "name", "V2", "kind", "institute", NULL);
  add (f, "M1", JB_KIND_PERSON, "2021-01-01" T, "name", "陈思远", "role", "manager", NULL);
  add (f, "M2", JB_KIND_PERSON, "2021-01-01" T, "name", "王晓梅", "role", "manager", NULL);

  /* Challenge C → session S → sub-session SS; O elsewhere. */
  add (f, "C", JB_KIND_EVENT, "2021-01-01" T, "title", "挑战赛", "kind", "challenge", NULL);
  add (f, "S", JB_KIND_EVENT, "2021-01-01" T, "title", "闵行专场", "kind", "session",
       "parent_id", "@C", NULL);
  add (f, "SS", JB_KIND_EVENT, "2021-01-01" T, "title", "现场赛", "kind", "session",
       "parent_id", "@S", NULL);
  add (f, "O", JB_KIND_EVENT, "2021-01-01" T, "title", "对接会", "kind", "matchmaking", NULL);

  /* Demands: 2022 holds d1 (first instant), d2 (last instant), d5, d6. */
  add (f, "d1", JB_KIND_DEMAND, "2022-01-01T00:00:00.000000Z", "title", "固态电池", "owner_id", "@E1",
       "event_id", "@S", "status", "published", "province", "shanghai", "industry", "new_energy",
       "investment", "123456789", "manager_id", "@M1", NULL);
  add (f, "d2", JB_KIND_DEMAND, "2022-12-31T23:59:59.999999Z", "title", "芯片", "owner_id", "@E1",
       "event_id", "@SS", "status", "matched", "province", "jiangsu", "industry", "ai",
       "investment", "5000000", "manager_id", "@M1", NULL);
  add (f, "d3", JB_KIND_DEMAND, "2021-12-31T23:59:59.999999Z", "title", "d3", "owner_id", "@E2",
       "event_id", "@S", "status", "closed", "province", "shanghai", "investment", "7000000", NULL);
  add (f, "d4", JB_KIND_DEMAND, "2023-01-01T00:00:00.000000Z", "title", "d4", "owner_id", "@E2",
       "status", "draft", NULL);
  add (f, "d5", JB_KIND_DEMAND, "2022-06-15T10:00:00.000000Z", "title", "农业", "owner_id", "@E2",
       "event_id", "@O", "status", "draft", "manager_id", "@M2", NULL);
  add (f, "d6", JB_KIND_DEMAND, "2022-03-01" T, "title", "d6", "owner_id", "@E3",
       "status", "review", "province", "zhejiang", "industry", "ai", "investment", "2000000", NULL);

  add (f, "s1", JB_KIND_SOLUTION, "2022-02-01" T, "title", "s1", "demand_id", "@d1",
       "solver_id", "@V1", "submitted", "2022-02-01", "status", "selected", NULL);
  add (f, "s2", JB_KIND_SOLUTION, "2022-12-31" T, "title", "s2", "demand_id", "@d2",
       "solver_id", "@V1", "submitted", "2022-12-31", "status", "submitted", NULL);
  add (f, "s3", JB_KIND_SOLUTION, "2023-01-01" T, "title", "s3", "demand_id", "@d5",
       "solver_id", "@V2", "submitted", "2023-01-01", "status", "submitted", NULL);
  add (f, "s4", JB_KIND_SOLUTION, "2022-05-05" T, "title", "s4", "demand_id", "@d6",
       "solver_id", "@V2", "submitted", "2022-05-05", "status", "declined", NULL);

  /* Deals: k1 and k2 signed in 2022 (103.335 万元 together); k3 terminated,
   * k4 an intention in SS by its event, k5 signed in 2021. */
  add (f, "k1", JB_KIND_DEAL, "2022-01-01" T, "title", "k1", "demand_id", "@d1",
       "demand_side_id", "@E1", "supply_side_id", "@V1", "stage", "completed",
       "contract_type", "development", "contract_amount", "100000000",
       "transaction_amount", "90000000", "signed_on", "2022-01-01", "manager_id", "@M1", NULL);
  add (f, "k2", JB_KIND_DEAL, "2022-11-01" T, "title", "k2", "demand_id", "@d2",
       "demand_side_id", "@E1", "supply_side_id", "@V1", "stage", "executing",
       "contract_type", "service", "contract_amount", "3335000", "transaction_amount", "3335000",
       "signed_on", "2022-12-31", "manager_id", "@M1", NULL);
  add (f, "k3", JB_KIND_DEAL, "2022-04-01" T, "title", "k3", "demand_id", "@d6",
       "demand_side_id", "@E3", "supply_side_id", "@V2", "stage", "terminated",
       "contract_amount", "500000000", "signed_on", "2022-05-05", "manager_id", "@M2", NULL);
  add (f, "k4", JB_KIND_DEAL, "2022-07-01" T, "title", "k4", "event_id", "@SS",
       "demand_side_id", "@E2", "supply_side_id", "@V2", "stage", "intention", NULL);
  add (f, "k5", JB_KIND_DEAL, "2021-12-01" T, "title", "k5", "demand_id", "@d3",
       "demand_side_id", "@E2", "supply_side_id", "@V2", "stage", "signed",
       "contract_amount", "10000000", "signed_on", "2021-12-31", NULL);

  add (f, "p1", JB_KIND_PAYMENT, "2022-01-01" T, "deal_id", "@k1", "due_date", "2022-02-01",
       "amount", "50000000", "received", "1", "received_on", "2022-02-03", NULL);
  add (f, "p2", JB_KIND_PAYMENT, "2022-01-01" T, "deal_id", "@k1", "due_date", "2023-01-10",
       "amount", "50000000", "received", "1", "received_on", "2023-01-09", NULL);
  add (f, "p3", JB_KIND_PAYMENT, "2022-11-01" T, "deal_id", "@k2", "due_date", "2022-12-30",
       "amount", "1000000", NULL);
  add (f, "p4", JB_KIND_PAYMENT, "2022-11-01" T, "deal_id", "@k2", "due_date", "2023-03-01",
       "amount", "2335000", "received", "0", NULL);
  add (f, "p5", JB_KIND_PAYMENT, "2022-04-01" T, "deal_id", "@k3", "due_date", "2022-06-01",
       "amount", "100000", NULL);
  add (f, "p6", JB_KIND_PAYMENT, "2021-12-01" T, "deal_id", "@k5", "due_date", "2022-01-15",
       "amount", "2000000", NULL);

  add (f, "a1", JB_KIND_AWARD, "2022-12-15" T, "title", "最佳开放式创新企业奖", "event_id", "@S",
       "category", "best_enterprise", "organization_id", "@E1", "awarded_on", "2022-12-15", NULL);
  add (f, "a2", JB_KIND_AWARD, "2022-12-31" T, "title", "a2", "event_id", "@O",
       "category", "other", "organization_id", "@E2", "awarded_on", "2022-12-31", NULL);
  add (f, "a3", JB_KIND_AWARD, "2023-01-01" T, "title", "a3", "event_id", "@C",
       "category", "other", "organization_id", "@E3", "awarded_on", "2023-01-01", NULL);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = test_tmp_store ("jb-stats-XXXXXX", "test.db", &f->dir, NULL);
  f->ids = test_ids_new ();
  if (data == NULL)
    build (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_hash_table_unref (f->ids);
}

static guint
n_listed (JbStore *store, JbFilter *filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = jb_store_list_filtered (store, jb_filter_get_kind (filter), filter,
                                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows->len;
}

/* Every figure counts exactly the records its filter lists. */
static void
assert_filters_agree (JbStore *store, const JbStatsPeriod *p, const JbFigures *figures)
{
  for (JbFigureId i = 0; i < JB_N_FIGURES; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JbFilter) filter = jb_store_stats_figure_filter (store, p, i, &error);
      g_assert_no_error (error);
      g_assert_nonnull (jb_filter_get_label (filter));
      if (n_listed (store, filter) != figures->count[i])
        g_error ("figure %s: %" G_GINT64_FORMAT " counted, %u listed", jb_figure_label (i),
                 figures->count[i], n_listed (store, filter));
    }
  for (JbSeriesId s = 0; s < JB_N_SERIES; s++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) entries = jb_store_stats_series (store, p, s, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < entries->len; i++)
        {
          JbSeriesEntry *e = entries->pdata[i];
          guint n = n_listed (store, e->filter);
          if (!jb_series_is_money (s))
            g_assert_cmpint (n, ==, e->value);
          else if (e->value > 0)
            g_assert_cmpuint (n, >, 0);
        }
    }
  for (JbTableId t = 0; t < JB_N_TABLES; t++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JbStatsTable) table = jb_store_stats_table (store, p, t, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (table->rows->len, ==, table->filters->len);
      for (guint i = 0; i < table->filters->len; i++)
        g_assert_cmpuint (n_listed (store, table->filters->pdata[i]), >, 0);
    }
}

static void
figures_for (Fixture *f, const JbStatsPeriod *p, JbFigures *figures)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_stats_figures (f->store, p, figures, &error));
  g_assert_no_error (error);
  assert_filters_agree (f->store, p, figures);
}

static void
assert_money (gint64 fen, const char *wan)
{
  g_autofree char *text = jb_money_format_in (fen, JB_MONEY_WAN);
  g_assert_cmpstr (text, ==, wan);
}

static void
test_year (Fixture *f, gconstpointer data)
{
  JbStatsPeriod p = { .today = "2026-01-01" };
  char from[11], to[11];
  JbFigures x;

  jb_stats_period_set_year (&p, 2022, from, to);
  figures_for (f, &p, &x);
  /* The first and the last instant of the year count; 2021-12-31 and 2023 do not. */
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 4);
  g_assert_cmpint (x.count[JB_FIGURE_PUBLISHED], ==, 2);
  g_assert_cmpint (x.count[JB_FIGURE_MATCHED], ==, 1);
  g_assert_cmpint (x.amount[JB_FIGURE_INVESTMENT], ==, 123456789 + 5000000 + 2000000);
  assert_money (x.amount[JB_FIGURE_INVESTMENT], "130.46万元");
  g_assert_cmpint (x.count[JB_FIGURE_SOLUTIONS], ==, 3);
  g_assert_cmpint (x.count[JB_FIGURE_SELECTED], ==, 1);
  g_assert_cmpint (x.count[JB_FIGURE_INTENTIONS], ==, 4);
  /* The terminated deal never counts as signed, whatever its amount. */
  g_assert_cmpint (x.count[JB_FIGURE_SIGNED], ==, 2);
  g_assert_cmpint (x.amount[JB_FIGURE_SIGNED], ==, 103335000);
  assert_money (x.amount[JB_FIGURE_SIGNED], "103.34万元");
  g_assert_cmpint (x.amount[JB_FIGURE_TRANSACTION], ==, 93335000);
  /* Received in 2022: p1 (p2 came in 2023). */
  g_assert_cmpint (x.count[JB_FIGURE_RECEIVED], ==, 1);
  g_assert_cmpint (x.amount[JB_FIGURE_RECEIVED], ==, 50000000);
  /* Outstanding at the end of 2022: p3, p4 and p6 (k5, signed in 2021); not
   * p5 of the terminated deal.  Overdue on 2022-12-31: p3 and p6. */
  g_assert_cmpint (x.count[JB_FIGURE_OUTSTANDING], ==, 3);
  g_assert_cmpint (x.amount[JB_FIGURE_OUTSTANDING], ==, 1000000 + 2335000 + 2000000);
  g_assert_cmpint (x.count[JB_FIGURE_OVERDUE], ==, 2);
  g_assert_cmpint (x.amount[JB_FIGURE_OVERDUE], ==, 3000000);
  g_assert_cmpint (x.count[JB_FIGURE_AWARDS], ==, 2);
  g_assert_cmpint (x.count[JB_FIGURE_ENTERPRISES], ==, 3);
  g_assert_cmpint (x.count[JB_FIGURE_ALLIANCE], ==, 1);

  g_autofree char *described = jb_store_stats_describe (f->store, &p);
  g_assert_cmpstr (described, ==, "2022");
  g_autofree char *signed_text = jb_figure_format (&x, JB_FIGURE_SIGNED);
  g_assert_cmpstr (signed_text, ==, "2");
  g_autofree char *money_text = jb_figure_format (&x, JB_FIGURE_TRANSACTION);
  g_assert_cmpstr (money_text, ==, "¥933,350");
}

static void
test_part_of_year (Fixture *f, gconstpointer data)
{
  /* The first half of 2022, seen on 2022-04-01: overdue is judged on today. */
  JbStatsPeriod p = { "2022-01-01", "2022-06-30", 0, "2022-04-01" };
  JbFigures x;
  figures_for (f, &p, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 3);
  g_assert_cmpint (x.count[JB_FIGURE_SIGNED], ==, 1);
  g_assert_cmpint (x.amount[JB_FIGURE_SIGNED], ==, 100000000);
  /* k2 is not signed yet on 2022-06-30: only p6 is owed. */
  g_assert_cmpint (x.count[JB_FIGURE_OUTSTANDING], ==, 1);
  g_assert_cmpint (x.count[JB_FIGURE_OVERDUE], ==, 1);

  /* Open ends. */
  JbStatsPeriod all = { NULL, NULL, 0, "2026-01-01" };
  figures_for (f, &all, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 6);
  g_assert_cmpint (x.count[JB_FIGURE_SIGNED], ==, 3);
  g_assert_cmpint (x.count[JB_FIGURE_AWARDS], ==, 3);
  g_assert_cmpint (x.count[JB_FIGURE_RECEIVED], ==, 2);
  g_assert_cmpint (x.count[JB_FIGURE_OUTSTANDING], ==, 3);
  g_assert_cmpint (x.count[JB_FIGURE_OVERDUE], ==, 3);
}

static void
test_event_scope (Fixture *f, gconstpointer data)
{
  JbStatsPeriod p = { .today = "2026-01-01" };
  char from[11], to[11];
  JbFigures x;
  jb_stats_period_set_year (&p, 2022, from, to);

  /* The session with its sub-session. */
  p.event_id = id_of (f, "S");
  figures_for (f, &p, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 2);
  g_assert_cmpint (x.count[JB_FIGURE_SOLUTIONS], ==, 2);
  g_assert_cmpint (x.count[JB_FIGURE_INTENTIONS], ==, 3);  /* k1, k2, and k4 by its event */
  g_assert_cmpint (x.count[JB_FIGURE_SIGNED], ==, 2);
  g_assert_cmpint (x.count[JB_FIGURE_OUTSTANDING], ==, 3);  /* p6 by k5's demand d3 */
  g_assert_cmpint (x.count[JB_FIGURE_AWARDS], ==, 1);
  g_assert_cmpint (x.count[JB_FIGURE_ENTERPRISES], ==, 1);
  g_assert_cmpint (x.count[JB_FIGURE_ALLIANCE], ==, 1);
  g_autofree char *described = jb_store_stats_describe (f->store, &p);
  g_assert_cmpstr (described, ==, "2022, 闵行专场");

  /* S without SS: d1 and its deal k1 (and k5 via d3, signed in 2021). */
  p.event_alone = TRUE;
  figures_for (f, &p, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 1);
  g_assert_cmpint (x.count[JB_FIGURE_INTENTIONS], ==, 1);
  g_assert_cmpint (x.count[JB_FIGURE_SIGNED], ==, 1);
  g_assert_cmpint (x.count[JB_FIGURE_OUTSTANDING], ==, 1);
  g_assert_cmpint (x.count[JB_FIGURE_AWARDS], ==, 1);
  p.event_alone = FALSE;

  /* The sub-session alone. */
  p.event_id = id_of (f, "SS");
  figures_for (f, &p, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 1);
  g_assert_cmpint (x.count[JB_FIGURE_INTENTIONS], ==, 2);
  g_assert_cmpint (x.count[JB_FIGURE_SIGNED], ==, 1);
  g_assert_cmpint (x.amount[JB_FIGURE_SIGNED], ==, 3335000);
  g_assert_cmpint (x.count[JB_FIGURE_AWARDS], ==, 0);

  /* The challenge holds everything of S, and a3 falls in 2023. */
  p.event_id = id_of (f, "C");
  figures_for (f, &p, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 2);
  g_assert_cmpint (x.count[JB_FIGURE_AWARDS], ==, 1);

  /* An event without any record: zeros, and filters that list nothing. */
  p.event_id = id_of (f, "O");
  p.from = "2023-01-01";
  p.to = "2023-12-31";
  figures_for (f, &p, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 0);
  g_assert_cmpint (x.count[JB_FIGURE_ENTERPRISES], ==, 0);
}

static gint64
entry_value (GPtrArray *entries, guint i, const char *label)
{
  JbSeriesEntry *e = entries->pdata[i];
  g_assert_cmpstr (e->label, ==, label);
  return e->value;
}

static GPtrArray *
series (Fixture *f, const JbStatsPeriod *p, JbSeriesId id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries = jb_store_stats_series (f->store, p, id, &error);
  g_assert_no_error (error);
  return entries;
}

static void
test_series (Fixture *f, gconstpointer data)
{
  JbStatsPeriod p = { .today = "2026-01-01" };
  char from[11], to[11];
  jb_stats_period_set_year (&p, 2022, from, to);

  g_autoptr (GPtrArray) months = series (f, &p, JB_SERIES_DEMANDS_OVER_TIME);
  g_assert_cmpuint (months->len, ==, 12);
  g_assert_cmpint (entry_value (months, 0, "2022-01"), ==, 1);
  g_assert_cmpint (entry_value (months, 1, "2022-02"), ==, 0);
  g_assert_cmpint (entry_value (months, 2, "2022-03"), ==, 1);
  g_assert_cmpint (entry_value (months, 5, "2022-06"), ==, 1);
  g_assert_cmpint (entry_value (months, 11, "2022-12"), ==, 1);

  g_autoptr (GPtrArray) contracts = series (f, &p, JB_SERIES_CONTRACTS_OVER_TIME);
  g_assert_cmpint (entry_value (contracts, 0, "2022-01"), ==, 100000000);
  g_assert_cmpint (entry_value (contracts, 11, "2022-12"), ==, 3335000);
  g_assert_cmpstr (((JbSeriesEntry *) contracts->pdata[11])->formatted, ==, "¥33,350");

  g_autoptr (GPtrArray) regions = series (f, &p, JB_SERIES_BY_REGION);
  g_assert_cmpuint (regions->len, ==, 5);
  g_assert_cmpint (entry_value (regions, 0, "Shanghai"), ==, 1);
  g_assert_cmpint (entry_value (regions, 1, "Jiangsu"), ==, 1);
  g_assert_cmpint (entry_value (regions, 2, "Zhejiang"), ==, 1);
  g_assert_cmpint (entry_value (regions, 3, "Anhui"), ==, 0);
  g_assert_cmpint (entry_value (regions, 4, "Other regions"), ==, 1);

  g_autoptr (GPtrArray) industries = series (f, &p, JB_SERIES_BY_INDUSTRY);
  g_assert_cmpuint (industries->len, ==, 3);
  g_assert_cmpint (entry_value (industries, 0, "Artificial intelligence"), ==, 2);
  g_assert_cmpint (entry_value (industries, 1, "Not set"), ==, 1);
  g_assert_cmpint (entry_value (industries, 2, "New energy"), ==, 1);

  g_autoptr (GPtrArray) funnel = series (f, &p, JB_SERIES_FUNNEL);
  g_assert_cmpuint (funnel->len, ==, 5);
  gint64 expected[] = { 4, 3, 1, 4, 2 };
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (((JbSeriesEntry *) funnel->pdata[i])->value, ==, expected[i]);

  g_autoptr (GPtrArray) top = series (f, &p, JB_SERIES_TOP_ENTERPRISES);
  g_assert_cmpuint (top->len, ==, 2);  /* E2 has no investment */
  g_assert_cmpint (entry_value (top, 0, "宁德时代未来能源(上海)研究院"), ==, 128456789);
  g_assert_cmpint (entry_value (top, 1, "E3"), ==, 2000000);

  /* Over more than two years: one bar per year. */
  JbStatsPeriod years = { "2020-01-01", "2023-12-31", 0, "2026-01-01" };
  g_autoptr (GPtrArray) per_year = series (f, &years, JB_SERIES_DEMANDS_OVER_TIME);
  g_assert_cmpuint (per_year->len, ==, 4);
  g_assert_cmpint (entry_value (per_year, 0, "2020"), ==, 0);
  g_assert_cmpint (entry_value (per_year, 1, "2021"), ==, 1);
  g_assert_cmpint (entry_value (per_year, 2, "2022"), ==, 4);
  g_assert_cmpint (entry_value (per_year, 3, "2023"), ==, 1);
  JbFigures x;
  figures_for (f, &years, &x);

  /* All time: the months the data spans, 2021-12 to 2023-01. */
  JbStatsPeriod all = { NULL, NULL, 0, "2026-01-01" };
  g_autoptr (GPtrArray) span = series (f, &all, JB_SERIES_DEMANDS_OVER_TIME);
  g_assert_cmpuint (span->len, ==, 14);
  g_assert_cmpint (entry_value (span, 0, "2021-12"), ==, 1);
  g_assert_cmpint (entry_value (span, 13, "2023-01"), ==, 1);

  g_autoptr (GArray) y = jb_store_stats_years (f->store, NULL);
  g_assert_cmpuint (y->len, ==, 3);
  g_assert_cmpint (g_array_index (y, int, 0), ==, 2023);
  g_assert_cmpint (g_array_index (y, int, 2), ==, 2021);
}

/* The years offered, newest first, as "2030 2023 2022 2021", and the one
 * opened on. */
static char *
choices (Fixture *f, const char *today, int *open)
{
  g_autoptr (GError) error = NULL;
  *open = -1;
  g_autoptr (GArray) years = jb_store_stats_year_choices (f->store, today, open, &error);
  g_assert_no_error (error);
  g_assert_nonnull (years);
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint i = 0; i < years->len; i++)
    g_string_append_printf (s, "%s%d", i ? " " : "", g_array_index (years, int, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The year a year chooser opens on: the current one as soon as anything was
 * done in it, else the archive's last; balances are no work done. */
static void
test_year_choices (Fixture *f, gconstpointer data)
{
  int open;
  /* An archive opened years later: its last year. */
  g_autofree char *later = choices (f, "2030-06-01", &open);
  g_assert_cmpstr (later, ==, "2023 2022 2021");
  g_assert_cmpint (open, ==, 2023);
  /* Opened during one of its years (later ones typed ahead): that year. */
  g_autofree char *during = choices (f, "2022-06-01", &open);
  g_assert_cmpstr (during, ==, "2023 2022 2021");
  g_assert_cmpint (open, ==, 2022);

  /* A payment falling due in 2030, not received: outstanding, overdue,
   * but nothing was done in 2030. */
  add (f, "p8", JB_KIND_PAYMENT, "2023-01-01" T, "deal_id", "@k5", "due_date", "2030-02-01",
       "amount", "100000", NULL);
  g_autofree char *due = choices (f, "2030-06-01", &open);
  g_assert_cmpstr (due, ==, "2023 2022 2021");
  g_assert_cmpint (open, ==, 2023);
  /* Received in 2030: a year with work in it, offered and opened on. */
  add (f, "p9", JB_KIND_PAYMENT, "2023-01-01" T, "deal_id", "@k5", "due_date", "2030-02-01",
       "amount", "100000", "received", "1", "received_on", "2030-03-01", NULL);
  g_autofree char *paid = choices (f, "2030-06-01", &open);
  g_assert_cmpstr (paid, ==, "2030 2023 2022 2021");
  g_assert_cmpint (open, ==, 2030);
  /* An award in 2031 is work done in 2031; before it, 2031 is not offered
   * (and 2030's payment, in a year that is no longer this one, neither). */
  g_autofree char *before_award = choices (f, "2031-06-01", &open);
  g_assert_cmpstr (before_award, ==, "2023 2022 2021");
  g_assert_cmpint (open, ==, 2023);
  add (f, "a9", JB_KIND_AWARD, "2023-01-01" T, "title", "最佳开放创新企业", "event_id", "@S",
       "category", "best_enterprise", "organization_id", "@E1", "awarded_on", "2031-05-01",
       NULL);
  g_autofree char *award = choices (f, "2031-06-01", &open);
  g_assert_cmpstr (award, ==, "2031 2023 2022 2021");
  g_assert_cmpint (open, ==, 2031);
}

/* An invitation from matching sent today: a solution asked for, not
 * received, which only the table of invitations counts; this year is
 * offered and opened on. */
static void
test_year_choices_invitation (Fixture *f, gconstpointer data)
{
  g_autofree char *today = jb_date_today ();
  int this_year = (int) g_ascii_strtoll (today, NULL, 10);
  if (this_year <= 2023)
    {
      g_test_skip ("the clock is set before the data set's years");
      return;
    }
  int open;
  g_autofree char *before = choices (f, NULL, &open);
  g_assert_cmpstr (before, ==, "2023 2022 2021");
  g_assert_cmpint (open, ==, 2023);

  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) invited = jb_match_invite (f->store, id_of (f, "d1"), JB_KIND_ORGANIZATION,
                                                  id_of (f, "V2"), JB_INVITE_SOLUTION, &error);
  g_assert_no_error (error);
  g_assert_nonnull (invited);
  g_autofree char *after = choices (f, NULL, &open);
  g_autofree char *expected = g_strdup_printf ("%d 2023 2022 2021", this_year);
  g_assert_cmpstr (after, ==, expected);
  g_assert_cmpint (open, ==, this_year);
}

static void
test_tables (Fixture *f, gconstpointer data)
{
  JbStatsPeriod p = { .today = "2026-01-01" };
  char from[11], to[11];
  g_autoptr (GError) error = NULL;
  jb_stats_period_set_year (&p, 2022, from, to);

  g_autoptr (JbStatsTable) deals = jb_store_stats_table (f->store, &p, JB_TABLE_LARGEST_DEALS,
                                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->rows->len, ==, 2);
  g_assert_cmpuint (deals->n_columns, ==, 5);
  char **first = deals->rows->pdata[0];
  g_assert_cmpstr (first[0], ==, "k1");
  g_assert_cmpstr (first[4], ==, "¥1,000,000");

  g_autoptr (JbStatsTable) solvers = jb_store_stats_table (f->store, &p, JB_TABLE_SOLVERS, &error);
  g_assert_cmpuint (solvers->rows->len, ==, 2);
  char **top = solvers->rows->pdata[0];
  g_assert_cmpstr (top[0], ==, "上海交通大学");
  g_assert_cmpstr (top[1], ==, "2");
  g_assert_cmpstr (top[2], ==, "1");

  g_autoptr (JbStatsTable) managers = jb_store_stats_table (f->store, &p, JB_TABLE_MANAGERS,
                                                            &error);
  g_assert_cmpuint (managers->rows->len, ==, 2);
  char **m1 = managers->rows->pdata[0], **m2 = managers->rows->pdata[1];
  g_assert_cmpstr (m1[0], ==, "陈思远");
  g_assert_cmpstr (m1[1], ==, "2");
  g_assert_cmpstr (m1[2], ==, "2");
  g_assert_cmpstr (m1[3], ==, "¥1,033,350");
  g_assert_cmpstr (m2[0], ==, "王晓梅");
  g_assert_cmpstr (m2[1], ==, "1");
  g_assert_cmpstr (m2[2], ==, "0");
}

/* ---- the bundled sample: the seed's figures ------------------------------ */

static gint64
event_named (JbStore *store, const char *title)
{
  g_autoptr (GPtrArray) rows = jb_store_list (store, JB_KIND_EVENT, title, NULL);
  for (guint i = 0; rows && i < rows->len; i++)
    if (g_strcmp0 (jb_record_get_title (rows->pdata[i]), title) == 0)
      return jb_record_get_id (rows->pdata[i]);
  g_assert_not_reached ();
}

static void
test_sample (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (JB_TEST_SRCDIR, "data", "sample",
                                            "jiebang-sample.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_assert_true (jb_exchange_import (f->store, file, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  JbStatsPeriod p = { 0 };
  char from[11], to[11];
  JbFigures x;
  jb_stats_period_set_year (&p, 2022, from, to);
  figures_for (f, &p, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 206);
  g_assert_cmpint (x.count[JB_FIGURE_SOLUTIONS], ==, 101);
  g_assert_cmpint (x.count[JB_FIGURE_SELECTED], ==, 35);
  g_assert_cmpint (x.count[JB_FIGURE_INTENTIONS], ==, 23);
  g_assert_cmpint (x.count[JB_FIGURE_SIGNED], ==, 13);
  assert_money (x.amount[JB_FIGURE_SIGNED], "318万元");
  g_assert_cmpint (x.amount[JB_FIGURE_CONTRACT_AMOUNT], ==, 318000000);
  g_assert_cmpint (x.amount[JB_FIGURE_TRANSACTION], ==, 300400000);
  g_assert_cmpint (x.count[JB_FIGURE_RECEIVED], ==, 13);
  g_assert_cmpint (x.amount[JB_FIGURE_RECEIVED], ==, 143000000);
  g_assert_cmpint (x.count[JB_FIGURE_OUTSTANDING], ==, 18);
  g_assert_cmpint (x.amount[JB_FIGURE_OUTSTANDING], ==, 175000000);
  g_assert_cmpint (x.count[JB_FIGURE_OVERDUE], ==, 4);
  g_assert_cmpint (x.count[JB_FIGURE_AWARDS], ==, 11);
  g_assert_cmpint (x.count[JB_FIGURE_ALLIANCE], ==, 3);
  /* published = published 117 + matched 22 + cooperating 10 + closed 3 */
  g_assert_cmpint (x.count[JB_FIGURE_PUBLISHED], ==, 152);
  g_assert_cmpint (x.count[JB_FIGURE_MATCHED], ==, 35);

  /* The Minhang session with its live contest and matchmaking meetings
   * (62 + 6 + 28 demands)… */
  p.event_id = event_named (f->store, "中国创新挑战赛（闵行专场）");
  figures_for (f, &p, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 96);
  g_assert_cmpint (x.count[JB_FIGURE_AWARDS], ==, 11);
  /* …and alone: 15 large enterprises, 62 demands, 4960 万元. */
  p.event_alone = TRUE;
  figures_for (f, &p, &x);
  g_assert_cmpint (x.count[JB_FIGURE_DEMANDS], ==, 62);
  g_assert_cmpint (x.amount[JB_FIGURE_INVESTMENT], ==, 4960000000);
  assert_money (x.amount[JB_FIGURE_INVESTMENT], "4,960万元");
  g_assert_cmpint (x.count[JB_FIGURE_ENTERPRISES], ==, 15);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  jb_exchange_init ();

#define ADD(name, fn, data) \
  g_test_add (name, Fixture, data, fixture_set_up, fn, fixture_tear_down)
  ADD ("/stats/year", test_year, NULL);
  ADD ("/stats/part-of-year", test_part_of_year, NULL);
  ADD ("/stats/event-scope", test_event_scope, NULL);
  ADD ("/stats/series", test_series, NULL);
  ADD ("/stats/tables", test_tables, NULL);
  ADD ("/stats/year-choices", test_year_choices, NULL);
  ADD ("/stats/year-choices-invitation", test_year_choices_invitation, NULL);
  ADD ("/stats/sample", test_sample, "empty");
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of the year in figures: `build/tests/bench-stats [N_DEMANDS]`.
 * Fills a database with N demands (default 100 000), N/5 deals, 2N/5
 * solutions and 2N/5 payments over five years, opens it (which builds the
 * search index and the figures' running totals), then times a dashboard
 * refresh (the years it offers, every figure and every series, as
 * jb-dashboard.c reads them; median of 9) and the report (data and PDF).
 * Targets: 200 ms and 2 s.  BENCH_RECORDS=1 times each refresh once more
 * from the records instead of the totals, as before they existed. */
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "jb-report.h"
#include "jb-schema.h"
#include "jb-stats.h"
#include "test-util.h"

static const char *industries[] = { "new_energy", "ai", "ic", "equipment", "biomedicine",
                                    "agriculture", "digital", NULL };
static const char *provinces[] = { "shanghai", "jiangsu", "zhejiang", "anhui", "beijing", NULL };
static const char *statuses[] = { "draft", "review", "published", "matched", "cooperating",
                                  "closed", "withdrawn" };
static const char *stages[] = { "intention", "negotiating", "signed", "executing", "completed",
                                "terminated" };

static void
exec (sqlite3 *db, const char *sql)
{
  char *message = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
fill (const char *path, int n)
{
  sqlite3 *db;
  sqlite3_stmt *s;
  GRand *rand = g_rand_new_with_seed (7);
  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  exec (db, "BEGIN");
#define PREP(sql) g_assert (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) == SQLITE_OK)
#define RUN() do { g_assert (sqlite3_step (s) == SQLITE_DONE); sqlite3_reset (s); } while (0)
  int n_orgs = 2000, n_events = 50, n_people = 100;
  PREP ("INSERT INTO organization (uuid, created, updated, name, kind, province, alliance)"
        " VALUES (lower(hex(randomblob(16))), '2019-01-01', '2019-01-01', ?1, 'enterprise', ?2, ?3)");
  for (int i = 1; i <= n_orgs; i++)
    {
      g_autofree char *name = g_strdup_printf ("企业 %d", i);
      sqlite3_bind_text (s, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, provinces[i % 5], -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 3, i % 50 == 0);
      RUN ();
    }
  sqlite3_finalize (s);
  PREP ("INSERT INTO event (uuid, created, updated, title, kind, parent_id)"
        " VALUES (lower(hex(randomblob(16))), '2019-01-01', '2019-01-01', ?1, 'session', ?2)");
  for (int i = 1; i <= n_events; i++)
    {
      g_autofree char *title = g_strdup_printf ("专场 %d", i);
      sqlite3_bind_text (s, 1, title, -1, SQLITE_TRANSIENT);
      if (i > 5)
        sqlite3_bind_int (s, 2, 1 + i % 5);  /* five challenges, the rest sessions */
      else
        sqlite3_bind_null (s, 2);
      RUN ();
    }
  sqlite3_finalize (s);
  PREP ("INSERT INTO person (uuid, created, updated, name, role)"
        " VALUES (lower(hex(randomblob(16))), '2019-01-01', '2019-01-01', ?1, 'manager')");
  for (int i = 1; i <= n_people; i++)
    {
      g_autofree char *name = g_strdup_printf ("经理人 %d", i);
      sqlite3_bind_text (s, 1, name, -1, SQLITE_TRANSIENT);
      RUN ();
    }
  sqlite3_finalize (s);

  PREP ("INSERT INTO demand (uuid, created, updated, code, title, owner_id, event_id, industry,"
        " province, investment, status, manager_id) VALUES (lower(hex(randomblob(16))), ?1, ?1,"
        " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  for (int i = 1; i <= n; i++)
    {
      g_autofree char *created = g_strdup_printf ("%d-%02d-%02dT08:00:00.000000Z",
                                                  2020 + g_rand_int_range (rand, 0, 5),
                                                  g_rand_int_range (rand, 1, 13),
                                                  g_rand_int_range (rand, 1, 29));
      g_autofree char *code = g_strdup_printf ("B-%06d", i);
      sqlite3_bind_text (s, 1, created, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 3, "高能量密度固态电池电解质材料", -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 4, g_rand_int_range (rand, 1, n_orgs + 1));
      if (i % 3)
        sqlite3_bind_int (s, 5, g_rand_int_range (rand, 1, n_events + 1));
      sqlite3_bind_text (s, 6, industries[i % 7], -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 7, provinces[i % 5], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 8, g_rand_int_range (rand, 0, 1000) * G_GINT64_CONSTANT (1000000));
      sqlite3_bind_text (s, 9, statuses[i % 7], -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 10, g_rand_int_range (rand, 1, n_people + 1));
      RUN ();
      sqlite3_clear_bindings (s);
    }
  sqlite3_finalize (s);
  PREP ("INSERT INTO solution (uuid, created, updated, title, demand_id, solver_id, submitted,"
        " status) VALUES (lower(hex(randomblob(16))), ?1, ?1, '方案', ?2, ?3, substr(?1, 1, 10), ?4)");
  for (int i = 1; i <= 2 * n / 5; i++)
    {
      g_autofree char *created = g_strdup_printf ("%d-%02d-15", 2020 + i % 5, 1 + i % 12);
      sqlite3_bind_text (s, 1, created, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (s, 2, g_rand_int_range (rand, 1, n + 1));
      sqlite3_bind_int (s, 3, g_rand_int_range (rand, 1, n_orgs + 1));
      sqlite3_bind_text (s, 4, i % 3 ? "submitted" : "selected", -1, SQLITE_STATIC);
      RUN ();
    }
  sqlite3_finalize (s);
  PREP ("INSERT INTO deal (uuid, created, updated, title, demand_id, demand_side_id,"
        " supply_side_id, stage, contract_amount, transaction_amount, signed_on, manager_id)"
        " VALUES (lower(hex(randomblob(16))), ?1, ?1, '合作', ?2, ?3, ?4, ?5, ?6, ?6,"
        " substr(?1, 1, 10), ?7)");
  for (int i = 1; i <= n / 5; i++)
    {
      g_autofree char *created = g_strdup_printf ("%d-%02d-20", 2020 + i % 5, 1 + i % 12);
      sqlite3_bind_text (s, 1, created, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (s, 2, g_rand_int_range (rand, 1, n + 1));
      sqlite3_bind_int (s, 3, g_rand_int_range (rand, 1, n_orgs + 1));
      sqlite3_bind_int (s, 4, g_rand_int_range (rand, 1, n_orgs + 1));
      sqlite3_bind_text (s, 5, stages[i % 6], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 6, g_rand_int_range (rand, 1, 500) * G_GINT64_CONSTANT (1000000));
      sqlite3_bind_int (s, 7, g_rand_int_range (rand, 1, n_people + 1));
      RUN ();
    }
  sqlite3_finalize (s);
  PREP ("INSERT INTO payment (uuid, created, updated, deal_id, due_date, amount, received,"
        " received_on) VALUES (lower(hex(randomblob(16))), '2020-01-01', '2020-01-01', ?1, ?2, ?3,"
        " ?4, CASE WHEN ?4 THEN ?2 END)");
  for (int i = 1; i <= 2 * n / 5; i++)
    {
      g_autofree char *due = g_strdup_printf ("%d-%02d-10", 2020 + i % 6, 1 + i % 12);
      sqlite3_bind_int (s, 1, 1 + i % (n / 5));
      sqlite3_bind_text (s, 2, due, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (s, 3, 10000000);
      sqlite3_bind_int (s, 4, i % 2);
      RUN ();
    }
  sqlite3_finalize (s);
  exec (db, "INSERT INTO award (uuid, created, updated, title, event_id, category, organization_id,"
            " awarded_on) SELECT lower(hex(randomblob(16))), '2022-12-15', '2022-12-15', '奖',"
            " 1 + id % 50, 'other', id, '2022-12-15' FROM organization WHERE id <= 500");
  exec (db, "COMMIT");
  exec (db, "ANALYZE");
  sqlite3_close (db);
  g_rand_free (rand);
}

static double
dashboard (JbStore *store, const JbStatsPeriod *p)
{
  gint64 t0 = g_get_monotonic_time ();
  JbFigures figures;
  g_autoptr (GArray) years = jb_store_stats_years (store, NULL);
  g_assert (years && years->len > 0);
  g_assert (jb_store_begin_read (store, NULL));
  g_assert (jb_store_stats_figures (store, p, &figures, NULL));
  if (g_getenv ("BENCH_DETAIL"))
    g_print ("  figures %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  for (guint s = 0; s < JB_N_SERIES; s++)
    {
      gint64 t1 = g_get_monotonic_time ();
      g_autoptr (GPtrArray) entries = s == JB_SERIES_FUNNEL ? jb_store_stats_funnel (store, p, &figures)
                                                            : jb_store_stats_series (store, p, s, NULL);
      g_assert (entries);
      if (g_getenv ("BENCH_DETAIL"))
        g_print ("  %s %.1f ms\n", jb_series_title (s), (g_get_monotonic_time () - t1) / 1000.0);
    }
  jb_store_commit (store, NULL);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("jb-bench-stats-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);

  /* Filled by hand in schema 3, whose tables need none of the store's SQL
   * functions (its search index does); the store then builds the index. */
  sqlite3 *db;
  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  for (guint v = 0; v < 3; v++)
    exec (db, jb_schema_migrations[v]);
  g_autofree char *version = g_strdup_printf ("PRAGMA application_id = %d; "
                                              "PRAGMA user_version = 3", JB_APPLICATION_ID);
  exec (db, version);
  sqlite3_close (db);
  gint64 t0 = g_get_monotonic_time ();
  fill (path, n);
  g_print ("filled %d demands, %d deals, %d solutions, %d payments in %.0f ms\n", n, n / 5,
           2 * n / 5, 2 * n / 5, (g_get_monotonic_time () - t0) / 1000.0);

  t0 = g_get_monotonic_time ();
  g_autoptr (JbStore) store = jb_store_open (path, NULL);
  g_print ("opened (search index, sort indexes, totals built) in %.0f ms\n",
           (g_get_monotonic_time () - t0) / 1000.0);
  JbStatsPeriod year = { 0 }, all = { 0 }, event = { 0 };
  char from[11], to[11];
  jb_stats_period_set_year (&year, 2023, from, to);
  event = year;
  event.event_id = 1;  /* a challenge with its sessions */

  dashboard (store, &year);  /* warm the page cache, as a second refresh would be */
  const struct { const char *name; JbStatsPeriod *p; } cases[] = {
    { "year 2023, everything", &year }, { "all time, everything", &all },
    { "year 2023, one challenge", &event },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double times[9];
      for (guint r = 0; r < G_N_ELEMENTS (times); r++)
        times[r] = dashboard (store, cases[i].p);
      qsort (times, G_N_ELEMENTS (times), sizeof (double), test_compare_doubles);
      g_print ("dashboard refresh (%s): median %.1f ms (%.1f–%.1f)", cases[i].name, times[4],
               times[0], times[8]);
      if (g_getenv ("BENCH_RECORDS"))
        {
          jb_store_stats_use_totals (store, FALSE);
          g_print (", from the records %.1f ms", dashboard (store, cases[i].p));
          jb_store_stats_use_totals (store, TRUE);
        }
      g_print ("\n");
    }

  t0 = g_get_monotonic_time ();
  g_autoptr (JbReport) report = jb_report_new (store, &year, NULL);
  g_assert (report && jb_report_write_pdf (report, pdf, NULL));
  g_print ("report for 2023 (data and %u PDF pages): %.0f ms\n", jb_report_get_n_pages (report),
           (g_get_monotonic_time () - t0) / 1000.0);

  if (g_getenv ("BENCH_KEEP"))
    {
      g_print ("kept %s\n", path);
      return 0;
    }
  jb_store_remove_files (path);
  g_remove (pdf);
  g_rmdir (dir);
  return 0;
}

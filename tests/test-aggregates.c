/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The figures' running totals (jb-store-aggregates.c): after random saves,
 * moves and deletions, imports into an empty and into a full database, a
 * failed import and a transaction rolled back, the totals equal a recount
 * of the records (jb_store_check_aggregates()), and every figure, series
 * and year read from them equals the same read from the records. */
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "jb-exchange.h"
#include "jb-stats.h"
#include "jb-store.h"
#include "test-util.h"

typedef struct {
  char *dir;
  JbStore *store;
  GRand *rand;
  guint clock;  /* seconds after 2024-01-01: every save is newer than the last */
} Fixture;

static const char *const statuses[] = { "draft", "review", "published", "matched", "cooperating",
                                        "closed", "withdrawn" };
static const char *const industries[] = { "new_energy", "ai", "ic", "biomedicine", NULL };
static const char *const provinces[] = { "shanghai", "jiangsu", "zhejiang", "anhui", "beijing",
                                         NULL };
static const char *const solution_statuses[] = { "submitted", "shortlisted", "selected",
                                                 "declined" };
static const char *const stages[] = { "intention", "negotiating", "signed", "executing",
                                      "completed", "terminated" };

static char *
random_date (GRand *rand)
{
  return g_strdup_printf ("%d-%02d-%02d", g_rand_int_range (rand, 2021, 2024),
                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
}

static char *
random_timestamp (GRand *rand)
{
  g_autofree char *date = random_date (rand);
  return g_strdup_printf ("%sT%02d:00:00.000000Z", date, g_rand_int_range (rand, 0, 24));
}

static const char *
pick (GRand *rand, const char *const *values, guint n)
{
  return values[g_rand_int_range (rand, 0, (gint32) n)];
}

/* A row id of @kind, at random (0 if there is none). */
static gint64
random_id (Fixture *f, JbKindId kind)
{
  g_autoptr (GPtrArray) rows = jb_store_list (f->store, kind, NULL, NULL);
  if (rows == NULL || rows->len == 0)
    return 0;
  return jb_record_get_id (rows->pdata[g_rand_int_range (f->rand, 0, (gint32) rows->len)]);
}

static void
set_or_unset (JbRecord *r, const char *field, const char *value)
{
  if (value)
    jb_record_set_text_by_name (r, field, value);
  else
    jb_record_unset (r, jb_kind_field_index (jb_record_get_kind (r), field));
}

static void
set_ref (JbRecord *r, const char *field, gint64 id)
{
  if (id > 0)
    jb_record_set_int_by_name (r, field, id);
  else
    jb_record_unset (r, jb_kind_field_index (jb_record_get_kind (r), field));
}

/* Random values for what the figures read of @r. */
static void
randomize (Fixture *f, JbRecord *r)
{
  GRand *rand = f->rand;
  g_autofree char *date = random_date (rand);
  g_autofree char *other = random_date (rand);

  switch (jb_record_get_kind_id (r))
    {
    case JB_KIND_DEMAND:
      set_ref (r, "owner_id", random_id (f, JB_KIND_ORGANIZATION));
      set_ref (r, "event_id", g_rand_boolean (rand) ? random_id (f, JB_KIND_EVENT) : 0);
      jb_record_set_text_by_name (r, "status", pick (rand, statuses, G_N_ELEMENTS (statuses)));
      set_or_unset (r, "industry", pick (rand, industries, G_N_ELEMENTS (industries)));
      set_or_unset (r, "province", pick (rand, provinces, G_N_ELEMENTS (provinces)));
      if (g_rand_int_range (rand, 0, 4))
        jb_record_set_int_by_name (r, "investment", g_rand_int_range (rand, 0, 1000) * 100000);
      else
        jb_record_unset (r, jb_kind_field_index (jb_record_get_kind (r), "investment"));
      break;
    case JB_KIND_SOLUTION:
      set_ref (r, "demand_id", random_id (f, JB_KIND_DEMAND));
      set_ref (r, "solver_id", random_id (f, JB_KIND_ORGANIZATION));
      set_or_unset (r, "submitted", g_rand_int_range (rand, 0, 5) ? date : NULL);
      jb_record_set_text_by_name (r, "status", pick (rand, solution_statuses,
                                                     G_N_ELEMENTS (solution_statuses)));
      break;
    case JB_KIND_DEAL:
      {
        const char *stage = pick (rand, stages, G_N_ELEMENTS (stages));
        gboolean signed_stage = g_str_equal (stage, "signed") || g_str_equal (stage, "executing")
                                || g_str_equal (stage, "completed");
        set_ref (r, "demand_id", g_rand_int_range (rand, 0, 3) ? random_id (f, JB_KIND_DEMAND)
                                                              : 0);
        set_ref (r, "event_id", g_rand_int_range (rand, 0, 3) ? 0 : random_id (f, JB_KIND_EVENT));
        set_ref (r, "demand_side_id", random_id (f, JB_KIND_ORGANIZATION));
        set_ref (r, "supply_side_id", random_id (f, JB_KIND_ORGANIZATION));
        jb_record_set_text_by_name (r, "stage", stage);
        jb_record_set_int_by_name (r, "contract_amount", g_rand_int_range (rand, 1, 500) * 10000);
        if (g_rand_boolean (rand))
          jb_record_set_int_by_name (r, "transaction_amount",
                                     g_rand_int_range (rand, 1, 500) * 10000);
        set_or_unset (r, "signed_on", signed_stage || g_rand_boolean (rand) ? date : NULL);
      }
      break;
    case JB_KIND_PAYMENT:
      {
        int received = g_rand_int_range (rand, 0, 3);  /* unset, no, yes */
        set_ref (r, "deal_id", random_id (f, JB_KIND_DEAL));
        jb_record_set_text_by_name (r, "due_date", date);
        jb_record_set_int_by_name (r, "amount", g_rand_int_range (rand, 1, 100) * 10000);
        if (received)
          jb_record_set_int_by_name (r, "received", received - 1);
        else
          jb_record_unset (r, jb_kind_field_index (jb_record_get_kind (r), "received"));
        set_or_unset (r, "received_on", received == 2 ? other : NULL);
      }
      break;
    default:
      break;
    }
}

static char *
tick (Fixture *f)
{
  g_autoptr (GDateTime) base = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  g_autoptr (GDateTime) t = g_date_time_add_seconds (base, ++f->clock);
  g_autofree char *s = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.000000Z", s);
}

#define IMPORTED (JB_SAVE_KEEP_TIMES | JB_SAVE_AS_FILED | JB_SAVE_ANY_STATUS)

/* Saves @r, newer than anything before it; a demand may move in time. */
static void
save (Fixture *f, JbRecord *r, JbSaveFlags flags)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *updated = tick (f);
  g_autofree char *created = NULL;
  if (jb_record_get_uuid (r) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      jb_record_set_uuid (r, uuid);
    }
  if (jb_record_get_id (r) == 0 || jb_record_get_kind_id (r) == JB_KIND_DEMAND ||
      jb_record_get_kind_id (r) == JB_KIND_DEAL)
    created = random_timestamp (f->rand);
  else
    created = g_strdup (jb_record_get_created (r));
  jb_record_set_times (r, created, updated);
  if (!jb_store_save (f->store, r, flags, &error))
    g_error ("%s %s: %s", jb_record_get_kind (r)->name, jb_record_get_uuid (r), error->message);
}

static void
add_record (Fixture *f, JbKindId kind, JbSaveFlags flags)
{
  g_autoptr (JbRecord) r = jb_record_new (kind);
  g_autofree char *title = g_strdup_printf ("%s %u", jb_kind_get (kind)->name, f->clock);
  switch (kind)
    {
    case JB_KIND_ORGANIZATION:
      jb_record_set_text_by_name (r, "name", title);
      jb_record_set_text_by_name (r, "kind", "enterprise");
      jb_record_set_int_by_name (r, "alliance", g_rand_int_range (f->rand, 0, 3) == 0);
      break;
    case JB_KIND_EVENT:
      jb_record_set_text_by_name (r, "title", title);
      jb_record_set_text_by_name (r, "kind", "session");
      /* Three challenges, then sessions of earlier events. */
      set_ref (r, "parent_id", f->clock > 3 ? random_id (f, JB_KIND_EVENT) : 0);
      break;
    case JB_KIND_DEMAND:
    case JB_KIND_SOLUTION:
    case JB_KIND_DEAL:
      jb_record_set_text_by_name (r, "title", title);
      break;
    default:
      break;
    }
  randomize (f, r);
  save (f, r, flags);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = test_tmp_store ("jb-aggregates-XXXXXX", "a.db", &f->dir, NULL);
  f->rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data) + 11);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_rand_free (f->rand);
}

static void
fill (Fixture *f, guint scale)
{
  static const struct { JbKindId kind; guint n; } counts[] = {
    { JB_KIND_ORGANIZATION, 20 }, { JB_KIND_EVENT, 8 }, { JB_KIND_DEMAND, 120 },
    { JB_KIND_SOLUTION, 60 }, { JB_KIND_DEAL, 40 }, { JB_KIND_PAYMENT, 60 },
  };
  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    for (guint i = 0; i < counts[k].n * scale; i++)
      add_record (f, counts[k].kind, IMPORTED);
}

/* ---- comparing ------------------------------------------------------------ */

static void
assert_totals (JbStore *store)
{
  g_autoptr (GError) error = NULL;
  if (!jb_store_check_aggregates (store, &error))
    g_error ("%s", error->message);
}

static GPtrArray *
series_of (JbStore *store, const JbStatsPeriod *p, JbSeriesId s, gboolean totals)
{
  g_autoptr (GError) error = NULL;
  jb_store_stats_use_totals (store, totals);
  GPtrArray *entries = jb_store_stats_series (store, p, s, &error);
  g_assert_no_error (error);
  return entries;
}

/* The same figures, series and years from the totals as from the records. */
static void
assert_figures_agree (JbStore *store)
{
  static const char *const bounds[][2] = {
    { NULL, NULL }, { "2021-01-01", "2021-12-31" }, { "2022-01-01", "2022-12-31" },
    { "2023-01-01", "2023-12-31" }, { "2022-01-01", "2022-06-30" }, { "2022-03-01", "2023-02-28" },
    { "2022-07-01", NULL }, { NULL, "2022-09-30" }, { "2021-01-01", "2023-12-31" },
  };
  g_autoptr (GPtrArray) events = jb_store_list (store, JB_KIND_EVENT, NULL, NULL);
  assert_totals (store);
  for (guint b = 0; b < G_N_ELEMENTS (bounds); b++)
    for (guint e = 0; e <= MIN (events->len, 4) * 2; e++)
      {
        JbStatsPeriod p = { bounds[b][0], bounds[b][1], 0, "2022-08-15", FALSE };
        JbFigures from_totals, from_records;
        g_autoptr (GError) error = NULL;
        if (e > 0)
          {
            p.event_id = jb_record_get_id (events->pdata[(e - 1) / 2]);
            p.event_alone = e % 2;
          }
        jb_store_stats_use_totals (store, TRUE);
        g_assert_true (jb_store_stats_figures (store, &p, &from_totals, &error));
        jb_store_stats_use_totals (store, FALSE);
        g_assert_true (jb_store_stats_figures (store, &p, &from_records, &error));
        g_assert_no_error (error);
        for (JbFigureId i = 0; i < JB_N_FIGURES; i++)
          if (from_totals.count[i] != from_records.count[i] ||
              from_totals.amount[i] != from_records.amount[i])
            g_error ("%s, %s – %s, event %" G_GINT64_FORMAT "%s: %" G_GINT64_FORMAT " (%"
                     G_GINT64_FORMAT ") from the totals, %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT
                     ") from the records", jb_figure_label (i), p.from, p.to, p.event_id,
                     p.event_alone ? " alone" : "", from_totals.count[i], from_totals.amount[i],
                     from_records.count[i], from_records.amount[i]);
        for (JbSeriesId s = 0; s < JB_N_SERIES; s++)
          {
            g_autoptr (GPtrArray) a = series_of (store, &p, s, TRUE);
            g_autoptr (GPtrArray) r = series_of (store, &p, s, FALSE);
            for (guint i = 0; a->len != r->len && i < MAX (a->len, r->len); i++)
              g_printerr ("%s=%" G_GINT64_FORMAT "  %s=%" G_GINT64_FORMAT "\n",
                          i < a->len ? ((JbSeriesEntry *) a->pdata[i])->label : "",
                          i < a->len ? ((JbSeriesEntry *) a->pdata[i])->value : 0,
                          i < r->len ? ((JbSeriesEntry *) r->pdata[i])->label : "",
                          i < r->len ? ((JbSeriesEntry *) r->pdata[i])->value : 0);
            if (a->len != r->len)
              g_printerr ("db %s\n", jb_store_get_path (store));
            if (a->len != r->len)
              g_error ("%s, %s – %s, event %" G_GINT64_FORMAT "%s: %u entries from the totals,"
                       " %u from the records", jb_series_title (s), p.from, p.to, p.event_id,
                       p.event_alone ? " alone" : "", a->len, r->len);
            for (guint i = 0; i < a->len; i++)
              {
                JbSeriesEntry *x = a->pdata[i], *y = r->pdata[i];
                g_assert_cmpstr (x->label, ==, y->label);
                g_assert_cmpint (x->value, ==, y->value);
              }
          }
      }
  jb_store_stats_use_totals (store, TRUE);
  g_autoptr (GArray) years = jb_store_stats_years (store, NULL);
  jb_store_stats_use_totals (store, FALSE);
  g_autoptr (GArray) counted = jb_store_stats_years (store, NULL);
  jb_store_stats_use_totals (store, TRUE);
  g_assert_cmpuint (years->len, ==, counted->len);
  g_assert_cmpmem (years->data, years->len * sizeof (int), counted->data,
                   counted->len * sizeof (int));
}

/* ---- changes -------------------------------------------------------------- */

static void
change_some (Fixture *f, guint n, JbSaveFlags flags)
{
  static const JbKindId kinds[] = { JB_KIND_DEMAND, JB_KIND_SOLUTION, JB_KIND_DEAL,
                                    JB_KIND_PAYMENT };
  for (guint i = 0; i < n; i++)
    {
      JbKindId kind = kinds[g_rand_int_range (f->rand, 0, G_N_ELEMENTS (kinds))];
      gint64 id = random_id (f, kind);
      int what = g_rand_int_range (f->rand, 0, 10);
      if (id == 0 || what == 0)
        {
          add_record (f, kind, flags);
          continue;
        }
      if (what == 1)
        {
          /* A demand still referred to is refused: its totals stay. */
          g_autoptr (GError) error = NULL;
          if (!jb_store_delete (f->store, kind, id, &error))
            g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_REFERENCED);
          continue;
        }
      g_autoptr (JbRecord) r = jb_store_load (f->store, kind, id, NULL);
      randomize (f, r);
      save (f, r, flags);
    }
}

static void
test_saves (Fixture *f, gconstpointer data)
{
  fill (f, 1);
  assert_figures_agree (f->store);
  change_some (f, 300, IMPORTED);
  assert_figures_agree (f->store);
  /* The user's saves: codes, consequences, history. */
  change_some (f, 100, JB_SAVE_ANY_STATUS);
  assert_figures_agree (f->store);
}

/* Deleting a deal takes its payments with it, by SQLite's cascade. */
static void
test_cascade (Fixture *f, gconstpointer data)
{
  fill (f, 1);
  for (guint i = 0; i < 15; i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_true (jb_store_delete (f->store, JB_KIND_DEAL, random_id (f, JB_KIND_DEAL),
                                      &error));
    }
  assert_figures_agree (f->store);
}

static void
test_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  fill (f, 1);
  JbStatsPeriod all = { .today = "2022-08-15" };
  JbFigures before, after;
  g_assert_true (jb_store_stats_figures (f->store, &all, &before, NULL));

  g_assert_true (jb_store_begin (f->store, &error));
  change_some (f, 50, IMPORTED);
  change_some (f, 50, IMPORTED | JB_SAVE_BULK);
  jb_store_rollback (f->store);
  assert_totals (f->store);
  g_assert_true (jb_store_stats_figures (f->store, &all, &after, NULL));
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
}

/* In one bulk transaction, a new record changed again and an old demand
 * moved to another event while a new solution of it waits for the commit. */
static void
test_bulk (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  fill (f, 1);
  g_assert_true (jb_store_begin (f->store, &error));
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr (JbRecord) r = jb_record_new (JB_KIND_DEMAND);
      jb_record_set_text_by_name (r, "title", "bulk");
      randomize (f, r);
      save (f, r, IMPORTED | JB_SAVE_BULK);
      randomize (f, r);
      save (f, r, IMPORTED | JB_SAVE_BULK);
    }
  change_some (f, 200, IMPORTED | JB_SAVE_BULK);
  g_assert_true (jb_store_commit (f->store, &error));
  assert_figures_agree (f->store);
}

static JbStore *
open_other (Fixture *f, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  JbStore *store = jb_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static void
exchange (JbStore *from, JbStore *to, const char *path, gboolean fail)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_assert_true (jb_exchange_export (from, file, NULL, NULL, &error));
  if (fail)
    {
      /* A record the store refuses, after all the others. */
      g_autofree char *text = NULL;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_autoptr (GString) broken = g_string_new (text);
      g_string_replace (broken, "</exchange>", "  <award id=\"f0c1c7e4-3b0a-4f7b-9b4e-"
                        "1f2a3b4c5d6e\" created=\"2022-01-01T00:00:00.000000Z\" updated="
                        "\"2022-01-01T00:00:00.000000Z\">\n    <title>x</title>\n  </award>\n"
                        "</exchange>", 1);
      g_assert_true (g_file_set_contents (path, broken->str, -1, NULL));
    }
  gboolean ok = jb_exchange_import (to, file, NULL, NULL, NULL, NULL, &error);
  if (ok == fail)
    g_error ("import %s: %s", ok ? "succeeded" : "failed", error ? error->message : "");
}

static void
assert_same_figures (JbStore *a, JbStore *b)
{
  JbStatsPeriod all = { .today = "2022-08-15" };
  JbFigures x, y;
  g_assert_true (jb_store_stats_figures (a, &all, &x, NULL));
  g_assert_true (jb_store_stats_figures (b, &all, &y, NULL));
  g_assert_cmpmem (&x, sizeof x, &y, sizeof y);
}

static void
test_import (Fixture *f, gconstpointer data)
{
  fill (f, 1);
  g_autofree char *path = g_build_filename (f->dir, "a.xml", NULL);
  g_autofree char *back = g_build_filename (f->dir, "b.xml", NULL);

  /* Into an empty database: the totals are added at the end. */
  g_autoptr (JbStore) other = open_other (f, "b.db");
  exchange (f->store, other, path, FALSE);
  assert_figures_agree (other);
  assert_same_figures (f->store, other);

  /* Back, newer, into the full one: updates, moves and new records. */
  JbStore *mine = f->store;
  f->store = other;
  change_some (f, 150, IMPORTED);
  f->store = mine;
  exchange (other, f->store, back, FALSE);
  assert_figures_agree (f->store);

  /* A failed import leaves the totals as they were. */
  JbStatsPeriod all = { .today = "2022-08-15" };
  JbFigures before, after;
  g_assert_true (jb_store_stats_figures (f->store, &all, &before, NULL));
  f->store = other;
  change_some (f, 100, IMPORTED);
  f->store = mine;
  exchange (other, f->store, back, TRUE);
  assert_totals (f->store);
  g_assert_true (jb_store_stats_figures (f->store, &all, &after, NULL));
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
}

/* A database of an older Jiebang gets its totals when it opens. */
static void
test_rebuild (Fixture *f, gconstpointer data)
{
  fill (f, 1);
  g_autofree char *path = g_strdup (jb_store_get_path (f->store));
  g_clear_object (&f->store);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JbStore) store = jb_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  /* Damage them and forget that they were built. */
  sqlite3 *db;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM stats_demand; UPDATE stats_owner SET n = 7;"
                                     " DELETE FROM derived_schema WHERE name = 'stats_deal'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_autoptr (GError) error = NULL;
  f->store = jb_store_open (path, &error);
  g_assert_no_error (error);
  assert_figures_agree (f->store);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  jb_exchange_init ();

#define ADD(name, fn, seed) \
  g_test_add (name, Fixture, GUINT_TO_POINTER (seed), fixture_set_up, fn, fixture_tear_down)
  ADD ("/aggregates/saves", test_saves, 1);
  ADD ("/aggregates/saves-2", test_saves, 2);
  ADD ("/aggregates/cascade", test_cascade, 3);
  ADD ("/aggregates/rollback", test_rollback, 4);
  ADD ("/aggregates/bulk", test_bulk, 5);
  ADD ("/aggregates/import", test_import, 6);
  ADD ("/aggregates/rebuild", test_rebuild, 7);
  return g_test_run ();
}

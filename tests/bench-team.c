/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-team: the team store (issue 13) against a file, on a throwaway
 * PostgreSQL server (pg-test-util.h).
 *
 *   bench-team [N [RUNS [CLIENTS EDITS]]]
 *
 * - the import of N demands (default 100 000) into a new file and into a
 *   new team database, in turns, RUNS times (default 3), each in a child
 *   process as `jiebang --import` runs: medians and the ratio (target ≤ 3);
 * - opening: the team database with a new replica (the whole database
 *   pulled), with the replica it has, and the file, each exporting to
 *   /dev/null;
 * - CLIENTS (default 10) threads making EDITS (default 1 000) read-add-write
 *   saves each (team-harness.h): the time, the conflicts reported, and the
 *   check that no update was lost and the history is whole. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "team-harness.h"
#include "test-util.h"

static double
run (char **argv, const char *data_home)
{
  g_auto (GStrv) env = g_get_environ ();
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  int status;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  double start = test_now_ms ();
  if (!g_spawn_sync (NULL, argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                     &status, &error) || !g_spawn_check_wait_status (status, NULL))
    g_error ("%s: %s %s", argv[0], error ? error->message : "failed", err ? err : "");
  return (test_now_ms () - start) / 1000.0;
}

static double
median (GArray *a)
{
  g_array_sort (a, test_compare_doubles);
  return a->len % 2 ? g_array_index (a, double, a->len / 2)
                    : (g_array_index (a, double, a->len / 2 - 1) +
                       g_array_index (a, double, a->len / 2)) / 2;
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 3;
  guint clients = argc > 3 ? (guint) atoi (argv[3]) : 10;
  guint edits = argc > 4 ? (guint) atoi (argv[4]) : 1000;
  g_autoptr (GError) error = NULL;
  char *jiebang = JB_BUILD_DIR "/src/jiebang";

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  PgTestServer *server = pg_test_server_start (&error);
  g_assert_no_error (error);
  g_autofree char *dir = g_dir_make_tmp ("jb-bench-team-XXXXXX", NULL);
  g_autofree char *xml = g_build_filename (dir, "demands.xml", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  run ((char *[]) { JB_BUILD_DIR "/tests/bench-exchange", "generate", count, xml, NULL }, dir);

  g_autoptr (GArray) file_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) team_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *team = NULL;
  g_autofree char *home = NULL;
  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *db = g_strdup_printf ("%s/file%u.db", dir, r);
      g_autofree char *name = g_strdup_printf ("team%u", r);
      g_assert_true (pg_test_server_create_db (server, name, &error));
      g_free (team);
      g_free (home);
      team = g_strdup (pg_test_server_conninfo (server, name));
      home = g_strdup_printf ("%s/home%u", dir, r);
      double f = run ((char *[]) { jiebang, "--db", db, "--import", xml, NULL }, dir);
      double t = run ((char *[]) { jiebang, "--db", team, "--import", xml, NULL }, home);
      g_array_append_val (file_s, f);
      g_array_append_val (team_s, t);
      g_array_append_val (ratios, (double) { t / f });
      g_print ("run %u: import into a file %.2f s, into a team database %.2f s (%.2f×)\n", r, f,
               t, t / f);
    }
  g_print ("import of %u demands: file %.2f s, team database %.2f s, ratio %.2f (median of "
           "%u; target ≤ 3)\n", n, median (file_s), median (team_s), median (ratios), runs);

  /* The last run's databases: opened and read whole. */
  g_autofree char *db = g_strdup_printf ("%s/file%u.db", dir, runs - 1);
  g_autofree char *fresh = g_strdup_printf ("%s/fresh", dir);
  double pull = run ((char *[]) { jiebang, "--db", team, "--export", "/dev/null", NULL }, fresh);
  g_autoptr (GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint r = 0; r < 5; r++)
    {
      g_array_append_val (warm, (double) { run ((char *[]) { jiebang, "--db", team, "--export",
                                                             "/dev/null", NULL }, home) });
      g_array_append_val (cold, (double) { run ((char *[]) { jiebang, "--db", db, "--export",
                                                             "/dev/null", NULL }, dir) });
    }
  g_print ("open and export: a new replica (all pulled) %.2f s; the replica there %.2f s; the "
           "file %.2f s (%.2f×, medians of 5)\n", pull, median (warm), median (cold),
           median (warm) / median (cold));

  if (clients > 0)
    {
      g_assert_true (pg_test_server_create_db (server, "harness", &error));
      const char *conninfo = pg_test_server_conninfo (server, "harness");
      g_autofree char *replica = g_build_filename (dir, "seed.db", NULL);
      g_autoptr (JbStore) seed = jb_store_open_team (conninfo, replica, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      TeamHarnessResult result;
      team_harness_run (seed, conninfo, dir, clients, edits, &result);
      gboolean whole = team_harness_check (server, "harness", &result, &error);
      g_print ("%u clients × %u saves: %.1f s, %u saved, %u conflicts reported and tried "
               "again, %u other errors; %s\n", clients, edits, result.seconds, result.saved,
               result.conflicts, result.errors,
               whole ? "no update lost, history whole" : error->message);
      if (!whole || result.errors)
        return 1;
    }
  pg_test_server_stop (server);
  test_remove_tree (dir);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-durability: what a commit that waits for the disk costs.  Not a
 * test: it prints figures for the README.  On a fresh database each time,
 * with every commit on the disk (Jiebang's setting, synchronous FULL) and,
 * for reference in the same process, with the last commits allowed to be
 * lost on power loss (NORMAL): SAVES single saves of a demand as the window
 * makes them (each its own transaction), and an import of N demands (one
 * transaction).  The folder is the one given, or the temporary one: measure
 * on the disk the database lives on.
 *
 *   build/tests/bench-durability [SAVES [N [FOLDER]]]
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "jb-exchange.h"
#include "test-util.h"

static GBytes *
demands_file (guint n)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">\n"
                             "  <organization id=\"00000000-0000-4000-8000-000000000000\" "
                             "created=\"2022-08-01T09:00:00.000000Z\" "
                             "updated=\"2022-08-01T09:00:00.000000Z\">\n"
                             "    <name>上海锅炉厂有限公司</name>\n    <kind>enterprise</kind>\n"
                             "  </organization>\n");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s, "  <demand id=\"00000000-0000-4000-8000-%012u\" "
                            "created=\"2022-08-01T09:00:00.000000Z\" "
                            "updated=\"2022-08-01T09:00:00.000000Z\">\n"
                            "    <title>高能量密度固态电池电解质材料 %u</title>\n"
                            "    <owner ref=\"00000000-0000-4000-8000-000000000000\"/>\n"
                            "    <status>published</status>\n  </demand>\n", i, i);
  g_string_append (s, "</exchange>\n");
  return g_string_free_to_bytes (s);
}

typedef struct {
  double save_ms;    /* per save */
  double import_ms;  /* the whole import */
} Figures;

static Figures
measure (const char *path, gboolean durable, guint saves, GBytes *file)
{
  Figures fig;
  g_autoptr (GError) error = NULL;

  jb_store_remove_files (path);
  g_autoptr (JbStore) store = jb_store_open (path, &error);
  g_assert_no_error (error);
  jb_store_set_durable (store, durable);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (file);
  double t0 = test_now_ms ();
  g_assert_true (jb_exchange_import_stream (store, in, "bench.xml", -1, NULL, NULL, NULL, NULL,
                                            &error));
  fig.import_ms = test_now_ms () - t0;

  g_autoptr (JbRecord) demand = jb_store_load_by_uuid (store, JB_KIND_DEMAND,
                                                       "00000000-0000-4000-8000-000000000001",
                                                       &error);
  g_assert_no_error (error);
  t0 = test_now_ms ();
  for (guint i = 0; i < saves; i++)
    {
      g_autofree char *title = g_strdup_printf ("固态电池电解质材料（第 %u 稿）", i);
      jb_record_set_text_by_name (demand, "title", title);
      g_assert_true (jb_store_save (store, demand, JB_SAVE_DEFAULT, &error));
    }
  fig.save_ms = (test_now_ms () - t0) / saves;
  g_clear_object (&store);
  jb_store_remove_files (path);
  return fig;
}

int
main (int argc, char **argv)
{
  guint saves = argc > 1 ? (guint) atoi (argv[1]) : 200;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 20000;
  g_autofree char *dir = argc > 3 ? g_strdup (argv[3]) : g_dir_make_tmp ("jb-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr (GBytes) file = demands_file (n);

  jb_exchange_init ();
  /* Twice each, alternating, the first of each discarded: the page cache
   * and the disk settle. */
  Figures full = { 0 }, normal = { 0 };
  for (int run = 0; run < 3; run++)
    {
      Figures f = measure (path, TRUE, saves, file);
      Figures r = measure (path, FALSE, saves, file);
      if (run > 0)
        {
          full.save_ms += f.save_ms / 2;
          full.import_ms += f.import_ms / 2;
          normal.save_ms += r.save_ms / 2;
          normal.import_ms += r.import_ms / 2;
        }
    }
  printf ("%u saves, an import of %u demands, in %s\n", saves, n, dir);
  printf ("                 FULL (Jiebang)   NORMAL   ratio\n");
  printf ("one save (ms)    %10.2f %10.2f %7.2f\n", full.save_ms, normal.save_ms,
          full.save_ms / normal.save_ms);
  printf ("import (ms)      %10.0f %10.0f %7.2f\n", full.import_ms, normal.import_ms,
          full.import_ms / normal.import_ms);
  if (argc <= 3)
    g_rmdir (dir);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-backup: how long the dated backups take (jb-store-backup.c).  Not a
 * test: it prints figures for the README.  Fills a fresh database with N
 * synthetic demands (default 100 000) owned by N/20 organizations, then
 * times, against copying the file with g_file_copy() in the same process:
 * a backup (VACUUM INTO, flushed, renamed), listing the backups with their
 * record counts, and a restore (which backs up first, copies the backup into
 * the open store and checks its derived tables).  Medians of RUNS (default 5).
 *
 *   build/tests/bench-backup [N [RUNS]]
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "jb-store-backup.h"
#include "test-util.h"

static void
fill (JbStore *store, guint n)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2022);
  guint n_orgs = MAX (1, n / 20);

  g_assert_true (jb_store_begin (store, NULL));
  g_autoptr (GArray) orgs = test_add_organizations (store, n_orgs, JB_SAVE_BULK);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
      g_autofree char *title = g_strdup_printf ("%s%s关键技术攻关 %u",
                                                test_words[g_rand_int_range (rand, 0, 20)],
                                                test_words[g_rand_int_range (rand, 0, 20)], i);
      g_autofree char *code = g_strdup_printf ("B-%06u", i);
      g_autofree char *problem = g_strdup_printf ("现有%s工艺在%s条件下效率不足，需要解决%s问题。",
                                                  test_words[g_rand_int_range (rand, 0, 20)],
                                                  test_words[g_rand_int_range (rand, 0, 20)],
                                                  test_words[g_rand_int_range (rand, 0, 20)]);
      jb_record_set_text_by_name (d, "code", code);
      jb_record_set_text_by_name (d, "title", title);
      jb_record_set_text_by_name (d, "problem", problem);
      jb_record_set_int_by_name (d, "owner_id",
                                 g_array_index (orgs, gint64, g_rand_int_range (rand, 0, n_orgs)));
      jb_record_set_text_by_name (d, "status", "published");
      jb_record_set_text_by_name (d, "industry", "new_energy");
      jb_record_set_int_by_name (d, "investment", (gint64) g_rand_int_range (rand, 0, 500000) * 10000);
      g_assert_true (jb_store_save (store, d, JB_SAVE_BULK, NULL));
    }
  g_assert_true (jb_store_commit (store, NULL));
}

static int
by_value (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, by_value);
  return g_array_index (times, double, times->len / 2);
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 5;
  g_autofree char *dir = g_dir_make_tmp ("jb-bench-backup-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) store = jb_store_open (path, &error);
  g_assert_no_error (error);

  double t0 = test_now_ms ();
  fill (store, n);
  printf ("%u demands, %u organizations filled in %.0f ms\n", n, MAX (1, n / 20), test_now_ms () - t0);
  jb_store_notify_changed (store);  /* as after an import: the WAL is folded in */

  g_autoptr (GArray) copy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) backup = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) restore = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *copied = g_build_filename (dir, "copy.db", NULL);
  g_autoptr (GFile) from = g_file_new_for_path (path);
  g_autoptr (GFile) to = g_file_new_for_path (copied);
  gint64 size = 0, backup_size = 0;
  for (guint r = 0; r < runs; r++)
    {
      double t = test_now_ms ();
      g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
      t = test_now_ms () - t;
      g_array_append_val (copy, t);
      GStatBuf st;
      size = g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;

      t = test_now_ms ();
      g_autoptr (JbBackup) made = jb_store_backup_now (store, "bench", 0, &error);
      t = test_now_ms () - t;
      g_assert_no_error (error);
      g_array_append_val (backup, t);
      backup_size = made->size;

      t = test_now_ms ();
      g_autoptr (GPtrArray) backups = jb_store_backup_list (store, TRUE, &error);
      t = test_now_ms () - t;
      g_assert_no_error (error);
      g_assert_cmpint (((JbBackup *) g_ptr_array_index (backups, 0))->counts[JB_KIND_DEMAND], ==, n);
      g_array_append_val (list, t);

      t = test_now_ms ();
      g_autoptr (JbBackup) undo = jb_store_backup_restore (store, made->path, 0, &error);
      t = test_now_ms () - t;
      g_assert_no_error (error);
      g_array_append_val (restore, t);
      /* Two copies more each round: the next list reads them all. */
      g_remove (made->path);
      g_remove (undo->path);
    }
  double base = median (copy);
  printf ("database %.1f MB, a backup %.1f MB; medians of %u runs\n", size / 1e6,
          backup_size / 1e6, runs);
  printf ("%-34s %8.0f ms  1.00×\n", "copying the file (g_file_copy)", base);
  double b = median (backup), l = median (list), r = median (restore);
  printf ("%-34s %8.0f ms  %.2f×\n", "a backup (VACUUM INTO, fsync)", b, b / base);
  printf ("%-34s %8.0f ms  %.2f×\n", "listing it with its counts", l, l / base);
  printf ("%-34s %8.0f ms  %.2f×\n", "a restore (backup first, copy in)", r, r / base);
  g_clear_object (&store);
  test_remove_tree (dir);
  return 0;
}

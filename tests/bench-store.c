/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store: how the demand table scales.  Not a test: it prints figures for
 * the README.  Fills a fresh database with N synthetic demands (default
 * 100 000) owned by N/20 organizations, then times what the window does:
 * opening the store, listing every row, searching as the user types, and
 * sorting by a text and by a number column; then reports peak memory.
 *
 *   build/tests/bench-store [N]
 */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>

#include "jb-record-browser.h"
#include "jb-record-columns.h"
#include "jb-store.h"
#include "test-util.h"

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  long kb = -1;
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *p = strstr (status, "VmHWM:");
      if (p)
        kb = strtol (p + 6, NULL, 10);
    }
  return kb;
}

static void
fill (JbStore *store, guint n)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2022);
  guint n_orgs = MAX (1, n / 20);
  const JbEnum *status = &jb_enum_demand_status;
  const JbEnum *industry = &jb_enum_industry;

  g_assert_true (jb_store_begin (store, NULL));
  g_autoptr (GArray) orgs = test_add_organizations (store, n_orgs, JB_SAVE_DEFAULT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
      g_autofree char *title = g_strdup_printf ("%s%s关键技术攻关 %u",
                                                test_words[g_rand_int_range (rand, 0, 20)],
                                                test_words[g_rand_int_range (rand, 0, 20)], i);
      g_autofree char *code = g_strdup_printf ("B-%06u", i);
      jb_record_set_text_by_name (d, "code", code);
      jb_record_set_text_by_name (d, "title", title);
      jb_record_set_int_by_name (d, "owner_id",
                                 g_array_index (orgs, gint64, g_rand_int_range (rand, 0, n_orgs)));
      jb_record_set_text_by_name (d, "status",
                                  status->values[g_rand_int_range (rand, 0, 6)].code);
      jb_record_set_text_by_name (d, "industry",
                                  industry->values[g_rand_int_range (rand, 0, 15)].code);
      jb_record_set_int_by_name (d, "investment", (gint64) g_rand_int_range (rand, 0, 500000) * 10000);
      jb_record_set_text_by_name (d, "deadline", "2023-06-30");
      jb_record_set_text_by_name (d, "problem", "现有工艺在高温高湿环境下稳定性不足，需要提出可量产的改进方案。");
      g_autoptr (GError) error = NULL;
      if (!jb_store_save (store, d, JB_SAVE_DEFAULT, &error))
        g_error ("%s", error->message);
    }
  g_assert_true (jb_store_commit (store, NULL));
}

static double
time_sort (GListStore *rows, GtkSorter *sorter)
{
  double t0 = test_now_ms ();
  g_autoptr (GtkSortListModel) sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (rows)),
                                                                 g_object_ref (sorter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sorted)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (rows)));
  return test_now_ms () - t0;
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("jb-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);

  gtk_init ();

  double t0 = test_now_ms ();
  g_autoptr (JbStore) filler = jb_store_open (path, NULL);
  fill (filler, n);
  g_clear_object (&filler);
  double t_fill = test_now_ms () - t0;
  long rss_before = peak_rss_kb ();

  t0 = test_now_ms ();
  g_autoptr (JbStore) store = jb_store_open (path, NULL);
  double t_open = test_now_ms () - t0;

  t0 = test_now_ms ();
  g_autoptr (GPtrArray) all = jb_store_list (store, JB_KIND_DEMAND, NULL, NULL);
  g_autoptr (GListStore) rows = g_list_store_new (JB_TYPE_RECORD);
  g_list_store_splice (rows, 0, 0, all->pdata, all->len);
  double t_list = test_now_ms () - t0;

  const char *queries[] = { "电", "电池", "固态电池", "B-0999", "科技有限公司 7", "不存在" };
  double t_search[G_N_ELEMENTS (queries)];
  guint n_found[G_N_ELEMENTS (queries)];
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      t0 = test_now_ms ();
      g_autoptr (GPtrArray) found = jb_store_list (store, JB_KIND_DEMAND, queries[q], NULL);
      t_search[q] = test_now_ms () - t0;
      n_found[q] = found->len;
    }

  /* The same sorters as the demands' table. */
  const JbKind *demand = jb_kind_get (JB_KIND_DEMAND);
  g_autoptr (GtkSorter) by_title =
    jb_record_columns_sorter (demand, jb_kind_field_index (demand, "title"));
  g_autoptr (GtkSorter) by_money =
    jb_record_columns_sorter (demand, jb_kind_field_index (demand, "investment"));
  double t_sort_title = time_sort (rows, by_title);
  double t_sort_money = time_sort (rows, by_money);

  printf ("demands: %u (organizations: %u)\n", n, MAX (1, n / 20));
  printf ("fill (one transaction):      %8.0f ms\n", t_fill);
  printf ("open store:                  %8.1f ms\n", t_open);
  printf ("list all rows (window open): %8.1f ms\n", t_list);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    printf ("search %-20s %8.1f ms  (%u rows)\n", queries[q], t_search[q], n_found[q]);
  printf ("sort by title:               %8.1f ms\n", t_sort_title);
  printf ("sort by investment:          %8.1f ms\n", t_sort_money);
  printf ("peak memory (VmHWM):         %8.1f MB (after filling: %.1f MB)\n",
          peak_rss_kb () / 1024.0, rss_before / 1024.0);

  g_clear_pointer (&all, g_ptr_array_unref);
  g_clear_object (&rows);
  g_clear_object (&store);
  jb_store_remove_files (path);
  g_rmdir (dir);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-exchange: import and export of N demands (default 100 000) against
 * `xmllint --stream --noout` on the same file, the parse-only floor.
 *
 *   bench-exchange [N [RUNS]]
 *   bench-exchange generate N FILE      (just the file, for profiling)
 *
 * Import and export each run in a child process of their own, so that each
 * peak resident size (VmHWM) is that step's alone.  With RUNS (default 1),
 * xmllint, the import into an empty database and the export take turns RUNS
 * times and the medians are printed, ratios taken run by run.  Targets
 * (issue 10): import ≤ 3× xmllint, export ≤ 1.5×, import memory ≤ 150 MB. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jb-exchange.h"
#include "test-util.h"

static const char *industries[] = { "new_energy", "new_materials", "ai", "ic", "biomedicine",
                                    "equipment", "automotive", "agriculture" };
static const char *statuses[] = { "draft", "review", "published", "matched", "cooperating" };

static void
timestamp (char *buf, gsize size, guint64 n)
{
  /* One record a second from 2022-01-01: created order is file order. */
  g_autoptr (GDateTime) base = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  g_autoptr (GDateTime) t = g_date_time_add_seconds (base, (double) n);
  g_autofree char *s = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S");
  g_snprintf (buf, size, "%s.%06uZ", s, (guint) (n % 1000000));
}

/* The canonical form that export writes, so that the export can be compared. */
static void
generate (const char *path, guint n_demands)
{
  FILE *out = fopen (path, "w");
  guint n_orgs = MAX (1, n_demands / 100);
  char **org_ids = g_new0 (char *, n_orgs);
  char t[64];
  guint64 serial = 0;

  g_assert_nonnull (out);
  fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">\n", out);
  for (guint i = 0; i < n_orgs; i++)
    {
      org_ids[i] = g_uuid_string_random ();
      timestamp (t, sizeof t, serial++);
      fprintf (out, "  <organization id=\"%s\" created=\"%s\" updated=\"%s\">\n"
                    "    <name>上海示范企业 %u 有限公司</name>\n"
                    "    <kind>enterprise</kind>\n"
                    "    <province>shanghai</province>\n"
                    "    <city>上海</city>\n"
                    "    <district>闵行区</district>\n"
                    "    <alliance>%s</alliance>\n"
                    "  </organization>\n", org_ids[i], t, t, i, i % 7 ? "false" : "true");
    }
  for (guint i = 0; i < n_demands; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      timestamp (t, sizeof t, serial++);
      fprintf (out, "  <demand id=\"%s\" created=\"%s\" updated=\"%s\">\n"
                    "    <code>MH-2022-%06u</code>\n"
                    "    <title>高能量密度固态电池电解质材料开发 %u</title>\n"
                    "    <owner ref=\"%s\"/>\n"
                    "    <industry>%s</industry>\n"
                    "    <keywords>固态电池、电解质, 储能</keywords>\n"
                    "    <province>shanghai</province>\n"
                    "    <district>闵行区</district>\n"
                    "    <problem>现有液态电解质存在安全隐患，高温下易分解；\n"
                    "需要开发新型固态电解质材料，兼顾离子电导率与界面稳定性。</problem>\n"
                    "    <goal>离子电导率不低于 1 mS/cm，循环 1000 次容量保持率 ≥ 90%%。</goal>\n"
                    "    <investment currency=\"CNY\">%u.%02u</investment>\n"
                    "    <coop_mode>joint</coop_mode>\n"
                    "    <deadline>2023-%02u-%02u</deadline>\n"
                    "    <status>%s</status>\n"
                    "    <confidential>false</confidential>\n"
                    "  </demand>\n",
               id, t, t, i, i, org_ids[i % n_orgs], industries[i % G_N_ELEMENTS (industries)],
               100000 + i * 37 % 5000000, i % 100, 1 + i % 12, 1 + i % 28,
               statuses[i % G_N_ELEMENTS (statuses)]);
    }
  fputs ("</exchange>\n", out);
  fclose (out);
  g_strfreev (org_ids);
}

static guint
peak_kb (void)
{
  g_autofree char *status = NULL;
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  const char *hwm = status ? strstr (status, "VmHWM:") : NULL;
  return hwm ? (guint) strtoul (hwm + strlen ("VmHWM:"), NULL, 10) : 0;
}

/* The child: one step, then "seconds peak_kb" on stdout. */
static int
run_step (const char *step, const char *db, const char *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) store = jb_store_open (db, &error);
  g_autoptr (GFile) gfile = g_file_new_for_path (file);
  g_assert_no_error (error);

  gint64 start = g_get_monotonic_time ();
  gboolean ok;
  if (strcmp (step, "import") == 0)
    {
      JbImportSummary summary;
      ok = jb_exchange_import (store, gfile, NULL, NULL, NULL, &summary, &error);
      if (ok)
        g_printerr ("imported: %u created\n", summary.created);
    }
  else
    ok = jb_exchange_export (store, gfile, NULL, NULL, &error);
  double seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%.3f %u\n", seconds, peak_kb ());
  return 0;
}

static void
child (const char *self, const char *step, const char *db, const char *file, double *seconds,
       guint *kb)
{
  const char *argv[] = { self, step, db, file, NULL };
  g_autofree char *out = NULL;
  int status;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (sscanf (out, "%lf %u", seconds, kb), ==, 2);
}

static double
median (GArray *values)
{
  g_array_sort (values, test_compare_doubles);
  guint n = values->len;
  return n % 2 ? g_array_index (values, double, n / 2)
               : (g_array_index (values, double, n / 2 - 1) +
                  g_array_index (values, double, n / 2)) / 2;
}

/* Byte for byte, a block at a time: the files may be larger than memory. */
static gboolean
same_files (const char *a, const char *b)
{
  FILE *x = fopen (a, "rb"), *y = fopen (b, "rb");
  static char bx[1 << 16], by[1 << 16];
  gboolean same = x && y;
  while (same)
    {
      size_t nx = fread (bx, 1, sizeof bx, x), ny = fread (by, 1, sizeof by, y);
      same = nx == ny && memcmp (bx, by, nx) == 0;
      if (nx == 0)
        break;
    }
  if (x)
    fclose (x);
  if (y)
    fclose (y);
  return same;
}

static double
time_xmllint (const char *file)
{
  const char *argv[] = { "xmllint", "--stream", "--noout", file, NULL };
  int status;
  gint64 start = g_get_monotonic_time ();
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

int
main (int argc, char **argv)
{
  if (argc == 4 && strcmp (argv[1], "generate") == 0)
    {
      generate (argv[3], (guint) atoi (argv[2]));
      return 0;
    }
  if (argc == 4)
    return run_step (argv[1], argv[2], argv[3]);

  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint runs = argc > 2 ? MAX (1, (guint) atoi (argv[2])) : 1;
  g_autofree char *dir = g_dir_make_tmp ("jb-bench-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "demands.xml", NULL);
  g_autofree char *output = g_build_filename (dir, "export.xml", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autoptr (GArray) lint = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) exports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) import_ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) export_ratios = g_array_new (FALSE, FALSE, sizeof (double));
  guint import_kb = 0, export_kb = 0;
  gboolean same = TRUE;

  generate (input, n);
  GStatBuf st;
  g_stat (input, &st);
  g_print ("demands:           %u (%.1f MB file), %u runs\n", n, (double) st.st_size / 1e6, runs);
  for (guint r = 0; r < runs; r++)
    {
      double lint_s, import_s, export_s;
      guint kb;
      jb_store_remove_files (db);
      lint_s = time_xmllint (input);
      child (argv[0], "import", db, input, &import_s, &kb);
      import_kb = MAX (import_kb, kb);
      child (argv[0], "export", db, output, &export_s, &kb);
      export_kb = MAX (export_kb, kb);
      same = same && same_files (input, output);
      g_print ("run %u: xmllint %.2f s, import %.2f s (%.1f×), export %.2f s (%.2f×)\n", r + 1,
               lint_s, import_s, import_s / lint_s, export_s, export_s / lint_s);
      g_array_append_val (lint, lint_s);
      g_array_append_val (imports, import_s);
      g_array_append_val (exports, export_s);
      g_array_append_val (import_ratios, (double) { import_s / lint_s });
      g_array_append_val (export_ratios, (double) { export_s / lint_s });
    }

  g_print ("xmllint --stream:  %.2f s (median)\n", median (lint));
  g_print ("import:            %.2f s  (%.2f× xmllint, target ≤ 3×)  peak %.0f MB\n",
           median (imports), median (import_ratios), import_kb / 1024.0);
  g_print ("export:            %.2f s  (%.2f× xmllint, target ≤ 1.5×)  peak %.0f MB\n",
           median (exports), median (export_ratios), export_kb / 1024.0);
  g_print ("export == input:   %s\n", same ? "yes (byte-identical)" : "NO");

  const char *files[] = { "demands.xml", "export.xml", "bench.db", "bench.db-wal", "bench.db-shm",
                          "bench.db.before-import" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *p = g_build_filename (dir, files[i], NULL);
      g_remove (p);
    }
  g_rmdir (dir);
  return same ? 0 : 1;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sheet: spreadsheet intake speed and memory (issue 11).
 *
 *   bench-sheet [N]      (default 100 000)
 *
 * Writes a collection sheet of 5 000 rows and one of N rows as .xlsx (N/20
 * enterprises, every column a district's sheet has), imports each into an
 * empty database — validated, in one transaction, as `jiebang --import`
 * does — then exports the N-row database as an exchange file and imports
 * that into another empty database: the same records, the ratio of the two
 * times is the target (≤ 3).  Each import runs in a child process, so that
 * its peak resident size (VmHWM) is its own.  Targets: 5 000 rows ≤ 2 s,
 * N rows ≤ 3× the exchange import, memory bounded whatever N. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "jb-credit-code.h"
#include "jb-exchange.h"
#include "jb-intake.h"

static const char *industries[] = { "新能源", "新材料", "人工智能", "集成电路", "生物医药",
                                    "高端装备", "智能网联汽车", "现代农业" };
static const char *modes[] = { "合作研发", "委托研发", "技术转让", "技术许可", "技术入股" };
static const char *header[] = { "序号", "需求名称", "需求单位名称", "统一社会信用代码", "所在区",
                                "机构属性", "联系人", "联系电话", "邮箱", "所属领域", "关键词",
                                "拟投入资金（万元）", "需求时限", "合作方式", "主要问题", "预期目标" };

static void
generate (const char *path, guint n)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "需求汇总");
  lxw_format *date = workbook_add_format (wb);
  format_set_num_format (date, "yyyy-mm-dd");
  worksheet_write_string (ws, 0, 0, "2023年企业创新需求汇总表", NULL);
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    worksheet_write_string (ws, 1, (lxw_col_t) c, header[c], NULL);
  guint n_orgs = MAX (1, n / 20);
  for (guint i = 0; i < n; i++)
    {
      lxw_row_t r = i + 2;
      guint o = i % n_orgs;
      char first17[18], buf[256];
      g_snprintf (first17, sizeof first17, "91310000%09u", o);
      char code[19];
      g_snprintf (code, sizeof code, "%s%c", first17, jb_credit_code_check_char (first17));
      worksheet_write_number (ws, r, 0, i + 1, NULL);
      g_snprintf (buf, sizeof buf, "技术需求 %u：高效储能电池热管理", i);
      worksheet_write_string (ws, r, 1, buf, NULL);
      g_snprintf (buf, sizeof buf, "上海示范企业 %u 有限公司", o);
      worksheet_write_string (ws, r, 2, buf, NULL);
      worksheet_write_string (ws, r, 3, code, NULL);
      worksheet_write_string (ws, r, 4, "闵行区", NULL);
      worksheet_write_string (ws, r, 5, "企业", NULL);
      worksheet_write_string (ws, r, 6, "张工", NULL);
      worksheet_write_number (ws, r, 7, 13800000000.0 + o, NULL);
      g_snprintf (buf, sizeof buf, "contact%u@example.com", o);
      worksheet_write_string (ws, r, 8, buf, NULL);
      worksheet_write_string (ws, r, 9, industries[i % G_N_ELEMENTS (industries)], NULL);
      worksheet_write_string (ws, r, 10, "储能、热管理，电池", NULL);
      worksheet_write_number (ws, r, 11, (i % 500) + 0.5, NULL);
      lxw_datetime dt = { 2023 + (int) (i % 3), 1 + (int) (i % 12), 1 + (int) (i % 28), 0, 0, 0 };
      worksheet_write_datetime (ws, r, 12, &dt, date);
      worksheet_write_string (ws, r, 13, modes[i % G_N_ELEMENTS (modes)], NULL);
      worksheet_write_string (ws, r, 14, "电池在高倍率充放电时温升过快，现有液冷方案体积大、成本高，"
                                         "需要新的热管理思路。", NULL);
      worksheet_write_string (ws, r, 15, "温升降低30%，成本不高于现有方案。", NULL);
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

static guint
vm_hwm_mb (void)
{
  g_autofree char *status = NULL;
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  const char *p = status ? strstr (status, "VmHWM:") : NULL;
  return p ? (guint) (g_ascii_strtoull (p + 6, NULL, 10) / 1024) : 0;
}

typedef struct {
  double seconds;
  guint peak_mb;
  guint created;
} Result;

/* Runs @what (0: sheet, 1: exchange file) in a child process. */
static Result
run_import (const char *db, const char *path, int what)
{
  int fds[2];
  g_assert_cmpint (pipe (fds), ==, 0);
  pid_t pid = fork ();
  if (pid == 0)
    {
      close (fds[0]);
      g_autoptr (GError) error = NULL;
      g_autoptr (JbStore) store = jb_store_open (db, &error);
      g_assert_no_error (error);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      JbImportSummary summary = { 0 };
      gint64 start = g_get_monotonic_time ();
      gboolean ok;
      if (what == 0)
        {
          g_autoptr (JbIntake) intake = jb_intake_open (file, NULL, &error);
          ok = intake && jb_intake_set_sheet (intake, jb_intake_guess_sheet (intake,
                                                                             JB_KIND_DEMAND,
                                                                             NULL, NULL),
                                              JB_KIND_DEMAND, NULL, &error) &&
               jb_intake_import (intake, store, NULL, NULL, NULL, &summary, NULL, &error);
        }
      else
        ok = jb_exchange_import (store, file, NULL, NULL, NULL, &summary, &error);
      Result r = { (g_get_monotonic_time () - start) / 1e6, vm_hwm_mb (), summary.created };
      if (!ok)
        g_error ("%s", error->message);
      g_assert_cmpint (write (fds[1], &r, sizeof r), ==, sizeof r);
      _exit (0);
    }
  close (fds[1]);
  Result r = { 0 };
  g_assert_cmpint (read (fds[0], &r, sizeof r), ==, sizeof r);
  close (fds[0]);
  int status;
  waitpid (pid, &status, 0);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return r;
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("jb-bench-sheet-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "5000.xlsx", NULL);
  g_autofree char *large = g_build_filename (dir, "large.xlsx", NULL);
  g_autofree char *xml = g_build_filename (dir, "large.xml", NULL);
  g_autofree char *db_small = g_build_filename (dir, "small.db", NULL);
  g_autofree char *db_sheet = g_build_filename (dir, "sheet.db", NULL);
  g_autofree char *db_xml = g_build_filename (dir, "xml.db", NULL);

  jb_exchange_init ();
  generate (small, 5000);
  generate (large, n);
  Result r5 = run_import (db_small, small, 0);
  printf ("5 000 rows from .xlsx:      %.2f s (%u records created), peak %u MB\n", r5.seconds,
          r5.created, r5.peak_mb);
  Result rs = run_import (db_sheet, large, 0);
  printf ("%u rows from .xlsx:    %.2f s (%u records created), peak %u MB\n", n, rs.seconds,
          rs.created, rs.peak_mb);
  {
    g_autoptr (JbStore) store = jb_store_open (db_sheet, NULL);
    g_autoptr (GFile) out = g_file_new_for_path (xml);
    g_autoptr (GError) error = NULL;
    g_assert_true (jb_exchange_export (store, out, NULL, NULL, &error));
  }
  Result rx = run_import (db_xml, xml, 1);
  printf ("same records from XML:     %.2f s (%u records created), peak %u MB\n", rx.seconds,
          rx.created, rx.peak_mb);
  printf ("sheet / exchange:          %.2f× (target ≤ 3)\n", rs.seconds / rx.seconds);

  const char *files[] = { small, large, xml };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_unlink (files[i]);
  const char *dbs[] = { db_small, db_sheet, db_xml };
  for (guint i = 0; i < G_N_ELEMENTS (dbs); i++)
    jb_store_remove_files (dbs[i]);
  g_rmdir (dir);
  return 0;
}

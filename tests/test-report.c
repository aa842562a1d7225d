/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The annual report written headless (jiebang --report): a PDF whose text
 * holds the sample's key figures, in English and with Chinese money. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <locale.h>
#include <unistd.h>

#include "jb-cli.h"
#include "jb-exchange.h"
#include "test-util.h"

static char *dir, *db;

static char *
pdf_text (const char *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  int status;
  /* JB_PDFTOTEXT: found by meson (poppler-utils), or this test is not built. */
  const char *argv[] = { JB_PDFTOTEXT, "-layout", pdf, "-", NULL };
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
assert_has (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the report:\n%s", needle, text);
}

static char *
report (const char *name, int year, const char *event, gboolean alone)
{
  g_autofree char *pdf = g_build_filename (dir, name, NULL);
  /* Its "Wrote the report…" would break the TAP stream on stdout. */
  int saved = dup (STDOUT_FILENO), null = open ("/dev/null", O_WRONLY);
  fflush (stdout);
  dup2 (null, STDOUT_FILENO);
  int status = jb_cli_report (db, pdf, year, event, alone);
  fflush (stdout);
  dup2 (saved, STDOUT_FILENO);
  close (saved);
  close (null);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  char *text = pdf_text (pdf);
  g_remove (pdf);
  return text;
}

static void
test_year (void)
{
  g_unsetenv ("LANGUAGE");
  /* The latest year: 2022. */
  g_autofree char *text = report ("r.pdf", 0, NULL, FALSE);
  assert_has (text, "Open innovation in figures");
  assert_has (text, "2022");
  assert_has (text, "206");             /* demands */
  assert_has (text, "101");             /* solutions */
  assert_has (text, "¥3,180,000");      /* contract amount of the 13 deals */
  assert_has (text, "¥3,004,000");      /* registered transaction amount */
  assert_has (text, "¥1,430,000");      /* received */
  assert_has (text, "¥1,750,000");      /* outstanding */
  assert_has (text, "Largest deals");
  assert_has (text, "Most active solvers");
  assert_has (text, "Technology managers");
  assert_has (text, "上海");            /* Chinese text is text, not drawn shapes */
}

static void
test_session_in_chinese (void)
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  /* The Minhang session, by its uuid, without its live contest and meetings. */
  g_autofree char *text = report ("闵行.pdf", 2022, "bbd67287-2c7f-408c-9562-2140102ea9a4", TRUE);
  g_unsetenv ("LANGUAGE");
  assert_has (text, "中国创新挑战赛（闵行专场）");
  assert_has (text, "62");
  assert_has (text, "4,960万元");
}

static void
test_refusals (void)
{
  g_autofree char *pdf = g_build_filename (dir, "none.pdf", NULL);
  if (g_test_subprocess ())
    {
      g_assert_cmpint (jb_cli_report (db, pdf, 2022, "no-such-event", FALSE), ==, 1);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*no-such-event*");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  jb_exchange_init ();

  /* A folder of this run's own (two builds may test at once); the
   * subprocesses of test_refusals() find it in the environment. */
  if (g_test_subprocess ())
    dir = g_strdup (g_getenv ("JB_REPORT_TEST_DIR"));
  else
    {
      g_autoptr (GError) error = NULL;
      dir = g_dir_make_tmp ("jb-report-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("JB_REPORT_TEST_DIR", dir, TRUE);
    }
  g_assert_nonnull (dir);
  db = g_build_filename (dir, "sample.db", NULL);
  if (!g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JbStore) store = jb_store_open (db, &error);
      g_assert_no_error (error);
      g_autofree char *path = g_build_filename (JB_TEST_SRCDIR, "data", "sample",
                                                "jiebang-sample.xml", NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_assert_true (jb_exchange_import (store, file, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  g_test_add_func ("/report/year", test_year);
  g_test_add_func ("/report/session-in-chinese", test_session_in_chinese);
  g_test_add_func ("/report/refusals", test_refusals);
  int status = g_test_run ();
  if (!g_test_subprocess ())
    test_remove_tree (dir);
  return status;
}

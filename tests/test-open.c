/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening an exchange file as a file manager does (the desktop entry's
 * Exec=jiebang %f): the application starts with the file as its argument, its
 * window asks whether to import it, and the database changes only if the
 * user agrees (a spreadsheet opens in the import dialog's preview).  Runs the
 * real application under Xvfb. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "jb-application.h"
#include "jb-environment.h"
#include "ui-test-util.h"
#include "jb-exchange-dialog.h"
#include "jb-intake-dialog.h"
#include "jb-store.h"

#define SAMPLE JB_TEST_SRCDIR "/data/sample/jiebang-sample.xml"

typedef struct {
  GApplication *app;
  int response;          /* the user's answer to the question */
  char *question;        /* what the question said */
  JbExchangeDialog *import;  /* the import dialog that finished, if any */
  int outcome;           /* of the import: -1 not finished, 0 failed, 1 succeeded */
  gboolean sheet_shown;  /* a spreadsheet's import dialog came up */
  gint64 deadline;
} Run;

/* Every import dialog's end, caught whenever it comes (an emission hook: the
 * import may end before any poll would find its dialog). */
static gboolean
on_finished (GSignalInvocationHint *hint, guint n_values, const GValue *values, gpointer data)
{
  Run *run = data;
  run->import = JB_EXCHANGE_DIALOG (g_value_get_object (&values[0]));
  run->outcome = g_value_get_boolean (&values[1]) ? 1 : 0;
  g_application_quit (run->app);
  return TRUE;
}

/* Plays the user: answers the question; gives up after a minute. */
static gboolean
drive (gpointer data)
{
  Run *run = data;
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  if (g_get_monotonic_time () > run->deadline)
    g_application_quit (run->app);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && run->question == NULL; i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (JB_IS_INTAKE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          run->sheet_shown = TRUE;
          g_application_quit (run->app);
        }
      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          g_autofree char *text = NULL;
          g_object_get (w, "text", &text, NULL);
          run->question = g_strdup (text);
          gtk_dialog_response (GTK_DIALOG (w), run->response);
          if (run->response != GTK_RESPONSE_ACCEPT)
            g_application_quit (run->app);
        }
    }
  return G_SOURCE_CONTINUE;
}

/* Runs the application on @file with a database in a new folder, answering
 * @response; returns the number of demands in the database afterwards. */
static gint64
open_file (const char *file, int response, Run *run)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-open-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *db = g_build_filename (dir, "open.db", NULL);
  char *argv[] = { (char *) "jiebang", (char *) file, NULL };

  g_autoptr (JbApplication) app = jb_application_new (db);
  run->app = G_APPLICATION (app);
  run->response = response;
  run->outcome = -1;
  run->deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gpointer klass = g_type_class_ref (JB_TYPE_EXCHANGE_DIALOG);  /* creates its signals */
  guint signal_id = g_signal_lookup ("finished", JB_TYPE_EXCHANGE_DIALOG);
  gulong hook = g_signal_add_emission_hook (signal_id, 0, on_finished, run, NULL);
  guint timeout = g_timeout_add (100, drive, run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, argv), ==, 0);
  g_signal_remove_emission_hook (signal_id, hook);
  g_source_remove (timeout);
  g_type_class_unref (klass);
  /* Quitting leaves the windows: the next run must not find these. */
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (w);
    }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  g_autoptr (JbStore) store = jb_store_open (db, &error);
  g_assert_no_error (error);
  gint64 demands = jb_store_count (store, JB_KIND_DEMAND);
  g_clear_object (&store);

  jb_store_remove_files (db);
  g_rmdir (dir);
  return demands;
}

static void
test_open_and_import (void)
{
  Run run = { 0 };
  gint64 demands = open_file (SAMPLE, GTK_RESPONSE_ACCEPT, &run);

  g_assert_nonnull (run.question);
  g_assert_nonnull (strstr (run.question, "jiebang-sample.xml"));
  g_assert_nonnull (run.import);
  g_assert_cmpint (run.outcome, ==, 1);
  g_assert_cmpint (demands, ==, 206);
  g_free (run.question);
}

static void
test_open_and_decline (void)
{
  Run run = { 0 };
  gint64 demands = open_file (SAMPLE, GTK_RESPONSE_CANCEL, &run);

  g_assert_nonnull (run.question);
  g_assert_null (run.import);
  g_assert_cmpint (demands, ==, 0);
  g_free (run.question);
}

/* A spreadsheet: no question first, the import dialog's preview is one (it
 * saves nothing until its Import). */
static void
test_open_sheet (void)
{
  Run run = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-open-sheet-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *csv = g_build_filename (dir, "需求汇总.csv", NULL);
  g_assert_true (g_file_set_contents (csv, "需求名称,需求单位\n电池研发,上海某某公司\n", -1,
                                      NULL));
  gint64 demands = open_file (csv, GTK_RESPONSE_ACCEPT, &run);

  g_assert_null (run.question);
  g_assert_true (run.sheet_shown);
  g_assert_cmpint (demands, ==, 0);
  g_remove (csv);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/open/import-when-asked", test_open_and_import);
  g_test_add_func ("/open/nothing-when-declined", test_open_and_decline);
  g_test_add_func ("/open/sheet-previewed", test_open_sheet);
  return g_test_run ();
}

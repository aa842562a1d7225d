/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on a team database (issue 13), driven under Xvfb against a
 * throwaway PostgreSQL server (pg-test-util.h): another user's save shows in
 * the window through the notification path; a save over their change fails,
 * says who, and the form's merge lets the user keep their value, which the
 * team database then holds, or saves as new a record they deleted; a code
 * they have just taken is refused at its field; a role that may only read
 * gets no edit control; an import goes to the team database; a server that
 * goes away is said.  "Another user" is a second
 * store with its own replica (team-ui-test-util.h).  Connecting:
 * test-team-connect.c. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "jb-exchange-dialog.h"
#include "jb-field-editor.h"
#include "jb-history-view.h"
#include "jb-match-view.h"
#include "jb-record-browser.h"
#include "jb-team-dialog.h"
#include "jb-window.h"
#include "team-ui-test-util.h"
#include "test-util.h"
#include "ui-test-util.h"

static JbRecordEditor *
editor (Team *t)
{
  return ui_test_editor_of (t->window, JB_KIND_DEMAND);
}

static GtkWidget *
title_input (Team *t)
{
  return ui_test_input (t->window, JB_KIND_DEMAND, "title");
}

static void
open_demand (Team *t, gint64 id)
{
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "open-record",
                                  g_variant_new ("(ux)", (guint32) JB_KIND_DEMAND, id));
  ui_test_pump ();
  g_assert_cmpint (jb_record_editor_get_id (editor (t)), ==, id);
}

/* The window's row id of the other user's record @other_id. */
static gint64
window_id (Team *t, gint64 other_id)
{
  g_autoptr (JbRecord) r = jb_store_load (t->other, JB_KIND_DEMAND, other_id, NULL);
  g_assert_nonnull (r);
  gint64 id = jb_store_id_for_uuid (t->store, JB_KIND_DEMAND, jb_record_get_uuid (r));
  g_assert_cmpint (id, >, 0);
  return id;
}

/* (a) The other user's new demand and change show in the window's table
 * through the notification socket, and the open form takes the change
 * where the user typed nothing. */
static void
test_live_refresh (void)
{
  if (team_test_skip ())
    return;
  Team t = { 0 };
  team_set_up (&t, "jblive");
  team_open_window (&t, pg_test_server_conninfo (team_test_server, "jblive"));
  g_assert_true (team_table_has (t.window, "固态电池低温性能提升"));
  /* Who: the title names the user and the team database. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (t.window)), "jiebang"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (t.window)), "jblive"));

  gint64 id = window_id (&t, t.demand);
  open_demand (&t, id);
  /* Matching reads the replica through its own connection. */
  JbMatchView *matches = JB_MATCH_VIEW (ui_test_find_type (GTK_WIDGET (editor (&t)),
                                                           JB_TYPE_MATCH_VIEW));
  ui_test_pump ();
  while (jb_match_view_is_busy (matches))
    g_main_context_iteration (NULL, TRUE);
  const char *failed = _("Could not find matches: %s");
  g_autofree char *failed_prefix = g_strndup (failed, strstr (failed, "%s") - failed);
  g_assert_null (team_label_with (GTK_WIDGET (matches), failed_prefix));
  /* Entered by the other connection's role (the same superuser here). */
  g_assert_nonnull (team_label_with (GTK_WIDGET (editor (&t)), "jiebang"));
  ui_test_check_names (GTK_WIDGET (t.window));

  team_new_demand (t.other, t.org, "氢燃料电池催化剂国产化");
  team_wait_for_row (t.window, "氢燃料电池催化剂国产化");

  g_autoptr (JbRecord) r = jb_store_load (t.other, JB_KIND_DEMAND, t.demand, NULL);
  jb_record_set_text_by_name (r, "title", "固态电池低温性能提升（修订）");
  team_saved (t.other, r);
  team_wait_for_row (t.window, "固态电池低温性能提升（修订）");
  ui_test_pump ();
  /* The open form, unchanged by the user, shows it too, and stays clean. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_input (&t))), ==,
                   "固态电池低温性能提升（修订）");
  g_assert_false (jb_record_editor_is_dirty (editor (&t)));
  /* The history, unfolded, says who changed it. */
  GtkWidget *history = ui_test_find_type (GTK_WIDGET (editor (&t)), JB_TYPE_HISTORY_VIEW);
  gtk_expander_set_expanded (GTK_EXPANDER (ui_test_find_type (history, GTK_TYPE_EXPANDER)), TRUE);
  ui_test_pump ();
  g_assert_nonnull (team_label_with (history, "· jiebang"));

  /* The user types keywords; the other user changes the title meanwhile:
   * the form takes their title and keeps the keywords typed, unsaved. */
  GtkWidget *keywords = ui_test_input (t.window, JB_KIND_DEMAND, "keywords");
  gtk_editable_set_text (GTK_EDITABLE (keywords), "固态电解质");
  ui_test_pump ();
  g_assert_true (jb_record_editor_is_dirty (editor (&t)));
  g_autoptr (JbRecord) again = jb_store_load (t.other, JB_KIND_DEMAND, t.demand, NULL);
  jb_record_set_text_by_name (again, "title", "全固态电池低温性能提升");
  team_saved (t.other, again);
  team_wait_for_row (t.window, "全固态电池低温性能提升");
  ui_test_pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_input (&t))), ==,
                   "全固态电池低温性能提升");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (keywords)), ==, "固态电解质");
  g_assert_true (jb_record_editor_is_dirty (editor (&t)));
  /* Saved on top of their change: both are in the team database. */
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();
  g_assert_false (jb_record_editor_is_dirty (editor (&t)));
  g_autofree char *row = team_psql ("jblive", "SELECT title, keywords FROM demand WHERE title LIKE '全固态%'");
  g_assert_cmpstr (row, ==, "全固态电池低温性能提升|固态电解质");
  team_tear_down (&t);
}

/* (b) A save over the other user's change of the same field: the form
 * says who, shows both values, and Keep Mine then saves the user's. */
static void
test_conflict (void)
{
  if (team_test_skip ())
    return;
  Team t = { 0 };
  team_set_up (&t, "jb_conflict");
  team_open_window (&t, pg_test_server_conninfo (team_test_server, "jb_conflict"));
  gint64 id = window_id (&t, t.demand);
  open_demand (&t, id);

  gtk_editable_set_text (GTK_EDITABLE (title_input (&t)), "固态电池低温性能（窗口）");
  ui_test_pump ();
  g_assert_true (jb_record_editor_is_dirty (editor (&t)));

  /* The other user saves the same field; the window saves before it has
   * heard of it (no main loop in between): the team database refuses. */
  g_autoptr (JbRecord) r = jb_store_load (t.other, JB_KIND_DEMAND, t.demand, NULL);
  jb_record_set_text_by_name (r, "title", "固态电池低温性能（他人）");
  team_saved (t.other, r);
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();

  GtkWidget *keep = ui_test_find_actionable (GTK_WIDGET (editor (&t)), "editor.keep-mine", NULL);
  g_assert_nonnull (keep);
  g_assert_true (gtk_widget_is_visible (keep));
  /* Both values in the notice, the message names who changed it. */
  g_assert_nonnull (team_label_with (GTK_WIDGET (editor (&t)), "固态电池低温性能（他人）"));
  g_assert_nonnull (team_label_with (GTK_WIDGET (editor (&t)), "jiebang"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_input (&t))), ==,
                   "固态电池低温性能（窗口）");
  g_autofree char *before = team_psql ("jb_conflict", "SELECT title FROM demand");
  g_assert_cmpstr (before, ==, "固态电池低温性能（他人）");

  ui_test_click (keep);
  g_assert_false (gtk_widget_is_visible (keep));
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();
  g_assert_false (jb_record_editor_is_dirty (editor (&t)));
  g_autofree char *after = team_psql ("jb_conflict", "SELECT title FROM demand");
  g_assert_cmpstr (after, ==, "固态电池低温性能（窗口）");
  team_tear_down (&t);
}

/* (b'') Two windows on one team database, each with a replica of its own
 * (two users): each shows what the other saves, and a save over the
 * other's change is resolved in the form's notice, the team database then
 * holding the choice and the other window showing it. */
static void
open_in (JbWindow *window, gint64 id)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-record",
                                  g_variant_new ("(ux)", (guint32) JB_KIND_DEMAND, id));
  ui_test_pump ();
  g_assert_cmpint (jb_record_editor_get_id (ui_test_editor_of (window, JB_KIND_DEMAND)), ==, id);
}

static void
type_title (JbWindow *window, const char *title)
{
  gtk_editable_set_text (GTK_EDITABLE (ui_test_input (window, JB_KIND_DEMAND, "title")), title);
  ui_test_pump ();
}

static void
test_two_windows (void)
{
  if (team_test_skip ())
    return;
  Team t = { 0 };
  team_set_up (&t, "jb_two_windows");
  const char *location = pg_test_server_conninfo (team_test_server, "jb_two_windows");
  team_open_window (&t, location);
  g_autoptr (GError) error = NULL;
  g_autofree char *replica = g_build_filename (t.dir, "window-b.db", NULL);
  g_autoptr (JbStore) store_b = jb_store_open_team (location, replica, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  JbWindow *b = ui_test_window_open (store_b, TRUE);
  jb_window_show_page (b, JB_KIND_DEMAND);
  ui_test_pump ();
  gint64 id_a = window_id (&t, t.demand);
  g_autoptr (JbRecord) r = jb_store_load (t.other, JB_KIND_DEMAND, t.demand, NULL);
  gint64 id_b = jb_store_id_for_uuid (store_b, JB_KIND_DEMAND, jb_record_get_uuid (r));

  /* B saves; A's table shows it. */
  open_in (b, id_b);
  type_title (b, "两个窗口：B 先改");
  g_action_group_activate_action (G_ACTION_GROUP (b), "save", NULL);
  ui_test_pump ();
  g_assert_false (jb_record_editor_is_dirty (ui_test_editor_of (b, JB_KIND_DEMAND)));
  team_wait_for_row (t.window, "两个窗口：B 先改");

  /* Both type in the same field; B saves first, then A, before A has heard
   * of it: A's save is refused and its form shows both values. */
  open_in (t.window, id_a);
  type_title (t.window, "两个窗口：A 的值");
  type_title (b, "两个窗口：B 的值");
  g_action_group_activate_action (G_ACTION_GROUP (b), "save", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();
  JbRecordEditor *editor_a = ui_test_editor_of (t.window, JB_KIND_DEMAND);
  GtkWidget *keep = ui_test_find_actionable (GTK_WIDGET (editor_a), "editor.keep-mine", NULL);
  g_assert_nonnull (keep);
  g_assert_true (gtk_widget_is_visible (keep));
  g_assert_nonnull (team_label_with (GTK_WIDGET (editor_a), "两个窗口：B 的值"));

  /* A keeps its value and saves: the team database and B's window have it. */
  ui_test_click (keep);
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();
  g_assert_false (jb_record_editor_is_dirty (editor_a));
  g_autofree char *held = team_psql ("jb_two_windows", "SELECT title FROM demand");
  g_assert_cmpstr (held, ==, "两个窗口：A 的值");
  team_wait_for_row (b, "两个窗口：A 的值");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_input (b, JB_KIND_DEMAND,
                                                                       "title"))), ==,
                   "两个窗口：A 的值");
  ui_test_window_close (&b);
  team_tear_down (&t);
}

/* (b') A save of a record the other user deleted meanwhile: the form says
 * so and Save as New puts what it shows back, as a new record. */
static void
test_deleted_meanwhile (void)
{
  if (team_test_skip ())
    return;
  g_autoptr (GError) error = NULL;
  Team t = { 0 };
  team_set_up (&t, "jbdeleted");
  team_open_window (&t, pg_test_server_conninfo (team_test_server, "jbdeleted"));
  open_demand (&t, window_id (&t, t.demand));
  gtk_editable_set_text (GTK_EDITABLE (title_input (&t)), "固态电池低温性能（保留）");
  ui_test_pump ();

  g_assert_true (jb_store_delete (t.other, JB_KIND_DEMAND, t.demand, &error));
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();
  GtkWidget *save_new = ui_test_find_actionable (GTK_WIDGET (editor (&t)), "editor.save-as-new",
                                                 NULL);
  g_assert_true (gtk_widget_is_visible (save_new));
  g_autofree char *gone = team_psql ("jbdeleted", "SELECT count(*) FROM demand");
  g_assert_cmpstr (gone, ==, "0");

  ui_test_click (save_new);
  g_autofree char *back = team_psql ("jbdeleted", "SELECT title FROM demand");
  g_assert_cmpstr (back, ==, "固态电池低温性能（保留）");
  g_assert_false (jb_record_editor_is_dirty (editor (&t)));
  team_tear_down (&t);
}

/* (b''') A code the other user has just given another demand, typed in
 * the open form and saved before the window heard of it: refused at the
 * code field, naming their demand, as a clash in the replica is; nothing
 * written. */
static void
test_code_taken (void)
{
  if (team_test_skip ())
    return;
  Team t = { 0 };
  team_set_up (&t, "jbcodetaken");
  team_open_window (&t, pg_test_server_conninfo (team_test_server, "jbcodetaken"));
  open_demand (&t, window_id (&t, t.demand));
  g_autoptr (JbRecord) mine = jb_store_load (t.other, JB_KIND_DEMAND, t.demand, NULL);
  g_autofree char *my_code = g_strdup (jb_record_get_text_by_name (mine, "code"));
  JbFieldEditor *code = JB_FIELD_EDITOR (jb_record_editor_get_field (editor (&t), "code"));
  gtk_editable_set_text (GTK_EDITABLE (jb_field_editor_get_input (code)), "XQ-2026-088");
  ui_test_pump ();

  g_autoptr (JbRecord) theirs = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (theirs, "title", "钠离子电池储能系统");
  jb_record_set_text_by_name (theirs, "code", "XQ-2026-088");
  jb_record_set_int_by_name (theirs, "owner_id", t.org);
  jb_record_set_text_by_name (theirs, "status", "published");
  jb_record_set_text_by_name (theirs, "industry", "new_energy");
  team_saved (t.other, theirs);
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();

  g_autofree char *taken = g_strdup_printf (_("Already taken by “%s”."), "钠离子电池储能系统");
  g_assert_cmpstr (jb_field_editor_get_error (code), ==, taken);
  g_assert_true (jb_record_editor_is_dirty (editor (&t)));
  g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM demand WHERE code = '%s' AND "
                                            "version = 1", my_code);
  g_autofree char *unchanged = team_psql ("jbcodetaken", query);
  g_assert_cmpstr (unchanged, ==, "1");
  team_tear_down (&t);
}

/* @widget's actionable control for @action is there and cannot be used. */
static void
assert_disabled (GtkWidget *widget, const char *action)
{
  GtkWidget *button = ui_test_find_actionable (widget, action, NULL);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
}

static gboolean
window_action_enabled (JbWindow *window, const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

/* (c) A role that may only read: no New, Save, Delete, Import, and the
 * banner says why. */
static void
test_read_only (void)
{
  if (team_test_skip ())
    return;
  Team t = { 0 };
  team_set_up (&t, "jb_reader");
  g_free (team_psql ("jb_reader", "CREATE ROLE reader LOGIN;"
                             "GRANT CONNECT ON DATABASE jb_reader TO reader;"
                             "GRANT USAGE ON SCHEMA public TO reader;"
                             "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;"));
  g_autofree char *reader = g_strdup (pg_test_server_conninfo (team_test_server, "jb_reader"));
  char *user = strstr (reader, "user=jiebang");
  g_assert_nonnull (user);
  memcpy (user, "user=reader ", strlen ("user=jiebang"));
  team_open_window (&t, reader);
  g_assert_true (jb_store_is_read_only (t.store));
  g_assert_true (team_table_has (t.window, "固态电池低温性能提升"));
  open_demand (&t, window_id (&t, t.demand));

  for (guint i = 0; i < 4; i++)
    g_assert_false (window_action_enabled (t.window, (const char *[]) { "new-record", "save",
                                                                         "import",
                                                                         "load-sample" }[i]));
  GtkWidget *browser = GTK_WIDGET (jb_window_get_browser (t.window, JB_KIND_DEMAND));
  assert_disabled (browser, "browser.new");
  assert_disabled (browser, "editor.save");
  assert_disabled (browser, "editor.delete");
  g_assert_false (gtk_widget_is_sensitive (title_input (&t)));
  /* Said once, above the pages. */
  g_assert_nonnull (team_label_with (GTK_WIDGET (t.window),
                               _("Your role on this team database may only read: records can "
                                 "be looked at, searched and exported, not changed.")));
  ui_test_check_names (GTK_WIDGET (t.window));
  team_tear_down (&t);
}

static void
on_finished (GtkWidget *dialog, gboolean success, int *outcome)
{
  *outcome = success ? 1 : 0;
}

/* Load Sample Data (an import through the exchange dialog's worker) on a
 * team database: the records go to the team database, not only to this
 * computer's replica, and no backup of the replica is made. */
static void
test_import (void)
{
  if (team_test_skip ())
    return;
  g_autoptr (GError) error = NULL;
  g_assert_true (pg_test_server_create_db (team_test_server, "jbimport", &error));
  g_assert_no_error (error);
  Team t = { 0 };
  team_open_window (&t, pg_test_server_conninfo (team_test_server, "jbimport"));

  g_action_group_activate_action (G_ACTION_GROUP (t.window), "load-sample", NULL);
  GtkWidget *dialog = ui_test_shown_toplevel (JB_TYPE_EXCHANGE_DIALOG);
  g_assert_nonnull (dialog);
  int outcome = -1;
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);
  while (outcome < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (outcome, ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_pump ();

  /* The sample's 206 demands, in the team database and in the window. */
  g_autofree char *count = team_psql ("jbimport", "SELECT count(*) FROM demand");
  g_assert_cmpstr (count, ==, "206");
  g_assert_cmpint (jb_store_count (t.store, JB_KIND_DEMAND), ==, 206);
  g_assert_cmpuint (g_list_model_get_n_items (jb_record_browser_get_rows (
    jb_window_get_browser (t.window, JB_KIND_DEMAND))), ==, 206);
  g_autofree char *replica = jb_store_team_replica_path (jb_store_get_location (t.store));
  g_autofree char *backups = g_strconcat (replica, ".backups", NULL);
  g_assert_true (g_file_test (replica, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  team_tear_down (&t);
}

/* The server goes away: the window says that others' changes cannot be
 * shown, in its banner, and goes on showing what it has. */
static void
test_server_gone (void)
{
  if (team_test_skip ())
    return;
  g_autoptr (GError) error = NULL;
  PgTestServer *own = pg_test_server_start (&error);
  g_assert_no_error (error);
  g_assert_true (pg_test_server_create_db (own, "jbgone", &error));
  g_autoptr (JbStore) store = jb_store_open (pg_test_server_conninfo (own, "jbgone"), &error);
  g_assert_no_error (error);
  JbWindow *window = ui_test_window_open (store, TRUE);
  const char *prefix = _("Others’ changes cannot be shown right now: %s");
  g_autofree char *said = g_strndup (prefix, strstr (prefix, "%s") - prefix);
  g_assert_null (team_label_with (GTK_WIDGET (window), said));

  pg_test_server_stop (own);
  while (!team_label_with (GTK_WIDGET (window), said))
    g_main_context_iteration (NULL, TRUE);
  ui_test_window_close (&window);
}

int
main (int argc, char **argv)
{
  team_test_init (&argc, &argv);
  g_test_add_func ("/team-ui/live-refresh", test_live_refresh);
  g_test_add_func ("/team-ui/conflict", test_conflict);
  g_test_add_func ("/team-ui/two-windows", test_two_windows);
  g_test_add_func ("/team-ui/deleted-meanwhile", test_deleted_meanwhile);
  g_test_add_func ("/team-ui/code-taken", test_code_taken);
  g_test_add_func ("/team-ui/read-only", test_read_only);
  g_test_add_func ("/team-ui/import", test_import);
  g_test_add_func ("/team-ui/server-gone", test_server_gone);
  return team_test_run ();
}

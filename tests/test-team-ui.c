/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on a team database (issue 13), driven under Xvfb against a
 * throwaway PostgreSQL server (pg-test-util.h): another user's save shows in
 * the window through the notification path; a save over their change fails,
 * says who, and the form's merge lets the user keep their value, which the
 * team database then holds; a role that may only read gets no edit
 * control; and Connect to a Team Database… opens one and remembers it
 * without its password.  "Another user" is a second store with its own
 * replica (jb_store_open_team()). */
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
#include "pg-test-util.h"
#include "test-util.h"
#include "ui-test-util.h"

static PgTestServer *server;
static char *home;   /* XDG_DATA_HOME: where the window's replicas go */

typedef struct {
  const char *db;
  char *dir;        /* the other user's replica */
  JbStore *other;   /* the other user */
  gint64 org;       /* their ids */
  gint64 demand;
  JbStore *store;   /* the window's */
  JbWindow *window;
} Team;

static gboolean
skip_without_server (void)
{
  if (server)
    return FALSE;
  g_test_skip ("PostgreSQL 15 is not installed");
  return TRUE;
}

static gint64
saved (JbStore *store, JbRecord *record)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_save (store, record, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return jb_record_get_id (record);
}

static gint64
new_demand (JbStore *store, gint64 owner, const char *title)
{
  g_autoptr (JbRecord) r = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (r, "title", title);
  jb_record_set_int_by_name (r, "owner_id", owner);
  jb_record_set_text_by_name (r, "status", "published");
  jb_record_set_text_by_name (r, "industry", "new_energy");
  return saved (store, r);
}

/* A team database @db holding an organization and a demand, saved by the
 * other user. */
static void
team_set_up (Team *t, const char *db)
{
  g_autoptr (GError) error = NULL;
  t->db = db;
  g_assert_true (pg_test_server_create_db (server, db, &error));
  g_assert_no_error (error);
  t->dir = g_dir_make_tmp ("jb-team-other-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *replica = g_build_filename (t->dir, "other.db", NULL);
  t->other = jb_store_open_team (pg_test_server_conninfo (server, db), replica, NULL, NULL, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->other);

  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (org, "name", "宁德新能源科技有限公司");
  jb_record_set_text_by_name (org, "kind", "enterprise");
  jb_record_set_text_by_name (org, "province", "fujian");
  t->org = saved (t->other, org);
  t->demand = new_demand (t->other, t->org, "固态电池低温性能提升");
}

/* The window on @location, opened as the program opens --db: the replica
 * in the data folder. */
static void
team_open_window (Team *t, const char *location)
{
  g_autoptr (GError) error = NULL;
  t->store = jb_store_open (location, &error);
  g_assert_no_error (error);
  g_assert_true (jb_store_is_team (t->store));
  t->window = ui_test_window_open (t->store, TRUE);
  jb_window_show_page (t->window, JB_KIND_DEMAND);
  ui_test_pump ();
}

static void
team_tear_down (Team *t)
{
  ui_test_window_close (&t->window);
  g_clear_object (&t->store);
  g_clear_object (&t->other);
  if (t->dir)
    test_remove_tree (t->dir);
  g_free (t->dir);
}

static char *
psql (const char *db, const char *sql)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  g_assert_true (pg_test_server_psql (server, db, sql, &out, &error));
  g_assert_no_error (error);
  return out;
}

/* Whether @window's table of demands shows one titled @title. */
static gboolean
table_has (JbWindow *window, const char *title)
{
  GListModel *rows = jb_record_browser_get_rows (jb_window_get_browser (window, JB_KIND_DEMAND));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (JbRecord) row = g_list_model_get_item (rows, i);
      if (g_strcmp0 (jb_record_get_text_by_name (row, "title"), title) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Runs the main loop until @window's table shows @title: the news comes on
 * the store's socket, whenever the server sends it (the test's timeout
 * bounds the wait). */
static void
wait_for_row (JbWindow *window, const char *title)
{
  while (!table_has (window, title))
    g_main_context_iteration (NULL, TRUE);
}

/* The label below @widget whose text holds @text, if any; only one shown,
 * if @shown. */
static GtkWidget *
label_below (GtkWidget *widget, const char *text, gboolean shown)
{
  if (GTK_IS_LABEL (widget) && (!shown || gtk_widget_is_visible (widget)) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = label_below (c, text, shown);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
label_with (GtkWidget *widget, const char *text)
{
  return label_below (widget, text, TRUE);
}

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
  if (skip_without_server ())
    return;
  Team t = { 0 };
  team_set_up (&t, "jblive");
  team_open_window (&t, pg_test_server_conninfo (server, "jblive"));
  g_assert_true (table_has (t.window, "固态电池低温性能提升"));
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
  g_assert_null (label_with (GTK_WIDGET (matches), failed_prefix));
  /* Entered by the other connection's role (the same superuser here). */
  g_assert_nonnull (label_with (GTK_WIDGET (editor (&t)), "jiebang"));
  ui_test_check_names (GTK_WIDGET (t.window));

  new_demand (t.other, t.org, "氢燃料电池催化剂国产化");
  wait_for_row (t.window, "氢燃料电池催化剂国产化");

  g_autoptr (JbRecord) r = jb_store_load (t.other, JB_KIND_DEMAND, t.demand, NULL);
  jb_record_set_text_by_name (r, "title", "固态电池低温性能提升（修订）");
  saved (t.other, r);
  wait_for_row (t.window, "固态电池低温性能提升（修订）");
  ui_test_pump ();
  /* The open form, unchanged by the user, shows it too, and stays clean. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_input (&t))), ==,
                   "固态电池低温性能提升（修订）");
  g_assert_false (jb_record_editor_is_dirty (editor (&t)));
  /* The history, unfolded, says who changed it. */
  GtkWidget *history = ui_test_find_type (GTK_WIDGET (editor (&t)), JB_TYPE_HISTORY_VIEW);
  gtk_expander_set_expanded (GTK_EXPANDER (ui_test_find_type (history, GTK_TYPE_EXPANDER)), TRUE);
  ui_test_pump ();
  g_assert_nonnull (label_with (history, "· jiebang"));

  /* The user types keywords; the other user changes the title meanwhile:
   * the form takes their title and keeps the keywords typed, unsaved. */
  GtkWidget *keywords = ui_test_input (t.window, JB_KIND_DEMAND, "keywords");
  gtk_editable_set_text (GTK_EDITABLE (keywords), "固态电解质");
  ui_test_pump ();
  g_assert_true (jb_record_editor_is_dirty (editor (&t)));
  g_autoptr (JbRecord) again = jb_store_load (t.other, JB_KIND_DEMAND, t.demand, NULL);
  jb_record_set_text_by_name (again, "title", "全固态电池低温性能提升");
  saved (t.other, again);
  wait_for_row (t.window, "全固态电池低温性能提升");
  ui_test_pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_input (&t))), ==,
                   "全固态电池低温性能提升");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (keywords)), ==, "固态电解质");
  g_assert_true (jb_record_editor_is_dirty (editor (&t)));
  /* Saved on top of their change: both are in the team database. */
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();
  g_assert_false (jb_record_editor_is_dirty (editor (&t)));
  g_autofree char *row = psql ("jblive", "SELECT title, keywords FROM demand WHERE title LIKE '全固态%'");
  g_assert_cmpstr (row, ==, "全固态电池低温性能提升|固态电解质");
  team_tear_down (&t);
}

/* (b) A save over the other user's change of the same field: the form
 * says who, shows both values, and Keep Mine then saves the user's. */
static void
test_conflict (void)
{
  if (skip_without_server ())
    return;
  Team t = { 0 };
  team_set_up (&t, "jb_conflict");
  team_open_window (&t, pg_test_server_conninfo (server, "jb_conflict"));
  gint64 id = window_id (&t, t.demand);
  open_demand (&t, id);

  gtk_editable_set_text (GTK_EDITABLE (title_input (&t)), "固态电池低温性能（窗口）");
  ui_test_pump ();
  g_assert_true (jb_record_editor_is_dirty (editor (&t)));

  /* The other user saves the same field; the window saves before it has
   * heard of it (no main loop in between): the team database refuses. */
  g_autoptr (JbRecord) r = jb_store_load (t.other, JB_KIND_DEMAND, t.demand, NULL);
  jb_record_set_text_by_name (r, "title", "固态电池低温性能（他人）");
  saved (t.other, r);
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();

  GtkWidget *keep = ui_test_find_actionable (GTK_WIDGET (editor (&t)), "editor.keep-mine", NULL);
  g_assert_nonnull (keep);
  g_assert_true (gtk_widget_is_visible (keep));
  /* Both values in the notice, the message names who changed it. */
  g_assert_nonnull (label_with (GTK_WIDGET (editor (&t)), "固态电池低温性能（他人）"));
  g_assert_nonnull (label_with (GTK_WIDGET (editor (&t)), "jiebang"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_input (&t))), ==,
                   "固态电池低温性能（窗口）");
  g_autofree char *before = psql ("jb_conflict", "SELECT title FROM demand");
  g_assert_cmpstr (before, ==, "固态电池低温性能（他人）");

  ui_test_click (keep);
  g_assert_false (gtk_widget_is_visible (keep));
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "save", NULL);
  ui_test_pump ();
  g_assert_false (jb_record_editor_is_dirty (editor (&t)));
  g_autofree char *after = psql ("jb_conflict", "SELECT title FROM demand");
  g_assert_cmpstr (after, ==, "固态电池低温性能（窗口）");
  team_tear_down (&t);
}

/* (b') A save of a record the other user deleted meanwhile: the form says
 * so and Save as New puts what it shows back, as a new record. */
static void
test_deleted_meanwhile (void)
{
  if (skip_without_server ())
    return;
  g_autoptr (GError) error = NULL;
  Team t = { 0 };
  team_set_up (&t, "jbdeleted");
  team_open_window (&t, pg_test_server_conninfo (server, "jbdeleted"));
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
  g_autofree char *gone = psql ("jbdeleted", "SELECT count(*) FROM demand");
  g_assert_cmpstr (gone, ==, "0");

  ui_test_click (save_new);
  g_autofree char *back = psql ("jbdeleted", "SELECT title FROM demand");
  g_assert_cmpstr (back, ==, "固态电池低温性能（保留）");
  g_assert_false (jb_record_editor_is_dirty (editor (&t)));
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
  if (skip_without_server ())
    return;
  Team t = { 0 };
  team_set_up (&t, "jb_reader");
  g_free (psql ("jb_reader", "CREATE ROLE reader LOGIN;"
                             "GRANT CONNECT ON DATABASE jb_reader TO reader;"
                             "GRANT USAGE ON SCHEMA public TO reader;"
                             "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;"));
  g_autofree char *reader = g_strdup (pg_test_server_conninfo (server, "jb_reader"));
  char *user = strstr (reader, "user=jiebang");
  g_assert_nonnull (user);
  memcpy (user, "user=reader ", strlen ("user=jiebang"));
  team_open_window (&t, reader);
  g_assert_true (jb_store_is_read_only (t.store));
  g_assert_true (table_has (t.window, "固态电池低温性能提升"));
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
  g_assert_nonnull (label_with (GTK_WIDGET (t.window),
                               _("Your role on this team database may only read: records can "
                                 "be looked at, searched and exported, not changed.")));
  ui_test_check_names (GTK_WIDGET (t.window));
  team_tear_down (&t);
}

static JbWindow *
shown_team_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);
      JbStore *store = NULL;
      if (JB_IS_WINDOW (w) && gtk_widget_get_visible (w))
        {
          g_object_get (w, "store", &store, NULL);
          gboolean team = store && jb_store_is_team (store);
          g_clear_object (&store);
          if (team)
            return JB_WINDOW (w);
        }
    }
  return NULL;
}

/* (d) Connect to a Team Database…: typed, connected, the window switched to
 * the team's records, the connection remembered without a password. */
static void
test_connect_dialog (void)
{
  if (skip_without_server ())
    return;
  Team t = { 0 };
  team_set_up (&t, "teamconnect");
  g_autofree char *dir = NULL;
  g_autoptr (JbStore) local = test_tmp_store ("jb-team-local-XXXXXX", "local.db", &dir, NULL);
  JbWindow *window = ui_test_window_open (local, TRUE);
  g_assert_null (shown_team_window ());

  g_action_group_activate_action (G_ACTION_GROUP (window), "connect-team", NULL);
  ui_test_pump ();
  GtkWidget *dialog = ui_test_shown_toplevel (JB_TYPE_TEAM_DIALOG);
  g_assert_nonnull (dialog);
  ui_test_check_names (dialog);
  GtkWidget *entry = ui_test_find_type (dialog, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_true (ui_test_focus (GTK_WINDOW (dialog)) == entry);
  /* Not a connection: said in the dialog. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "/home/someone/jiebang.db");
  ui_test_click (ui_test_find_button (dialog, _("C_onnect")));
  g_assert_nonnull (label_with (dialog, "postgresql://"));
  g_assert_null (shown_team_window ());

  /* A password in the connection stays out of the recent list. */
  g_autofree char *location = g_strdup_printf ("%s password=secret-pw",
                                               pg_test_server_conninfo (server, "teamconnect"));
  gtk_editable_set_text (GTK_EDITABLE (entry), location);
  ui_test_click (ui_test_find_button (dialog, _("C_onnect")));
  JbWindow *team_window;
  while (!(team_window = shown_team_window ()))
    g_main_context_iteration (NULL, TRUE);
  ui_test_pump ();
  g_assert_null (ui_test_shown_toplevel (JB_TYPE_TEAM_DIALOG));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_ref (team_window);
  jb_window_show_page (team_window, JB_KIND_DEMAND);
  ui_test_pump ();
  g_assert_true (table_has (team_window, "固态电池低温性能提升"));

  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_auto (GStrv) recent = g_settings_get_strv (settings, "team-recent");
  g_assert_nonnull (recent[0]);
  g_assert_nonnull (strstr (recent[0], "teamconnect"));
  g_assert_null (strstr (recent[0], "secret-pw"));

  /* The dialog again, by its shortcut: the recent connection is offered,
   * and the way back. */
  ui_test_press (GTK_WINDOW (team_window), "<Shift><Control>o");
  dialog = ui_test_shown_toplevel (JB_TYPE_TEAM_DIALOG);
  g_assert_nonnull (dialog);
  ui_test_check_names (dialog);
  g_assert_nonnull (ui_test_find_named (dialog, recent[0]));
  g_assert_true (gtk_widget_get_visible (ui_test_find_button (dialog,
                                                              _("Use the _File on This "
                                                                "Computer"))));
  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_pump ();

  ui_test_window_close (&team_window);
  ui_test_window_close (&window);
  g_clear_object (&local);
  test_remove_tree (dir);
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
  if (skip_without_server ())
    return;
  g_autoptr (GError) error = NULL;
  g_assert_true (pg_test_server_create_db (server, "jbimport", &error));
  g_assert_no_error (error);
  Team t = { 0 };
  team_open_window (&t, pg_test_server_conninfo (server, "jbimport"));

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
  g_autofree char *count = psql ("jbimport", "SELECT count(*) FROM demand");
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

static void
wait_dialog (GtkWidget *dialog)
{
  ui_test_pump ();
  while (jb_team_dialog_is_busy (JB_TEAM_DIALOG (dialog)))
    g_main_context_iteration (NULL, TRUE);
  ui_test_pump ();
}

/* A server that wants a password: the dialog asks for it, a wrong one is
 * said, the right one connects; the password is in no setting and no
 * entry afterwards. */
static void
test_password_connect (void)
{
  if (skip_without_server ())
    return;
  g_autoptr (GError) error = NULL;
  g_assert_true (pg_test_server_create_db (server, "jbpassword", &error));
  g_assert_no_error (error);
  g_free (psql ("jbpassword", "CREATE ROLE writer LOGIN SUPERUSER PASSWORD 'right-pw';"));
  /* Before the server's "trust" for everyone: writer gives a password. */
  g_autofree char *hba = g_build_filename (pg_test_server_socket_dir (server), "data",
                                           "pg_hba.conf", NULL);
  g_autofree char *rules = NULL;
  g_assert_true (g_file_get_contents (hba, &rules, NULL, &error));
  g_autofree char *stricter = g_strconcat ("local all writer scram-sha-256\n", rules, NULL);
  g_assert_true (g_file_set_contents (hba, stricter, -1, &error));
  g_assert_no_error (error);
  g_free (psql ("jbpassword", "SELECT pg_reload_conf();"));

  g_autofree char *dir = NULL;
  g_autoptr (JbStore) local = test_tmp_store ("jb-team-local-XXXXXX", "local.db", &dir, NULL);
  JbWindow *window = ui_test_window_open (local, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (window), "connect-team", NULL);
  ui_test_pump ();
  GtkWidget *dialog = ui_test_shown_toplevel (JB_TYPE_TEAM_DIALOG);
  GtkWidget *entry = ui_test_find_type (dialog, GTK_TYPE_ENTRY);
  GtkWidget *password = ui_test_find_type (dialog, GTK_TYPE_PASSWORD_ENTRY);
  GtkWidget *connect = ui_test_find_button (dialog, _("C_onnect"));
  g_assert_false (gtk_widget_is_visible (password));
  g_autofree char *location = g_strdup_printf ("host=%s port=5432 user=writer dbname=jbpassword",
                                               pg_test_server_socket_dir (server));
  gtk_editable_set_text (GTK_EDITABLE (entry), location);
  ui_test_click (connect);
  wait_dialog (dialog);
  g_assert_true (gtk_widget_is_visible (password));
  g_assert_true (ui_test_focus (GTK_WINDOW (dialog)) == password);
  g_assert_cmpstr (jb_team_dialog_get_message (JB_TEAM_DIALOG (dialog)), ==,
                   _("The team database asks for a password."));

  gtk_editable_set_text (GTK_EDITABLE (password), "wrong-pw");
  ui_test_click (connect);
  wait_dialog (dialog);
  g_assert_nonnull (ui_test_shown_toplevel (JB_TYPE_TEAM_DIALOG));
  g_assert_null (shown_team_window ());
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password)), ==, "");
  g_assert_nonnull (strstr (jb_team_dialog_get_message (JB_TEAM_DIALOG (dialog)), "writer"));

  gtk_editable_set_text (GTK_EDITABLE (password), "right-pw");
  ui_test_click (connect);
  JbWindow *team_window;
  while (!(team_window = shown_team_window ()))
    g_main_context_iteration (NULL, TRUE);
  g_object_ref (team_window);
  ui_test_pump ();
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (team_window)), "writer"));
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_auto (GStrv) recent = g_settings_get_strv (settings, "team-recent");
  for (guint i = 0; recent[i]; i++)
    g_assert_null (strstr (recent[i], "-pw"));
  g_assert_nonnull (strstr (recent[0], "jbpassword"));

  ui_test_window_close (&team_window);
  ui_test_window_close (&window);
  g_clear_object (&local);
  test_remove_tree (dir);
}

/* What --db does with a team database that wants a password: the window on
 * the file, and the dialog over it asking for the password, the location
 * shown without the one written in it. */
static void
test_password_asked (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (JbStore) local = test_tmp_store ("jb-team-local-XXXXXX", "local.db", &dir, NULL);
  JbWindow *window = ui_test_window_open (local, TRUE);
  g_autoptr (GError) error = g_error_new_literal (JB_STORE_ERROR, JB_STORE_ERROR_NEEDS_PASSWORD,
                                                  "The team database asks for a password.");
  jb_window_retry_team (window, "host=db.example.cn dbname=jiebang password=secret-pw", error);
  ui_test_pump ();
  GtkWidget *dialog = ui_test_shown_toplevel (JB_TYPE_TEAM_DIALOG);
  g_assert_nonnull (dialog);
  GtkWidget *password = ui_test_find_type (dialog, GTK_TYPE_PASSWORD_ENTRY);
  g_assert_true (gtk_widget_is_visible (password));
  g_assert_true (ui_test_focus (GTK_WINDOW (dialog)) == password);
  g_assert_cmpstr (jb_team_dialog_get_message (JB_TEAM_DIALOG (dialog)), ==, error->message);
  GtkWidget *entry = ui_test_find_type (dialog, GTK_TYPE_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "host=db.example.cn dbname=jiebang");
  ui_test_check_names (dialog);

  jb_window_retry_team (window, "postgresql://li:secret-pw@db.example.cn/jiebang", error);
  ui_test_pump ();
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (JB_IS_TEAM_DIALOG (w) && w != dialog)
        {
          entry = ui_test_find_type (w, GTK_TYPE_ENTRY);
          g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                           "postgresql://li@db.example.cn/jiebang");
          gtk_window_destroy (GTK_WINDOW (w));
        }
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_window_close (&window);
  g_clear_object (&local);
  test_remove_tree (dir);
}

/* The server goes away: the window says that others' changes cannot be
 * shown, in its banner, and goes on showing what it has. */
static void
test_server_gone (void)
{
  if (skip_without_server ())
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
  g_assert_null (label_with (GTK_WIDGET (window), said));

  pg_test_server_stop (own);
  while (!label_with (GTK_WIDGET (window), said))
    g_main_context_iteration (NULL, TRUE);
  ui_test_window_close (&window);
}

int
main (int argc, char **argv)
{
  /* Before GLib reads it: the window's replicas go to a folder of ours. */
  home = g_dir_make_tmp ("jb-team-ui-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  ui_test_init (&argc, &argv);

  g_test_add_func ("/team-ui/live-refresh", test_live_refresh);
  g_test_add_func ("/team-ui/conflict", test_conflict);
  g_test_add_func ("/team-ui/deleted-meanwhile", test_deleted_meanwhile);
  g_test_add_func ("/team-ui/read-only", test_read_only);
  g_test_add_func ("/team-ui/connect-dialog", test_connect_dialog);
  g_test_add_func ("/team-ui/import", test_import);
  g_test_add_func ("/team-ui/password-asked", test_password_asked);
  g_test_add_func ("/team-ui/password-connect", test_password_connect);
  g_test_add_func ("/team-ui/server-gone", test_server_gone);

  if (pg_test_available ())
    {
      g_autoptr (GError) error = NULL;
      server = pg_test_server_start (&error);
      if (server == NULL)
        g_error ("%s", error->message);
    }
  int status = g_test_run ();
  pg_test_server_stop (server);
  test_remove_tree (home);
  g_free (home);
  return status;
}

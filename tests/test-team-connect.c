/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Connect to a Team Database… (issue 13), driven under Xvfb against a
 * throwaway PostgreSQL server: a location typed connects and switches the
 * window, and is remembered without its password; a server that wants a
 * password has it asked for; a team database that --db could not open
 * brings the dialog over the window on the file. */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "jb-record-browser.h"
#include "jb-team-dialog.h"
#include "jb-window.h"
#include "team-ui-test-util.h"
#include "test-util.h"
#include "ui-test-util.h"

/* (d) Connect to a Team Database…: typed, connected, the window switched to
 * the team's records, the connection remembered without a password. */
static void
test_connect_dialog (void)
{
  if (team_test_skip ())
    return;
  Team t = { 0 };
  team_set_up (&t, "teamconnect");
  g_autofree char *dir = NULL;
  g_autoptr (JbStore) local = test_tmp_store ("jb-team-local-XXXXXX", "local.db", &dir, NULL);
  JbWindow *window = ui_test_window_open (local, TRUE);
  g_assert_null (team_shown_window ());

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
  g_assert_nonnull (team_label_with (dialog, "postgresql://"));
  g_assert_null (team_shown_window ());

  /* A password in the connection stays out of the recent list. */
  g_autofree char *location = g_strdup_printf ("%s password=secret-pw",
                                               pg_test_server_conninfo (team_test_server, "teamconnect"));
  gtk_editable_set_text (GTK_EDITABLE (entry), location);
  ui_test_click (ui_test_find_button (dialog, _("C_onnect")));
  JbWindow *team_window;
  while (!(team_window = team_shown_window ()))
    g_main_context_iteration (NULL, TRUE);
  ui_test_pump ();
  g_assert_null (ui_test_shown_toplevel (JB_TYPE_TEAM_DIALOG));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_ref (team_window);
  jb_window_show_page (team_window, JB_KIND_DEMAND);
  ui_test_pump ();
  g_assert_true (team_table_has (team_window, "固态电池低温性能提升"));

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
  if (team_test_skip ())
    return;
  g_autoptr (GError) error = NULL;
  g_assert_true (pg_test_server_create_db (team_test_server, "jbpassword", &error));
  g_assert_no_error (error);
  g_free (team_psql ("jbpassword", "CREATE ROLE writer LOGIN SUPERUSER PASSWORD 'right-pw';"));
  /* Before the server's "trust" for everyone: writer gives a password. */
  g_autofree char *hba = g_build_filename (pg_test_server_socket_dir (team_test_server), "data",
                                           "pg_hba.conf", NULL);
  g_autofree char *rules = NULL;
  g_assert_true (g_file_get_contents (hba, &rules, NULL, &error));
  g_autofree char *stricter = g_strconcat ("local all writer scram-sha-256\n", rules, NULL);
  g_assert_true (g_file_set_contents (hba, stricter, -1, &error));
  g_assert_no_error (error);
  g_free (team_psql ("jbpassword", "SELECT pg_reload_conf();"));

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
                                               pg_test_server_socket_dir (team_test_server));
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
  g_assert_null (team_shown_window ());
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password)), ==, "");
  g_assert_nonnull (strstr (jb_team_dialog_get_message (JB_TEAM_DIALOG (dialog)), "writer"));

  gtk_editable_set_text (GTK_EDITABLE (password), "right-pw");
  ui_test_click (connect);
  JbWindow *team_window;
  while (!(team_window = team_shown_window ()))
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

int
main (int argc, char **argv)
{
  team_test_init (&argc, &argv);
  g_test_add_func ("/team-connect/connect-dialog", test_connect_dialog);
  g_test_add_func ("/team-connect/password-asked", test_password_asked);
  g_test_add_func ("/team-connect/password-connect", test_password_connect);
  return team_test_run ();
}

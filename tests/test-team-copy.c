/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Moving records up and down (issue 13), driven under Xvfb against a
 * throwaway PostgreSQL server: Copy to a Team Database… copies a file's
 * records into the team database with their ids and switches the window to
 * it, the file unchanged; Copy to a File… copies a team database into a
 * file (the same export, byte for byte) and offers to open it; a file that
 * is not Jiebang's is refused and left as it was. */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "jb-exchange.h"
#include "jb-team-dialog.h"
#include "jb-window.h"
#include "team-ui-test-util.h"
#include "test-util.h"
#include "ui-test-util.h"

/* Everything @store holds, as the exchange format writes it. */
static GBytes *
exported (JbStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_assert_true (jb_exchange_export_stream (store, out, NULL, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
assert_same_bytes (GBytes *a, GBytes *b)
{
  g_assert_cmpuint (g_bytes_get_size (a), >, 0);
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static gboolean
has_action (JbWindow *window, const char *name)
{
  return g_action_group_has_action (G_ACTION_GROUP (window), name);
}

/* The shown message dialog that has a button @label, if any. */
static GtkWidget *
shown_message_with (const char *label)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (w) &&
          ui_test_find_button (w, label))
        return w;
    }
  return NULL;
}

static GtkWidget *
wait_message_with (const char *label)
{
  GtkWidget *dialog;
  while (!(dialog = shown_message_with (label)))
    g_main_context_iteration (NULL, TRUE);
  ui_test_pump ();
  return dialog;
}

/* The shown error: a message dialog of the error type. */
static GtkWidget *
wait_error (void)
{
  for (;;)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);
          GtkMessageType type = GTK_MESSAGE_OTHER;
          if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (w))
            g_object_get (w, "message-type", &type, NULL);
          if (type == GTK_MESSAGE_ERROR)
            {
              ui_test_pump ();
              return w;
            }
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The shown window on the file @path, if any. */
static JbWindow *
shown_window_on (const char *path)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (!JB_IS_WINDOW (w) || !gtk_widget_get_visible (w))
        continue;
      g_autoptr (JbStore) store = NULL;
      g_object_get (w, "store", &store, NULL);
      if (store && !jb_store_is_team (store) && g_strcmp0 (jb_store_get_path (store), path) == 0)
        return JB_WINDOW (w);
    }
  return NULL;
}

/* (a) A window on a file with a few records: Copy to a Team Database…, the
 * test server's location typed, Copy: the window is on the team database,
 * which holds the file's records with their uuids; the file is unchanged. */
static void
test_copy_up (void)
{
  if (team_test_skip ())
    return;
  g_autoptr (GError) error = NULL;
  g_assert_true (pg_test_server_create_db (team_test_server, "teamcopyup", &error));
  g_assert_no_error (error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (JbStore) local = test_tmp_store ("jb-team-copy-XXXXXX", "local.db", &dir, &path);
  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (org, "name", "苏州纳米材料研究院");
  jb_record_set_text_by_name (org, "kind", "institute");
  jb_record_set_text_by_name (org, "province", "jiangsu");
  gint64 org_id = team_saved (local, org);
  team_new_demand (local, org_id, "柔性显示基板国产化");
  team_new_demand (local, org_id, "氢燃料电池催化剂降本");
  g_autoptr (GPtrArray) demands = jb_store_list (local, JB_KIND_DEMAND, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (demands->len, ==, 2);
  g_autoptr (GBytes) before = exported (local);

  JbWindow *window = ui_test_window_open (local, TRUE);
  /* Up from a file only. */
  g_assert_true (has_action (window, "copy-to-team"));
  g_assert_false (has_action (window, "copy-to-file"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "copy-to-team", NULL);
  ui_test_pump ();
  GtkWidget *dialog = ui_test_shown_toplevel (JB_TYPE_TEAM_DIALOG);
  g_assert_nonnull (dialog);
  ui_test_check_names (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, _("Copy to a Team Database"));
  g_assert_nonnull (team_label_with (dialog, _("Every record of this file is copied into the "
                                               "team database, with its id: a record the team "
                                               "database holds already is updated if this "
                                               "file’s copy is newer, never doubled. The file "
                                               "itself is not changed. The window then works on "
                                               "the team database.")));
  GtkWidget *copy = ui_test_find_button (dialog, _("C_opy"));
  g_assert_nonnull (copy);
  g_assert_null (ui_test_find_button (dialog, _("C_onnect")));
  g_assert_false (gtk_widget_get_visible (ui_test_find_button (dialog,
                                                               _("Use the _File on This "
                                                                 "Computer"))));
  GtkWidget *entry = ui_test_find_type (dialog, GTK_TYPE_ENTRY);
  g_assert_true (ui_test_focus (GTK_WINDOW (dialog)) == entry);
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         pg_test_server_conninfo (team_test_server, "teamcopyup"));
  ui_test_click (copy);
  JbWindow *team_window;
  while (!(team_window = team_shown_window ()))
    g_main_context_iteration (NULL, TRUE);
  g_object_ref (team_window);
  ui_test_pump ();
  g_assert_null (ui_test_shown_toplevel (JB_TYPE_TEAM_DIALOG));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  jb_window_show_page (team_window, JB_KIND_DEMAND);
  ui_test_pump ();
  g_assert_true (team_table_has (team_window, "柔性显示基板国产化"));
  g_assert_true (team_table_has (team_window, "氢燃料电池催化剂降本"));
  /* Down from a team database only. */
  g_assert_true (has_action (team_window, "copy-to-file"));
  g_assert_false (has_action (team_window, "copy-to-team"));

  /* PostgreSQL holds them, with the file's uuids. */
  g_autofree char *got = team_psql ("teamcopyup", "SELECT uuid || ' ' || title FROM demand;");
  g_auto (GStrv) rows = g_strsplit (got, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, demands->len);
  for (guint i = 0; i < demands->len; i++)
    {
      JbRecord *demand = g_ptr_array_index (demands, i);
      g_autofree char *row = g_strdup_printf ("%s %s", jb_record_get_uuid (demand),
                                              jb_record_get_text_by_name (demand, "title"));
      g_assert_true (g_strv_contains ((const char *const *) rows, row));
    }
  g_autofree char *org_uuid = team_psql ("teamcopyup", "SELECT uuid FROM organization;");
  g_assert_cmpstr (org_uuid, ==, jb_record_get_uuid (org));

  ui_test_window_close (&team_window);
  ui_test_window_close (&window);
  /* The file is as it was. */
  g_clear_object (&local);
  g_autoptr (JbStore) again = jb_store_open (path, &error);
  g_assert_no_error (error);
  g_autoptr (GBytes) after = exported (again);
  assert_same_bytes (before, after);
  g_clear_object (&again);
  test_remove_tree (dir);
}

/* (b) A window on a team database: Copy to a File…, a new file chosen: the file
 * holds what the team database holds (the same export, byte for byte);
 * "Open the File" puts the window on it. */
static void
test_copy_down (void)
{
  if (team_test_skip ())
    return;
  Team t = { 0 };
  team_set_up (&t, "teamcopydown");
  team_new_demand (t.other, t.org, "钙钛矿组件封装寿命");
  team_open_window (&t, pg_test_server_conninfo (team_test_server, "teamcopydown"));
  g_assert_true (has_action (t.window, "copy-to-file"));
  g_assert_false (has_action (t.window, "copy-to-team"));

  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-team-offline-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "jiebang-offline.db", NULL);
  /* The chooser (GTK's own under Xvfb, without a portal): the name
   * suggested, a folder of ours, Copy. */
  g_action_group_activate_action (G_ACTION_GROUP (t.window), "copy-to-file", NULL);
  ui_test_pump ();
  GtkWidget *chooser = ui_test_shown_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_autofree char *suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (suggested, ==, "jiebang-offline.db");
  g_assert_true (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) ==
                 GTK_FILE_CHOOSER_ACTION_SAVE);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  ui_test_pump ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  GtkWidget *dialog = wait_message_with (_("_Open the File"));
  ui_test_check_names (dialog);
  g_assert_nonnull (ui_test_find_button (dialog, _("_Stay on the Team Database")));
  /* Three records: the organization and two demands. */
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u record of the team database is "
                                                         "in “%s”.",
                                                         "%u records of the team database "
                                                         "are in “%s”.", 3), 3, path);
  g_autofree char *text = NULL;
  g_object_get (dialog, "text", &text, NULL);
  g_assert_cmpstr (text, ==, count);

  g_autoptr (JbStore) file = jb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (jb_store_is_team (file));
  g_autoptr (GBytes) team_bytes = exported (t.store);
  g_autoptr (GBytes) file_bytes = exported (file);
  assert_same_bytes (team_bytes, file_bytes);
  g_clear_object (&file);

  ui_test_click (ui_test_find_button (dialog, _("_Open the File")));
  JbWindow *offline;
  while (!(offline = shown_window_on (path)))
    g_main_context_iteration (NULL, TRUE);
  g_object_ref (offline);
  ui_test_pump ();
  g_assert_null (team_shown_window ());
  jb_window_show_page (offline, JB_KIND_DEMAND);
  ui_test_pump ();
  g_assert_true (team_table_has (offline, "钙钛矿组件封装寿命"));
  g_assert_true (has_action (offline, "copy-to-team"));
  ui_test_window_close (&offline);

  team_tear_down (&t);
  test_remove_tree (dir);
}

/* Copy to a File… onto a file that is not Jiebang's: refused, said, the
 * file as it was; "Stay on the Team Database" after a good copy keeps the
 * window. */
static void
test_copy_down_refused (void)
{
  if (team_test_skip ())
    return;
  Team t = { 0 };
  team_set_up (&t, "teamcopyrefused");
  team_open_window (&t, pg_test_server_conninfo (team_test_server, "teamcopyrefused"));
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-team-offline-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *notes = g_build_filename (dir, "notes.db", NULL);
  const char *content = "Not a database: the minutes of Tuesday's meeting.\n";
  g_assert_true (g_file_set_contents (notes, content, -1, &error));

  jb_window_copy_to_file (t.window, notes);
  GtkWidget *dialog = wait_error ();
  ui_test_check_names (dialog);
  g_autofree char *text = NULL;
  g_object_get (dialog, "text", &text, NULL);
  g_assert_nonnull (strstr (text, notes));
  g_autofree char *kept = NULL;
  g_assert_true (g_file_get_contents (notes, &kept, NULL, &error));
  g_assert_cmpstr (kept, ==, content);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_pump ();

  /* The replica of this very team database opens as the team database. */
  g_autofree char *replica = jb_store_team_replica_path (jb_store_get_location (t.store));
  jb_window_copy_to_file (t.window, replica);
  dialog = wait_error ();
  g_clear_pointer (&text, g_free);
  g_object_get (dialog, "secondary-text", &text, NULL);
  g_assert_nonnull (strstr (text, replica));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_pump ();

  g_autofree char *path = g_build_filename (dir, "offline.db", NULL);
  jb_window_copy_to_file (t.window, path);
  dialog = wait_message_with (_("_Stay on the Team Database"));
  ui_test_click (ui_test_find_button (dialog, _("_Stay on the Team Database")));
  ui_test_pump ();
  g_assert_null (shown_message_with (_("_Open the File")));
  g_assert_true (team_shown_window () == t.window);

  team_tear_down (&t);
  test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  team_test_init (&argc, &argv);
  g_test_add_func ("/team-copy/up", test_copy_up);
  g_test_add_func ("/team-copy/down", test_copy_down);
  g_test_add_func ("/team-copy/down-refused", test_copy_down_refused);
  return team_test_run ();
}

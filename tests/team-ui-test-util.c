/* SPDX-License-Identifier: GPL-3.0-or-later */
/* team-ui-test-util.c: see team-ui-test-util.h. */
#include "config.h"

#include <string.h>

#include "jb-record-browser.h"
#include "team-ui-test-util.h"
#include "test-util.h"
#include "ui-test-util.h"

PgTestServer *team_test_server;
static char *home;   /* XDG_DATA_HOME: where the window's replicas go */

void
team_test_init (int *argc, char ***argv)
{
  /* Before GLib reads it. */
  home = g_dir_make_tmp ("jb-team-ui-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  ui_test_init (argc, argv);
  if (pg_test_available ())
    {
      g_autoptr (GError) error = NULL;
      team_test_server = pg_test_server_start (&error);
      if (team_test_server == NULL)
        g_error ("%s", error->message);
    }
}

int
team_test_run (void)
{
  int status = g_test_run ();
  pg_test_server_stop (team_test_server);
  team_test_server = NULL;
  test_remove_tree (home);
  g_clear_pointer (&home, g_free);
  return status;
}

gboolean
team_test_skip (void)
{
  if (team_test_server)
    return FALSE;
  g_test_skip ("PostgreSQL 15 is not installed");
  return TRUE;
}

gint64
team_saved (JbStore *store, JbRecord *record)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_save (store, record, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return jb_record_get_id (record);
}

gint64
team_new_demand (JbStore *store, gint64 owner, const char *title)
{
  g_autoptr (JbRecord) r = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (r, "title", title);
  jb_record_set_int_by_name (r, "owner_id", owner);
  jb_record_set_text_by_name (r, "status", "published");
  jb_record_set_text_by_name (r, "industry", "new_energy");
  return team_saved (store, r);
}

/* A team database @db holding an organization and a demand, saved by the
 * other user. */
void
team_set_up (Team *t, const char *db)
{
  g_autoptr (GError) error = NULL;
  t->db = db;
  g_assert_true (pg_test_server_create_db (team_test_server, db, &error));
  g_assert_no_error (error);
  t->dir = g_dir_make_tmp ("jb-team-other-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *replica = g_build_filename (t->dir, "other.db", NULL);
  t->other = jb_store_open_team (pg_test_server_conninfo (team_test_server, db), replica, NULL, NULL, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->other);

  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (org, "name", "宁德新能源科技有限公司");
  jb_record_set_text_by_name (org, "kind", "enterprise");
  jb_record_set_text_by_name (org, "province", "fujian");
  t->org = team_saved (t->other, org);
  t->demand = team_new_demand (t->other, t->org, "固态电池低温性能提升");
}

/* The window on @location, opened as the program opens --db: the replica
 * in the data folder. */
void
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

void
team_tear_down (Team *t)
{
  ui_test_window_close (&t->window);
  g_clear_object (&t->store);
  g_clear_object (&t->other);
  if (t->dir)
    test_remove_tree (t->dir);
  g_free (t->dir);
}

char *
team_psql (const char *db, const char *sql)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  g_assert_true (pg_test_server_psql (team_test_server, db, sql, &out, &error));
  g_assert_no_error (error);
  return out;
}

/* Whether @window's table of demands shows one titled @title. */
gboolean
team_table_has (JbWindow *window, const char *title)
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
void
team_wait_for_row (JbWindow *window, const char *title)
{
  while (!team_table_has (window, title))
    g_main_context_iteration (NULL, TRUE);
}

/* The label below @widget whose text holds @text, if any; only one shown,
 * if @shown. */
GtkWidget *
team_label_below (GtkWidget *widget, const char *text, gboolean shown)
{
  if (GTK_IS_LABEL (widget) && (!shown || gtk_widget_is_visible (widget)) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = team_label_below (c, text, shown);
      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
team_label_with (GtkWidget *widget, const char *text)
{
  return team_label_below (widget, text, TRUE);
}

JbWindow *
team_shown_window (void)
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-window-team.c: the window on a team database (part of JbWindow, see
 * jb-window-private.h).
 *
 * - Live: the store's notification socket is watched on the main loop;
 *   when someone saves, a worker pulls their change into the replica (a
 *   large one does not stop the window), and the store's "changed" then
 *   refreshes the tables, the dashboard and the open forms (an open form
 *   merges, jb-record-editor-merge.c: what the user is typing stays).  A
 *   server that cannot LISTEN is asked every few seconds.  A pull that
 *   fails is said in the banner above the pages, and tried again a little
 *   later instead of spinning on a broken connection.
 * - Who: the title names the team database and the user.
 * - A role that may only read: every action that writes is disabled (the
 *   tables, forms and matches disable their own, see jb_store_is_read_only())
 *   and the banner says so once.
 * - Connect to a Team Database… (jb-team-dialog.c), and switching the
 *   window to another store: a new window on it replaces this one, which
 *   closes as the user would close it (asking about unsaved edits). */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "jb-application.h"
#include "jb-team-dialog.h"
#include "jb-window-private.h"

/* Seconds before a failed pull is tried again. */
#define RETRY_SECONDS 10

static void watch_notifications (JbWindow *self);

/* The banner's text: the read-only role's note, then what went wrong. */
static void
update_banner (JbWindow *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  if (jb_store_is_read_only (self->store))
    g_string_append (text, _("Your role on this team database may only read: records can be "
                             "looked at, searched and exported, not changed."));
  if (self->team_error)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", self->team_error);
  gtk_label_set_text (self->banner, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->banner), text->len > 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->banner), self->team_error ? "warning" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->banner), self->team_error ? "error" : "warning");
}

static void
set_team_error (JbWindow *self, const char *message)
{
  if (g_strcmp0 (self->team_error, message) == 0)
    return;
  g_free (self->team_error);
  self->team_error = g_strdup (message);
  update_banner (self);
}

static void
unwatch (JbWindow *self)
{
  g_clear_handle_id (&self->notify_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->notify_fd = -1;
}

static gboolean
retry_pull (gpointer data)
{
  JbWindow *self = data;
  self->retry_source = 0;
  watch_notifications (self);
  return G_SOURCE_REMOVE;
}

/* Seconds between pulls from a server that cannot LISTEN (openGauss). */
#define POLL_SECONDS 5

/* In a worker: a connection of its own to the team database (opened by the
 * replica's path), which pulls what others saved into the replica as it
 * opens.  A large change (someone
 * imported 100,000 demands) comes in without stopping the window. */
static void
pull_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr (JbStore) store = jb_store_open_full (data, cancellable, NULL, NULL, &error);
  if (store)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void pull (JbWindow *self);

static void
pull_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;  /* the window is going */
  JbWindow *self = JB_WINDOW (source);
  gint64 before = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (result), "position"));
  g_clear_object (&self->pull_cancellable);
  if (!ok)
    {
      /* TRANSLATORS: the team database could not be read; the error follows */
      g_autofree char *text = g_strdup_printf (_("Others’ changes cannot be shown right now: %s"),
                                               error->message);
      g_printerr ("%s\n", text);
      set_team_error (self, text);
      unwatch (self);
      self->retry_source = g_timeout_add_seconds (RETRY_SECONDS, retry_pull, self);
      return;
    }
  set_team_error (self, NULL);
  /* What the worker brought in: the tables, the dashboard and open forms
   * (which merge) follow. */
  if (jb_store_team_position (self->store) != before)
    jb_store_notify_changed (self->store);
  if (self->pull_again)
    pull (self);
  else if (self->notify_fd < 0 && self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (POLL_SECONDS, retry_pull, self);
}

/* Brings what others saved, in a worker; news that comes meanwhile makes it
 * run again when it is done. */
static void
pull (JbWindow *self)
{
  if (self->pull_cancellable)
    {
      self->pull_again = TRUE;
      return;
    }
  self->pull_again = FALSE;
  self->pull_cancellable = g_cancellable_new ();
  g_autoptr (GTask) task = g_task_new (self, self->pull_cancellable, pull_done, NULL);
  g_object_set_data (G_OBJECT (task), "position",
                     GSIZE_TO_POINTER ((gsize) jb_store_team_position (self->store)));
  /* By the replica's path: the team database through the same replica. */
  g_task_set_task_data (task, g_strdup (jb_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, pull_run);
}

static gboolean
on_notify_readable (int fd, GIOCondition condition, gpointer data)
{
  JbWindow *self = data;
  /* A socket readable for nothing is a broken connection: the window's own
   * store then fails its next save, and the worker's pull says so. */
  jb_store_take_notifications (self->store);
  pull (self);
  if (condition & (G_IO_HUP | G_IO_ERR))
    {
      self->notify_source = 0;
      self->notify_fd = -1;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Catches up with what was saved meanwhile, then waits for news (or, from
 * a server that cannot LISTEN, asks again now and then). */
static void
watch_notifications (JbWindow *self)
{
  unwatch (self);
  if (!jb_store_is_team (self->store))
    return;
  int fd = jb_store_get_notify_fd (self->store);
  if (fd >= 0)
    {
      self->notify_fd = fd;
      self->notify_source = g_unix_fd_add (fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                           on_notify_readable, self);
    }
  pull (self);
}

/* The actions that write, off for a role that may only read, and Restore
 * from Backup off on any team database (the backups are the file's; the
 * team database's are the server's). */
static void
disable_writing (JbWindow *self)
{
  static const char *const writing[] = { "new-record", "save", "import", "load-sample",
                                         "new-related", "restore-backup" };
  gboolean read_only = jb_store_is_read_only (self->store);
  for (guint i = 0; i < G_N_ELEMENTS (writing); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), writing[i]);
      gboolean off = read_only || g_str_equal (writing[i], "restore-backup");
      if (action)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !off);
    }
}

void
jb_window_setup_team (JbWindow *self)
{
  self->notify_fd = -1;
  if (!jb_store_is_team (self->store))
    return;
  g_autofree char *where = jb_store_get_display_name (self->store);
  /* TRANSLATORS: the window's title on a team database: the user, the database */
  g_autofree char *title = g_strdup_printf (_("%s on %s — Jiebang"),
                                            jb_store_get_user (self->store), where);
  gtk_window_set_title (GTK_WINDOW (self), title);
  disable_writing (self);
  update_banner (self);
  watch_notifications (self);
}

void
jb_window_dispose_team (JbWindow *self)
{
  unwatch (self);
  if (self->pull_cancellable)
    g_cancellable_cancel (self->pull_cancellable);
  g_clear_object (&self->pull_cancellable);
  g_clear_pointer (&self->team_error, g_free);
}

/* ---- connecting ------------------------------------------------------------ */

static void
connect_team_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  jb_team_dialog_new (GTK_WINDOW (self), self->settings, self->store);
}

void
jb_window_retry_team (JbWindow *self, const char *location, const GError *error)
{
  JbTeamDialog *dialog = jb_team_dialog_new (GTK_WINDOW (self), self->settings, self->store);
  jb_team_dialog_show_failure (dialog, location, error);
}

static const GActionEntry team_actions[] = {
  { "connect-team", connect_team_action },
};

void
jb_window_add_team_actions (JbWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), team_actions,
                                   G_N_ELEMENTS (team_actions), self);
}

JbWindow *
jb_window_switch_store (JbWindow *self, JbStore *store)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  if (JB_IS_APPLICATION (app))
    jb_application_set_store (JB_APPLICATION (app), store);
  JbWindow *next = jb_window_new (app, store);
  gtk_window_present (GTK_WINDOW (next));
  /* The day's copy of a file; a team database's are the server's. */
  if (!jb_store_is_team (store))
    jb_window_backup_daily (next);
  gtk_window_close (GTK_WINDOW (self));
  return next;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-window-backups.c: the window's backups (part of JbWindow, see
 * jb-window-private.h): the day's copy when the program opens the database,
 * Restore from Backup… and Preferences in the main menu. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-backup-dialog.h"
#include "jb-backup-policy.h"
#include "jb-preferences-dialog.h"
#include "jb-window-private.h"

static void
restore_backup_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  jb_backup_dialog_new (GTK_WINDOW (self), self->store);
}

static void
preferences_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  jb_preferences_dialog_new (GTK_WINDOW (self), self->settings, self->store);
}

static const GActionEntry backup_actions[] = {
  { "restore-backup", restore_backup_action },
  { "preferences", preferences_action },
};

void
jb_window_add_backup_actions (JbWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), backup_actions,
                                   G_N_ELEMENTS (backup_actions), self);
}

/* ---- the day's copy ---------------------------------------------------------- */

typedef struct {
  char *db_path;
  guint keep;
} DailyJob;

static void
daily_job_free (DailyJob *job)
{
  g_free (job->db_path);
  g_free (job);
}

/* On a connection of its own: a large database takes a while to copy, and
 * the window is already usable meanwhile. */
static void
daily_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  DailyJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) store = jb_store_open (job->db_path, &error);

  if (store && jb_store_backup_daily (store, job->keep, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
daily_done (GObject *source, GAsyncResult *result, gpointer data)
{
  JbWindow *self = JB_WINDOW (source);
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;
  g_printerr ("%s\n", error->message);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  /* Not silently: the user counts on these copies. */
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_WARNING, GTK_BUTTONS_CLOSE,
                                              _("Today’s backup could not be made"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

void
jb_window_backup_daily (JbWindow *self)
{
  DailyJob *job = g_new0 (DailyJob, 1);
  job->db_path = g_strdup (jb_store_get_path (self->store));
  job->keep = jb_backups_keep ();

  g_autoptr (GTask) task = g_task_new (self, NULL, daily_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) daily_job_free);
  g_task_run_in_thread (task, daily_run);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-window-copy.c: moving records up and down (part of JbWindow, see
 * jb-window-private.h).
 *
 * - Copy to a Team Database… (on a file): Connect's dialog in its copy mode
 *   (jb_team_dialog_new_copy()) copies the file's records up and switches
 *   the window to the team database.
 * - Copy to a File… (on a team database, to work offline): where, in a save
 *   dialog; then, in a worker, the team database opened again by its
 *   location (a store is used from one thread; its path is the replica's,
 *   which would open the team database, not a file) and the file at the
 *   chosen path opened or created, and every record copied into the file
 *   (jb_exchange_copy(): ids kept, all or nothing in the file).  A chosen
 *   file that is not Jiebang's is refused by the store's open, unchanged.
 *   Then how many records, and whether to open the file.
 *
 * Each action exists only where it applies (the menu hides a missing one). */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-exchange.h"
#include "jb-team-dialog.h"
#include "jb-window-private.h"

/* ---- Copy to a Team Database… -------------------------------------------- */

static void
copy_to_team_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  jb_team_dialog_new_copy (GTK_WINDOW (self), self->settings, self->store);
}

/* ---- Copy to a File… -------------------------------------------------------- */

typedef struct {
  JbWindow *self;          /* a reference */
  char *location;          /* the team database's, without its password */
  char *path;
  GtkWidget *progress;     /* the dialog saying how far, with Cancel */
  gboolean progress_gone;  /* closed with its window, or by Escape */
  GCancellable *cancellable;
  int percent;             /* the last shown, in the worker */
  JbImportSummary copied;
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  g_object_unref (job->self);
  g_free (job->location);
  g_free (job->path);
  /* A progress message still queued (show_copy_progress()) holds the dialog
   * past the job: its handlers must not find the job then. */
  g_signal_handlers_disconnect_by_data (job->progress, job);
  g_signal_handlers_disconnect_by_data (job->progress, job->cancellable);
  g_clear_object (&job->progress);
  g_clear_object (&job->cancellable);
  g_free (job);
}

typedef struct {
  GtkWidget *progress;
  int percent;
} CopyProgress;

static gboolean
show_copy_progress (gpointer data)
{
  CopyProgress *p = data;
  if (gtk_widget_get_visible (p->progress))
    {
      /* TRANSLATORS: Copy to a File: how far the copy is */
      g_autofree char *text = g_strdup_printf (_("%d %% copied"), p->percent);
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (p->progress), "%s", text);
    }
  g_object_unref (p->progress);
  g_free (p);
  return G_SOURCE_REMOVE;
}

/* In the worker: one message per percent. */
static void
on_copy_progress (double fraction, gpointer data)
{
  CopyJob *job = data;
  int percent = (int) (CLAMP (fraction, 0, 1) * 100);
  if (percent == job->percent)
    return;
  job->percent = percent;
  CopyProgress *p = g_new (CopyProgress, 1);
  p->progress = g_object_ref (job->progress);
  p->percent = percent;
  g_idle_add (show_copy_progress, p);
}

static void
copy_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  CopyJob *job = data;
  GError *error = NULL;
  g_autoptr (JbStore) team = jb_store_open_team (job->location, NULL, cancellable, NULL, NULL,
                                                 &error);
  if (team == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* This computer's replica, or any team database's, opens as the team
   * database: copying into it would make no file to work offline on. */
  g_autofree char *replica = jb_store_team_replica_path (job->location);
  g_autoptr (GFile) chosen = g_file_new_for_path (job->path);
  g_autoptr (GFile) replica_file = g_file_new_for_path (replica);
  g_autoptr (JbStore) file = NULL;
  if (!g_file_equal (chosen, replica_file))
    file = jb_store_open (job->path, &error);
  if (file && jb_store_is_team (file))
    g_clear_object (&file);
  if (file == NULL)
    {
      if (error == NULL)
        error = g_error_new (JB_STORE_ERROR, JB_STORE_ERROR_NOT_OURS,
                             _("“%s” is a team database’s copy on this computer, which opens as "
                               "the team database: choose another file."), job->path);
      g_task_return_error (task, error);
      return;
    }
  if (!jb_exchange_copy (team, file, cancellable, on_copy_progress, job, &job->copied, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_open_answered (GtkDialog *dialog, int response, JbWindow *self)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (dialog), "path"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) store = jb_store_open (path, &error);
  if (store == NULL)
    {
      GtkWidget *failed = gtk_message_dialog_new (GTK_WINDOW (self),
                                                  GTK_DIALOG_MODAL |
                                                  GTK_DIALOG_DESTROY_WITH_PARENT,
                                                  GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                                  _("The file could not be opened"));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (failed), "%s",
                                                error->message);
      g_signal_connect (failed, "response", G_CALLBACK (gtk_window_destroy), NULL);
      jb_a11y_present_dialog (GTK_WINDOW (failed));
      return;
    }
  jb_window_switch_store (self, store);
}

/* How many records the file holds now, and whether to work on it. */
static void
offer_file (JbWindow *self, const char *path, const JbImportSummary *copied)
{
  guint n = copied->created + copied->updated + copied->unchanged;
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *counts = jb_import_summary_to_string (copied);
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                              g_dngettext (GETTEXT_PACKAGE,
                                                           "%u record of the team database is "
                                                           "in “%s”.",
                                                           "%u records of the team database "
                                                           "are in “%s”.", n), n, name);
  /* TRANSLATORS: after Copy to a File; %s: "3 created, 1 updated…" */
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("%s. Open the file to work without the server: "
                                              "what you change there stays in the file until "
                                              "you copy it up again with Copy to a Team "
                                              "Database…"), counts);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Copy to a File"));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Stay on the Team Database"),
                          GTK_RESPONSE_CANCEL, _("_Open the File"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_answered), self);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

static void
copy_done (GObject *source, GAsyncResult *result, gpointer data)
{
  CopyJob *job = g_task_get_task_data (G_TASK (result));
  JbWindow *self = job->self;
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  gboolean cancelled = g_cancellable_is_cancelled (job->cancellable);
  if (!job->progress_gone)
    {
      job->progress_gone = TRUE;
      gtk_window_destroy (GTK_WINDOW (job->progress));
    }
  if (cancelled || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;  /* all or nothing: a cancelled copy left the file as it was */
  if (ok)
    {
      offer_file (self, job->path, &job->copied);
      return;
    }
  g_autofree char *name = g_filename_display_name (job->path);
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              _("The team database could not be copied to "
                                                "“%s”"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Copy to a File"));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

static void
on_progress_response (GtkDialog *dialog, int response, GCancellable *cancellable)
{
  /* Cancel, Escape or the close button: the worker stops; the dialog goes
   * when it has (copy_done()). */
  g_cancellable_cancel (cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (dialog), FALSE);
}

/* The progress dialog went first (Escape, or with the window): the copy
 * stops, and there is nothing to destroy when it has. */
static void
on_progress_destroyed (GtkWidget *dialog, CopyJob *job)
{
  job->progress_gone = TRUE;
  g_cancellable_cancel (job->cancellable);
}

void
jb_window_copy_to_file (JbWindow *self, const char *path)
{
  g_return_if_fail (jb_store_is_team (self->store));
  CopyJob *job = g_new0 (CopyJob, 1);
  job->self = g_object_ref (self);
  job->location = g_strdup (jb_store_get_location (self->store));
  job->path = g_strdup (path);
  job->percent = -1;
  job->cancellable = g_cancellable_new ();

  g_autofree char *name = g_filename_display_name (path);
  job->progress = g_object_ref_sink (gtk_message_dialog_new (GTK_WINDOW (self),
                                                             GTK_DIALOG_MODAL |
                                                             GTK_DIALOG_DESTROY_WITH_PARENT,
                                                             GTK_MESSAGE_INFO,
                                                             GTK_BUTTONS_CANCEL,
                                                             _("Copying the team database to "
                                                               "“%s”…"), name));
  gtk_window_set_title (GTK_WINDOW (job->progress), _("Copy to a File"));
  g_signal_connect (job->progress, "response", G_CALLBACK (on_progress_response),
                    job->cancellable);
  g_signal_connect (job->progress, "destroy", G_CALLBACK (on_progress_destroyed), job);
  jb_a11y_present_dialog (GTK_WINDOW (job->progress));

  g_autoptr (GTask) task = g_task_new (NULL, job->cancellable, copy_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) copy_job_free);
  g_task_run_in_thread (task, copy_run);
}

static void
on_file_chosen (GtkNativeDialog *chooser, int response, JbWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path)
        jb_window_copy_to_file (self, path);
    }
  g_object_unref (chooser);
}

static void
copy_to_file_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Copy to a File"),
                                                               GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("C_opy"), _("_Cancel"));
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr (GFile) folder = g_file_new_for_path (documents ? documents : g_get_user_data_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "jiebang-offline.db");
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry copy_actions[] = {
  { "copy-to-team", copy_to_team_action },
  { "copy-to-file", copy_to_file_action },
};

void
jb_window_add_copy_actions (JbWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), copy_actions,
                                   G_N_ELEMENTS (copy_actions), self);
}

void
jb_window_setup_copy (JbWindow *self)
{
  /* Up from a file, down from a team database. */
  g_action_map_remove_action (G_ACTION_MAP (self), jb_store_is_team (self->store)
                                                   ? "copy-to-team" : "copy-to-file");
}

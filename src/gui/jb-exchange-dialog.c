/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-exchange-dialog.c: runs jb_exchange_import/export in a worker thread.
 *
 * The worker opens its own store on the database file (a store belongs to one
 * thread); the window's store is told afterwards, so every page refreshes.
 * Progress crosses threads as one atomic number that the dialog polls. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-backup-policy.h"
#include "jb-exchange-dialog.h"
#include "jb-exchange.h"

struct _JbExchangeDialog {
  GtkWindow parent_instance;

  JbStore *store;
  GCancellable *cancellable;
  gboolean importing;
  int progress_permille;  /* written by the worker, -1: unknown */
  guint poll_id;

  GtkLabel *heading;
  GtkProgressBar *progress;
  GtkLabel *message;
  GtkButton *cancel_button;
  GtkButton *close_button;
};

G_DEFINE_FINAL_TYPE (JbExchangeDialog, jb_exchange_dialog, GTK_TYPE_WINDOW)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  char *db_path;
  guint backups_keep;     /* the setting, read on the main thread */
  GFile *file;
  GArray *demand_ids;
  gboolean importing;
  int *progress_permille;
  JbImportSummary summary;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_clear_object (&job->file);
  g_clear_pointer (&job->demand_ids, g_array_unref);
  g_free (job);
}

static void
on_progress (double fraction, gpointer data)
{
  g_atomic_int_set ((int *) data, (int) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static void
run_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) store = jb_store_open (job->db_path, &error);
  gboolean ok = store != NULL;

  /* A dated copy first, which Restore from Backup lists (a file's: a team
   * database's copies are the server's). */
  if (ok && job->importing && !jb_store_is_team (store))
    ok = jb_backup_before_import (store, job->backups_keep, &error);
  if (ok && job->importing)
    ok = jb_exchange_import (store, job->file, cancellable, on_progress, job->progress_permille,
                             &job->summary, &error);
  else if (ok)
    ok = jb_exchange_export (store, job->file, job->demand_ids, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
poll_progress (gpointer data)
{
  JbExchangeDialog *self = data;
  int permille = g_atomic_int_get (&self->progress_permille);
  if (permille < 0)
    gtk_progress_bar_pulse (self->progress);
  else
    gtk_progress_bar_set_fraction (self->progress, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
finish (JbExchangeDialog *self, gboolean success, const char *heading, const char *message)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->message, message);
  gtk_progress_bar_set_fraction (self->progress, success ? 1.0 : 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
  if (!success)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  g_signal_emit (self, signals[FINISHED], 0, success);
}

static void
on_job_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (JbExchangeDialog) self = data;
  g_autoptr (GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->importing)
        {
          g_autofree char *summary = jb_import_summary_to_string (&job->summary);
          /* The worker wrote through its own connection. */
          jb_store_notify_changed (self->store);
          finish (self, TRUE, _("Import finished"), summary);
        }
      else
        {
          g_autofree char *name = g_file_get_parse_name (job->file);
          g_autofree char *text = g_strdup_printf (_("Saved to “%s”."), name);
          finish (self, TRUE, _("Export finished"), text);
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    finish (self, FALSE, self->importing ? _("Import cancelled") : _("Export cancelled"),
            self->importing ? _("Nothing was changed: the database is as it was.")
                            : _("No file was written."));
  else
    finish (self, FALSE, self->importing ? _("Import failed") : _("Export failed"),
            error->message);
}

static JbExchangeDialog *
start (GtkWindow *parent, JbStore *store, GFile *file, GArray *demand_ids, gboolean importing)
{
  JbExchangeDialog *self = g_object_new (JB_TYPE_EXCHANGE_DIALOG, "transient-for", parent, NULL);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (importing ? _("Importing “%s”…")
                                                        : _("Exporting to “%s”…"), name);
  Job *job = g_new0 (Job, 1);

  self->store = g_object_ref (store);
  self->importing = importing;
  self->progress_permille = importing ? 0 : -1;
  gtk_window_set_title (GTK_WINDOW (self), importing ? _("Import") : _("Export"));
  gtk_label_set_text (self->heading, heading);
  if (importing)
    gtk_label_set_text (self->message, _("All or nothing: if anything is wrong, the database "
                                         "stays as it was."));

  /* A team database's location, not its replica's file: the worker's
   * connection then writes to the team database too. */
  job->db_path = g_strdup (jb_store_get_location (store));
  job->backups_keep = jb_backups_keep ();
  job->file = g_object_ref (file);
  job->demand_ids = demand_ids ? g_array_ref (demand_ids) : NULL;
  job->importing = importing;
  job->progress_permille = &self->progress_permille;

  g_autoptr (GTask) task = g_task_new (NULL, self->cancellable, on_job_done, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
  self->poll_id = g_timeout_add (100, poll_progress, self);
  gtk_window_present (GTK_WINDOW (self));
  /* Not the message, which can be selected for copying: given the focus,
   * all its text showed selected. */
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  return self;
}

JbExchangeDialog *
jb_exchange_dialog_import (GtkWindow *parent, JbStore *store, GFile *file)
{
  return start (parent, store, file, NULL, TRUE);
}

JbExchangeDialog *
jb_exchange_dialog_export (GtkWindow *parent, JbStore *store, GFile *file, GArray *demand_ids)
{
  return start (parent, store, file, demand_ids, FALSE);
}

const char *
jb_exchange_dialog_get_message (JbExchangeDialog *self)
{
  return gtk_label_get_text (self->message);
}

void
jb_exchange_dialog_cancel (JbExchangeDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

static void
on_cancel_clicked (JbExchangeDialog *self)
{
  jb_exchange_dialog_cancel (self);
}

static gboolean
jb_exchange_dialog_close_request (GtkWindow *window)
{
  JbExchangeDialog *self = JB_EXCHANGE_DIALOG (window);
  /* Closing while running cancels; the dialog goes once the worker stopped. */
  if (self->poll_id)
    {
      jb_exchange_dialog_cancel (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (jb_exchange_dialog_parent_class)->close_request (window);
}

static void
jb_exchange_dialog_dispose (GObject *object)
{
  JbExchangeDialog *self = JB_EXCHANGE_DIALOG (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), JB_TYPE_EXCHANGE_DIALOG);

  G_OBJECT_CLASS (jb_exchange_dialog_parent_class)->dispose (object);
}

static void
jb_exchange_dialog_class_init (JbExchangeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jb_exchange_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = jb_exchange_dialog_close_request;

  /* JbExchangeDialog::finished: the work ended; TRUE if it succeeded. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/jb-exchange-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JbExchangeDialog, heading);
  gtk_widget_class_bind_template_child (widget_class, JbExchangeDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, JbExchangeDialog, message);
  gtk_widget_class_bind_template_child (widget_class, JbExchangeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, JbExchangeDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jb_exchange_dialog_init (JbExchangeDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  jb_a11y_tidy (GTK_WIDGET (self));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-backup-dialog.c: Restore from Backup (see jb-backup-dialog.h).
 *
 * Each copy is a row: when (local time) and why it was made, and how many
 * records of each kind it holds; a copy that cannot be restored says why
 * and cannot be chosen.  Restoring runs in a worker thread on a connection
 * of its own (a large database takes seconds), once the user has said yes
 * to a question that says what it does; the window's store is then
 * told, so that every page reloads, and the dialog says which copy now
 * holds the records as they were, which restoring in turn undoes. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-backup-dialog.h"
#include "jb-backup-policy.h"
#include "jb-date.h"
#include "jb-widgets.h"

struct _JbBackupDialog {
  GtkWindow parent_instance;

  JbStore *store;

  GtkLabel *explanation;
  GtkListBox *list;
  GtkLabel *message;
  GtkWidget *restore_button;
  GtkWidget *close_button;
  gboolean busy;
  char *restoring;   /* the title of the copy being restored */
};

G_DEFINE_FINAL_TYPE (JbBackupDialog, jb_backup_dialog, GTK_TYPE_WINDOW)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
reason_label (const char *reason)
{
  if (g_str_equal (reason, JB_BACKUP_DAILY))
    return _("Daily backup");
  if (g_str_equal (reason, JB_BACKUP_IMPORT))
    return _("Before an import");
  if (g_str_equal (reason, JB_BACKUP_RESTORE))
    return _("Before a restore");
  return reason;
}

/* "1 Dec 2026 10:15" in the user's time zone: the question before a restore
 * names the copy by when it was made. */
static char *
backup_when (JbBackup *backup)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (backup->time);
  g_autofree char *iso = g_date_time_format (local, "%F");
  g_autofree char *date = jb_date_format (iso);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  return g_strdup_printf ("%s %s", date, time);
}

/* "1 Dec 2026 10:15:02, before an import" in the user's time zone. */
static char *
backup_title (JbBackup *backup)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (backup->time);
  g_autofree char *iso = g_date_time_format (local, "%F");
  g_autofree char *date = jb_date_format (iso);
  g_autofree char *time = g_date_time_format (local, "%H:%M:%S");
  /* TRANSLATORS: a backup: its date, its time, why it was made */
  return g_strdup_printf (_("%s %s · %s"), date, time, reason_label (backup->reason));
}

/* "Demands 12 · Organizations 40 · … · 1.2 MB", or why it cannot be restored. */
static char *
backup_detail (JbBackup *backup)
{
  if (backup->problem)
    return g_strdup (backup->problem);
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint k = 0; k < JB_N_KINDS; k++)
    if (backup->counts[k] > 0)
      g_string_append_printf (s, "%s%s %" G_GINT64_FORMAT, s->len ? " · " : "",
                              _(jb_kind_get (k)->plural), backup->counts[k]);
  if (s->len == 0)
    g_string_append (s, _("No records"));
  g_autofree char *size = g_format_size ((guint64) backup->size);
  g_string_append_printf (s, " · %s", size);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkWidget *
backup_row (JbBackup *backup)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *title = backup_title (backup);
  g_autofree char *detail = backup_detail (backup);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *detail_label = jb_label_new_wrapping (detail, backup->problem ? "error"
                                                                           : "dim-label");

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), detail_label);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_autofree char *name = g_strdup_printf ("%s, %s", title, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (backup->path), g_free);
  g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (row), "when", backup_when (backup), g_free);
  if (backup->problem)
    {
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }
  return row;
}

static void
show_message (JbBackupDialog *self, const char *text, gboolean error)
{
  gtk_label_set_text (self->message, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
}

static void
fill (JbBackupDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = jb_store_backup_list (self->store, TRUE, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  if (backups == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < backups->len; i++)
    gtk_list_box_append (self->list, backup_row (g_ptr_array_index (backups, i)));
  gtk_widget_set_sensitive (self->restore_button, FALSE);
}

static void
on_row_selected (JbBackupDialog *self, GtkListBoxRow *row)
{
  /* The list, disposed after the button, unselects its rows on the way
   * out (closing the dialog with a copy chosen). */
  if (self->restore_button == NULL)
    return;
  gtk_widget_set_sensitive (self->restore_button,
                            !self->busy && row != NULL && gtk_list_box_row_get_selectable (row));
}

typedef struct {
  char *db_path;
  char *backup_path;
  guint keep;
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_free (job->db_path);
  g_free (job->backup_path);
  g_free (job);
}

static void
restore_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  RestoreJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) store = jb_store_open (job->db_path, &error);
  JbBackup *undo = store ? jb_store_backup_restore (store, job->backup_path, job->keep, &error)
                         : NULL;
  if (undo)
    g_task_return_pointer (task, undo, (GDestroyNotify) jb_backup_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
set_busy (JbBackupDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), !busy);
  gtk_widget_set_sensitive (self->close_button, !busy);
  gtk_widget_set_sensitive (self->restore_button,
                            !busy && gtk_list_box_get_selected_row (self->list) != NULL);
}

static void
restore_done (GObject *source, GAsyncResult *result, gpointer data)
{
  JbBackupDialog *self = JB_BACKUP_DIALOG (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (JbBackup) undo = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);
  if (undo == NULL)
    {
      show_message (self, error->message, TRUE);
      g_signal_emit (self, signals[FINISHED], 0, FALSE);
      return;
    }
  /* The worker wrote through its own connection: every page reloads. */
  jb_store_notify_changed (self->store);
  g_autofree char *undo_title = backup_title (undo);
  /* TRANSLATORS: after a restore: the backup restored, and the new backup of
   * what there was before, as in the list */
  g_autofree char *text = g_strdup_printf (_("Restored the backup “%s”. The records as they "
                                             "were are kept in the backup “%s”: restore it "
                                             "to undo."),
                                           self->restoring, undo_title);
  show_message (self, text, FALSE);
  fill (self);
  gtk_widget_grab_focus (self->close_button);
  g_signal_emit (self, signals[FINISHED], 0, TRUE);
}

/* Restores the copy at @path, listed as @title. */
static void
restore_copy (JbBackupDialog *self, const char *path, const char *title)
{
  RestoreJob *job = g_new0 (RestoreJob, 1);

  g_free (self->restoring);
  self->restoring = g_strdup (title);
  job->db_path = g_strdup (jb_store_get_path (self->store));
  job->backup_path = g_strdup (path);
  job->keep = jb_backups_keep ();
  /* TRANSLATORS: while a backup is restored: its date, time and reason */
  g_autofree char *text = g_strdup_printf (_("Restoring the backup “%s”…"), self->restoring);
  show_message (self, text, FALSE);
  set_busy (self, TRUE);

  g_autoptr (GTask) task = g_task_new (self, NULL, restore_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) restore_job_free);
  g_task_run_in_thread (task, restore_run);
}

/* Not while a restore runs: it ends with telling the window. */
static gboolean
jb_backup_dialog_close_request (GtkWindow *window)
{
  if (JB_BACKUP_DIALOG (window)->busy)
    return TRUE;
  return GTK_WINDOW_CLASS (jb_backup_dialog_parent_class)->close_request (window);
}

static void
on_confirm_response (GtkDialog *dialog, int response, JbBackupDialog *self)
{
  /* The copy asked about, by its path: the row may be gone by now. */
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (dialog), "path"));
  g_autofree char *title = g_strdup (g_object_get_data (G_OBJECT (dialog), "title"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT && !self->busy)
    restore_copy (self, path, title);
}

/* Restoring replaces every record: a click on the wrong row, or Return on
 * the list, must not do that without saying so first.  Cancel is the
 * default; the copy of now that makes it undoable is said too, so that the
 * question does not sound more final than it is. */
static void
confirm_restore (JbBackupDialog *self, GtkListBoxRow *row)
{
  const char *when = g_object_get_data (G_OBJECT (row), "when");
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                              /* TRANSLATORS: %s is the date and time the
                                               * backup was made */
                                              _("Restore the backup of %s?"), when);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Every record is replaced by those of the backup: "
                                              "what was entered or changed since then is gone "
                                              "from the database. A backup of the database as "
                                              "it is now is made first, so that this can be "
                                              "undone."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Restore"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "path",
                          g_strdup (g_object_get_data (G_OBJECT (row), "path")), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "title",
                          g_strdup (g_object_get_data (G_OBJECT (row), "title")), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

static void
on_restore_clicked (JbBackupDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  if (row && !self->busy)
    confirm_restore (self, row);
}

/* Return (or a double click) on a row asks to restore it. */
static void
on_row_activated (JbBackupDialog *self, GtkListBoxRow *row)
{
  if (gtk_list_box_row_get_selectable (row) && !self->busy)
    confirm_restore (self, row);
}

static void
jb_backup_dialog_dispose (GObject *object)
{
  JbBackupDialog *self = JB_BACKUP_DIALOG (object);
  g_clear_object (&self->store);
  g_clear_pointer (&self->restoring, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), JB_TYPE_BACKUP_DIALOG);
  G_OBJECT_CLASS (jb_backup_dialog_parent_class)->dispose (object);
}

static void
jb_backup_dialog_class_init (JbBackupDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jb_backup_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = jb_backup_dialog_close_request;

  /* JbBackupDialog::finished: a restore ended, well or not (the message says). */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/jb-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JbBackupDialog, explanation);
  gtk_widget_class_bind_template_child (widget_class, JbBackupDialog, list);
  gtk_widget_class_bind_template_child (widget_class, JbBackupDialog, message);
  gtk_widget_class_bind_template_child (widget_class, JbBackupDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, JbBackupDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jb_backup_dialog_init (JbBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  GtkWidget *none = gtk_label_new (_("No backups yet. Jiebang makes one the first time it opens "
                                     "the database each day, and one before each import."));
  gtk_label_set_wrap (GTK_LABEL (none), TRUE);
  gtk_widget_set_margin_top (none, 24);
  gtk_widget_set_margin_bottom (none, 24);
  gtk_widget_set_margin_start (none, 12);
  gtk_widget_set_margin_end (none, 12);
  gtk_widget_add_css_class (none, "dim-label");
  gtk_list_box_set_placeholder (self->list, none);
}

JbBackupDialog *
jb_backup_dialog_new (GtkWindow *parent, JbStore *store)
{
  JbBackupDialog *self = g_object_new (JB_TYPE_BACKUP_DIALOG, "transient-for", parent,
                                       "destroy-with-parent", TRUE, NULL);
  g_autofree char *dir = jb_store_backup_dir (store);
  g_autofree char *text = g_strdup_printf (_("Restoring replaces every record with those of the "
                                             "backup. The records as they are now are backed "
                                             "up first, so that a restore can be undone. "
                                             "Backups are kept in “%s”."), dir);

  self->store = g_object_ref (store);
  gtk_label_set_text (self->explanation, text);
  fill (self);
  jb_a11y_present_dialog (GTK_WINDOW (self));
  /* Where one starts: the newest copy. */
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first)
    gtk_widget_grab_focus (GTK_WIDGET (first));
  return self;
}

GtkListBox *
jb_backup_dialog_get_list (JbBackupDialog *self)
{
  return self->list;
}

const char *
jb_backup_dialog_get_message (JbBackupDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->message))
         ? gtk_label_get_text (self->message) : "";
}

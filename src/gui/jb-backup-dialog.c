/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-backup-dialog.c: Restore from Backup (see jb-backup-dialog.h).
 *
 * Each copy is a row: when (local time) and why it was made, and how many
 * records of each kind it holds; a copy that cannot be restored says why
 * and cannot be chosen.  Restoring runs on the window's own store (the
 * copy goes into its connection, jb-store-backup.c) and says which copy now
 * holds the records as they were, which restoring in turn undoes. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-backup-dialog.h"
#include "jb-backup-policy.h"
#include "jb-date.h"

struct _JbBackupDialog {
  GtkWindow parent_instance;

  JbStore *store;

  GtkLabel *explanation;
  GtkListBox *list;
  GtkLabel *message;
  GtkWidget *restore_button;
  GtkWidget *close_button;
};

G_DEFINE_FINAL_TYPE (JbBackupDialog, jb_backup_dialog, GTK_TYPE_WINDOW)

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
  GtkWidget *detail_label = gtk_label_new (detail);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
  gtk_label_set_wrap (GTK_LABEL (detail_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (detail_label, backup->problem ? "error" : "dim-label");
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
  if (backup->problem)
    {
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }
  return row;
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
      gtk_label_set_text (self->message, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
      return;
    }
  for (guint i = 0; i < backups->len; i++)
    gtk_list_box_append (self->list, backup_row (g_ptr_array_index (backups, i)));
  gtk_widget_set_sensitive (self->restore_button, FALSE);
}

static void
on_row_selected (JbBackupDialog *self, GtkListBoxRow *row)
{
  gtk_widget_set_sensitive (self->restore_button,
                            row != NULL && gtk_list_box_row_get_selectable (row));
}

static void
restore_row (JbBackupDialog *self, GtkListBoxRow *row)
{
  g_autoptr (GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  g_autoptr (GPtrArray) before = jb_store_backup_list (self->store, FALSE, NULL);
  g_autofree char *restored = NULL;

  for (guint i = 0; before && i < before->len; i++)
    {
      JbBackup *b = g_ptr_array_index (before, i);
      if (g_str_equal (b->path, path))
        restored = backup_title (b);
    }
  g_autoptr (JbBackup) undo = jb_store_backup_restore (self->store, path, jb_backups_keep (),
                                                       &error);
  gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
  if (undo == NULL)
    {
      gtk_label_set_text (self->message, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
      return;
    }
  g_autofree char *undo_title = backup_title (undo);
  /* TRANSLATORS: after a restore: the backup restored, and the new backup of
   * what there was before, as in the list */
  g_autofree char *text = g_strdup_printf (_("Restored the backup “%s”. The records as they "
                                             "were are kept in the backup “%s”: restore it "
                                             "to undo."),
                                           restored ? restored : path, undo_title);
  gtk_label_set_text (self->message, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
  fill (self);
  gtk_widget_grab_focus (self->close_button);
}

static void
on_restore_clicked (JbBackupDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  if (row)
    restore_row (self, row);
}

/* Return (or a double click) on a row restores it. */
static void
on_row_activated (JbBackupDialog *self, GtkListBoxRow *row)
{
  if (gtk_list_box_row_get_selectable (row))
    restore_row (self, row);
}

static void
jb_backup_dialog_dispose (GObject *object)
{
  JbBackupDialog *self = JB_BACKUP_DIALOG (object);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), JB_TYPE_BACKUP_DIALOG);
  G_OBJECT_CLASS (jb_backup_dialog_parent_class)->dispose (object);
}

static void
jb_backup_dialog_class_init (JbBackupDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jb_backup_dialog_dispose;
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-preferences-dialog.c: Preferences (see jb-preferences-dialog.h).  The
 * number of backups is bound to the setting, so it holds as soon as it is
 * changed; old copies go when the next one is made, not while the user is
 * still choosing a number. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-preferences-dialog.h"
#include "jb-store-backup.h"

struct _JbPreferencesDialog {
  GtkWindow parent_instance;

  GtkSpinButton *keep_spin;
  GtkLabel *explanation;
  GtkWidget *close_button;
};

G_DEFINE_FINAL_TYPE (JbPreferencesDialog, jb_preferences_dialog, GTK_TYPE_WINDOW)

static void
jb_preferences_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JB_TYPE_PREFERENCES_DIALOG);
  G_OBJECT_CLASS (jb_preferences_dialog_parent_class)->dispose (object);
}

static void
jb_preferences_dialog_class_init (JbPreferencesDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jb_preferences_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/"
                                               "jb-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JbPreferencesDialog, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, JbPreferencesDialog, explanation);
  gtk_widget_class_bind_template_child (widget_class, JbPreferencesDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jb_preferences_dialog_init (JbPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

JbPreferencesDialog *
jb_preferences_dialog_new (GtkWindow *parent, GSettings *settings, JbStore *store)
{
  JbPreferencesDialog *self = g_object_new (JB_TYPE_PREFERENCES_DIALOG, "transient-for", parent,
                                            "destroy-with-parent", TRUE, NULL);
  g_autofree char *dir = jb_store_backup_dir (store);
  g_autofree char *text = g_strdup_printf (_("Jiebang copies the database the first time it "
                                             "opens it each day, before each import and "
                                             "before each restore, into “%s”, and keeps "
                                             "this many of each of the three: when there are "
                                             "more, the oldest of that kind goes as the next "
                                             "one is made, so that imports never remove the "
                                             "daily copies."), dir);

  gtk_label_set_text (self->explanation, text);
  /* Named by its label without the mnemonic ("保留的备份数", not "…(K)"). */
  g_autofree char *name = jb_a11y_strip_mnemonic (_("Backups to _keep"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->keep_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->keep_spin),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if (settings)
    g_settings_bind (settings, "backups-keep", self->keep_spin, "value",
                     G_SETTINGS_BIND_DEFAULT);
  else
    {
      gtk_spin_button_set_value (self->keep_spin, JB_BACKUP_KEEP_DEFAULT);
      gtk_widget_set_sensitive (GTK_WIDGET (self->keep_spin), FALSE);
    }
  jb_a11y_present_dialog (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->keep_spin));
  return self;
}

GtkSpinButton *
jb_preferences_dialog_get_keep (JbPreferencesDialog *self)
{
  return self->keep_spin;
}

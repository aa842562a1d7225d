/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-application.c: opens the store and the window, and the app-wide actions. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-application.h"
#include "jb-renderer.h"
#include "jb-window.h"

struct _JbApplication {
  GtkApplication parent_instance;
  char *db_path;
  JbStore *store;
};

G_DEFINE_FINAL_TYPE (JbApplication, jb_application, GTK_TYPE_APPLICATION)

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  /* Close each window as the user would, so none closes over unsaved edits;
   * the application ends with its last window. */
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (data));
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  /* Shown in the About dialog's credits: translated like the rest of it. */
  const char *developers[] = { _("Jiebang developers"), NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));

  gtk_show_about_dialog (parent,
                         "program-name", _("Jiebang"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Run open innovation challenges: demands, solutions, "
                                       "deals and the year in figures"),
                         "website", "https://github.com/jiebang/jiebang",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* TRANSLATORS: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
jb_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    /* The window's own shortcuts are bindings of its class (jb-window.c). */
    { "app.quit", { "<Control>q", NULL } },
  };

  G_APPLICATION_CLASS (jb_application_parent_class)->startup (app);
  jb_renderer_choose (gdk_display_get_default ());

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
show_open_error (JbApplication *self, GError *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (NULL, GTK_DIALOG_MODAL, GTK_MESSAGE_ERROR,
                                              GTK_BUTTONS_CLOSE,
                                              _("Jiebang cannot open its database"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

static void
jb_application_activate (GApplication *app)
{
  JbApplication *self = JB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr (GError) error = NULL;

  if (window)
    {
      gtk_window_present (window);
      return;
    }
  g_autofree char *team_failed = NULL;
  if (self->store == NULL)
    {
      g_autofree char *path = self->db_path ? g_strdup (self->db_path) : jb_store_default_path ();
      self->store = jb_store_open (path, &error);
      /* A team database that wants a password, or cannot be reached: the
       * window on the file, and the connect dialog over it, to type the
       * password or try again. */
      if (self->store == NULL && jb_store_location_is_team (path))
        {
          g_printerr ("%s\n", error->message);
          team_failed = g_steal_pointer (&path);
          path = jb_store_default_path ();
          g_autoptr (GError) team_error = g_steal_pointer (&error);
          self->store = jb_store_open (path, &error);
          if (self->store)
            error = g_steal_pointer (&team_error);
        }
      if (self->store == NULL)
        {
          g_printerr ("%s\n", error->message);
          show_open_error (self, error);
          return;
        }
    }
  JbWindow *opened = jb_window_new (GTK_APPLICATION (app), self->store);
  gtk_window_present (GTK_WINDOW (opened));
  /* A dated copy on the first open of the day (jb-store-backup.h); a team
   * database's copies are the server's. */
  if (!jb_store_is_team (self->store))
    jb_window_backup_daily (opened);
  if (team_failed)
    jb_window_retry_team (opened, team_failed, error);
}

/* A file opened from a file manager (the desktop entry's MimeType=) or given
 * on the command line: the window, then the question whether to import it
 * (for a spreadsheet, the import dialog's preview). */
static void
jb_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  g_application_activate (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (!JB_IS_WINDOW (window))
    return; /* the database could not be opened: that error is shown */
  for (int i = 0; i < n_files; i++)
    jb_window_offer_import (JB_WINDOW (window), files[i]);
}

static void
jb_application_finalize (GObject *object)
{
  JbApplication *self = JB_APPLICATION (object);
  g_clear_object (&self->store);
  g_free (self->db_path);
  G_OBJECT_CLASS (jb_application_parent_class)->finalize (object);
}

static void
jb_application_class_init (JbApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jb_application_finalize;
  G_APPLICATION_CLASS (klass)->startup = jb_application_startup;
  G_APPLICATION_CLASS (klass)->activate = jb_application_activate;
  G_APPLICATION_CLASS (klass)->open = jb_application_open;
}

static void
jb_application_init (JbApplication *self)
{
}

void
jb_application_set_store (JbApplication *self, JbStore *store)
{
  g_set_object (&self->store, store);
}

JbApplication *
jb_application_new (const char *db_path)
{
  /* NON_UNIQUE: two databases may be open at once in two processes.
   * HANDLES_OPEN: exchange files given as arguments (jb_application_open). */
  JbApplication *self = g_object_new (JB_TYPE_APPLICATION,
                                      "application-id", APP_ID,
                                      "flags", G_APPLICATION_NON_UNIQUE |
                                               G_APPLICATION_HANDLES_OPEN,
                                      "resource-base-path", "/io/github/jiebang/Jiebang",
                                      NULL);
  self->db_path = g_strdup (db_path);
  return self;
}

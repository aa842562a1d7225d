/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-team-dialog.c: Connect to a Team Database (see jb-team-dialog.h).
 *
 * The connection opens in a worker thread: the first time, the whole team
 * database comes into this computer's replica (jb-store-team.c), which
 * takes seconds, and the dialog says how far it is.  When the server wants
 * a password the dialog asks for it, hands it to the store for this process
 * only (jb_store_set_team_password()) and tries again: the password is
 * never written anywhere, nor put in the recent connections, which hold
 * jb_store_get_location() (the connection without its password).  Once
 * open, the window switches to the team database; "Use the File on This
 * Computer" switches back to the usual file.
 *
 * Copy to a Team Database (jb_team_dialog_new_copy()) is the same dialog,
 * the same location, recent list and password: its worker opens the team
 * database, then the window's file again by its path (a store is used from
 * one thread), and copies every record of the file into the team database
 * (jb_exchange_copy(): ids kept, all or nothing there; the file is only
 * read), then the window switches to the team database as after Connect. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-exchange.h"
#include "jb-team-dialog.h"
#include "jb-window.h"

struct _JbTeamDialog {
  GtkWindow parent_instance;

  JbStore *store;       /* the window's, for the way back to the file */
  GSettings *settings;
  GCancellable *cancellable;
  gboolean busy;
  gboolean closed;
  gboolean copy;        /* Copy to a Team Database: the file's records go up */

  GtkLabel *intro;
  GtkEntry *location_entry;
  GtkWidget *password_box;
  GtkWidget *password_entry;
  GtkWidget *recent_label;
  GtkListBox *recent_list;
  GtkSpinner *spinner;
  GtkLabel *message;
  GtkWidget *local_button;
  GtkWidget *cancel_button;
  GtkWidget *connect_button;
};

G_DEFINE_FINAL_TYPE (JbTeamDialog, jb_team_dialog, GTK_TYPE_WINDOW)

void
jb_team_remember_location (GSettings *settings, const char *location)
{
  if (settings == NULL || location == NULL)
    return;
  g_auto (GStrv) old = g_settings_get_strv (settings, "team-recent");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 1;
  g_strv_builder_add (builder, location);
  for (guint i = 0; old[i] && n < JB_TEAM_RECENT_MAX; i++)
    if (!g_str_equal (old[i], location))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  g_auto (GStrv) recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "team-recent", (const char *const *) recent);
}

static void
say (JbTeamDialog *self, const char *text, gboolean error)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text && *text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
  /* Said, not only shown: the dialog's description changes with it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text ? text : "", -1);
}

static char *
location_text (JbTeamDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->location_entry))));
}

static void
set_busy (JbTeamDialog *self, gboolean busy)
{
  self->busy = busy;
  /* Off a control that becomes insensitive (GTK would leave its cursor
   * blinking without the focus): Cancel stops the connecting. */
  if (busy)
    gtk_widget_grab_focus (self->cancel_button);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->location_entry), !busy);
  gtk_widget_set_sensitive (self->password_entry, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_list), !busy);
  gtk_widget_set_sensitive (self->local_button, !busy);
  g_autofree char *location = location_text (self);
  gtk_widget_set_sensitive (self->connect_button, !busy && *location);
}

static void
on_location_changed (JbTeamDialog *self)
{
  g_autofree char *location = location_text (self);
  gtk_widget_set_sensitive (self->connect_button, !self->busy && *location);
}

/* ---- opening in a worker ------------------------------------------------ */

typedef struct {
  JbTeamDialog *self;
  int percent;
  gboolean copying;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;
  if (p->self->busy && !p->self->closed)
    {
      g_autofree char *text = p->copying
        /* TRANSLATORS: while Copy to a Team Database copies the file's records */
        ? g_strdup_printf (_("Copying this file’s records to the team database… %d %%"),
                           p->percent)
        /* TRANSLATORS: while a team database is copied to this computer */
        : g_strdup_printf (_("Bringing the team’s records to this computer… %d %%"), p->percent);
      say (p->self, text, FALSE);
    }
  g_object_unref (p->self);
  g_free (p);
  return G_SOURCE_REMOVE;
}

typedef struct {
  char *location;
  char *source_path;  /* Copy to a Team Database: the window's file */
  JbTeamDialog *self;
  int percent;   /* the last shown, in the worker */
  gboolean copying;  /* the file's records going up, after the opening */
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->location);
  g_free (job->source_path);
  g_free (job);
}

/* In the worker: one message per percent, not per page of records. */
static void
on_progress (double fraction, gpointer data)
{
  OpenJob *job = data;
  int percent = (int) (CLAMP (fraction, 0, 1) * 100);
  if (percent == job->percent)
    return;
  job->percent = percent;
  Progress *p = g_new (Progress, 1);
  p->self = g_object_ref (job->self);
  p->percent = percent;
  p->copying = job->copying;
  g_idle_add (show_progress, p);
}

static void
open_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  OpenJob *job = data;
  GError *error = NULL;
  JbStore *store = jb_store_open_team (job->location, NULL, cancellable, on_progress, job,
                                       &error);
  if (store && job->source_path)
    {
      /* The file again, on this thread: the window's store is the main
       * thread's.  Only read: the copy writes into the team database. */
      g_autoptr (JbStore) file = jb_store_open (job->source_path, &error);
      JbImportSummary copied = { 0 };
      job->copying = TRUE;
      job->percent = -1;
      if (file == NULL
          || !jb_exchange_copy (file, store, cancellable, on_progress, job, &copied, &error))
        g_clear_object (&store);
    }
  if (store)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* The window's store becomes @store: the dialog's work is done. */
static void
switch_to (JbTeamDialog *self, JbStore *store)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gtk_window_destroy (GTK_WINDOW (self));
  if (JB_IS_WINDOW (parent))
    jb_window_switch_store (JB_WINDOW (parent), store);
}

/* The connection failed: why, and the password asked for if that is it. */
static void
show_error (JbTeamDialog *self, const GError *error)
{
  gboolean password = g_error_matches (error, JB_STORE_ERROR, JB_STORE_ERROR_NEEDS_PASSWORD);
  gtk_widget_set_visible (self->password_box,
                          password || gtk_widget_get_visible (self->password_box));
  say (self, error->message, TRUE);
  gtk_widget_grab_focus (password ? self->password_entry : GTK_WIDGET (self->location_entry));
}

static void
open_done (GObject *source, GAsyncResult *result, gpointer data)
{
  JbTeamDialog *self = JB_TEAM_DIALOG (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) store = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->closed)
    return;  /* cancelled: the store, if it opened after all, goes */
  set_busy (self, FALSE);
  if (store == NULL)
    {
      show_error (self, error);
      return;
    }
  jb_team_remember_location (self->settings, jb_store_get_location (store));
  switch_to (self, store);
}

static void
connect_to (JbTeamDialog *self, const char *location)
{
  if (!jb_store_location_is_team (location))
    {
      say (self, _("This is not a team database: write it as postgresql://server/database or "
                   "as host=server dbname=database."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->location_entry));
      return;
    }
  /* A password typed is the store's, for this process only; the entry
   * forgets it at once. */
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  if (gtk_widget_get_visible (self->password_box) && *password)
    {
      jb_store_set_team_password (location, password);
      gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
    }
  OpenJob *job = g_new0 (OpenJob, 1);
  job->location = g_strdup (location);
  if (self->copy)
    job->source_path = g_strdup (jb_store_get_path (self->store));
  job->self = self;
  job->percent = -1;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  say (self, self->copy ? _("Connecting to the team database…") : _("Connecting…"), FALSE);

  g_autoptr (GTask) task = g_task_new (self, self->cancellable, open_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_run);
}

static void
on_connect_clicked (JbTeamDialog *self)
{
  g_autofree char *location = location_text (self);
  if (*location && !self->busy)
    connect_to (self, location);
}

/* ---- the recent connections -------------------------------------------- */

static const char *
row_location (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "location") : NULL;
}

static void
on_recent_selected (JbTeamDialog *self, GtkListBoxRow *row)
{
  const char *location = row_location (row);
  if (location)
    gtk_editable_set_text (GTK_EDITABLE (self->location_entry), location);
}

static void
on_recent_activated (JbTeamDialog *self, GtkListBoxRow *row)
{
  const char *location = row_location (row);
  if (location == NULL || self->busy)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), location);
  connect_to (self, location);
}

static void
fill_recent (JbTeamDialog *self)
{
  g_auto (GStrv) recent = self->settings ? g_settings_get_strv (self->settings, "team-recent")
                                         : NULL;
  gboolean any = recent && recent[0];
  for (guint i = 0; any && recent[i]; i++)
    {
      GtkWidget *label = gtk_label_new (recent[i]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      GtkWidget *row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "location", g_strdup (recent[i]), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      recent[i], -1);
      gtk_list_box_append (self->recent_list, row);
    }
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->recent_list),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  gtk_widget_set_visible (scroller, any);
  gtk_widget_set_visible (self->recent_label, any);
  if (any)
    gtk_editable_set_text (GTK_EDITABLE (self->location_entry), recent[0]);
}

/* ---- back to the file ---------------------------------------------------- */

static void
on_local_clicked (JbTeamDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = jb_store_default_path ();
  g_autoptr (JbStore) store = jb_store_open (path, &error);
  if (store == NULL)
    {
      say (self, error->message, TRUE);
      return;
    }
  switch_to (self, store);
}

/* ---- life cycle ------------------------------------------------------------ */

static gboolean
jb_team_dialog_close_request (GtkWindow *window)
{
  JbTeamDialog *self = JB_TEAM_DIALOG (window);
  /* Cancel while connecting: the worker stops, its store is dropped. */
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  self->closed = TRUE;
  return GTK_WINDOW_CLASS (jb_team_dialog_parent_class)->close_request (window);
}

static void
jb_team_dialog_dispose (GObject *object)
{
  JbTeamDialog *self = JB_TEAM_DIALOG (object);
  self->closed = TRUE;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), JB_TYPE_TEAM_DIALOG);
  G_OBJECT_CLASS (jb_team_dialog_parent_class)->dispose (object);
}

static void
jb_team_dialog_class_init (JbTeamDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jb_team_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = jb_team_dialog_close_request;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/jb-team-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, intro);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, location_entry);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, password_box);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, recent_label);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, recent_list);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, message);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, local_button);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, JbTeamDialog, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);
  gtk_widget_class_bind_template_callback (widget_class, on_location_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_local_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jb_team_dialog_init (JbTeamDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->connect_button);
}

JbTeamDialog *
jb_team_dialog_new (GtkWindow *parent, GSettings *settings, JbStore *store)
{
  JbTeamDialog *self = g_object_new (JB_TYPE_TEAM_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  gtk_widget_set_visible (self->local_button, jb_store_is_team (store));
  fill_recent (self);
  jb_a11y_present_dialog (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->location_entry));
  return self;
}

JbTeamDialog *
jb_team_dialog_new_copy (GtkWindow *parent, GSettings *settings, JbStore *store)
{
  g_return_val_if_fail (!jb_store_is_team (store), NULL);
  JbTeamDialog *self = g_object_new (JB_TYPE_TEAM_DIALOG, "transient-for", parent,
                                     "title", _("Copy to a Team Database"), NULL);
  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->copy = TRUE;
  gtk_label_set_text (self->intro,
                      _("Every record of this file is copied into the team database, with its "
                        "id: a record the team database holds already is updated if this "
                        "file’s copy is newer, never doubled. The file itself is not changed. "
                        "The window then works on the team database."));
  gtk_button_set_label (GTK_BUTTON (self->connect_button), _("C_opy"));
  fill_recent (self);
  jb_a11y_present_dialog (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->location_entry));
  return self;
}

/* @location as it may be shown: without a password written in it
 * (postgresql://name:secret@server/db, or password=secret). */
static char *
without_password (const char *location)
{
  if (g_str_has_prefix (location, "postgres"))
    {
      g_autoptr (GUri) uri = g_uri_parse (location, G_URI_FLAGS_HAS_PASSWORD, NULL);
      return uri ? g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD) : g_strdup (location);
    }
  g_auto (GStrv) words = g_strsplit (location, " ", -1);
  g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
  for (guint i = 0; words[i]; i++)
    if (!g_str_has_prefix (words[i], "password"))
      g_strv_builder_add (kept, words[i]);
  g_auto (GStrv) shown = g_strv_builder_end (kept);
  return g_strjoinv (" ", shown);
}

void
jb_team_dialog_show_failure (JbTeamDialog *self, const char *location, const GError *error)
{
  g_autofree char *shown = without_password (location);
  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), shown);
  show_error (self, error);
}

const char *
jb_team_dialog_get_message (JbTeamDialog *self)
{
  return gtk_label_get_text (self->message);
}

gboolean
jb_team_dialog_is_busy (JbTeamDialog *self)
{
  return self->busy;
}

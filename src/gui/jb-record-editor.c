/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record-editor.c: loading a record into its field editors, checking and
 * saving it through the store, and asking before an edit could be lost.
 * When the record changes underneath: jb-record-editor-merge.c. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-field-editor.h"
#include "jb-record-editor-private.h"
#include "jb-rules.h"

G_DEFINE_FINAL_TYPE (JbRecordEditor, jb_record_editor, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_KIND, PROP_DIRTY, N_PROPS };
static GParamSpec *dirty_pspec;

enum { SAVED, DELETED, N_SIGNALS };
static guint signals[N_SIGNALS];


/* A team database's role that may only read: nothing in the form can be
 * changed, saved or deleted (the window says why, once). */
static gboolean
writable (JbRecordEditor *self)
{
  return self->store == NULL || !jb_store_is_read_only (self->store);
}

/* "Entered by zhang · last saved by li", on a team database only. */
static void
show_authorship (JbRecordEditor *self)
{
  g_autofree char *author = NULL;
  g_autofree char *editor = NULL;
  gboolean known = self->store && self->record && jb_record_get_id (self->record) != 0 &&
                   !self->deleted && jb_store_is_team (self->store) &&
                   jb_record_get_uuid (self->record) &&
                   jb_store_get_authorship (self->store, jb_record_get_uuid (self->record),
                                            &author, &editor) && (author || editor);
  if (known)
    {
      g_autofree char *text = NULL;
      if (author && editor && !g_str_equal (author, editor))
        /* TRANSLATORS: a record of a team database: who entered it, who saved it last */
        text = g_strdup_printf (_("Entered by %s · last saved by %s"), author, editor);
      else
        /* TRANSLATORS: a record of a team database entered and last saved by the same person */
        text = g_strdup_printf (_("Entered and last saved by %s"), author ? author : editor);
      gtk_label_set_text (self->authorship, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->authorship), known);
}

void
jb_record_editor_update_state (JbRecordEditor *self)
{
  gboolean saved = self->record && jb_record_get_id (self->record) != 0 && !self->deleted;
  gboolean may_write = writable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->dirty && may_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revert", self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", saved && may_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-as-new", may_write);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_holder), may_write);
  show_authorship (self);
  /* The window marks the page of an unsaved edit. */
  g_object_notify_by_pspec (G_OBJECT (self), dirty_pspec);

  if (self->heading && self->record)
    {
      g_autofree char *text = NULL;
      if (!saved)
        /* TRANSLATORS: heading of the editor of a record not saved yet, e.g. "New Demand" */
        text = g_strdup_printf (_("New %s"), _(self->kind->label));
      else
        text = jb_record_get_heading (self->record);
      gtk_label_set_text (self->heading, text);
    }
  if (self->status)
    {
      gtk_label_set_text (self->status, self->dirty ? _("Unsaved changes") : "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
    }
}

void
jb_record_editor_show_error (JbRecordEditor *self, const char *message)
{
  if (self->status)
    {
      gtk_label_set_text (self->status, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
    }
}

/* A new record follows the records the user links it to, as one made from
 * them does (jb_rules_prefill()): choosing a deal's solution names its
 * parties.  What follows fills only the fields the user has not changed,
 * from the record's start (self->record) and the links chosen now, so
 * choosing another solution names the other solver. */
static void
follow_links (JbRecordEditor *self)
{
  if (jb_record_get_id (self->record) != 0 || self->kind->ops->prefill == NULL ||
      self->store == NULL)
    return;
  g_autoptr (JbRecord) follows = jb_record_copy (self->record);
  for (guint i = 0; i < self->fields->len; i++)
    {
      JbFieldEditor *fe = g_ptr_array_index (self->fields, i);
      if (jb_field_editor_is_touched (fe))
        jb_field_editor_read (fe, follows);
    }
  self->kind->ops->prefill (self->store, follows);
  for (guint i = 0; i < self->fields->len; i++)
    {
      JbFieldEditor *fe = g_ptr_array_index (self->fields, i);
      if (jb_field_editor_is_touched (fe))
        continue;
      g_autoptr (JbRecord) shown = jb_record_copy (self->record);
      jb_field_editor_read (fe, shown);
      guint index = jb_field_editor_get_index (fe);
      if (!jb_record_equal_field (shown, follows, index))
        jb_field_editor_load (fe, follows);
    }
}

static void
on_field_changed (JbRecordEditor *self, JbFieldEditor *changed)
{
  if (jb_field_editor_get_field (changed)->type == JB_TYPE_REF)
    follow_links (self);
  if (!self->dirty)
    {
      self->dirty = TRUE;
      jb_record_editor_update_state (self);
    }
}

static void
collect_field_editors (JbRecordEditor *self, GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (JB_IS_FIELD_EDITOR (child))
        {
          g_ptr_array_add (self->fields, child);
          g_signal_connect_swapped (child, "changed", G_CALLBACK (on_field_changed), self);
        }
      else
        collect_field_editors (self, child);
    }
}

GtkWidget *
jb_record_editor_new (JbKindId kind)
{
  return g_object_new (JB_TYPE_RECORD_EDITOR, "kind", kind, NULL);
}

static void
set_kind (JbRecordEditor *self, JbKindId kind)
{
  g_autofree char *path = g_strdup_printf ("/io/github/jiebang/Jiebang/jb-%s-form.ui",
                                           jb_kind_get (kind)->name);
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (path);

  self->kind = jb_kind_get (kind);
  gtk_box_append (self->form_holder, GTK_WIDGET (gtk_builder_get_object (builder, "form")));
  collect_field_editors (self, GTK_WIDGET (self->form_holder));
  self->record = jb_record_new (kind);
  jb_record_editor_update_state (self);
}

GtkWidget *
jb_record_editor_get_first_field (JbRecordEditor *self, gboolean unset)
{
  /* Links to other records are what a new record came with (a payment's
   * deal), or are optional: the first empty field of another type. */
  for (guint i = 0; unset && i < self->fields->len; i++)
    {
      JbFieldEditor *fe = g_ptr_array_index (self->fields, i);
      if (!jb_record_is_set (self->record, jb_field_editor_get_index (fe)) &&
          jb_field_editor_get_field (fe)->type != JB_TYPE_REF)
        return GTK_WIDGET (fe);
    }
  return self->fields->len ? g_ptr_array_index (self->fields, 0) : NULL;
}

GtkWidget *
jb_record_editor_get_field (JbRecordEditor *self, const char *field)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      JbFieldEditor *fe = g_ptr_array_index (self->fields, i);
      if (g_strcmp0 (jb_field_editor_get_field (fe)->name, field) == 0)
        return GTK_WIDGET (fe);
    }
  return NULL;
}

static void
show_record (JbRecordEditor *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    jb_field_editor_load (g_ptr_array_index (self->fields, i), self->record);
  self->dirty = FALSE;
  g_ptr_array_set_size (self->conflicts, 0);
  jb_record_editor_show_notice (self);
  jb_record_editor_update_state (self);
  if (self->store && !self->deleted)
    {
      jb_related_view_show (self->related, self->store, self->record);
      jb_match_view_show (self->matches, self->store, self->record);
      jb_history_view_show (self->history, self->store, self->record);
    }
}

void
jb_record_editor_set_store (JbRecordEditor *self, JbStore *store)
{

  if (self->store)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  self->store_changed_id = g_signal_connect_swapped (store, "changed",
                                                     G_CALLBACK (jb_record_editor_on_store_changed), self);
  for (guint i = 0; i < self->fields->len; i++)
    jb_field_editor_set_store (g_ptr_array_index (self->fields, i), store);
}

void
jb_record_editor_load (JbRecordEditor *self, gint64 id)
{
  g_autoptr (GError) error = NULL;
  JbRecord *record = id ? jb_store_load (self->store, self->kind->id, id, &error)
                        : jb_record_new (self->kind->id);

  if (record == NULL)
    {
      jb_record_editor_show_error (self, error->message);
      return;
    }
  if (id == 0)
    jb_rules_prefill (self->store, record);
  g_clear_object (&self->record);
  self->record = record;
  self->deleted = FALSE;
  show_record (self);
}

void
jb_record_editor_load_new (JbRecordEditor *self, JbRecord *record)
{
  g_return_if_fail (jb_record_get_id (record) == 0);
  g_clear_object (&self->record);
  self->record = jb_record_copy (record);
  self->deleted = FALSE;
  jb_rules_prefill (self->store, self->record);
  show_record (self);
  /* Prefilled values are the user's start: leaving asks before they go. */
  self->dirty = TRUE;
  jb_record_editor_update_state (self);
}

gint64
jb_record_editor_get_id (JbRecordEditor *self)
{
  return self->record ? jb_record_get_id (self->record) : 0;
}

gboolean
jb_record_editor_is_dirty (JbRecordEditor *self)
{
  return self->dirty;
}

/* What a save writes: for a stored record, the record as stored now with
 * only the fields the user changed from the form's base on top (a value
 * written meanwhile by another page stays); for a new one (or one deleted
 * meanwhile, saved as new), the whole form.  NULL when the user must look
 * first (the record changed meanwhile in a field they changed too). */
static JbRecord *
work_to_save (JbRecordEditor *self, GPtrArray *unreadable)
{
  g_autoptr (JbRecord) work = NULL;
  g_autoptr (GError) error = NULL;

  if (jb_record_get_id (self->record) != 0)
    switch (jb_record_editor_catch_up (self, &work, &error))
      {
      case JB_CATCH_UP_FAILED:
        jb_record_editor_show_error (self, error->message);
        return NULL;
      case JB_CATCH_UP_NEWS:
        jb_record_editor_show_error (self, self->deleted
                                           ? _("Not saved: the record was deleted elsewhere.")
                                           : _("Not saved: the record was changed elsewhere "
                                               "meanwhile. Please check the values shown."));
        return NULL;
      case JB_CATCH_UP_OK:
        break;
      }
  gboolean whole = work == NULL;
  if (whole)
    {
      work = jb_record_copy (self->record);
      /* Deleted meanwhile: a new record with what the form shows. */
      jb_record_set_id (work, 0);
      jb_record_set_uuid (work, NULL);
      jb_record_set_times (work, NULL, NULL);
    }
  for (guint i = 0; i < self->fields->len; i++)
    {
      JbFieldEditor *fe = g_ptr_array_index (self->fields, i);
      jb_field_editor_set_error (fe, NULL);
      if ((whole || jb_field_editor_differs (fe, self->record)) &&
          !jb_field_editor_collect (fe, work))
        g_ptr_array_add (unreadable, fe);
    }
  return g_steal_pointer (&work);
}

/* Every problem in one round: what cannot be read (@unreadable, which keeps
 * its message), and what the store's checks refuse in the rest of @work, at
 * its field; a problem of no field below.  FALSE if any. */
static gboolean
show_problems (JbRecordEditor *self, JbRecord *work, GPtrArray *unreadable)
{
  g_autoptr (GPtrArray) problems = jb_problems_new ();
  g_autoptr (GError) error = NULL;
  JbFieldEditor *first_bad = NULL;
  guint n_bad = 0;

  if (!jb_store_check (self->store, work, problems, &error))
    {
      jb_record_editor_show_error (self, error->message);
      return FALSE;
    }
  const char *record_problem = NULL;
  for (guint p = 0; p < problems->len; p++)
    {
      JbProblem *problem = g_ptr_array_index (problems, p);
      gboolean placed = FALSE;
      for (guint i = 0; i < self->fields->len; i++)
        {
          JbFieldEditor *fe = g_ptr_array_index (self->fields, i);
          if ((int) jb_field_editor_get_index (fe) == problem->field)
            {
              if (!g_ptr_array_find (unreadable, fe, NULL))
                jb_field_editor_set_error (fe, problem->message);
              placed = TRUE;
            }
        }
      if (!placed && record_problem == NULL)
        record_problem = problem->message;
    }
  for (guint i = 0; i < self->fields->len; i++)
    {
      JbFieldEditor *fe = g_ptr_array_index (self->fields, i);
      if (jb_field_editor_get_error (fe))
        {
          n_bad++;
          if (first_bad == NULL)
            first_bad = fe;
        }
    }
  if (first_bad || record_problem)
    {
      g_autofree char *status = NULL;
      if (first_bad)
        status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Not saved: please correct the marked field.",
                                               "Not saved: please correct the %u marked fields.",
                                               n_bad), n_bad);
      jb_record_editor_show_error (self, record_problem ? record_problem : status);
      if (first_bad)
        gtk_widget_grab_focus (GTK_WIDGET (first_bad));
      return FALSE;
    }
  return TRUE;
}

gboolean
jb_record_editor_save (JbRecordEditor *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) unreadable = g_ptr_array_new ();
  g_autoptr (JbRecord) work = work_to_save (self, unreadable);

  if (work == NULL || !show_problems (self, work, unreadable))
    return FALSE;

  self->saving = TRUE;
  gboolean saved = jb_store_save (self->store, work, JB_SAVE_DEFAULT, &error);
  self->saving = FALSE;
  /* A team database: a code or name someone else saved meanwhile, which the
   * store has brought in and refused as the checks refuse any clash: at its
   * field, as if it had been there before. */
  if (!saved && g_error_matches (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID) &&
      !show_problems (self, work, unreadable))
    return FALSE;
  if (!saved)
    {
      /* A team database: someone saved (or deleted) the record meanwhile.
       * The store has already brought their change, while this save kept
       * the form from hearing of it: merge it now, so that the notice shows
       * both values (or offers to save as new), with the message that says
       * who. */
      if (jb_record_get_id (self->record) != 0 &&
          (g_error_matches (error, JB_STORE_ERROR, JB_STORE_ERROR_CONFLICT) ||
           g_error_matches (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND)))
        {
          g_autoptr (JbRecord) fresh = NULL;
          g_autoptr (GError) merge_error = NULL;
          jb_record_editor_catch_up (self, &fresh, &merge_error);
        }
      jb_record_editor_show_error (self, error->message);
      return FALSE;
    }
  g_set_object (&self->record, work);
  self->deleted = FALSE;
  show_record (self);
  g_signal_emit (self, signals[SAVED], 0, jb_record_get_id (work));
  return TRUE;
}

typedef struct {
  JbRecordEditor *self;
  JbLeaveFunc func;
  gpointer user_data;
} LeaveRequest;

enum { RESPONSE_DISCARD = 1, RESPONSE_SAVE = 2 };

static void
on_leave_response (GtkDialog *dialog, int response, LeaveRequest *request)
{
  JbRecordEditor *self = request->self;
  gboolean may_leave = FALSE;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == RESPONSE_SAVE)
    may_leave = jb_record_editor_save (self);
  else if (response == RESPONSE_DISCARD)
    {
      show_record (self);
      may_leave = TRUE;
    }
  request->func (may_leave, request->user_data);
  g_object_unref (self);
  g_free (request);
}

void
jb_record_editor_confirm_leave (JbRecordEditor *self, JbLeaveFunc func, gpointer user_data)
{

  if (!self->dirty)
    {
      func (TRUE, user_data);
      return;
    }

  g_autofree char *title = jb_record_get_heading (self->record);
  g_autofree char *question = jb_record_get_id (self->record)
                              ? g_strdup_printf (_("Save changes to “%s”?"), title)
                              : g_strdup (_("Save the new record?"));
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                              question);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("If you don’t save, your changes will be lost."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), RESPONSE_DISCARD, _("_Save"), RESPONSE_SAVE, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_SAVE);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                RESPONSE_DISCARD),
                            "destructive-action");
  LeaveRequest *request = g_new0 (LeaveRequest, 1);
  request->self = g_object_ref (self);
  request->func = func;
  request->user_data = user_data;
  g_signal_connect (dialog, "response", G_CALLBACK (on_leave_response), request);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget *widget, const char *action, GVariant *param)
{
  jb_record_editor_save (JB_RECORD_EDITOR (widget));
}

static void
revert_action (GtkWidget *widget, const char *action, GVariant *param)
{
  show_record (JB_RECORD_EDITOR (widget));
}

static void
on_delete_response (GtkDialog *dialog, int response, JbRecordEditor *self)
{
  g_autoptr (GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  /* Its own deletion is no news to the form (jb-record-editor-merge.c). */
  self->saving = TRUE;
  gboolean deleted = jb_store_delete (self->store, self->kind->id,
                                      jb_record_get_id (self->record), &error);
  self->saving = FALSE;
  if (!deleted)
    {
      GtkWidget *refusal = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                                   _("Could not delete"));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (refusal), "%s",
                                                error->message);
      g_signal_connect (refusal, "response", G_CALLBACK (gtk_window_destroy), NULL);
      jb_a11y_present_dialog (GTK_WINDOW (refusal));
      return;
    }
  gint64 id = jb_record_get_id (self->record);
  jb_record_editor_load (self, 0);
  g_signal_emit (self, signals[DELETED], 0, id);
}

static void
delete_action (GtkWidget *widget, const char *action, GVariant *param)
{
  JbRecordEditor *self = JB_RECORD_EDITOR (widget);

  if (jb_record_get_id (self->record) == 0)
    return;
  g_autofree char *heading = jb_record_get_heading (self->record);
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                              _("Delete “%s”?"), heading);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("The record and its unsaved changes will be gone. "
                                              "Its history stays in the database."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Delete"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

static void
jb_record_editor_dispose (GObject *object)
{
  JbRecordEditor *self = JB_RECORD_EDITOR (object);

  if (self->store)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), JB_TYPE_RECORD_EDITOR);
  /* The template's top box has no id, so dispose_template() leaves it. */
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jb_record_editor_parent_class)->dispose (object);
}

static void
jb_record_editor_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  if (prop_id == PROP_KIND)
    set_kind (JB_RECORD_EDITOR (object), g_value_get_uint (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jb_record_editor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_KIND)
    g_value_set_uint (value, JB_RECORD_EDITOR (object)->kind->id);
  else if (prop_id == PROP_DIRTY)
    g_value_set_boolean (value, JB_RECORD_EDITOR (object)->dirty);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jb_record_editor_class_init (JbRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jb_record_editor_dispose;
  object_class->set_property = jb_record_editor_set_property;
  object_class->get_property = jb_record_editor_get_property;

  g_object_class_install_property (object_class, PROP_KIND,
                                   g_param_spec_uint ("kind", NULL, NULL, 0, JB_N_KINDS - 1, 0,
                                                      G_PARAM_READWRITE |
                                                      G_PARAM_CONSTRUCT_ONLY |
                                                      G_PARAM_STATIC_STRINGS));
  /* JbRecordEditor:dirty: the form holds changes not saved. */
  dirty_pspec = g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_DIRTY, dirty_pspec);

  g_type_ensure (JB_TYPE_FIELD_EDITOR);
  g_type_ensure (JB_TYPE_RELATED_VIEW);
  g_type_ensure (JB_TYPE_MATCH_VIEW);
  g_type_ensure (JB_TYPE_HISTORY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/jb-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, heading);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, authorship);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, status);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, notice);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, notice_label);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, take_theirs_button);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, keep_mine_button);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, save_new_button);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, form_holder);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, related);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, matches);
  gtk_widget_class_bind_template_child (widget_class, JbRecordEditor, history);

  /* JbRecordEditor::saved: the record with this id was saved. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* JbRecordEditor::deleted: the record with this id was deleted. */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  jb_record_editor_merge_class_init (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "jbrecordeditor");
}

/* An invitation or dismissal from the matches is a line of the history. */
static void
on_match_decided (JbRecordEditor *self)
{
  if (self->store && self->record)
    jb_history_view_show (self->history, self->store, self->record);
}

static void
jb_record_editor_init (JbRecordEditor *self)
{
  self->fields = g_ptr_array_new ();
  self->conflicts = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->matches, "decided", G_CALLBACK (on_match_decided), self);
  jb_a11y_scroll_to_focus (GTK_VIEWPORT (gtk_widget_get_ancestor (GTK_WIDGET (self->form_holder),
                                                                 GTK_TYPE_VIEWPORT)),
                           JB_TYPE_FIELD_EDITOR);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record-editor-merge.c: an open record that changes underneath (part of
 * JbRecordEditor, see jb-record-editor-private.h).
 *
 * Another page's action (selecting a solution marks its demand matched), an
 * import, a restore or another program may write the record shown.  It is
 * a three-way merge, with the record as the form last loaded it as the
 * base: a field the user has not changed takes the stored value; a field
 * the user changed keeps the user's value; when both changed it differently
 * the notice says so, with the other value, and offers to take theirs.  A
 * save then writes only the user's changes, on top of the stored record.
 * The records shown beside the form (jb-related-view.c) and its history are
 * read again too. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-field-editor.h"
#include "jb-record-editor-private.h"

/* Whether @a and @b hold the same values (times and ids aside). */
static gboolean
same_fields (JbRecord *a, JbRecord *b)
{
  const JbKind *kind = jb_record_get_kind (a);
  for (guint i = 0; i < kind->n_fields; i++)
    if (!jb_record_equal_field (a, b, i))
      return FALSE;
  return TRUE;
}

/* Takes @theirs as the new base; returns whether a conflict is new. */
static gboolean
merge (JbRecordEditor *self, JbRecord *theirs)
{
  JbRecord *base = self->record;
  gboolean news = FALSE;

  for (guint n = 0; n < self->fields->len; n++)
    {
      JbFieldEditor *fe = g_ptr_array_index (self->fields, n);
      guint i = jb_field_editor_get_index (fe);
      if (jb_record_equal_field (base, theirs, i))
        continue;  /* not changed there: whatever the user has stays */
      if (!jb_field_editor_differs (fe, base))
        {
          /* Not changed here: theirs. */
          jb_field_editor_load (fe, theirs);
          g_ptr_array_remove (self->conflicts, fe);
        }
      else if (!jb_field_editor_differs (fe, theirs))
        g_ptr_array_remove (self->conflicts, fe);  /* both made the same change */
      else if (!g_ptr_array_find (self->conflicts, fe, NULL))
        {
          g_ptr_array_add (self->conflicts, fe);
          news = TRUE;
        }
    }
  g_set_object (&self->record, theirs);

  /* A conflict the user resolved by typing their value meanwhile is over. */
  for (guint c = self->conflicts->len; c-- > 0;)
    if (!jb_field_editor_differs (g_ptr_array_index (self->conflicts, c), self->record))
      g_ptr_array_remove_index (self->conflicts, c);
  gboolean dirty = FALSE;
  for (guint n = 0; n < self->fields->len && !dirty; n++)
    dirty = jb_field_editor_differs (g_ptr_array_index (self->fields, n), self->record);
  self->dirty = dirty;
  self->deleted = FALSE;
  return news;
}

static void
mark_deleted (JbRecordEditor *self)
{
  self->deleted = TRUE;
  g_ptr_array_set_size (self->conflicts, 0);
  /* Nothing refers to a record that is gone. */
  g_autoptr (JbRecord) none = jb_record_new (self->kind->id);
  jb_related_view_show (self->related, self->store, none);
  jb_match_view_show (self->matches, self->store, none);
  jb_history_view_show (self->history, self->store, none);
}

JbCatchUp
jb_record_editor_catch_up (JbRecordEditor *self, JbRecord **fresh, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (JbRecord) stored = jb_store_load (self->store, self->kind->id,
                                               jb_record_get_id (self->record), &local);
  *fresh = NULL;
  /* Row ids come back after a delete (or a restore): another record under
   * the same id is not this one. */
  if (stored && g_strcmp0 (jb_record_get_uuid (stored), jb_record_get_uuid (self->record)) != 0)
    {
      g_clear_object (&stored);
      g_set_error_literal (&local, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND, "");
    }
  if (stored == NULL && g_error_matches (local, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND))
    {
      gboolean news = !self->deleted;
      if (news)
        mark_deleted (self);
      jb_record_editor_show_notice (self);
      jb_record_editor_update_state (self);
      return news ? JB_CATCH_UP_NEWS : JB_CATCH_UP_OK;
    }
  if (stored == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return JB_CATCH_UP_FAILED;
    }

  gboolean news = self->deleted;
  if (self->deleted || !same_fields (stored, self->record))
    news |= merge (self, stored);
  else
    /* The same values: its times (and reference titles) are the store's. */
    g_set_object (&self->record, stored);
  jb_record_editor_show_notice (self);
  jb_record_editor_update_state (self);
  if (news)
    return JB_CATCH_UP_NEWS;
  *fresh = jb_record_copy (stored);
  return JB_CATCH_UP_OK;
}

void
jb_record_editor_on_store_changed (JbRecordEditor *self, guint kinds)
{
  /* New organizations, people or events become choices at once. */
  for (guint i = 0; i < self->fields->len; i++)
    {
      JbFieldEditor *fe = g_ptr_array_index (self->fields, i);
      const JbField *f = jb_field_editor_get_field (fe);
      if (f->type == JB_TYPE_REF && (kinds & (1u << f->ref_kind)))
        jb_field_editor_reload_choices (fe);
    }
  /* Our own save shows the saved record when it is done. */
  if (self->saving || self->record == NULL || jb_record_get_id (self->record) == 0)
    return;

  if (kinds & (1u << self->kind->id))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JbRecord) fresh = NULL;
      if (jb_record_editor_catch_up (self, &fresh, &error) == JB_CATCH_UP_FAILED)
        jb_record_editor_show_error (self, error->message);
    }
  if (self->deleted)
    return;
  /* A deal's payments, a demand's solutions… and what they add up to. */
  jb_related_view_show (self->related, self->store, self->record);
  if (kinds & (1u << self->kind->id))
    jb_history_view_show (self->history, self->store, self->record);
}

/* "Status: “Matched” there, yours “Published”" */
static char *
describe_conflict (JbRecordEditor *self, JbFieldEditor *fe)
{
  guint i = jb_field_editor_get_index (fe);
  g_autofree char *theirs = jb_record_format_field (self->record, i);
  g_autofree char *mine = jb_field_editor_format_input (fe, self->record);
  const char *none = C_("no value", "empty");
  /* TRANSLATORS: a field changed elsewhere and in the form: field, the
   * stored value, the value in the form */
  return g_strdup_printf (_("%s: “%s” there, yours “%s”"),
                          _(jb_field_editor_get_field (fe)->label),
                          theirs && *theirs ? theirs : none,
                          mine == NULL ? _("not valid") : *mine ? mine : none);
}

void
jb_record_editor_show_notice (JbRecordEditor *self)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (self->deleted)
    g_string_append (text, _("This record was deleted elsewhere. “Save as New” keeps what the "
                             "form shows as a new record."));
  else if (self->conflicts->len > 0)
    {
      g_string_append (text, _("Changed elsewhere while you were editing it:"));
      for (guint c = 0; c < self->conflicts->len; c++)
        {
          g_autofree char *line = describe_conflict (self, g_ptr_array_index (self->conflicts, c));
          g_string_append_printf (text, "\n%s", line);
        }
      g_string_append_printf (text, "\n%s", _("Saving keeps your values."));
    }
  gtk_label_set_text (self->notice_label, text->str);
  /* A screen reader reads the alert's text as its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notice),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
  gtk_widget_set_visible (self->notice, text->len > 0);
  gtk_widget_set_visible (self->take_theirs_button, !self->deleted && self->conflicts->len > 0);
  gtk_widget_set_visible (self->keep_mine_button, !self->deleted && self->conflicts->len > 0);
  gtk_widget_set_visible (self->save_new_button, self->deleted);
}

/* The stored values in the fields that conflict. */
static void
take_theirs_action (GtkWidget *widget, const char *action, GVariant *param)
{
  JbRecordEditor *self = JB_RECORD_EDITOR (widget);
  GtkWidget *first = self->conflicts->len ? g_ptr_array_index (self->conflicts, 0) : NULL;

  for (guint c = 0; c < self->conflicts->len; c++)
    jb_field_editor_load (g_ptr_array_index (self->conflicts, c), self->record);
  g_ptr_array_set_size (self->conflicts, 0);
  gboolean dirty = FALSE;
  for (guint n = 0; n < self->fields->len && !dirty; n++)
    dirty = jb_field_editor_differs (g_ptr_array_index (self->fields, n), self->record);
  self->dirty = dirty;
  jb_record_editor_show_notice (self);
  jb_record_editor_update_state (self);
  /* The button pressed is gone: on to the field that took their value. */
  if (first)
    gtk_widget_grab_focus (first);
}

/* The user's values stay (a save writes them); the notice goes, and the
 * focus to the first of them. */
static void
keep_mine_action (GtkWidget *widget, const char *action, GVariant *param)
{
  JbRecordEditor *self = JB_RECORD_EDITOR (widget);
  GtkWidget *first = self->conflicts->len ? g_ptr_array_index (self->conflicts, 0) : NULL;

  g_ptr_array_set_size (self->conflicts, 0);
  jb_record_editor_show_notice (self);
  if (first)
    gtk_widget_grab_focus (first);
}

static void
save_as_new_action (GtkWidget *widget, const char *action, GVariant *param)
{
  JbRecordEditor *self = JB_RECORD_EDITOR (widget);
  if (self->deleted)
    jb_record_editor_save (self);
}

void
jb_record_editor_merge_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.take-theirs", NULL, take_theirs_action);
  gtk_widget_class_install_action (widget_class, "editor.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "editor.save-as-new", NULL, save_as_new_action);
}

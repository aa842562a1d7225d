/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record-editor.h: editing one record of a kind, never losing an edit. */
#pragma once

#include <gtk/gtk.h>

#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_RECORD_EDITOR (jb_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (JbRecordEditor, jb_record_editor, JB, RECORD_EDITOR, GtkWidget)

/* Called with TRUE when the edited record may be left (saved, discarded or
 * unchanged), FALSE when the user chose to stay. */
typedef void (*JbLeaveFunc) (gboolean may_leave, gpointer user_data);

/* The form of @kind comes from the resource ui/jb-KIND-form.ui. */
GtkWidget     *jb_record_editor_new           (JbKindId        kind);
void           jb_record_editor_set_store     (JbRecordEditor *self,
                                               JbStore        *store);
/* Shows the record with @id, or a new one (id 0). */
void           jb_record_editor_load          (JbRecordEditor *self,
                                               gint64          id);
/* Shows a new record with some fields already set (a deal from a solution). */
void           jb_record_editor_load_new      (JbRecordEditor *self,
                                               JbRecord       *record);
gint64         jb_record_editor_get_id        (JbRecordEditor *self);
gboolean       jb_record_editor_is_dirty      (JbRecordEditor *self);
/* Validates and saves; on failure the messages stand at the fields. */
gboolean       jb_record_editor_save          (JbRecordEditor *self);
/* Asks to save or discard unsaved changes, then calls @func. */
void           jb_record_editor_confirm_leave (JbRecordEditor *self,
                                               JbLeaveFunc     func,
                                               gpointer        user_data);
/* The first JbFieldEditor of the form; with @unset, where one types in a new
 * record: the first field it leaves empty that is not a reference. */
GtkWidget     *jb_record_editor_get_first_field (JbRecordEditor *self,
                                                 gboolean        unset);
/* The JbFieldEditor of @field, for tests and focus. */
GtkWidget     *jb_record_editor_get_field     (JbRecordEditor *self,
                                               const char     *field);

G_END_DECLS

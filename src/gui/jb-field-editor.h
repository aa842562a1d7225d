/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-field-editor.h: a label, an input and a place for its error, for one field. */
#pragma once

#include <gtk/gtk.h>

#include "jb-record.h"
#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_FIELD_EDITOR (jb_field_editor_get_type ())
G_DECLARE_FINAL_TYPE (JbFieldEditor, jb_field_editor, JB, FIELD_EDITOR, GtkWidget)

const JbField *jb_field_editor_get_field     (JbFieldEditor *self);
guint          jb_field_editor_get_index     (JbFieldEditor *self);
/* The entry, JbPicker, text view or check button the user types into. */
GtkWidget     *jb_field_editor_get_input     (JbFieldEditor *self);
/* References choose among the store's records of the target kind. */
void           jb_field_editor_set_store     (JbFieldEditor *self, JbStore *store);
void           jb_field_editor_reload_choices (JbFieldEditor *self);
void           jb_field_editor_load          (JbFieldEditor *self, JbRecord *record);
/* Whether the user changed the input since it was last loaded. */
gboolean       jb_field_editor_is_touched    (JbFieldEditor *self);
/* Whether the user changed the input to something other than @base's value
 * (or to what cannot be read); an input the user has not touched never
 * differs, whatever the input's own formatting makes of the value. */
gboolean       jb_field_editor_differs       (JbFieldEditor *self, JbRecord *base);
/* The input's value as the user reads it (as a copy of @base would hold
 * it), or NULL when it cannot be read.  Shows no error. */
char          *jb_field_editor_format_input  (JbFieldEditor *self, JbRecord *base);
/* Reads the input into @record; FALSE if it cannot be read, and no error
 * shown (the user may be typing). */
gboolean       jb_field_editor_read          (JbFieldEditor *self, JbRecord *record);
/* Reads the input into @record; FALSE (and the error shown) if it cannot be read. */
gboolean       jb_field_editor_collect       (JbFieldEditor *self, JbRecord *record);
void           jb_field_editor_set_error     (JbFieldEditor *self, const char *message);
/* The message shown at the field, or NULL. */
const char    *jb_field_editor_get_error     (JbFieldEditor *self);

G_END_DECLS

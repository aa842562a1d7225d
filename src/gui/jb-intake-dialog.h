/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake-dialog.h: importing a spreadsheet (a district's 需求征集汇总表):
 * the sheet, what its rows are, where each column goes, what values outside
 * Jiebang's choices mean, a preview with each row's problems, then the
 * import, all or nothing, with the rejected rows saved for their senders. */
#pragma once

#include <gtk/gtk.h>

#include "jb-picker.h"
#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_INTAKE_DIALOG (jb_intake_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JbIntakeDialog, jb_intake_dialog, JB, INTAKE_DIALOG, GtkWindow)

/* Opens @file and shows the dialog; the reading happens in a worker thread. */
JbIntakeDialog *jb_intake_dialog_new          (GtkWindow *parent, JbStore *store, GFile *file);
/* TRUE while the dialog reads or imports (for tests: wait until FALSE). */
gboolean        jb_intake_dialog_is_busy      (JbIntakeDialog *self);
/* What the dialog says about the file or the import. */
const char     *jb_intake_dialog_get_status   (JbIntakeDialog *self);
/* The picker that sends column @column to a field, or NULL. */
JbPicker       *jb_intake_dialog_get_column_picker (JbIntakeDialog *self, guint column);
/* Rows shown in the preview. */
guint           jb_intake_dialog_get_n_preview_rows (JbIntakeDialog *self);

G_END_DECLS

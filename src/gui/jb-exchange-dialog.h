/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-exchange-dialog.h: an import or export running off the main thread, with
 * its progress, a way to cancel, and the outcome. */
#pragma once

#include <gtk/gtk.h>

#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_EXCHANGE_DIALOG (jb_exchange_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JbExchangeDialog, jb_exchange_dialog, JB, EXCHANGE_DIALOG, GtkWindow)

/* Imports @file into the database of @store (all or nothing), then tells
 * @store's listeners. */
JbExchangeDialog *jb_exchange_dialog_import (GtkWindow *parent, JbStore *store, GFile *file);
/* Exports everything (@demand_ids NULL) or those demands and what they refer to. */
JbExchangeDialog *jb_exchange_dialog_export (GtkWindow *parent, JbStore *store, GFile *file,
                                             GArray *demand_ids);
/* What the dialog shows as the outcome (for tests and screen readers alike). */
const char       *jb_exchange_dialog_get_message (JbExchangeDialog *self);
void              jb_exchange_dialog_cancel      (JbExchangeDialog *self);

G_END_DECLS

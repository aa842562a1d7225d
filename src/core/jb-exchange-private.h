/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-exchange-private.h: what the XML reader and writer share. */
#pragma once

#include "jb-exchange.h"

G_BEGIN_DECLS

/* The element of a field: its name, without "_id" for references
 * (owner_id → <owner ref="…"/>). */
const char  *jb_exchange_element_name  (const JbKind *kind, guint field);

/* For tests: how many ids of a file an import keeps in memory before the
 * store's temporary table takes the rest (0: the default). */
void         jb_exchange_set_ids_in_memory (guint n);
/* For tests: the size from which an import saves in bulk (0: every file;
 * negative: the default). */
void         jb_exchange_set_bulk_from     (goffset bytes);

/* jb_exchange_import_stream() in the caller's transaction (jb_store_begin()),
 * which the caller commits, or rolls back on failure. */
gboolean     jb_exchange_import_in_transaction (JbStore           *store,
                                                GInputStream      *stream,
                                                const char        *name,
                                                goffset            size,
                                                GCancellable      *cancellable,
                                                JbProgressFunc     progress,
                                                gpointer           user_data,
                                                JbImportSummary   *summary,
                                                GError           **error);

G_END_DECLS

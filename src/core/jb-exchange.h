/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-exchange.h: the XML exchange format (data/exchange/README.md).
 *
 * Import and export stream: memory stays bounded whatever the file's size.
 * Imports are all or nothing and treat every file as hostile. */
#pragma once

#include <gio/gio.h>

#include "jb-store.h"

G_BEGIN_DECLS

#define JB_EXCHANGE_NAMESPACE "urn:jiebang:exchange:1"
#define JB_EXCHANGE_VERSION "1"

#define JB_EXCHANGE_ERROR (jb_exchange_error_quark ())

typedef enum {
  JB_EXCHANGE_ERROR_INVALID,  /* the file is not a valid exchange file */
  JB_EXCHANGE_ERROR_REFUSED,  /* a record breaks a rule of the store */
} JbExchangeError;

/* Totals over all kinds.  unchanged: the database holds the same copy;
 * refused: the database holds a newer (or a different, equally recent) copy,
 * which is kept. */
typedef struct {
  guint created, updated, unchanged, refused;
} JbImportSummary;

GQuark    jb_exchange_error_quark      (void);

/* Makes libxml2 refuse to load any external resource, process-wide.  Import
 * calls it; calling it once from main() first avoids racing threads. */
void      jb_exchange_init             (void);

/* All or nothing.  Keeps a copy of the database as it was before (next to it:
 * "<db>.before-import", jb_store_end_import()).  Errors read "FILE:LINE:
 * what is wrong". */
gboolean  jb_exchange_import           (JbStore          *store,
                                        GFile            *file,
                                        GCancellable     *cancellable,
                                        JbProgressFunc    progress,
                                        gpointer          user_data,
                                        JbImportSummary  *summary,
                                        GError          **error);
/* The same from a stream, without the backup.  @name names the file in
 * messages; @size (-1 if unknown) drives the progress. */
gboolean  jb_exchange_import_stream    (JbStore          *store,
                                        GInputStream     *stream,
                                        const char       *name,
                                        goffset           size,
                                        GCancellable     *cancellable,
                                        JbProgressFunc    progress,
                                        gpointer          user_data,
                                        JbImportSummary  *summary,
                                        GError          **error);

/* @demand_ids NULL: everything; else only those demands (row ids, gint64) and
 * every record they refer to, transitively.  Written to a temporary file in
 * the same folder and renamed into place: a failed export leaves no file. */
gboolean  jb_exchange_export           (JbStore          *store,
                                        GFile            *file,
                                        GArray           *demand_ids,
                                        GCancellable     *cancellable,
                                        GError          **error);
gboolean  jb_exchange_export_stream    (JbStore          *store,
                                        GOutputStream    *stream,
                                        GArray           *demand_ids,
                                        GCancellable     *cancellable,
                                        GError          **error);

/* Every record of @from into @to, ids and times kept, as an export of one
 * imported into the other (a record @to holds already is updated when
 * @from's copy is newer): a file's records up to a team database, or a
 * team database's down to a file to work offline.  All or nothing in @to. */
gboolean  jb_exchange_copy             (JbStore          *from,
                                        JbStore          *to,
                                        GCancellable     *cancellable,
                                        JbProgressFunc    progress,
                                        gpointer          user_data,
                                        JbImportSummary  *summary,
                                        GError          **error);

/* TRUE if @file starts as XML does ('<' after a byte order mark and spaces,
 * in UTF-8 or UTF-16), or cannot be read (the import then says why):
 * anything else is taken for a spreadsheet. */
gboolean  jb_exchange_looks_like_xml   (GFile            *file);

/* "3 created, 1 updated, …" for the user. */
char     *jb_import_summary_to_string  (const JbImportSummary *summary);

G_END_DECLS

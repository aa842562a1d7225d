/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-csv.h: tables as CSV that spreadsheet programs open correctly with
 * Chinese text: UTF-8 with a byte order mark, RFC 4180 quoting, CRLF. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Appends one field, quoted when it holds a comma, a quote, CR or LF (or
 * starts/ends with a space), quotes doubled. */
void      jb_csv_append_field (GString *line, const char *field);
/* Appends a record: the fields separated by commas, then CRLF. NULL cells are
 * empty; @n_cells < 0 means @cells is NULL-terminated. */
void      jb_csv_append_row   (GString *out, const char * const *cells, int n_cells);

/* Writes the byte order mark to @stream (once, before the first row). */
gboolean  jb_csv_write_bom    (GOutputStream *stream, GCancellable *cancellable, GError **error);
gboolean  jb_csv_write_row    (GOutputStream *stream, const char * const *cells, int n_cells,
                               GCancellable *cancellable, GError **error);

/* Called for row @i (from 0) until it returns NULL: the row's cells,
 * NULL-terminated, freed by the writer. */
typedef GStrv (*JbCsvRowFunc) (guint i, gpointer user_data);

/* Writes @header and the rows to @file through a temporary file beside it,
 * renamed into place: a failed or cancelled write leaves no half-written file. */
gboolean  jb_csv_write_file   (GFile              *file,
                               const char * const *header,
                               JbCsvRowFunc        row_func,
                               gpointer            user_data,
                               GCancellable       *cancellable,
                               GError            **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-xlsx.h: tables written as .xlsx (libxlsxwriter): numbers as numbers,
 * dates as dates, amounts as numbers with their unit in the header (万元
 * under Chinese, yuan otherwise).  Files are written beside their place and
 * renamed into it: a failed write leaves no half file. */
#pragma once

#include <gio/gio.h>

#include "jb-intake.h"
#include "jb-record.h"

G_BEGIN_DECLS

/* Called for row @i (from 0) until it returns NULL: a new reference. */
typedef JbRecord *(*JbXlsxRecordFunc) (guint i, gpointer user_data);

/* Writes the records as a table: a header row (@headers, as shown) and a row
 * per record with the fields @fields (indexes in the kind's table), each cell
 * typed by its field. */
gboolean  jb_xlsx_write_records  (GFile              *file,
                                  const char         *sheet_name,
                                  JbKindId            kind,
                                  const char * const *headers,
                                  const guint        *fields,
                                  guint               n_fields,
                                  JbXlsxRecordFunc    row_func,
                                  gpointer            user_data,
                                  GCancellable       *cancellable,
                                  GError            **error);

/* The blank collection form (需求征集表) for enterprises: the fields of a
 * demand and of its enterprise, headers in the user's language, drop-down
 * lists for choices, checks for amounts, dates and credit codes, and an
 * instructions sheet.  A filled-in form imports without any mapping. */
gboolean  jb_xlsx_write_template (GFile              *file,
                                  GError            **error);

G_END_DECLS

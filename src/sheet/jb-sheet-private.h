/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sheet-private.h: what the workbook readers (jb-sheet-*.c) share. */
#pragma once

#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "jb-sheet.h"
#include "jb-xml-prolog.h"

G_BEGIN_DECLS

/* libgsf 1.14.50 (Debian 12) does not declare these itself. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

typedef gboolean (*JbSheetReadFunc) (JbWorkbook *wb, guint sheet, JbSheetRowFunc func,
                                     gpointer user_data, GCancellable *cancellable,
                                     GError **error);

struct _JbWorkbook {
  char *name;            /* for messages */
  char *path;
  JbSheetFormat format;
  GPtrArray *sheet_names;
  GArray *merges;        /* JbSheetRange, of the sheet last read */
  gboolean date1904;
  guint64 inflated;      /* bytes of zip members read so far */
  double progress;       /* of the sheet being read, 0 … 1 */
  GsfInfile *container;  /* zip (xlsx, ods) */
  gpointer data;         /* the reader's own */
  GDestroyNotify free_data;
  JbSheetReadFunc read;
};

/* The limits in force (tests lower them). */
typedef struct {
  guint64 member, inflated;
  guint rows, columns, xls_cells;
} JbSheetLimits;

extern JbSheetLimits jb_sheet_limits;

/* Readers: fill in sheet_names, read (and data) or fail. */
gboolean  jb_sheet_csv_open   (JbWorkbook *wb, GCancellable *cancellable, GError **error);
gboolean  jb_sheet_xlsx_open  (JbWorkbook *wb, GCancellable *cancellable, GError **error);
gboolean  jb_sheet_ods_open   (JbWorkbook *wb, GCancellable *cancellable, GError **error);
gboolean  jb_sheet_xls_open   (JbWorkbook *wb, GsfInfile *ole, GCancellable *cancellable,
                               GError **error);

gboolean  jb_sheet_fail       (JbWorkbook *wb, GError **error, JbSheetError code,
                               const char *format, ...) G_GNUC_PRINTF (4, 5);

/* "Row N has values past column …": jb_row_builder_set() said no. */
gboolean  jb_sheet_fail_columns (JbWorkbook *wb, guint row, GError **error);

/* ---- a row being built ---- */
typedef struct {
  GArray *cells;   /* JbCell */
  guint n;         /* columns up to the last value */
} JbRowBuilder;

void      jb_row_builder_init   (JbRowBuilder *b);
void      jb_row_builder_clear  (JbRowBuilder *b);
void      jb_row_builder_reset  (JbRowBuilder *b);
/* Sets column @col (takes @text, trims it); FALSE past the column limit. */
gboolean  jb_row_builder_set    (JbRowBuilder *b, guint col, JbCellType type, char *text);
/* Calls @func if the row has a value, then resets. */
gboolean  jb_row_builder_emit   (JbRowBuilder *b, JbWorkbook *wb, guint row, JbSheetRowFunc func,
                                 gpointer user_data, gboolean *stop, GError **error);

/* ---- XML members of a zip, as untrusted as exchange files ---- */
typedef struct _JbSheetXml JbSheetXml;

/* Opens the member at @path ("xl/workbook.xml"); NULL with @error if it is
 * missing (when @required), too large, or the zip is broken.  Without
 * @required a missing member is NULL without an error. */
JbSheetXml *jb_sheet_xml_open  (JbWorkbook *wb, const char *path, gboolean required,
                                GCancellable *cancellable, GError **error);
/* Reading this member moves the workbook's progress. */
void        jb_sheet_xml_track_progress (JbSheetXml *x);
void        jb_sheet_xml_free  (JbSheetXml *x);
xmlTextReaderPtr jb_sheet_xml_reader (JbSheetXml *x);
/* The next node: 1, or 0 at the end, or -1 with @error (not well-formed, a
 * DOCTYPE or entity, too large, cancelled). */
int         jb_sheet_xml_next  (JbSheetXml *x, GError **error);
/* Moves past the current element's content to the node after it, as next. */
int         jb_sheet_xml_skip  (JbSheetXml *x, GError **error);
/* The text inside the current element, its descendants' included but those
 * named @skip (NULL: none), up to its end tag; appended to @out. */
gboolean    jb_sheet_xml_text  (JbSheetXml *x, GString *out, const char *skip, GError **error);
const char *jb_sheet_xml_name  (JbSheetXml *x);     /* local name */
char       *jb_sheet_xml_attr  (JbSheetXml *x, const char *name);  /* any namespace */
gboolean    jb_sheet_xml_is_element (JbSheetXml *x, const char *name);
gboolean    jb_sheet_xml_is_end (JbSheetXml *x, const char *name);

/* Parses "B12" into column 1 and row 11; FALSE if it is not a cell name. */
gboolean    jb_sheet_parse_ref (const char *ref, guint *col, guint *row);
/* Shortest decimal that reads back as @value ("12.5", "500000"). */
char       *jb_sheet_format_number (double value);

G_END_DECLS

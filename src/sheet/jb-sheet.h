/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sheet.h: workbooks as they come by email, read without trusting them.
 *
 * A workbook is recognised by its content, never by its name: a zip holding
 * xl/workbook.xml is .xlsx, one holding content.xml and an OpenDocument
 * mimetype is .ods, an OLE2 compound file is .xls (BIFF8; WPS's .et too) or
 * an encrypted Office file, anything else is read as CSV (UTF-8 with or
 * without a byte order mark, else GB18030).  Sheets are streamed row by row,
 * so memory stays bounded whatever their size; the limits below are refused
 * with a message, never crashed into. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JB_SHEET_ERROR (jb_sheet_error_quark ())

typedef enum {
  JB_SHEET_ERROR_INVALID,    /* corrupt, truncated, or not a workbook */
  JB_SHEET_ERROR_ENCRYPTED,  /* protected with a password */
  JB_SHEET_ERROR_TOO_LARGE,  /* past one of the limits below */
  JB_SHEET_ERROR_NO_SHEET,   /* no such sheet */
} JbSheetError;

/* Limits: far above any real collection sheet, far below what would hurt. */
#define JB_SHEET_MAX_ROWS      1048576           /* Excel's own limit */
#define JB_SHEET_MAX_COLUMNS   1024              /* with a value in them */
#define JB_SHEET_MAX_CELL      32767             /* bytes of text, Excel's limit */
#define JB_SHEET_MAX_MEMBER    (256u << 20)      /* inflated bytes of one zip member */
#define JB_SHEET_MAX_INFLATED  (G_GUINT64_CONSTANT (1) << 30) /* all members read */
#define JB_SHEET_MAX_SHEETS    256
#define JB_SHEET_MAX_XLS_CELLS (4u << 20)        /* rows × columns of an .xls */

typedef enum {
  JB_SHEET_FORMAT_CSV,
  JB_SHEET_FORMAT_XLSX,
  JB_SHEET_FORMAT_ODS,
  JB_SHEET_FORMAT_XLS,
} JbSheetFormat;

typedef enum {
  JB_CELL_EMPTY,
  JB_CELL_TEXT,
  JB_CELL_NUMBER,  /* text: the number as the file wrote it ("500000", "12.5") */
  JB_CELL_DATE,    /* text: ISO 8601 YYYY-MM-DD (from a serial or a date cell) */
  JB_CELL_BOOL,    /* text: "TRUE" or "FALSE" */
} JbCellType;

/* One cell; text is trimmed of leading and trailing white space and never
 * NULL ("" when empty). */
typedef struct {
  JbCellType type;
  char *text;
} JbCell;

/* A merged range, from 0. */
typedef struct {
  guint first_row, first_col, last_row, last_col;
} JbSheetRange;

typedef struct _JbWorkbook JbWorkbook;

/* Called for every row that has a value, in order; @row counts from 0 (the
 * spreadsheet's row number minus one); @cells[0 … @n_cells) are the row's
 * columns, empty ones included, up to its last value.  Return FALSE to stop:
 * with @error set to fail, without to stop early and succeed. */
typedef gboolean (*JbSheetRowFunc) (guint row, const JbCell *cells, guint n_cells,
                                    gpointer user_data, GError **error);

GQuark         jb_sheet_error_quark        (void);

/* Opens @file and lists its sheets (it reads no rows yet).  Errors name the
 * file. */
JbWorkbook    *jb_workbook_open            (GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);
void           jb_workbook_free            (JbWorkbook    *workbook);
JbSheetFormat  jb_workbook_get_format      (JbWorkbook    *workbook);
/* The file's name for messages ("FILE:ROW: …"). */
const char    *jb_workbook_get_name        (JbWorkbook    *workbook);
guint          jb_workbook_get_n_sheets    (JbWorkbook    *workbook);
const char    *jb_workbook_get_sheet_name  (JbWorkbook    *workbook,
                                            guint          sheet);
/* Streams the rows of @sheet to @func. */
gboolean       jb_workbook_read_sheet      (JbWorkbook    *workbook,
                                            guint          sheet,
                                            JbSheetRowFunc func,
                                            gpointer       user_data,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* How much of the sheet being read was read, 0 … 1 (for a progress bar). */
double         jb_workbook_get_progress    (JbWorkbook    *workbook);
/* The merged ranges of the sheet last read to its end (JbSheetRange); .xls
 * and .csv files have none. */
GArray        *jb_workbook_get_merges      (JbWorkbook    *workbook);

/* The column's letters as spreadsheets name it: 0 → "A", 27 → "AB". */
char          *jb_sheet_column_name        (guint          column);

/* What the file is, from its first bytes and container alone. */
gboolean       jb_sheet_sniff              (GFile         *file,
                                            JbSheetFormat *format,
                                            GCancellable  *cancellable,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbWorkbook, jb_workbook_free)

G_END_DECLS

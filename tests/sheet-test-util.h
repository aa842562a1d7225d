/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-test-util.h: workbooks built by the tests themselves, in every
 * format the intake reads, from one description. */
#pragma once

#include <gio/gio.h>

/* A sheet: rows of cells, each row NULL-terminated, the rows too.  A cell
 * "#500" is the number 500, "@2023-06-30" a date cell, "" empty; anything
 * else is text. */
typedef struct {
  const char *name;
  const char * const * const *rows;
  guint merge_title;  /* > 0: the first row's first cell spans this many columns */
} TestSheet;

void   write_xlsx     (const char *path, const TestSheet *sheets, guint n_sheets);
void   write_ods      (const char *path, const TestSheet *sheets, guint n_sheets);
/* @charset NULL: UTF-8; "GB18030" converts. */
void   write_csv      (const char *path, const TestSheet *sheet, const char *charset,
                       gboolean bom);
/* A zip of the members @names (paths with '/') holding @contents. */
void   write_zip      (const char *path, const char * const *names,
                       const char * const *contents, const gsize *lengths, guint n);
/* An OLE2 compound file with streams @names holding @contents. */
void   write_ole2     (const char *path, const char * const *names,
                       const char * const *contents, const gsize *lengths, guint n);
/* A demand sheet as a minimal .xlsx written by hand: @sheet_xml is the
 * whole xl/worksheets/sheet1.xml. */
void   write_raw_xlsx (const char *path, const char *sheet_xml, gsize length);
/* A valid unified social credit code from its first 17 characters. */
char  *credit_code    (const char *first17);
/* The bytes of a file. */
GBytes *file_bytes    (const char *path);

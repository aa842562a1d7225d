/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-xlsx-private.h: what the .xlsx writers (jb-xlsx*.c) share. */
#pragma once

#include <xlsxwriter.h>

#include "jb-xlsx.h"

G_BEGIN_DECLS

/* A workbook written to a temporary file beside @file … */
lxw_workbook *jb_xlsx_begin      (GFile *file, char **tmp_path, GError **error);
/* … closed and renamed into place if @ok (takes @tmp_path); removed if not. */
gboolean      jb_xlsx_end        (lxw_workbook *wb, GFile *file, char *tmp_path, gboolean ok,
                                  GError **error);
void          jb_xlsx_date       (const char *iso, lxw_datetime *dt);
char         *jb_xlsx_sheet_name (const char *name);

G_END_DECLS

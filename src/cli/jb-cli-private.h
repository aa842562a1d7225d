/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-cli-private.h: what the command line's files share. */
#pragma once

#include "jb-cli.h"
#include "jb-store.h"

G_BEGIN_DECLS

/* Imports a workbook's rows as @kind_name ("demand" when NULL); prints as
 * jb_cli_run does, each problem as "FILE:ROW: column: reason". */
int       jb_cli_import_sheet     (JbStore *store, GFile *file, const char *path,
                                   const char *kind_name);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-util.h: what the core tests, the UI tests and the benchmarks all need
 * (GLib and the store only, no GTK). */
#pragma once

#include "jb-store.h"

G_BEGIN_DECLS

/* Removes @path and everything below it: a test's temporary folder, with the
 * database, its journal and the backups made beside it. */
void     test_remove_tree (const char *path);
/* A new temporary folder from @tmpl (as g_dir_make_tmp()) and the store
 * @name opened in it (@name may name a subfolder: "data/x.db"); fails the
 * test if either cannot be made.  Sets *@dir and, if @path is not NULL,
 * *@path (both for the caller to free). */
JbStore *test_tmp_store   (const char *tmpl, const char *name, char **dir, char **path);

G_END_DECLS

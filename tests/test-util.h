/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-util.h: what the core tests, the UI tests and the benchmarks all need
 * (GLib and the store only, no GTK). */
#pragma once

#include <stdarg.h>

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

/* Whether the tests run on a team database (JB_TEST_STORE=postgresql):
 * test_tmp_store() then opens a replica of a new database on a throwaway
 * PostgreSQL server (pg-test-util.h). */
gboolean test_store_is_team (void);
/* The store at @path: the file, or on a team database the replica at @path
 * of the database made for that path (the same path, the same database). */
JbStore *test_open_store    (const char *path, GError **error);

/* What the tests that need only a store run on: a store in a temporary
 * folder, made by test_tmp_store(), and removed with the folder. */
typedef struct {
  char *dir;
  char *path;
  JbStore *store;
} TestStoreFixture;

void     test_store_fixture_set_up    (TestStoreFixture *f, const char *tmpl, const char *name);
void     test_store_fixture_tear_down (TestStoreFixture *f);

/* A test's hand-built set of records, kept by name (name -> gint64 id). */
GHashTable *test_ids_new  (void);
/* The id of the record kept as @name (fails the test if there is none). */
gint64   test_id_of       (GHashTable *ids, const char *name);
/* Saves a record of @kind under @flags with the "field", "value" pairs of
 * @ap (up to NULL; numbers, amounts in fen and yes/no as decimal text, "@name"
 * the id of a record kept earlier) and keeps its id in @ids as @name.  With
 * @created, the record was entered then: a new uuid and both its times
 * @created (@flags should keep times). */
void     test_add_record  (JbStore *store, GHashTable *ids, const char *name, JbKindId kind,
                           const char *created, JbSaveFlags flags, va_list ap);

/* What g_print() writes between the two calls (a command's report), kept
 * out of the TAP stream on standard output. */
void     test_print_capture_begin (void);
char    *test_print_capture_end   (void);

/* For the benchmarks: the wall time in ms; the CPU time of this process
 * (user and system) in ms, what a run costs whatever else the machine runs;
 * doubles in ascending order, for qsort() and g_array_sort(). */
double   test_now_ms          (void);
double   test_cpu_ms          (void);
int      test_compare_doubles (const void *a, const void *b);
/* For the benchmarks' generated sets: twenty words of the domain, and @n
 * organizations named after them ("<word>科技有限公司 <i>", enterprises in
 * Shanghai) saved with @flags; returns their ids (gint64). */
extern const char *const test_words[20];
GArray  *test_add_organizations (JbStore *store, guint n, JbSaveFlags flags);
/* Megabytes of the pages of the database at @path whose b-tree's name
 * matches the GLOB @pattern (SQLite's dbstat table; -1 without it). */
double   test_size_mb         (const char *path, const char *pattern);

G_END_DECLS

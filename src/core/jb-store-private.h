/* jb-store-private.h: for the files that make up the store (jb-store-*.c).
 * All SQL lives in those files; nothing else includes this header. */
#pragma once

#include <sqlite3.h>

#include "jb-store.h"

G_BEGIN_DECLS

/* A statement prepared once per store, reset and unbound, ready to bind. */
sqlite3_stmt *jb_store_statement      (JbStore *self, const char *sql, GError **error);
/* Sets @error from SQLite's last message; returns FALSE. */
gboolean      jb_store_fail           (JbStore *self, GError **error);
/* "SELECT t.id, t.uuid, t.created, t.updated, <fields>, <ref titles> FROM kind t
 *  LEFT JOIN …": the fields with @flags (0: all); add WHERE/ORDER to taste. */
GString      *jb_store_select_sql     (const JbKind *kind, JbFieldFlags flags);
/* A row of jb_store_select_sql() as a record. */
JbRecord     *jb_store_row_to_record  (const JbKind *kind, sqlite3_stmt *stmt);
/* Appends " WHERE …" (or " AND …" once *@where) for @filter's conditions, as
 * jb_store_list_filtered() does; condition i binds parameter @first + i (text).
 * FALSE if a condition does not fit @kind. */
gboolean      jb_store_append_filter  (GString *sql, const JbKind *kind, JbFilter *filter,
                                       guint first, gboolean *where);

G_END_DECLS

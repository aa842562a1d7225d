/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-team-pg.h: the PostgreSQL side of a team database, for
 * jb-store-team.c only: a connection, statements with bound parameters, the
 * team schema.  libpq's text format both ways: numbers travel as decimal
 * text, which SQLite's column affinity and PostgreSQL's parameter types turn
 * back into integers. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _JbPg JbPg;

/* The version of the team schema this Jiebang writes (table jb_meta). */
#define JB_TEAM_SCHEMA_VERSION 1

/* @location without its password, keys in libpq's order ("host=… dbname=…"),
 * and the password it held (NULL if none) in *@password: what names the team
 * database in the recent list and the replica's file name, with nothing
 * secret in it.  NULL with @error if libpq cannot read @location. */
char     *jb_pg_canonical     (const char  *location,
                               char       **password,
                               GError     **error);
/* "jiebang_team at dbserver", "jiebang_team at dbserver:5433": the
 * database and where it is, short enough for a title (NULL if @location
 * cannot be read). */
char     *jb_pg_display_name  (const char  *location);
/* Connects; @password (may be NULL) is given to libpq in memory, never in a
 * string that could be logged.  JB_STORE_ERROR_NEEDS_PASSWORD when the
 * server asks for one that was not given. */
JbPg     *jb_pg_connect       (const char  *canonical,
                               const char  *password,
                               GError     **error);
void      jb_pg_free          (JbPg        *pg);
PGconn   *jb_pg_conn          (JbPg        *pg);

/* Between transactions: connects again if the connection was lost (the
 * server restarted, a network cut), statements then prepared anew; TRUE in
 * *@reconnected if it did (the caller LISTENs again). */
gboolean  jb_pg_reconnect     (JbPg        *pg,
                               gboolean    *reconnected,
                               GError     **error);
/* Runs @sql with @n text parameters (NULL ones are SQL NULL), prepared once
 * per connection; the result (tuples or command) or NULL with @error.  The
 * SQLSTATE of a failure goes into *@state when given. */
PGresult *jb_pg_query         (JbPg               *pg,
                               const char         *sql,
                               int                 n,
                               const char * const *params,
                               char                state[6],
                               GError            **error);
/* The same for a statement whose result is not needed. */
gboolean  jb_pg_run           (JbPg               *pg,
                               const char         *sql,
                               int                 n,
                               const char * const *params,
                               char                state[6],
                               GError            **error);

/* Many statements in one round trip (libpq's pipeline mode): an import's
 * hundred thousand rows would otherwise wait for the server one by one.
 * jb_pg_prepare() every statement first; jb_pg_batch_add() sends one;
 * jb_pg_batch_sync() waits for those sent and appends the number of rows
 * each changed to @counts, or fails at the first that failed (with its
 * SQLSTATE), the others being skipped by the server. */
gboolean  jb_pg_prepare       (JbPg *pg, const char *sql, int n, GError **error);
gboolean  jb_pg_batch_add     (JbPg *pg, const char *sql, int n, const char * const *params,
                               GError **error);
gboolean  jb_pg_batch_sync    (JbPg *pg, GArray *counts, char state[6], GError **error);

/* Creates the team schema in an empty database, or checks the one there:
 * JB_STORE_ERROR_NEWER for a newer one.  Sets *@team_id to the database's
 * own random id (a replica of another database must start again). */
gboolean  jb_pg_ensure_schema (JbPg        *pg,
                               char       **team_id,
                               GError     **error);
/* Whether the role may write: FALSE for a read-only role. */
gboolean  jb_pg_can_write     (JbPg        *pg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS

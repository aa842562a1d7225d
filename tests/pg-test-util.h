/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pg-test-util.h: a throwaway PostgreSQL server for the tests and the
 * benchmarks of the team store.  GLib only: it runs Debian's postgresql-15
 * programs (initdb, pg_ctl, createdb, psql), it does not link libpq.
 *
 * Each server lives in a fresh temporary folder DIR: its cluster in DIR/data,
 * its log in DIR/log, and its only way in a Unix socket in DIR (no TCP), so
 * servers of tests run side by side never meet.  The superuser is "jiebang",
 * trusted without a password.  PostgreSQL refuses to run as root: as root (CI)
 * the server runs as the system user "postgres" and DIR belongs to it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PgTestServer PgTestServer;

/* TRUE if initdb and pg_ctl are there (/usr/lib/postgresql/15/bin, else
 * PATH).  A test without them calls g_test_skip ("PostgreSQL 15 is not
 * installed"); CI installs them (.ci/run). */
gboolean      pg_test_available        (void);

/* A new cluster in a new temporary folder, started and ready for
 * connections; NULL with @error (the server's log included) if it cannot be
 * made.  A watchdog stops it and removes its folder if this process dies
 * without calling pg_test_server_stop(). */
PgTestServer *pg_test_server_start     (GError **error);

/* The folder of the server's socket (libpq's host): the temporary folder,
 * gone after pg_test_server_stop(). */
const char   *pg_test_server_socket_dir (PgTestServer *s);

/* A libpq key=value conninfo for the database @dbname as the superuser:
 * "host=DIR port=5432 user=jiebang dbname=NAME".  Owned by @s, valid until
 * pg_test_server_stop(). */
const char   *pg_test_server_conninfo  (PgTestServer *s, const char *dbname);

/* Creates the database @dbname (UTF8, owned by jiebang) with createdb. */
gboolean      pg_test_server_create_db (PgTestServer *s, const char *dbname, GError **error);

/* Runs @sql (one or more statements) in @dbname as the superuser through
 * psql -X -q -A -t -v ON_ERROR_STOP=1: the first failing statement stops it
 * and fails with psql's message.  If @out is not NULL, *@out is what psql
 * printed (unaligned, tuples only: one row a line, columns separated by '|',
 * without the last newline), for the caller to free. */
gboolean      pg_test_server_psql      (PgTestServer *s, const char *dbname, const char *sql,
                                        char **out, GError **error);

/* Stops the server at once (pg_ctl stop -m immediate), removes its folder
 * and frees @s.  NULL is allowed, for tear-downs. */
void          pg_test_server_stop      (PgTestServer *s);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The throwaway PostgreSQL server of the team store's tests (pg-test-util.c):
 * it starts, takes SQL, keeps to its own socket, makes a read-only role,
 * runs beside another one, and leaves nothing behind, even when its test
 * dies without stopping it. */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pg-test-util.h"

static gboolean
skip_without_postgresql (void)
{
  if (pg_test_available ())
    return FALSE;
  g_test_skip ("PostgreSQL 15 is not installed");
  return TRUE;
}

static PgTestServer *
start_ok (void)
{
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  PgTestServer *s = pg_test_server_start (&error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_test_message ("server started in %.2f s", (g_get_monotonic_time () - t0) / 1e6);
  return s;
}

static void
stop_ok (PgTestServer *s)
{
  g_autofree char *dir = g_strdup (pg_test_server_socket_dir (s));
  gint64 t0 = g_get_monotonic_time ();
  pg_test_server_stop (s);
  g_test_message ("server stopped in %.2f s", (g_get_monotonic_time () - t0) / 1e6);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static char *
psql_ok (PgTestServer *s, const char *dbname, const char *sql)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  g_assert_true (pg_test_server_psql (s, dbname, sql, &out, &error));
  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

static void
test_server (void)
{
  if (skip_without_postgresql ())
    return;
  g_autoptr (GError) error = NULL;
  PgTestServer *s = start_ok ();
  const char *dir = pg_test_server_socket_dir (s);

  /* The socket in our folder, the conninfo libpq is given, no TCP. */
  g_autofree char *socket = g_build_filename (dir, ".s.PGSQL.5432", NULL);
  g_assert_true (g_file_test (socket, G_FILE_TEST_EXISTS));
  g_autofree char *expected = g_strdup_printf ("host=%s port=5432 user=jiebang dbname=jb_test",
                                               dir);
  g_assert_cmpstr (pg_test_server_conninfo (s, "jb_test"), ==, expected);
  /* PostgreSQL refuses root: as root the cluster is the user postgres's. */
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  GStatBuf st;
  g_assert_cmpint (g_stat (data, &st), ==, 0);
  if (geteuid () == 0)
    {
      struct passwd *pw = getpwnam ("postgres");
      g_assert_nonnull (pw);
      g_assert_cmpuint (st.st_uid, ==, pw->pw_uid);
    }
  else
    g_assert_cmpuint (st.st_uid, ==, geteuid ());
  g_autofree char *listen = psql_ok (s, "postgres", "SHOW listen_addresses;");
  g_assert_cmpstr (listen, ==, "");
  g_autofree char *sockets = psql_ok (s, "postgres", "SHOW unix_socket_directories;");
  g_assert_cmpstr (sockets, ==, dir);

  g_assert_true (pg_test_server_create_db (s, "jb_test", &error));
  g_assert_no_error (error);
  g_autofree char *encoding = psql_ok (s, "jb_test", "SHOW server_encoding;");
  g_assert_cmpstr (encoding, ==, "UTF8");
  /* The same name twice is refused, with createdb's reason. */
  g_assert_false (pg_test_server_create_db (s, "jb_test", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_clear_error (&error);

  g_autofree char *rows = psql_ok (s, "jb_test",
    "CREATE TABLE t (x int, name text);\n"
    "INSERT INTO t VALUES (3, '揭榜挂帅'), (1, 'one'), (2, NULL);\n"
    "SELECT x, name FROM t ORDER BY x;\n");
  g_assert_cmpstr (rows, ==, "1|one\n2|\n3|揭榜挂帅");
  g_autofree char *sum = psql_ok (s, "jb_test", "SELECT sum(x) FROM t;");
  g_assert_cmpstr (sum, ==, "6");
  /* Nothing printed: an empty string, not NULL. */
  g_autofree char *none = psql_ok (s, "jb_test", "SELECT x FROM t WHERE x > 100;");
  g_assert_cmpstr (none, ==, "");

  /* The first failing statement stops the script and says why. */
  g_assert_false (pg_test_server_psql (s, "jb_test",
                                       "INSERT INTO t VALUES (10, 'before');\n"
                                       "SELECT no_such_column FROM t;\n"
                                       "INSERT INTO t VALUES (11, 'after');\n",
                                       NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no_such_column"));
  g_clear_error (&error);
  g_autofree char *after = psql_ok (s, "jb_test", "SELECT string_agg(x::text, ',' ORDER BY x) "
                                                  "FROM t WHERE x >= 10;");
  g_assert_cmpstr (after, ==, "10");

  /* A role that may only read: its SELECT passes, its INSERT is refused. */
  g_free (psql_ok (s, "jb_test",
                   "CREATE ROLE reader LOGIN;\n"
                   "GRANT CONNECT ON DATABASE jb_test TO reader;\n"
                   "GRANT USAGE ON SCHEMA public TO reader;\n"
                   "GRANT SELECT ON t TO reader;\n"));
  g_autofree char *grants = psql_ok (s, "jb_test",
    "SELECT string_agg(privilege_type, ',' ORDER BY privilege_type) "
    "FROM information_schema.role_table_grants "
    "WHERE grantee = 'reader' AND table_name = 't';");
  g_assert_cmpstr (grants, ==, "SELECT");
  g_autofree char *count = psql_ok (s, "jb_test", "SET ROLE reader; SELECT count(*) FROM t;");
  g_assert_cmpstr (count, ==, "4");
  g_assert_false (pg_test_server_psql (s, "jb_test",
                                       "SET ROLE reader; INSERT INTO t VALUES (99, 'no');",
                                       NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "permission denied"));
  g_clear_error (&error);
  g_autofree char *count_after = psql_ok (s, "jb_test", "SELECT count(*) FROM t;");
  g_assert_cmpstr (count_after, ==, "4");

  stop_ok (s);
}

/* Two servers at once (as two tests run side by side): each its own folder
 * and its own data. */
static void
test_two_servers (void)
{
  if (skip_without_postgresql ())
    return;
  PgTestServer *a = start_ok ();
  PgTestServer *b = start_ok ();
  g_assert_cmpstr (pg_test_server_socket_dir (a), !=, pg_test_server_socket_dir (b));
  g_free (psql_ok (a, "postgres", "CREATE TABLE which (name text); "
                                  "INSERT INTO which VALUES ('a');"));
  g_free (psql_ok (b, "postgres", "CREATE TABLE which (name text); "
                                  "INSERT INTO which VALUES ('b');"));
  g_autofree char *in_a = psql_ok (a, "postgres", "SELECT string_agg(name, ',') FROM which;");
  g_autofree char *in_b = psql_ok (b, "postgres", "SELECT string_agg(name, ',') FROM which;");
  g_assert_cmpstr (in_a, ==, "a");
  g_assert_cmpstr (in_b, ==, "b");
  stop_ok (a);
  /* b still answers after a is gone. */
  g_autofree char *still = psql_ok (b, "postgres", "SELECT count(*) FROM which;");
  g_assert_cmpstr (still, ==, "1");
  stop_ok (b);
}

/* Where test_killed's child (whose parent is @parent) reports: named after
 * the parent, as g_test_trap_subprocess() passes no environment of its own. */
static char *
report_path_of (pid_t parent)
{
  g_autofree char *name = g_strdup_printf ("jb-pg-killed-%d", (int) parent);
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

/* The child of test_killed: starts a server, writes where it is and its
 * postmaster's pid to report_path_of() its parent, and dies by SIGKILL
 * without stopping it. */
static void
killed_child (void)
{
  PgTestServer *s = start_ok ();
  const char *dir = pg_test_server_socket_dir (s);
  g_autofree char *pid_file = g_build_filename (dir, "data", "postmaster.pid", NULL);
  g_autofree char *pid_text = NULL;
  g_assert_true (g_file_get_contents (pid_file, &pid_text, NULL, NULL));
  pid_text[strcspn (pid_text, "\n")] = '\0';
  g_autofree char *report = g_strdup_printf ("%s\n%s\n", dir, pid_text);
  g_autofree char *report_path = report_path_of (getppid ());
  g_assert_true (g_file_set_contents (report_path, report, -1, NULL));
  kill (getpid (), SIGKILL);
}

/* Whether @pid runs: a zombie left unreaped by a container's init does not. */
static gboolean
process_runs (pid_t pid)
{
  if (kill (pid, 0) != 0 && errno == ESRCH)
    return FALSE;
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  /* "pid (comm) S ...": the state follows the last ')'. */
  const char *end = strrchr (stat, ')');
  return end == NULL || end[1] == '\0' || end[2] != 'Z';
}

/* A test killed with its server running leaves neither the server nor its
 * folder: the watchdog stops one and removes the other. */
static void
test_killed (void)
{
  if (skip_without_postgresql ())
    return;
  if (g_test_subprocess ())
    {
      killed_child ();
      return;
    }
  g_autofree char *report_path = report_path_of (getpid ());
  g_unlink (report_path);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  g_autofree char *report = NULL;
  g_assert_true (g_file_get_contents (report_path, &report, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (report, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  const char *dir = lines[0];
  pid_t postmaster = (pid_t) atoi (lines[1]);
  g_assert_cmpint (postmaster, >, 1);
  g_autofree char *base = g_path_get_basename (dir);
  g_assert_true (g_str_has_prefix (base, "jb-pg-"));

  /* The watchdog looks once a second; give it up to half a minute before
   * failing (the assertion is on what is left, not on how fast). */
  for (int i = 0; i < 300; i++)
    {
      if (!process_runs (postmaster) && !g_file_test (dir, G_FILE_TEST_EXISTS))
        break;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  g_assert_false (process_runs (postmaster));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_unlink (report_path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pg-server/sql-roles-stop", test_server);
  g_test_add_func ("/pg-server/two-at-once", test_two_servers);
  g_test_add_func ("/pg-server/killed-test-leaves-nothing", test_killed);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A throwaway PostgreSQL server for the tests (see pg-test-util.h).
 *
 * Only programs are run, through GSubprocess: the tests that use it need not
 * link libpq, and what is run is what a person would type to reproduce it. */
#include "pg-test-util.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Where Debian's postgresql-15 puts its programs (only psql and a few are
 * linked into PATH, and never initdb or pg_ctl). */
#define PG_DEBIAN_BINDIR "/usr/lib/postgresql/15/bin"
/* The socket's name is DIR/.s.PGSQL.<port>; nothing else listens in DIR, so
 * every server may use the default port. */
#define PG_PORT "5432"
#define PG_SUPERUSER "jiebang"
/* A Unix socket's path has at most 107 bytes (sun_path); the socket's name
 * and its ".lock" take 19 of them. */
#define PG_MAX_DIR 80

struct _PgTestServer {
  char *dir;          /* the temporary folder: socket, log, data/ */
  char *data_dir;
  char *log_path;
  char *initdb, *pg_ctl, *createdb, *psql;
  /* As root, the server's programs run as the user "postgres". */
  gboolean as_postgres;
  uid_t uid;
  gid_t gid;
  char **env;         /* this process's environment without PG* variables */
  GSubprocess *watchdog;
  GHashTable *conninfos; /* dbname -> conninfo */
};

static char *
find_program (const char *name)
{
  g_autofree char *debian = g_build_filename (PG_DEBIAN_BINDIR, name, NULL);
  if (g_file_test (debian, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&debian);
  return g_find_program_in_path (name);
}

gboolean
pg_test_available (void)
{
  g_autofree char *initdb = find_program ("initdb");
  g_autofree char *pg_ctl = find_program ("pg_ctl");
  g_autofree char *psql = find_program ("psql");
  return initdb != NULL && pg_ctl != NULL && psql != NULL;
}

/* Runs in the child between fork and exec (async-signal-safe calls only):
 * PostgreSQL's server programs refuse to run as root. */
static void
become_postgres (gpointer data)
{
  PgTestServer *s = data;
  if (setgroups (1, &s->gid) != 0 || setgid (s->gid) != 0 || setuid (s->uid) != 0)
    _exit (126);
}

/* The watchdog's own session: a test killed with its process group (a
 * timeout) does not take the watchdog with it. */
static void
new_session (gpointer data)
{
  setsid ();
}

/* Runs @argv in the server's folder and waits for it; @as_server: as the
 * server's user.  Fails with the program's error output if it fails. */
static gboolean
run (PgTestServer *s, gboolean as_server, const char *const *argv, const char *input,
     char **out, GError **error)
{
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_environ (launcher, s->env);
  g_subprocess_launcher_set_cwd (launcher, s->dir);
  if (as_server && s->as_postgres)
    {
      g_subprocess_launcher_setenv (launcher, "HOME", s->dir, TRUE);
      g_subprocess_launcher_setenv (launcher, "USER", "postgres", TRUE);
      g_subprocess_launcher_setenv (launcher, "LOGNAME", "postgres", TRUE);
      g_subprocess_launcher_set_child_setup (launcher, become_postgres, s, NULL);
    }
  g_autoptr (GSubprocess) proc = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (proc == NULL)
    return FALSE;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  if (!g_subprocess_communicate_utf8 (proc, input, NULL, &stdout_text, &stderr_text, error))
    return FALSE;
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    {
      g_autofree char *name = g_path_get_basename (argv[0]);
      g_set_error (error, G_SPAWN_EXIT_ERROR,
                   g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1,
                   "%s failed (%s %d): %s", name,
                   g_subprocess_get_if_exited (proc) ? "exit status" : "signal",
                   g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc)
                                                     : g_subprocess_get_term_sig (proc),
                   /* initdb and pg_ctl say some of it on their standard output. */
                   g_strstrip (*stderr_text != '\0' ? stderr_text : stdout_text));
      return FALSE;
    }
  if (out != NULL)
    {
      gsize n = strlen (stdout_text);
      if (n > 0 && stdout_text[n - 1] == '\n')
        stdout_text[n - 1] = '\0';
      *out = g_steal_pointer (&stdout_text);
    }
  return TRUE;
}

/* Removes @path and everything below it (without following links). */
static void
remove_tree (const char *path)
{
  GStatBuf st;
  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      if (dir != NULL)
        {
          const char *name;
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *child = g_build_filename (path, name, NULL);
              remove_tree (child);
            }
          g_dir_close (dir);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* The last lines of the server's log, for an error message. */
static char *
log_tail (PgTestServer *s)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents (s->log_path, &text, NULL, NULL))
    return g_strdup ("(no log)");
  gsize n = strlen (text);
  return g_strdup (n > 2000 ? text + n - 2000 : text);
}

/* A folder of our own for the server: under TMPDIR if the socket's path fits
 * and (as root) the user postgres can reach it, else under /tmp. */
static char *
make_dir (gboolean as_root, GError **error)
{
  const char *base = g_get_tmp_dir ();
  if (as_root || strlen (base) + strlen ("/jb-pg-XXXXXX") > PG_MAX_DIR)
    base = "/tmp";
  g_autofree char *tmpl = g_build_filename (base, "jb-pg-XXXXXX", NULL);
  if (g_mkdtemp (tmpl) == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot make a folder for PostgreSQL in %s: %s", base, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&tmpl);
}

/* A shell script, detached in its own session, that waits for this process
 * to end and then stops the server at once (SIGQUIT to the postmaster is
 * pg_ctl's "immediate" mode) and removes the folder: a test that crashes or
 * is killed leaves nothing running.  pg_test_server_stop() kills it first. */
static const char watchdog_script[] =
  "p=$1 d=$2\n"
  "while kill -0 \"$p\" 2>/dev/null; do sleep 1; done\n"
  "if [ -f \"$d/data/postmaster.pid\" ]; then\n"
  "  pm=$(head -n 1 \"$d/data/postmaster.pid\")\n"
  "  kill -QUIT \"$pm\" 2>/dev/null\n"
  "  i=0\n"
  "  while kill -0 \"$pm\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n"
  "fi\n"
  "rm -rf \"$d\"\n";

static GSubprocess *
start_watchdog (PgTestServer *s, GError **error)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  const char *const argv[] = { "/bin/sh", "-c", watchdog_script, "pg-test-watchdog", pid,
                               s->dir, NULL };
  /* Its output silenced: meson waits for a test's output to close. */
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, "/");
  g_subprocess_launcher_set_child_setup (launcher, new_session, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

static void
free_server (PgTestServer *s)
{
  if (s->watchdog != NULL)
    {
      /* The watchdog leads its own process group: its sleep goes with it. */
      const char *pid = g_subprocess_get_identifier (s->watchdog);
      if (pid == NULL || kill (-(pid_t) atoi (pid), SIGKILL) != 0)
        g_subprocess_force_exit (s->watchdog);
      g_subprocess_wait (s->watchdog, NULL, NULL);
      g_object_unref (s->watchdog);
    }
  if (s->dir != NULL)
    remove_tree (s->dir);
  g_free (s->dir);
  g_free (s->data_dir);
  g_free (s->log_path);
  g_free (s->initdb);
  g_free (s->pg_ctl);
  g_free (s->createdb);
  g_free (s->psql);
  g_strfreev (s->env);
  if (s->conninfos != NULL)
    g_hash_table_unref (s->conninfos);
  g_free (s);
}

/* initdb in C.UTF-8 (sorting by code point, as the tests expect), or without
 * a locale where C.UTF-8 is missing. */
static gboolean
init_cluster (PgTestServer *s, GError **error)
{
  const char *const with_locale[] = {
    s->initdb, "-D", s->data_dir, "-A", "trust", "-U", PG_SUPERUSER, "--encoding=UTF8",
    "--locale=C.UTF-8", "--no-sync", NULL
  };
  g_autoptr (GError) first = NULL;
  if (run (s, TRUE, with_locale, NULL, NULL, &first))
    return TRUE;
  remove_tree (s->data_dir);
  const char *const no_locale[] = {
    s->initdb, "-D", s->data_dir, "-A", "trust", "-U", PG_SUPERUSER, "--encoding=UTF8",
    "--no-locale", "--no-sync", NULL
  };
  if (run (s, TRUE, no_locale, NULL, NULL, error))
    return TRUE;
  g_prefix_error (error, "initdb --locale=C.UTF-8: %s\n", first->message);
  return FALSE;
}

PgTestServer *
pg_test_server_start (GError **error)
{
  PgTestServer *s = g_new0 (PgTestServer, 1);
  s->conninfos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->initdb = find_program ("initdb");
  s->pg_ctl = find_program ("pg_ctl");
  s->createdb = find_program ("createdb");
  s->psql = find_program ("psql");
  if (s->initdb == NULL || s->pg_ctl == NULL || s->psql == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "PostgreSQL's initdb, pg_ctl and psql are neither in " PG_DEBIAN_BINDIR
                   " nor in PATH (apt-get install postgresql-15)");
      free_server (s);
      return NULL;
    }
  /* Nothing of the caller's PGHOST, PGUSER, PGOPTIONS… reaches our programs. */
  s->env = g_get_environ ();
  for (guint i = 0; s->env[i] != NULL;)
    if (g_str_has_prefix (s->env[i], "PG"))
      {
        g_autofree char *name = g_strndup (s->env[i], strcspn (s->env[i], "="));
        s->env = g_environ_unsetenv (s->env, name);
      }
    else
      i++;

  if (geteuid () == 0)
    {
      struct passwd *pw = getpwnam ("postgres");
      if (pw == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                       "PostgreSQL does not run as root and there is no user \"postgres\" "
                       "to run it as (the postgresql-15 package makes it)");
          free_server (s);
          return NULL;
        }
      s->as_postgres = TRUE;
      s->uid = pw->pw_uid;
      s->gid = pw->pw_gid;
    }

  s->dir = make_dir (s->as_postgres, error);
  if (s->dir == NULL)
    {
      free_server (s);
      return NULL;
    }
  s->data_dir = g_build_filename (s->dir, "data", NULL);
  s->log_path = g_build_filename (s->dir, "log", NULL);
  if (s->as_postgres && chown (s->dir, s->uid, s->gid) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot give %s to the user postgres: %s", s->dir, g_strerror (saved));
      free_server (s);
      return NULL;
    }
  s->watchdog = start_watchdog (s, error);
  if (s->watchdog == NULL || !init_cluster (s, error))
    {
      free_server (s);
      return NULL;
    }

  /* Only the socket in our folder, no TCP; fsync off (a test's data need not
   * survive a power cut); room for the concurrency harness's clients.  pg_ctl
   * passes -o through the shell, hence the quoted folder. */
  g_autofree char *quoted_dir = g_shell_quote (s->dir);
  g_autofree char *options = g_strdup_printf (
    "-k %s -p " PG_PORT " -c listen_addresses='' -c fsync=off -c max_connections=40",
    quoted_dir);
  const char *const start[] = { s->pg_ctl, "-D", s->data_dir, "-w", "-t", "60", "-o", options,
                                "-l", s->log_path, "start", NULL };
  if (!run (s, TRUE, start, NULL, NULL, error))
    {
      g_autofree char *tail = log_tail (s);
      g_prefix_error (error, "%s\n", tail);
      g_prefix_error (error, "cannot start PostgreSQL in %s; its log ends:\n", s->dir);
      const char *const stop[] = { s->pg_ctl, "-D", s->data_dir, "-m", "immediate", "stop", NULL };
      run (s, TRUE, stop, NULL, NULL, NULL);
      free_server (s);
      return NULL;
    }
  return s;
}

const char *
pg_test_server_socket_dir (PgTestServer *s)
{
  return s->dir;
}

/* A conninfo value, quoted when it must be. */
static void
append_value (GString *out, const char *value)
{
  if (*value != '\0' && strpbrk (value, " \t\n'\\") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

const char *
pg_test_server_conninfo (PgTestServer *s, const char *dbname)
{
  const char *known = g_hash_table_lookup (s->conninfos, dbname);
  if (known != NULL)
    return known;
  GString *info = g_string_new ("host=");
  append_value (info, s->dir);
  g_string_append (info, " port=" PG_PORT " user=" PG_SUPERUSER " dbname=");
  append_value (info, dbname);
  char *conninfo = g_string_free (info, FALSE);
  g_hash_table_insert (s->conninfos, g_strdup (dbname), conninfo);
  return conninfo;
}

gboolean
pg_test_server_create_db (PgTestServer *s, const char *dbname, GError **error)
{
  if (s->createdb == NULL)
    {
      /* psql alone (a PATH without createdb): the name as a quoted identifier. */
      g_autoptr (GString) sql = g_string_new ("CREATE DATABASE \"");
      for (const char *p = dbname; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (sql, '"');
          g_string_append_c (sql, *p);
        }
      g_string_append (sql, "\" ENCODING 'UTF8';\n");
      return pg_test_server_psql (s, "postgres", sql->str, NULL, error);
    }
  const char *const argv[] = { s->createdb, "-h", s->dir, "-p", PG_PORT, "-U", PG_SUPERUSER,
                               "-E", "UTF8", "--", dbname, NULL };
  return run (s, FALSE, argv, NULL, NULL, error);
}

gboolean
pg_test_server_psql (PgTestServer *s, const char *dbname, const char *sql, char **out,
                     GError **error)
{
  /* The SQL on psql's standard input: ON_ERROR_STOP stops at the first
   * failing statement, which -c with several statements would not say. */
  const char *const argv[] = { s->psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                               "-d", pg_test_server_conninfo (s, dbname), NULL };
  return run (s, FALSE, argv, sql, out, error);
}

void
pg_test_server_stop (PgTestServer *s)
{
  if (s == NULL)
    return;
  const char *const stop[] = { s->pg_ctl, "-D", s->data_dir, "-w", "-t", "60",
                               "-m", "immediate", "stop", NULL };
  g_autoptr (GError) error = NULL;
  if (!run (s, TRUE, stop, NULL, NULL, &error))
    g_printerr ("pg-test-util: %s\n", error->message);
  free_server (s);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup: how long from exec to the first mapped window, and how much
 * memory a large table costs, for Jiebang against a minimal GTK window
 * (bench-minimal-window) in the same run (issue 10).  Under an X server of
 * its own:
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' build/tests/bench-startup \
 *       [--runs 9] [--keep DIR] [N…]
 *
 * Databases: empty, the bundled sample, and N generated demands each
 * (default 100000; bench-exchange's file, imported with `jiebang --import`;
 * --keep DIR keeps and reuses them).  Each run spawns the program and waits
 * for the X server to report the map of a window whose _NET_WM_PID is the
 * child's: the program is timed as it is, nothing inside it reports.  Runs
 * go round the cases so that a change in the machine's load touches them
 * all; medians are printed, and the CPU time the program had used when its
 * map was seen (all its threads, /proc/PID/task/TID/schedstat): on a
 * machine others load, wall time waits for the processor, CPU time less so.  Then, once per database, Jiebang is started,
 * shown its demands page (Alt+2), a row clicked and End pressed, and its
 * peak resident size (VmHWM) read once it is idle: printed as it is and
 * minus the empty database's.
 *
 * With --team, each N is also a team database on a throwaway PostgreSQL
 * server (pg-test-util.h), imported through the program, whose replica the
 * import leaves in the run's data folder: its start-up against the file's
 * of the same N (issue 13: ≤ 1.5×). */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>

#include "pg-test-util.h"

typedef struct _Case {
  char *name;
  char *db;         /* NULL: the minimal window; a file, or a team database */
  GArray *times;    /* ms */
  GArray *cpu;      /* ms of CPU the program used until then */
  double peak_mb;
  struct _Case *file;  /* a team database's case: the file of the same data */
} Case;

static Display *display;
static Atom net_wm_pid;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static GPid
spawn (char **argv)
{
  GPid pid;
  g_autoptr (GError) error = NULL;
  if (!g_spawn_async (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    g_error ("%s: %s", argv[0], error->message);
  return pid;
}

static void
stop (GPid pid)
{
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

/* A window may be gone by the time its map is read: not an error here. */
static int
ignore_x_error (Display *d, XErrorEvent *event)
{
  return 0;
}

static gboolean
window_of (Window window, GPid pid)
{
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *data = NULL;
  gboolean mine = FALSE;
  if (XGetWindowProperty (display, window, net_wm_pid, 0, 1, False, XA_CARDINAL, &type, &format,
                          &n, &after, &data) == Success && data && n == 1 && format == 32)
    mine = (GPid) *(unsigned long *) data == pid;
  if (data)
    XFree (data);
  return mine;
}

/* Waits for the first window of @pid to be mapped: its time, or -1. */
static double
wait_for_map (GPid pid, Window *window)
{
  int fd = ConnectionNumber (display);
  double deadline = now_ms () + 600000;
  while (now_ms () < deadline)
    {
      while (XPending (display))
        {
          XEvent event;
          XNextEvent (display, &event);
          if (event.type == MapNotify && window_of (event.xmap.window, pid))
            {
              *window = event.xmap.window;
              return now_ms ();
            }
        }
      if (waitpid (pid, NULL, WNOHANG) == pid)
        return -1;
      fd_set fds;
      FD_ZERO (&fds);
      FD_SET (fd, &fds);
      struct timeval tv = { 0, 50000 };
      select (fd + 1, &fds, NULL, NULL, &tv);
    }
  return -1;
}

static char **
argv_for (const Case *c, const char *jiebang, const char *minimal)
{
  if (c->db == NULL)
    return g_strdupv ((char *[]) { (char *) minimal, NULL });
  return g_strdupv ((char *[]) { (char *) jiebang, "--db", c->db, NULL });
}

/* CPU time the process has used, in ms, to the nanosecond (schedstat):
 * what a loaded machine's waiting for the processor leaves out. */
static double
cpu_ms (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/schedstat", pid);
  g_autofree char *stat = NULL;
  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return -1;
  return g_ascii_strtod (stat, NULL) / 1e6;
}

/* The CPU time of all the process's threads, in ms. */
static double
process_cpu_ms (GPid pid)
{
  g_autofree char *dir = g_strdup_printf ("/proc/%d/task", pid);
  g_autoptr (GDir) tasks = g_dir_open (dir, 0, NULL);
  const char *task;
  double total = 0;
  while (tasks && (task = g_dir_read_name (tasks)))
    total += MAX (cpu_ms ((GPid) atoi (task)), 0);
  return total;
}

/* CPU time the process has used, in clock ticks. */
static long
cpu_ticks (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return -1;
  const char *p = strrchr (stat, ')');
  long utime = 0, stime = 0;
  /* after the name: state and 10 more fields, then utime and stime */
  if (p == NULL || sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld %ld", &utime,
                           &stime) != 2)
    return -1;
  return utime + stime;
}

/* Until the process has used no CPU for a second. */
static void
wait_idle (GPid pid)
{
  long last = -1;
  int quiet = 0;
  for (int i = 0; i < 6000 && quiet < 5; i++)
    {
      g_usleep (200000);
      long ticks = cpu_ticks (pid);
      quiet = ticks == last ? quiet + 1 : 0;
      last = ticks;
    }
}

static double
peak_mb (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *status = NULL;
  g_file_get_contents (path, &status, NULL, NULL);
  const char *hwm = status ? strstr (status, "VmHWM:") : NULL;
  return hwm ? strtoul (hwm + strlen ("VmHWM:"), NULL, 10) / 1024.0 : 0;
}

static void
press (KeySym modifier, KeySym key)
{
  KeyCode mod = modifier ? XKeysymToKeycode (display, modifier) : 0;
  KeyCode code = XKeysymToKeycode (display, key);
  if (mod)
    XTestFakeKeyEvent (display, mod, True, CurrentTime);
  XTestFakeKeyEvent (display, code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, False, CurrentTime);
  if (mod)
    XTestFakeKeyEvent (display, mod, False, CurrentTime);
  XSync (display, False);
}

/* The demands page, a row of its table clicked, End: every row passed. */
static void
scroll_demands (GPid pid, Window window)
{
  XWindowAttributes attributes;
  int x, y;
  Window child;
  wait_idle (pid);
  XSetInputFocus (display, window, RevertToParent, CurrentTime);
  press (XK_Alt_L, XK_2);
  wait_idle (pid);
  XGetWindowAttributes (display, window, &attributes);
  XTranslateCoordinates (display, window, DefaultRootWindow (display), 0, 0, &x, &y, &child);
  /* The table's second row: right of the sidebar, below the search field and
   * the header. */
  XTestFakeMotionEvent (display, -1, x + 420, y + 160, CurrentTime);
  XTestFakeButtonEvent (display, 1, True, CurrentTime);
  XTestFakeButtonEvent (display, 1, False, CurrentTime);
  XSync (display, False);
  wait_idle (pid);
  press (0, XK_End);
  wait_idle (pid);
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  guint n = times->len;
  if (n == 0)
    return -1;
  return n % 2 ? g_array_index (times, double, n / 2)
               : (g_array_index (times, double, n / 2 - 1) +
                  g_array_index (times, double, n / 2)) / 2;
}

/* Runs @argv to its end, failing the benchmark if it fails. */
static void
run (char **argv)
{
  int status;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                     &status, &error) || !g_spawn_check_wait_status (status, NULL))
    g_error ("%s: %s %s", argv[0], error ? error->message : "failed", err ? err : "");
}

/* @n generated demands (bench-exchange's file) imported into @db, a file or
 * a team database, as `jiebang --import` does. */
static void
import_generated (const char *jiebang, const char *dir, guint n, const char *db)
{
  g_autofree char *xml = g_build_filename (dir, "demands.xml", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  run ((char *[]) { JB_BUILD_DIR "/tests/bench-exchange", "generate", count, xml, NULL });
  run ((char *[]) { (char *) jiebang, "--db", (char *) db, "--import", xml, NULL });
  g_remove (xml);
}

static Case *
case_new (const char *name, char *db)
{
  Case *c = g_new0 (Case, 1);
  c->name = g_strdup (name);
  c->db = db;
  c->times = g_array_new (FALSE, FALSE, sizeof (double));
  c->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  return c;
}

int
main (int argc, char **argv)
{
  int runs = 9;
  gboolean team = FALSE;
  g_autofree char *keep = NULL;
  g_auto (GStrv) sizes = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each case (9)", "N" },
    { "team", 0, 0, G_OPTION_ARG_NONE, &team, "Each N on a team database too", NULL },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the databases here, and reuse them",
      "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &sizes, NULL, "[N…]" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      g_printerr ("No X display: run under xvfb-run.\n");
      return 1;
    }
  XSetErrorHandler (ignore_x_error);
  net_wm_pid = XInternAtom (display, "_NET_WM_PID", False);
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);

  g_autofree char *dir = keep ? g_strdup (keep) : g_dir_make_tmp ("jb-bench-startup-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0700);
  /* The settings as the tests have them; the data folder of the run. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", JB_SCHEMAS_DIR, TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  const char *jiebang = JB_BUILD_DIR "/src/jiebang";
  const char *minimal = JB_BUILD_DIR "/tests/bench-minimal-window";

  GPtrArray *cases = g_ptr_array_new ();
  PgTestServer *server = NULL;
  g_ptr_array_add (cases, case_new ("minimal GTK window", NULL));
  char *empty = g_build_filename (dir, "empty.db", NULL);
  if (!g_file_test (empty, G_FILE_TEST_EXISTS))
    {
      /* An exchange file of no records: --export would not make a new file. */
      g_autofree char *none = g_build_filename (dir, "none.xml", NULL);
      g_assert_true (g_file_set_contents (none, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                                "<exchange xmlns=\"urn:jiebang:exchange:1\" "
                                                "version=\"1\"/>\n", -1, NULL));
      run ((char *[]) { (char *) jiebang, "--db", empty, "--import", none, NULL });
      g_remove (none);
    }
  g_ptr_array_add (cases, case_new ("Jiebang, empty database", empty));
  char *sample = g_build_filename (dir, "sample.db", NULL);
  if (!g_file_test (sample, G_FILE_TEST_EXISTS))
    run ((char *[]) { (char *) jiebang, "--db", sample, "--import",
                      JB_SOURCE_DIR "/data/sample/jiebang-sample.xml", NULL });
  g_ptr_array_add (cases, case_new ("Jiebang, the sample", sample));
  for (guint i = 0; i < (sizes ? g_strv_length (sizes) : 1); i++)
    {
      guint n = sizes ? (guint) atoi (sizes[i]) : 100000;
      g_autofree char *base = g_strdup_printf ("demands-%u.db", n);
      char *db = g_build_filename (dir, base, NULL);
      if (!g_file_test (db, G_FILE_TEST_EXISTS))
        {
          g_print ("importing %u demands…\n", n);
          import_generated (jiebang, dir, n, db);
        }
      g_autofree char *name = g_strdup_printf ("Jiebang, %u demands", n);
      g_ptr_array_add (cases, case_new (name, db));
      if (!team)
        continue;
      if (server == NULL && !(server = pg_test_server_start (&error)))
        g_error ("%s", error->message);
      g_autofree char *team_name = g_strdup_printf ("demands%u", n);
      if (!pg_test_server_create_db (server, team_name, &error))
        g_error ("%s", error->message);
      char *location = g_strdup (pg_test_server_conninfo (server, team_name));
      g_print ("importing %u demands into a team database…\n", n);
      import_generated (jiebang, dir, n, location);
      g_autofree char *team_case = g_strdup_printf ("Jiebang, %u demands, team database", n);
      Case *c = case_new (team_case, location);
      c->file = cases->pdata[cases->len - 1];
      g_ptr_array_add (cases, c);
    }

  g_autofree char *load_before = NULL;
  g_file_get_contents ("/proc/loadavg", &load_before, NULL, NULL);
  for (int r = 0; r < runs; r++)
    for (guint i = 0; i < cases->len; i++)
      {
        Case *c = cases->pdata[i];
        g_auto (GStrv) args = argv_for (c, jiebang, minimal);
        Window window;
        double start = now_ms ();
        GPid pid = spawn (args);
        double mapped = wait_for_map (pid, &window);
        if (mapped < 0)
          g_error ("%s: no window", c->name);
        g_array_append_val (c->times, (double) { mapped - start });
        /* Threads' time is the process's: schedstat of the main thread only
         * would leave out GTK's and the store's helpers. */
        g_array_append_val (c->cpu, (double) { process_cpu_ms (pid) });
        stop (pid);
      }
  for (guint i = 1; i < cases->len; i++)
    {
      Case *c = cases->pdata[i];
      g_auto (GStrv) args = argv_for (c, jiebang, minimal);
      Window window;
      GPid pid = spawn (args);
      if (wait_for_map (pid, &window) < 0)
        g_error ("%s: no window", c->name);
      scroll_demands (pid, window);
      c->peak_mb = peak_mb (pid);
      stop (pid);
    }

  double base = median (((Case *) cases->pdata[0])->times);
  double base_cpu = median (((Case *) cases->pdata[0])->cpu);
  double empty_mb = ((Case *) cases->pdata[1])->peak_mb;
  g_print ("%-28s %10s %14s %8s %10s %8s %10s %12s\n", "exec → first mapped window", "median",
           "range", "ratio", "CPU", "ratio", "peak", "− empty db");
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = cases->pdata[i];
      double m = median (c->times);
      g_autofree char *range = g_strdup_printf ("%.0f–%.0f", g_array_index (c->times, double, 0),
                                                g_array_index (c->times, double,
                                                               c->times->len - 1));
      double cpu = median (c->cpu);
      g_print ("%-28s %7.0f ms %14s %7.2f× %7.0f ms %7.2f×", c->name, m, range, m / base, cpu,
               cpu / base_cpu);
      if (c->db)
        g_print (" %7.0f MB %9.0f MB", c->peak_mb, c->peak_mb - empty_mb);
      g_print ("\n");
    }
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = cases->pdata[i];
      if (c->file)
        g_print ("%s: %.2f× the file's start-up (target ≤ 1.5)\n", c->name,
                 median (c->times) / median (c->file->times));
    }
  g_autofree char *load_after = NULL;
  g_file_get_contents ("/proc/loadavg", &load_after, NULL, NULL);
  g_print ("%d runs of each; load average before %.14s, after %.14s\n", runs,
           load_before ? load_before : "?", load_after ? load_after : "?");
  if (keep == NULL)
    {
      for (guint i = 1; i < cases->len; i++)
        {
          Case *c = cases->pdata[i];
          const char *suffixes[] = { "", "-wal", "-shm", ".before-import" };
          for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
            {
              g_autofree char *p = g_strconcat (c->db, suffixes[s], NULL);
              g_remove (p);
            }
          /* The day's copy the first start made (jb-store-backup.h). */
          g_autofree char *backups = g_strconcat (c->db, ".backups", NULL);
          g_autoptr (GDir) folder = g_dir_open (backups, 0, NULL);
          const char *name;
          while (folder && (name = g_dir_read_name (folder)))
            {
              g_autofree char *p = g_build_filename (backups, name, NULL);
              g_remove (p);
            }
          g_rmdir (backups);
        }
      g_rmdir (dir);
    }
  pg_test_server_stop (server);
  XCloseDisplay (display);
  return 0;
}

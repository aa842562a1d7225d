/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-backup.c: dated copies of the database (see jb-store-backup.h).
 *
 * A copy is made with VACUUM INTO (a consistent snapshot, compacted, in
 * rollback-journal mode so that reading it later leaves no file beside it)
 * under a ".part" name, flushed to disk and only then renamed: a copy the
 * list shows is whole.  Restoring goes the other way with SQLite's online
 * backup API into the store's own connection, so the window keeps its store
 * and every page just reloads. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "jb-schema.h"
#include "jb-store-backup.h"
#include "jb-store-private.h"

#define NAME_PATTERN "^jiebang-(\\d{8})-(\\d{6})(?:-(\\d+))?-([a-z]+)\\.db$"
/* A ".part" this old was left by a copy that died. */
#define STALE_PART_SECONDS 3600

void
jb_backup_free (JbBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->name);
  g_clear_pointer (&backup->time, g_date_time_unref);
  g_free (backup->reason);
  g_free (backup->problem);
  g_free (backup);
}

char *
jb_store_backup_dir (JbStore *self)
{
  return g_strconcat (self->path, ".backups", NULL);
}

static GRegex *
name_regex (void)
{
  static GRegex *regex;
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (NAME_PATTERN, G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

/* The copy @name in @dir, or NULL if the name is not one of ours. */
static JbBackup *
backup_from_name (const char *dir, const char *name, guint *seq)
{
  g_autoptr (GMatchInfo) match = NULL;
  if (!g_regex_match (name_regex (), name, 0, &match))
    return NULL;
  g_autofree char *date = g_match_info_fetch (match, 1);
  g_autofree char *time = g_match_info_fetch (match, 2);
  g_autofree char *n = g_match_info_fetch (match, 3);
  int y, mo, d, h, mi, s;
  if (sscanf (date, "%4d%2d%2d", &y, &mo, &d) != 3 || sscanf (time, "%2d%2d%2d", &h, &mi, &s) != 3)
    return NULL;
  GDateTime *when = g_date_time_new_utc (y, mo, d, h, mi, s);
  if (when == NULL)
    return NULL;

  JbBackup *backup = g_new0 (JbBackup, 1);
  backup->path = g_build_filename (dir, name, NULL);
  backup->name = g_strdup (name);
  backup->time = when;
  backup->reason = g_match_info_fetch (match, 4);
  for (guint k = 0; k < JB_N_KINDS; k++)
    backup->counts[k] = -1;
  GStatBuf st;
  backup->size = g_stat (backup->path, &st) == 0 ? (gint64) st.st_size : 0;
  *seq = n && *n ? (guint) g_ascii_strtoull (n, NULL, 10) : 1;
  return backup;
}

typedef struct {
  JbBackup *backup;
  guint seq;
} Listed;

static int
newest_first (gconstpointer a, gconstpointer b)
{
  const Listed *x = a, *y = b;
  int by_time = g_date_time_compare (y->backup->time, x->backup->time);
  if (by_time != 0)
    return by_time;
  return y->seq < x->seq ? -1 : y->seq > x->seq;
}

GPtrArray *
jb_store_backup_list (JbStore *self, gboolean inspect, GError **error)
{
  g_autofree char *dir = jb_store_backup_dir (self);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_backup_free);
  g_autoptr (GError) local = NULL;
  g_autoptr (GDir) d = g_dir_open (dir, 0, &local);

  if (d == NULL)
    {
      /* No folder: no copy yet. */
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return list;
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   _("Cannot read the backups folder “%s”: %s"), dir, local->message);
      g_ptr_array_unref (list);
      return NULL;
    }
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (Listed));
  const char *name;
  while ((name = g_dir_read_name (d)))
    {
      Listed l;
      if ((l.backup = backup_from_name (dir, name, &l.seq)))
        g_array_append_val (found, l);
    }
  g_array_sort (found, newest_first);
  for (guint i = 0; i < found->len; i++)
    {
      JbBackup *backup = g_array_index (found, Listed, i).backup;
      if (inspect)
        jb_backup_inspect (backup);
      g_ptr_array_add (list, backup);
    }
  return list;
}

/* ---- reading a copy --------------------------------------------------------- */

static gint64
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Opens @path read-only, and says why it cannot be restored if it cannot
 * (NULL when it can); *@version is its format. */
static char *
open_copy (const char *path, sqlite3 **db, gint64 *version)
{
  *db = NULL;
  if (sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return g_strdup_printf (_("It cannot be opened: %s"),
                            *db ? sqlite3_errmsg (*db) : g_strerror (ENOMEM));
  sqlite3_busy_timeout (*db, 5000);
  *version = query_int (*db, "PRAGMA user_version");
  gint64 app_id = query_int (*db, "PRAGMA application_id");
  if (*version < 0 && (sqlite3_errcode (*db) & 0xff) == SQLITE_NOTADB)
    return g_strdup (_("It is not a database."));
  if (*version < 0)
    return g_strdup_printf (_("It is damaged: %s"), sqlite3_errmsg (*db));
  if (app_id != JB_APPLICATION_ID || *version == 0)
    return g_strdup (_("It is not a Jiebang database."));
  if (*version > (gint64) jb_schema_version)
    return g_strdup (_("It was written by a newer version of Jiebang."));
  return NULL;
}

void
jb_backup_inspect (JbBackup *backup)
{
  sqlite3 *db;
  gint64 version;

  g_clear_pointer (&backup->problem, g_free);
  backup->problem = open_copy (backup->path, &db, &version);
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      /* Table names are constants of the kinds; an older copy may lack one. */
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", jb_kind_get (k)->name);
      backup->counts[k] = backup->problem ? -1 : query_int (db, sql);
    }
  sqlite3_close (db);
  backup->inspected = TRUE;
}

/* ---- making one ------------------------------------------------------------- */

/* Writes what the kernel holds of @path to the disk. */
static gboolean
flush_file (const char *path, gboolean directory, GError **error)
{
  int fd = g_open (path, O_RDONLY | (directory ? O_DIRECTORY : 0), 0);
  int saved_errno = errno;
  if (fd >= 0 && g_fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  if (fd >= 0)
    {
      saved_errno = errno;
      close (fd);
    }
  g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
               _("Cannot write the backup “%s” to disk: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* One more than the numbers of the copies and parts made in the second
 * @stamp (1 when there is none). */
static guint
next_number (const char *dir, const char *stamp)
{
  g_autofree char *prefix = g_strdup_printf ("jiebang-%s-", stamp);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint next = 1;
  while (d && (name = g_dir_read_name (d)))
    {
      if (!g_str_has_prefix (name, prefix))
        continue;
      const char *rest = name + strlen (prefix);
      guint n = g_ascii_isdigit (*rest) ? (guint) g_ascii_strtoull (rest, NULL, 10) : 1;
      next = MAX (next, n + 1);
    }
  return next;
}

/* A reason is a word of small letters: the list finds the copy by its name. */
static gboolean
is_reason (const char *reason)
{
  if (reason == NULL || *reason == '\0')
    return FALSE;
  for (const char *p = reason; *p; p++)
    if (*p < 'a' || *p > 'z')
      return FALSE;
  return TRUE;
}

JbBackup *
jb_store_backup_now (JbStore *self, const char *reason, guint keep, GError **error)
{
  g_return_val_if_fail (is_reason (reason), NULL);
  if (self->depth > 0)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   _("A backup cannot be made while a change is being written."));
      return NULL;
    }
  g_autofree char *dir = jb_store_backup_dir (self);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   _("Cannot create the backups folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  /* Numbered after any other copy of the same second (an import right
   * after the day's first open), whatever its reason; the ".part" is
   * claimed first, so that two programs never write the same one. */
  for (guint n = next_number (dir, stamp);; n++)
    {
      g_free (name);
      g_free (path);
      g_free (part);
      name = n == 1 ? g_strdup_printf ("jiebang-%s-%s.db", stamp, reason)
                    : g_strdup_printf ("jiebang-%s-%u-%s.db", stamp, n, reason);
      path = g_build_filename (dir, name, NULL);
      part = g_strconcat (path, ".part", NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      int fd = g_open (part, O_WRONLY | O_CREAT | O_EXCL, 0600);
      if (fd >= 0)
        {
          close (fd);
          break;
        }
      if (errno != EEXIST)
        {
          int saved_errno = errno;
          g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                       _("Cannot create the backup “%s”: %s"), part, g_strerror (saved_errno));
          return NULL;
        }
    }

  if (!jb_store_vacuum_into (self, part, error) || !flush_file (part, FALSE, error))
    {
      g_remove (part);
      return NULL;
    }
  if (g_rename (part, path) != 0)
    {
      int saved_errno = errno;
      g_remove (part);
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   _("Cannot name the backup “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  /* The new name too must survive a power cut. */
  if (!flush_file (dir, TRUE, error))
    return NULL;

  guint seq;
  JbBackup *backup = backup_from_name (dir, name, &seq);
  g_assert (backup != NULL);
  if (keep > 0 && !jb_store_backup_prune (self, keep, error))
    {
      jb_backup_free (backup);
      return NULL;
    }
  return backup;
}

gboolean
jb_store_backup_prune (JbStore *self, guint keep, GError **error)
{
  g_autoptr (GPtrArray) list = jb_store_backup_list (self, FALSE, error);
  if (list == NULL)
    return FALSE;
  /* Counted for each reason on its own: a day of imports must never push
   * out the daily copies (the way back to last week), nor the copy a restore
   * made (its undo).  The user's number means "this many of each", the list
   * says which is which; the folder holds at most that many times the
   * reasons in use (three), which a user who keeps ten copies of a
   * database of a few megabytes does not notice. */
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < list->len; i++)
    {
      JbBackup *old = g_ptr_array_index (list, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, old->reason)) + 1;
      g_hash_table_insert (seen, old->reason, GUINT_TO_POINTER (n));
      if (n <= MAX (keep, 1))
        continue;
      if (g_remove (old->path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                       _("Cannot delete the old backup “%s”: %s"), old->path,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }

  /* What a copy killed midway left. */
  g_autofree char *dir = jb_store_backup_dir (self);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;
      if (g_str_has_prefix (name, "jiebang-") &&
          (g_str_has_suffix (name, ".db.part") || g_str_has_suffix (name, ".restoring")) &&
          g_stat (path, &st) == 0 && now - (gint64) st.st_mtime > STALE_PART_SECONDS)
        g_remove (path);
    }
  return TRUE;
}

gboolean
jb_store_backup_daily (JbStore *self, guint keep, JbBackup **made, GError **error)
{
  if (made)
    *made = NULL;
  /* A team database is backed up by its server; a copy of the replica
   * could only be restored by losing sight of the team's later changes. */
  if (jb_store_is_team (self))
    return TRUE;
  if (jb_store_is_empty (self))
    return TRUE;

  g_autoptr (GPtrArray) list = jb_store_backup_list (self, FALSE, error);
  if (list == NULL)
    return FALSE;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");
  for (guint i = 0; i < list->len; i++)
    {
      JbBackup *b = g_ptr_array_index (list, i);
      g_autoptr (GDateTime) local = g_date_time_to_local (b->time);
      g_autofree char *day = g_date_time_format (local, "%F");
      if (g_str_equal (b->reason, JB_BACKUP_DAILY) && g_str_equal (day, today))
        return TRUE;
    }
  JbBackup *backup = jb_store_backup_now (self, JB_BACKUP_DAILY, keep, error);
  if (backup == NULL)
    return FALSE;
  if (made)
    *made = backup;
  else
    jb_backup_free (backup);
  return TRUE;
}

/* ---- restoring one ----------------------------------------------------------- */

/* A copy of @path brought up to this Jiebang's format in @dir, for a copy of
 * an older version (the copy itself stays as it was). */
static char *
upgraded_copy (const char *dir, const char *path, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strconcat (base, ".restoring", NULL);
  char *tmp = g_build_filename (dir, name, NULL);
  g_autoptr (GFile) from = g_file_new_for_path (path);
  g_autoptr (GFile) to = g_file_new_for_path (tmp);

  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    {
      g_free (tmp);
      return NULL;
    }
  g_autoptr (JbStore) upgraded = jb_store_open (tmp, error);
  if (upgraded == NULL)
    {
      g_remove (tmp);
      g_free (tmp);
      return NULL;
    }
  /* Back to one file: the WAL folded in when the store closes. */
  jb_store_exec (upgraded, "PRAGMA journal_mode = DELETE", NULL);
  return tmp;
}

/* Copies the database @src over the store's own, page by page, in one
 * write transaction: all or nothing. */
static gboolean
copy_into_store (JbStore *self, sqlite3 *src, GError **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (self->db, "main", src, "main");
  if (backup == NULL)
    return jb_store_fail (self, error);
  int rc;
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      /* The busy timeout of the store's connection covers its own lock;
       * another Jiebang reading the copy is the only other wait. */
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   _("Cannot restore the backup: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

JbBackup *
jb_store_backup_restore (JbStore *self, const char *path, guint keep, GError **error)
{
  if (self->depth > 0)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   _("A backup cannot be restored while a change is being written."));
      return NULL;
    }

  /* Is it whole, and ours? */
  sqlite3 *db;
  gint64 version = 0;
  g_autofree char *problem = open_copy (path, &db, &version);
  if (problem == NULL)
    {
      sqlite3_stmt *stmt = NULL;
      const char *verdict = NULL;
      if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        verdict = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (verdict, "ok") != 0)
        problem = g_strdup_printf (_("It is damaged: %s"),
                                   verdict ? verdict : sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
    }
  if (problem)
    {
      sqlite3_close (db);
      g_autofree char *name = g_path_get_basename (path);
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID,
                   _("The backup “%s” cannot be restored. %s"), name, problem);
      return NULL;
    }

  /* An older Jiebang's copy: restore an upgraded copy of it. */
  g_autofree char *dir = jb_store_backup_dir (self);
  g_autofree char *upgraded = NULL;
  if (version < (gint64) jb_schema_version)
    {
      sqlite3_close (db);
      db = NULL;
      g_autofree char *still = NULL;
      if (g_mkdir_with_parents (dir, 0700) != 0 ||
          !(upgraded = upgraded_copy (dir, path, error)) ||
          (still = open_copy (upgraded, &db, &version)) != NULL)
        {
          sqlite3_close (db);
          if (upgraded)
            jb_store_remove_files (upgraded);
          if (error && *error == NULL)
            g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                         _("Cannot bring the backup up to date."));
          return NULL;
        }
    }

  /* What is there now becomes a copy first: the undo. */
  JbBackup *undo = jb_store_backup_now (self, JB_BACKUP_RESTORE, 0, error);
  gboolean ok = undo != NULL && copy_into_store (self, db, error);
  sqlite3_close (db);
  if (upgraded)
    jb_store_remove_files (upgraded);
  if (!ok)
    {
      /* The store's data is as it was; the undo copy is of no use. */
      if (undo)
        g_remove (undo->path);
      g_clear_pointer (&undo, jb_backup_free);
      return NULL;
    }

  /* Whatever this connection remembered of the old contents goes. */
  g_hash_table_remove_all (self->last_codes);
  jb_store_bulk_reset (self);
  /* The copy's pages say "rollback journal"; the store writes ahead. */
  gboolean derived = jb_store_exec (self, "PRAGMA journal_mode = WAL", error) &&
                     jb_store_derived_update (self, NULL, NULL, NULL, error);
  jb_store_notify_changed (self);
  if (!derived)
    {
      g_prefix_error (error, _("The backup was restored, but its search index could not be "
                               "brought up to date: "));
      jb_backup_free (undo);
      return NULL;
    }
  /* Old copies go when the next one is made if they cannot go now. */
  if (keep > 0)
    jb_store_backup_prune (self, keep, NULL);
  return undo;
}

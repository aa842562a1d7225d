/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-backup.h: dated copies of the database in a folder beside it,
 * listed, restored and pruned.
 *
 * The copies of "DB" live in "DB.backups/" as
 * "jiebang-YYYYMMDD-HHMMSS[-N]-REASON.db" (the time in UTC; N when two are
 * made in one second).  Nothing records where they are: the folder follows
 * from the database's path, so a data folder moved as a whole keeps them.
 * Each is a plain SQLite file (no journal beside it) that Jiebang opens like
 * any database. */
#pragma once

#include "jb-store.h"

G_BEGIN_DECLS

/* Why a copy was made (its name says so). */
#define JB_BACKUP_DAILY   "daily"    /* the first time the window opened it that day */
#define JB_BACKUP_IMPORT  "import"   /* just before an import */
#define JB_BACKUP_RESTORE "restore"  /* just before a restore replaced it: its undo */

/* How many copies of each reason are kept when the user has not said. */
#define JB_BACKUP_KEEP_DEFAULT 10

typedef struct {
  char *path;        /* in the backups folder */
  char *name;        /* the file name */
  GDateTime *time;   /* when it was made, UTC (from the name) */
  char *reason;      /* JB_BACKUP_* or another word */
  gint64 size;       /* bytes */
  /* Filled by jb_backup_inspect() (or a list with @inspect): */
  gboolean inspected;
  char *problem;     /* why it cannot be restored, for people; NULL if it can */
  gint64 counts[JB_N_KINDS];  /* records of each kind; -1 when unknown */
} JbBackup;

void       jb_backup_free           (JbBackup *backup);
/* Reads the copy's record counts and whether it can be restored. */
void       jb_backup_inspect        (JbBackup *backup);

/* "DB.backups", where the copies of @self live. */
char      *jb_store_backup_dir      (JbStore     *self);
/* A copy of the database as it is now, for @reason ([a-z]+), made whole
 * before it gets its name (a copy that is listed is complete and on disk);
 * then, unless @keep is 0, pruned to @keep of each reason
 * (jb_store_backup_prune()).  Not inside a transaction. */
JbBackup  *jb_store_backup_now      (JbStore     *self,
                                     const char  *reason,
                                     guint        keep,
                                     GError     **error);
/* The copies, newest first (an empty array when there are none). */
GPtrArray *jb_store_backup_list     (JbStore     *self,
                                     gboolean     inspect,
                                     GError     **error);
/* Deletes all but the @keep newest copies of each reason (at least one of
 * each is kept): imports in a row never push out the daily copies nor a
 * restore's undo.  Also deletes copies left half-made for more than an
 * hour. */
gboolean   jb_store_backup_prune    (JbStore     *self,
                                     guint        keep,
                                     GError     **error);
/* A JB_BACKUP_DAILY copy unless one was made today (local time) or the
 * database holds no record yet; *@made (may be NULL) is the copy made, or
 * NULL. */
gboolean   jb_store_backup_daily    (JbStore     *self,
                                     guint        keep,
                                     JbBackup   **made,
                                     GError     **error);
/* Replaces the database's contents with the copy at @path, in place (the
 * store stays open and every listener is told that everything changed),
 * after checking the copy and making a JB_BACKUP_RESTORE copy of the
 * database as it was: that copy is returned, restoring it undoes this.  A
 * copy of an older Jiebang is brought up to date on the way; the copy
 * itself is never changed.  Fails, with the database as it was, if the copy
 * is not a whole Jiebang database of this or an older version.  Then keeps
 * the @keep newest copies of each reason (0: all). */
JbBackup  *jb_store_backup_restore  (JbStore     *self,
                                     const char  *path,
                                     guint        keep,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbBackup, jb_backup_free)

G_END_DECLS

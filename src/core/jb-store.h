/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store.h: the one place where records meet SQLite.
 *
 * All SQL of Jiebang lives in the store's files, jb-store*.c (see
 * jb-store.c).  A store is used from one thread; a worker thread opens its
 * own store on the same file. */
#pragma once

#include <gio/gio.h>

#include "jb-filter.h"
#include "jb-record.h"

G_BEGIN_DECLS

#define JB_STORE_ERROR (jb_store_error_quark ())

typedef enum {
  JB_STORE_ERROR_OPEN,        /* cannot open or create the file */
  JB_STORE_ERROR_NOT_OURS,    /* a SQLite file of another program, or not SQLite */
  JB_STORE_ERROR_NEWER,       /* written by a newer Jiebang */
  JB_STORE_ERROR_INVALID,     /* a record breaks a rule: the message says which */
  JB_STORE_ERROR_REFERENCED,  /* other records still point at it */
  JB_STORE_ERROR_NOT_FOUND,
  JB_STORE_ERROR_FAILED,      /* SQLite said no: disk full, corrupt… */
  JB_STORE_ERROR_BUSY,        /* another connection holds the write lock */
  JB_STORE_ERROR_READ_ONLY,   /* the file (or its folder) cannot be written */
  JB_STORE_ERROR_CONFLICT,    /* a team database: someone else saved it meanwhile */
  JB_STORE_ERROR_NEEDS_PASSWORD, /* a team database that asks for a password */
  JB_STORE_ERROR_TAKEN,       /* a team database: someone else saved the same unique value
                               * (a code, a name) meanwhile; jb_store_save() tries again */
} JbStoreError;

typedef enum {
  JB_SAVE_DEFAULT = 0,
  /* Keep the record's uuid and created/updated times (imports); a new
   * record's creation is its created time, not a history row. */
  JB_SAVE_KEEP_TIMES = 1 << 0,
  /* Skip the demand status workflow between the saved copy and this one: an
   * imported file is the truth, whatever path the demand took elsewhere. */
  JB_SAVE_ANY_STATUS = 1 << 1,
  /* Inside the caller's transaction, which the caller rolls back as a whole
   * if this save fails: no savepoint of its own, whose journal would cost
   * about twenty writes per record in a large import.  The same checks and
   * messages, but references and unique fields are left to the table's
   * constraints (asked about only when one fails), a new record is not
   * reloaded (its references get no titles), and a failed save may leave
   * the record changed (an id or a demand code): the caller drops it. */
  JB_SAVE_BULK = 1 << 2,
  /* Exactly what an exchange file says: no code assigned, no consequences
   * for other records (the file holds them already). */
  JB_SAVE_AS_FILED = 1 << 3,
  /* With JB_SAVE_BULK: the caller has seen to it that no two records it
   * saves share an id (an import refuses a file that repeats one), so a new
   * record's id is looked for only in the kinds that held records when the
   * bulk save began; the others hold only the caller's.  A million demands
   * into an empty database then look up no id at all. */
  JB_SAVE_IDS_DISTINCT = 1 << 4,
} JbSaveFlags;

typedef struct {
  char *at;
  char *action;     /* "created", "changed", "deleted" */
  char *field;      /* for "changed" */
  char *old_value;
  char *new_value;
  char *who;        /* on a team database: the role that did it; else NULL */
} JbHistoryEntry;

/* Called from the working thread, with 0 ≤ @fraction ≤ 1. */
typedef void (*JbProgressFunc) (double fraction, gpointer user_data);

#define JB_TYPE_STORE (jb_store_get_type ())
G_DECLARE_FINAL_TYPE (JbStore, jb_store, JB, STORE, GObject)

GQuark       jb_store_error_quark   (void);

/* Opens (creating it and its folder if need be) and migrates the database;
 * builds its search index and sort indexes if they are missing or out of
 * date (a database of an older Jiebang: about a minute for a million
 * demands). */
/* Removes the closed database at @path and what lies beside it: SQLite's
 * journals and the copy made before an import (the backups folder stays). */
void         jb_store_remove_files  (const char  *path);
JbStore     *jb_store_open          (const char  *path,
                                     GError     **error);
/* The same, telling how far the building is (not called when there is
 * nothing to build) and stopping, with nothing changed, when @cancellable
 * is cancelled.  A window calls it from a worker thread, then opens the file
 * again on its own thread, which finds everything built. */
JbStore     *jb_store_open_full     (const char     *path,
                                     GCancellable   *cancellable,
                                     JbProgressFunc  progress,
                                     gpointer        user_data,
                                     GError        **error);
const char  *jb_store_get_path      (JbStore     *self);
/* Frees the page cache's pages no statement holds: a store that works now
 * and then (a worker's) need not keep the last job's pages. */
void         jb_store_release_memory (JbStore    *self);
/* The default file: $XDG_DATA_HOME/jiebang/jiebang.db */
char        *jb_store_default_path  (void);

/* Every rule a save would apply, as problems per field.  FALSE only when the
 * database could not be asked. */
gboolean     jb_store_check         (JbStore     *self,
                                     JbRecord    *record,
                                     GPtrArray   *problems,
                                     GError     **error);
/* Inserts (id 0) or updates the record, all or nothing, and writes its history.
 * On success the record holds its id, uuid, times and fresh reference names.
 * On a team database, a unique value someone else saved meanwhile refuses a
 * value the record holds as jb_store_check() does (JB_STORE_ERROR_INVALID),
 * and is given anew where the store gave it (a demand's code). */
gboolean     jb_store_save          (JbStore     *self,
                                     JbRecord    *record,
                                     JbSaveFlags  flags,
                                     GError     **error);
/* Refuses with JB_STORE_ERROR_REFERENCED while other records point at it. */
gboolean     jb_store_delete        (JbStore     *self,
                                     JbKindId     kind,
                                     gint64       id,
                                     GError     **error);
JbRecord    *jb_store_load          (JbStore     *self,
                                     JbKindId     kind,
                                     gint64       id,
                                     GError     **error);
JbRecord    *jb_store_load_by_uuid  (JbStore     *self,
                                     JbKindId     kind,
                                     const char  *uuid,
                                     GError     **error);
/* Rows for a table: only the listed fields are loaded.  @query keeps the
 * records whose searched fields match every term of it (jb-search.h: any
 * length, Chinese included; case-insensitive for Latin letters).  Newest
 * first.  Every row at once: a table shows a JbQuery (jb-query.h) instead. */
GPtrArray   *jb_store_list          (JbStore     *self,
                                     JbKindId     kind,
                                     const char  *query,
                                     GError     **error);
/* The same, keeping only the records @filter (may be NULL) lets through. */
GPtrArray   *jb_store_list_filtered (JbStore     *self,
                                     JbKindId     kind,
                                     JbFilter    *filter,
                                     const char  *query,
                                     GError     **error);
gint64       jb_store_count         (JbStore     *self,
                                     JbKindId     kind);
/* Whether @kind has a record: one row read, where a count reads them all. */
gboolean     jb_store_has_records   (JbStore     *self,
                                     JbKindId     kind);
/* Whether no kind has a record. */
gboolean     jb_store_is_empty      (JbStore     *self);
/* The record's history, oldest first: its creation (from a history row, or for
 * an imported record from its created time), every field changed, and its
 * deletion. */
GPtrArray   *jb_store_history       (JbStore     *self,
                                     const char  *uuid,
                                     GError     **error);
void         jb_history_entry_free  (JbHistoryEntry *entry);

/* The records of @kind whose reference @field points at the record @id
 * (list rows, newest first): a demand's solutions, a deal's payments… */
GPtrArray   *jb_store_list_referring (JbStore    *self,
                                      JbKindId    kind,
                                      const char *field,
                                      gint64      id,
                                      GError    **error);

/* The number of records @filter keeps and the sum of their number or money
 * @field (fen). */
gboolean     jb_store_sum           (JbStore     *self,
                                     JbFilter    *filter,
                                     const char  *field,
                                     gint64      *count,
                                     gint64      *sum,
                                     GError     **error);
/* The row id that reference @field of record @id points at; 0 if none. */
gint64       jb_store_get_ref       (JbStore     *self,
                                     JbKindId     kind,
                                     gint64       id,
                                     const char  *field);
/* The next code for text @field: @prefix and the number after the largest
 * that follows @prefix in any record ("JB-2026-0043" after "JB-2026-0042"),
 * with at least @digits digits. */
char        *jb_store_next_code     (JbStore     *self,
                                     JbKindId     kind,
                                     const char  *field,
                                     const char  *prefix,
                                     guint        digits);

/* Groups saves into one transaction (nests).  "changed" is emitted once, after
 * the outermost commit. */
gboolean     jb_store_begin         (JbStore     *self,
                                     GError     **error);
gboolean     jb_store_commit        (JbStore     *self,
                                     GError     **error);
void         jb_store_rollback      (JbStore     *self);

/* Whether a commit is on the disk when it returns (the default, SQLite's
 * synchronous FULL) or may be lost with the last few on power loss, the
 * database staying whole (NORMAL): tests/bench-durability measures what
 * the difference costs. */
void         jb_store_set_durable   (JbStore     *self,
                                     gboolean     durable);

/* Tells listeners that another connection changed the file. */
void         jb_store_notify_changed (JbStore    *self);

/* ---- bulk access for the XML exchange ----------------------------------- */

/* The row id of the record of @kind with @uuid, 0 if there is none. */
gint64       jb_store_id_for_uuid   (JbStore     *self,
                                     JbKindId     kind,
                                     const char  *uuid);

/* The row id of a record of @kind whose @n fields (names) hold
 * @values (text; numbers for int, money, ref and bool fields), 0 if there is
 * none, -1 with @error if the database could not be asked: finding an
 * organization by credit code or name, a demand by owner and title. */
gint64       jb_store_find          (JbStore            *self,
                                     JbKindId            kind,
                                     const char * const *fields,
                                     const char * const *values,
                                     guint               n,
                                     GError            **error);

/* A read transaction (nests with jb_store_begin; end it with jb_store_commit):
 * a consistent snapshot without taking the write lock. */
gboolean     jb_store_begin_read    (JbStore     *self,
                                     GError     **error);

/* Called by jb_store_foreach with every record in turn; @ref_uuids[i] is the
 * uuid of the record that reference field i points to (NULL for other fields
 * and unset references).  Return FALSE (and set @error) to stop. */
typedef gboolean (*JbStoreForeachFunc) (JbRecord           *record,
                                        const char * const *ref_uuids,
                                        gpointer            user_data,
                                        GError            **error);

/* Every record of @kind (or, with @selected_only, those of the last
 * jb_store_select_closure), all fields, streamed in a stable order: by
 * creation time then uuid; events below a parent come after it. */
gboolean     jb_store_foreach       (JbStore           *self,
                                     JbKindId           kind,
                                     gboolean           selected_only,
                                     JbStoreForeachFunc func,
                                     gpointer           user_data,
                                     GError           **error);
/* Selects the demands with the row ids in @demand_ids (gint64) and every record
 * they refer to, transitively (owner, event and its parents, manager and the
 * manager's organization…).  Ids that do not exist are ignored. */
gboolean     jb_store_select_closure (JbStore    *self,
                                      GArray     *demand_ids,
                                      GError    **error);

/* Whether the search index holds what the records say: FALSE, with an error
 * naming the kind and how many rows differ, when it does not. */
gboolean     jb_store_check_index   (JbStore     *self,
                                     GError     **error);

/* Whether the figures' running totals (jb-store-aggregates.c) hold what the
 * records say: FALSE, with an error naming the table, when they do not. */
gboolean     jb_store_check_aggregates (JbStore  *self,
                                        GError  **error);

/* Copies the whole database into a new file at @path (replaced if it exists).
 * Not inside a transaction. */
gboolean     jb_store_backup        (JbStore     *self,
                                     const char  *path,
                                     GError     **error);
/* Begins an import: jb_store_begin() with a copy of the database as the
 * import finds it, made before the write lock but checked against it (no
 * other connection wrote in between).  Two imports at once: the second
 * waits for the lock (the busy timeout), then fails with
 * JB_STORE_ERROR_BUSY. */
gboolean     jb_store_begin_import  (JbStore     *self,
                                     GError     **error);
/* Commits the import (@ok) or rolls it back.  After a commit its copy becomes
 * "<db>.before-import", replacing the previous one, for the user who regrets
 * an import; a refused import drops it and leaves the previous one as it
 * was.  FALSE if the commit failed. */
gboolean     jb_store_end_import    (JbStore     *self,
                                     gboolean     ok,
                                     GError     **error);

/* What JB_SAVE_BULK saves left for the end, done now, as if every save had
 * kept it: the search index and the figures' totals of their records, the
 * sort indexes of tables that were empty.  The commit does it otherwise, or
 * any other write; an importer calls it first, for the progress (0 to 1, a
 * few times a second: at 100 000 demands it takes longer than reading the
 * file) and a cancel that stops it (G_IO_ERROR_CANCELLED: roll back then).
 * Nothing to do, TRUE at once. */
gboolean     jb_store_bulk_finish   (JbStore         *self,
                                     GCancellable    *cancellable,
                                     JbProgressFunc   progress,
                                     gpointer         user_data,
                                     GError         **error);
/* The part of a large import's progress left for its commit, which writes
 * the journal (WAL) and copies it into the file: about a tenth of the time
 * (100 000 demands: 0.7 s of 5.6 s; a million: 7 s of 64 s). */
#define JB_STORE_COMMIT_SHARE 0.1

/* The page cache of this connection (0: SQLite's default, 2 MB).  A large
 * transaction whose pages do not fit spills them to the journal again and
 * again: imports raise it for their duration. */
void         jb_store_set_cache_size (JbStore    *self,
                                      guint       megabytes);

/* A set of strings for this connection, kept in a temporary table so that it
 * costs no memory however many it holds: duplicate checks over huge files. */
gboolean     jb_store_seen_clear    (JbStore     *self,
                                     GError     **error);
/* Adds @key; *@added tells whether it was new. */
gboolean     jb_store_seen_add      (JbStore     *self,
                                     const char  *key,
                                     gboolean    *added,
                                     GError     **error);

/* ---- team databases (jb-store-team.c) ----------------------------------- */

/* Whether @location names a PostgreSQL team database (postgresql://…,
 * postgres://… or libpq's "host=… dbname=…") rather than a file.
 * jb_store_open() and jb_store_open_full() take either. */
gboolean     jb_store_location_is_team (const char *location);
/* Opens the team database at @location through the replica file @replica
 * (NULL: the one for @location in the user's data folder, see
 * jb_store_team_replica_path()), creating the team schema in an empty
 * database, and brings the replica up to date. */
JbStore     *jb_store_open_team     (const char     *location,
                                     const char     *replica,
                                     GCancellable   *cancellable,
                                     JbProgressFunc  progress,
                                     gpointer        user_data,
                                     GError        **error);
char        *jb_store_team_replica_path (const char *location);
/* The password the user typed for @location, for every store of this
 * process that opens it: kept in memory only, never written. */
void         jb_store_set_team_password (const char *location,
                                         const char *password);
gboolean     jb_store_is_team       (JbStore     *self);
/* A team database whose role may only read: every save fails. */
gboolean     jb_store_is_read_only  (JbStore     *self);
/* What names the database for the user: the file's path, or the team
 * database's connection without its password. */
const char  *jb_store_get_location  (JbStore     *self);
/* Short, for a title: "jiebang_team at dbserver", or the file's name. */
char        *jb_store_get_display_name (JbStore  *self);
/* The role the team database knows this user as; NULL for a file. */
const char  *jb_store_get_user      (JbStore     *self);
/* Who entered the record @uuid and who saved it last, on a team database
 * (FALSE for a file, or a record the team has not seen yet). */
gboolean     jb_store_get_authorship (JbStore    *self,
                                      const char *uuid,
                                      char      **author,
                                      char      **editor);
/* Brings what others saved into the store since it last asked, and emits
 * "changed" for it.  Nothing to do for a file or inside a transaction. */
gboolean     jb_store_pull          (JbStore     *self,
                                     GError     **error);
/* The socket that becomes readable when someone saves to the team database
 * (-1 for a file, or a server that cannot LISTEN: then pull now and then);
 * then jb_store_take_notifications() and jb_store_pull(). */
int          jb_store_get_notify_fd (JbStore     *self);
/* Reads what arrived on that socket: TRUE if someone saved. */
gboolean     jb_store_take_notifications (JbStore *self);
/* How far the replica has followed the team database (grows with every
 * change it has, its own and others'); -1 for a file.  Another connection
 * that pulled (a worker) moves it: then jb_store_notify_changed(). */
gint64       jb_store_team_position (JbStore     *self);

G_END_DECLS

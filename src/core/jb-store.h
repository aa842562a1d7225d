/* jb-store.h: the one place where records meet SQLite.
 *
 * All SQL of Jiebang lives in jb-store.c.  A store is used from one thread; a
 * worker thread opens its own store on the same file. */
#pragma once

#include <glib-object.h>

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
  JB_STORE_ERROR_FAILED,      /* SQLite said no: disk full, locked… */
} JbStoreError;

typedef enum {
  JB_SAVE_DEFAULT = 0,
  /* Keep the record's uuid and created/updated times (imports). */
  JB_SAVE_KEEP_TIMES = 1 << 0,
} JbSaveFlags;

typedef struct {
  char *at;
  char *action;     /* "created", "changed", "deleted" */
  char *field;      /* for "changed" */
  char *old_value;
  char *new_value;
} JbHistoryEntry;

#define JB_TYPE_STORE (jb_store_get_type ())
G_DECLARE_FINAL_TYPE (JbStore, jb_store, JB, STORE, GObject)

GQuark       jb_store_error_quark   (void);

/* Opens (creating it and its folder if need be) and migrates the database. */
JbStore     *jb_store_open          (const char  *path,
                                     GError     **error);
const char  *jb_store_get_path      (JbStore     *self);
/* The default file: $XDG_DATA_HOME/jiebang/jiebang.db */
char        *jb_store_default_path  (void);

/* Every rule a save would apply, as problems per field.  FALSE only when the
 * database could not be asked. */
gboolean     jb_store_check         (JbStore     *self,
                                     JbRecord    *record,
                                     GPtrArray   *problems,
                                     GError     **error);
/* Inserts (id 0) or updates the record, all or nothing, and writes its history.
 * On success the record holds its id, uuid, times and fresh reference names. */
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
 * records whose searched fields contain every word of it (any length, Chinese
 * included; case-insensitive for Latin letters).  Newest first. */
GPtrArray   *jb_store_list          (JbStore     *self,
                                     JbKindId     kind,
                                     const char  *query,
                                     GError     **error);
gint64       jb_store_count         (JbStore     *self,
                                     JbKindId     kind);
GPtrArray   *jb_store_history       (JbStore     *self,
                                     const char  *uuid,
                                     GError     **error);
void         jb_history_entry_free  (JbHistoryEntry *entry);

/* Groups saves into one transaction (nests).  "changed" is emitted once, after
 * the outermost commit. */
gboolean     jb_store_begin         (JbStore     *self,
                                     GError     **error);
gboolean     jb_store_commit        (JbStore     *self,
                                     GError     **error);
void         jb_store_rollback      (JbStore     *self);

/* Tells listeners that another connection changed the file. */
void         jb_store_notify_changed (JbStore    *self);

G_END_DECLS

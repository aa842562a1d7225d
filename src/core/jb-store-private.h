/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-private.h: for the files that make up the store (jb-store-*.c).
 * All SQL lives in those files; nothing else includes this header. */
#pragma once

#include <sqlite3.h>

#include "jb-query.h"
#include "jb-search.h"
#include "jb-stats.h"
#include "jb-store.h"

G_BEGIN_DECLS

typedef struct _JbTeam JbTeam;

/* The store's state, shared by its files. */
struct _JbStore {
  GObject parent_instance;
  sqlite3 *db;
  char *path;
  guint depth;          /* open transactions */
  guint changed_kinds;  /* kinds written in the open transaction, as bits */
  /* per kind: SELECT by id (all fields, with reference names) */
  sqlite3_stmt *load[JB_N_KINDS];
  sqlite3_stmt *insert[JB_N_KINDS];
  sqlite3_stmt *update[JB_N_KINDS];
  sqlite3_stmt *by_uuid[JB_N_KINDS];  /* SELECT id by uuid */
  sqlite3_stmt *any_by_uuid;          /* SELECT kind, id by uuid, over every kind */
  sqlite3_stmt *history_insert;
  /* SQL text → statement, for statements built per call (checks, lookups):
   * prepared once, so that importing 100 000 records does not parse 100 000
   * times. */
  GHashTable *cache;
  /* "demand.code.JB-2026-" → the last number jb_store_next_code() gave: the
   * next is tried first, without scanning the year's codes again (which made
   * importing 100 000 demands without codes quadratic). */
  GHashTable *last_codes;
  /* jb-store-derived.c: a bulk save defers the index to the commit */
  gboolean bulk;
  gint64 bulk_mark[JB_N_KINDS];  /* the last row id before it: newer rows are new */
  guint bulk_sorts;              /* kinds whose sort indexes wait for the commit */
  /* jb_store_begin_import(): the copy of the database the import began with
   * ("" for a team database, which makes none) */
  char *import_copy;
  /* jb-store-totals.c: figures from the records, never the totals (tests) */
  gboolean stats_from_records;
  /* jb-store-team.c: the team database this file is the replica of */
  JbTeam *team;
  gboolean team_pull_after;  /* a commit refused for a conflict: take the other change */
  guint saving;              /* inside jb_store_save() */
};

/* Columns every record table has before its fields. */
enum { COL_ID, COL_UUID, COL_CREATED, COL_UPDATED, N_RECORD_COLS };

/* jb-store.c */
gboolean      jb_store_exec           (JbStore *self, const char *sql, GError **error);
sqlite3_stmt *jb_store_prepare        (JbStore *self, const char *sql, gboolean persistent,
                                       GError **error);
/* The kind's INSERT (@insert) or UPDATE by id, prepared on first use; NULL
 * with @error set if SQLite refuses it. */
sqlite3_stmt *jb_store_write_statement (JbStore *self, const JbKind *kind, gboolean insert,
                                        GError **error);
/* Runs the bound @stmt to its end, then resets it (its bindings stay). */
gboolean      jb_store_step_done      (JbStore *self, sqlite3_stmt *stmt, GError **error);
/* A statement prepared once per store (not reset: callers reset after use). */
sqlite3_stmt *jb_store_cached         (JbStore *self, const char *sql, GError **error);
/* The first column of the first row of @sql, or -1. */
gint64        jb_store_query_int      (JbStore *self, const char *sql);
/* Whether the queries @held (what the store keeps) and @truth (what it
 * should be) give the same rows; if not, an error "@what misses N rows" or
 * "@what has wrong or extra N rows".  For the consistency checks. */
gboolean      jb_store_same_rows      (JbStore *self, const char *what, const char *held,
                                       const char *truth, GError **error);
const JbKind *jb_store_ref_target     (const JbField *field);
GString      *jb_store_select_sql_full (const JbKind *kind, JbFieldFlags flags,
                                        gboolean with_uuids);
void          jb_store_bind_fields    (JbRecord *record, sqlite3_stmt *stmt, int first);

/* jb-store-query.c */
GPtrArray    *jb_store_collect_rows   (JbStore *self, const JbKind *kind, sqlite3_stmt *stmt,
                                       GError **error);

/* A statement prepared once per store, reset and unbound, ready to bind. */
sqlite3_stmt *jb_store_statement      (JbStore *self, const char *sql, GError **error);
/* Sets @error from SQLite's last message; returns FALSE. */
gboolean      jb_store_fail           (JbStore *self, GError **error);
/* A row of the history table (jb-store-write.c). */
gboolean      jb_store_history_add    (JbStore     *self,
                                       const char  *kind,
                                       const char  *uuid,
                                       const char  *at,
                                       const char  *action,
                                       const char  *field,
                                       const char  *old_value,
                                       const char  *new_value,
                                       GError     **error);
/* A compact copy of the database into @path (jb-store-bulk.c). */
gboolean      jb_store_vacuum_into    (JbStore     *self,
                                       const char  *path,
                                       GError     **error);
/* Steps a one-row aggregate into @out (@n columns) and resets the statement;
 * FALSE (and @error) if @stmt is NULL or gave no row. */
gboolean      jb_store_one_row        (JbStore       *self,
                                       sqlite3_stmt  *stmt,
                                       gint64        *out,
                                       guint          n,
                                       GError       **error);
/* "SELECT t.id, t.uuid, t.created, t.updated, <fields>, <ref titles> FROM kind t
 *  LEFT JOIN …": the fields with @flags (0: all); add WHERE/ORDER to taste. */
GString      *jb_store_select_sql     (const JbKind *kind, JbFieldFlags flags);
/* A row of jb_store_select_sql() as a record. */
JbRecord     *jb_store_row_to_record  (const JbKind *kind, sqlite3_stmt *stmt);
/* Appends " WHERE …" (or " AND …" once *@where) for @filter's conditions on
 * the table aliased "t", as jb_store_list_filtered() does.  Each value is
 * appended to @params (strings) and written as ?N, N its place in @params.
 * FALSE if a condition does not fit @kind. */
gboolean      jb_store_append_filter  (GString *sql, const JbKind *kind, JbFilter *filter,
                                       GPtrArray *params, gboolean *where);
/* "(SELECT ?@param)" or, unless @alone, "(WITH RECURSIVE …)": the event
 * ?@param and its sessions at any depth, as a set of event ids. */
void          jb_store_append_event_set (GString *sql, guint param, gboolean alone);
/* "('signed', 'executing', 'completed')": the codes of @enumeration with
 * @flags as an SQL set.  Codes are constants of jb-kind*.c, never input. */
char         *jb_store_sql_set        (const JbEnum *enumeration, JbValueFlags flags);
/* Binds @params (strings) to ?1, ?2… */
void          jb_store_bind_params    (sqlite3_stmt *stmt, GPtrArray *params);

/* jb-store-search.c */
gboolean      jb_store_search_register (JbStore *self, GError **error);
/* The FTS5 MATCH text of @search, NULL when it has no terms. */
char         *jb_store_match_text     (JbSearch *search);
/* "jb_rank(demand_search, 4.0, 10.0, …)": higher is better. */
char         *jb_store_rank_sql       (const JbKind *kind);
/* The sort key of @field for rows of @kind called @alias ("t." or ""). */
char         *jb_store_sort_sql       (const JbKind *kind, const JbField *field,
                                       const char *alias);
const char   *jb_store_collation_version (void);
/* A set of row ids, as bits: what a search found, for a query that walks
 * a sort index and asks jb_in_set(:set, t.id) of each row (bound with
 * sqlite3_bind_pointer (stmt, i, set, JB_ROWID_SET, NULL)). */
#define JB_ROWID_SET "jb_rowid_set"
typedef struct {
  guint8 *bits;
  gint64 size;     /* bits allocated */
  guint count;
} JbRowidSet;
void          jb_rowid_set_add        (JbRowidSet *set, gint64 id);
void          jb_rowid_set_free       (JbRowidSet *set);

/* jb-store-derived.c */
gboolean      jb_store_derived_update (JbStore *self, GCancellable *cancellable,
                                       JbProgressFunc progress, gpointer user_data,
                                       GError **error);
/* Before a JB_SAVE_BULK save of @kind in a transaction. */
gboolean      jb_store_bulk_begin     (JbStore *self, JbKindId kind, GError **error);
/* After it saved the record @id. */
gboolean      jb_store_bulk_note      (JbStore *self, JbKindId kind, gint64 id, GError **error);
/* (jb_store_bulk_finish() is in jb-store.h: importers call it too.) */
/* After the rollback. */
void          jb_store_bulk_reset     (JbStore *self);

/* jb-store-aggregates.c: the figures' running totals, derived objects */
typedef enum {
  JB_AGGREGATE_TABLE,
  JB_AGGREGATE_INDEX,
  JB_AGGREGATE_TRIGGER,
  JB_AGGREGATE_INSERT_TRIGGER,  /* dropped while a bulk save runs */
} JbAggregateType;

typedef struct {
  JbAggregateType type;
  JbKindId kind;      /* the records it sums or follows */
  char *name;
  char *create;
} JbAggregateObject;

/* The SQL function jb_counted() of their triggers. */
gboolean      jb_store_aggregates_register (JbStore *self, GError **error);
/* JbAggregateObject elements: tables, then indexes, then triggers. */
GPtrArray    *jb_store_aggregates_objects  (void);
/* Adds to the totals the records of each kind whose row id is above
 * @after[kind] (@after NULL: every record). */
gboolean      jb_store_aggregates_fill     (JbStore *self, const gint64 *after,
                                            GError **error);

/* jb-store-totals.c: the figures from those totals (jb-stats.h) */
typedef enum {
  JB_TOTALS_EVERYTHING,       /* no event condition */
  JB_TOTALS_EVENT,            /* the cells' event_id in the period's scope */
  JB_TOTALS_EVENT_OR_DEMAND,  /* event_id or demand_event_id in it */
} JbTotalsScope;

/* Whether the totals answer for @period: it starts on the first of a month
 * and ends on the last day of one (or is open). */
gboolean      jb_store_totals_fit     (JbStore *self, const JbStatsPeriod *period);
/* Whether the owners' totals answer: whole years of everything, or all
 * time of an event. */
gboolean      jb_store_totals_fit_owners (JbStore *self, const JbStatsPeriod *period);
/* "@select [WHERE] <@month in the period> AND <scope> @tail", prepared and
 * bound: ?1 and ?2 are the period's first and last days (0000-01-01 and
 * 9999-12-31 when open), ?3 is @reference.  The scope goes where @select
 * says "@SCOPE@" (after a condition), if it does. */
sqlite3_stmt *jb_store_totals_query   (JbStore *self, const JbStatsPeriod *period,
                                       const char *reference, const char *select,
                                       const char *month, JbTotalsScope scope,
                                       const char *tail, GError **error);
/* Every figure but the awards and the owners' (enterprises, alliance);
 * overdue counts the payments due before the month of @reference. */
gboolean      jb_store_totals_figures (JbStore *self, const JbStatsPeriod *period,
                                       const char *reference, JbFigures *figures,
                                       GError **error);
/* "SELECT owner_id, n, investment …": the owners of the period's demands,
 * for a jb_store_totals_query() with scope JB_TOTALS_EVENT, when
 * jb_store_totals_fit_owners(). */
char         *jb_store_totals_owners_sql (const JbStatsPeriod *period);
/* Enterprises and alliance members, when jb_store_totals_fit_owners(). */
gboolean      jb_store_totals_owners  (JbStore *self, const JbStatsPeriod *period,
                                       JbFigures *figures, GError **error);

/* jb-store-pages.c and jb-store-plan.c: JbQuery */
/* A search's result this small may be sorted whole, in memory (see
 * walk_is_cheaper()). */
#define JB_QUERY_WHOLE_MAX 10000

enum { JB_ORDER_DEFAULT = -1, JB_ORDER_ID = -2 };

typedef struct {
  GArray *ids;        /* the rows in order, or NULL for SQL */
  char *id_column;    /* SQL: "t.id" or "s.rowid" */
  char *from;         /* SQL: "demand t LEFT JOIN …" */
  char *where;        /* SQL: conditions, never empty */
  GStrv keys;         /* SQL: the order, ascending */
  gboolean descending;
  gint64 min;         /* bound to :min */
  guint count;
} JbQueryPart;

struct _JbQuery {
  GObject parent_instance;
  JbStore *store;
  const JbKind *kind;
  JbFilter *filter;
  GPtrArray *filter_params; /* its values, as the planned SQL numbers them */
  JbSearch *search;
  char *match;        /* the FTS5 MATCH text, NULL when not searching */
  int field;          /* a field's index, JB_ORDER_DEFAULT or JB_ORDER_ID */
  gboolean descending;
  guint materialized_max;
  guint ranked;

  gboolean planned;
  guint count;
  GArray *parts;      /* JbQueryPart, in the order of the rows */
  JbRowidSet *set;    /* what the search found, bound to :set */
};

/* jb-store-plan.c */
gboolean      jb_query_plan           (JbQuery *self, GError **error);
/* Binds what the query's SQL may name (the filter's values, :match, :min,
 * :set). */
void          jb_query_bind           (JbQuery *self, sqlite3_stmt *stmt,
                                       const JbQueryPart *part);
gboolean      jb_query_step_count     (JbQuery *self, sqlite3_stmt *stmt,
                                       const JbQueryPart *part, guint *count, GError **error);
/* "k0, k1 DESC…" */
char         *jb_query_order_sql      (GStrv keys, gboolean descending);

/* jb-store.c: the file at @path as it is, even a team database's replica. */
JbStore      *jb_store_open_file      (const char *path, GCancellable *cancellable,
                                       JbProgressFunc progress, gpointer user_data,
                                       GError **error);

/* jb-store-team.c */
void          jb_team_free            (JbTeam *team);
/* Sets @error to the conflict over the record @uuid (who changed it, or that
 * it was deleted) and returns FALSE. */
gboolean      jb_store_team_conflict  (JbStore *self, JbKindId kind, const char *uuid,
                                       GError **error);
/* On a team database, the version of @uuid the replica had when this store
 * last read it (jb_store_load()), noted; and the check before a save that
 * nobody's change came in since (FALSE: a conflict).  Nothing for a file. */
void          jb_store_team_note_read  (JbStore *self, const char *uuid);
gboolean      jb_store_team_check_read (JbStore *self, JbKindId kind, const char *uuid,
                                        GError **error);

/* The team database whose replica this file is (its location without the
 * password), or NULL for a file of its own. */
char         *jb_store_team_location_of (JbStore *self);
/* Writes the open transaction's changes to the team database, before the
 * replica commits them; FALSE (a conflict, the connection lost…) and the
 * caller rolls back. */
gboolean      jb_store_team_commit    (JbStore *self, GError **error);
/* jb-store.c: "changed" with the kinds written, once. */
void          jb_store_emit_changed   (JbStore *self);

/* The record of any kind that has @uuid (in lowercase): its id, its kind in
 * *@kind; 0 if there is none. */
gint64 jb_store_any_for_uuid (JbStore *self, const char *uuid, JbKindId *kind);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-query.h: the rows of a table, straight from the store, a page at a time.
 *
 * A query is a kind of record, a filter, a search text and an order.  It
 * counts its rows, fetches any page of them (records with their listed
 * fields, as jb_store_list() gives them), tells where a record stands (to
 * keep the selection on it after a re-sort) and streams every row for an
 * export — all three from the same SQL, so that the count, the table and
 * the exported file agree.  Memory does not grow with the table.
 *
 * Orders: by a listed field, ascending or descending (unset values first
 * when ascending; the row id breaks ties), as the table shows the field:
 * choices in their natural order (a demand's workflow), money and numbers
 * by value, dates by date, text as the user reads it (Chinese by pinyin,
 * Latin letters without regard to case); references by the title of the
 * record they point to.  By "id": the order the records were entered in.
 * By NULL, the default: best match first when searching, newest first
 * otherwise.
 *
 * Best match: when at most JB_QUERY_RANKED rows are found, all of them are
 * ranked by BM25 with the title weighted above keywords and codes, above
 * the titles of referred records, above long texts (jb-store-search.c);
 * otherwise the JB_QUERY_RANKED newest of them are, and the others follow,
 * newest first: ranking a third of a million rows for a one-character
 * search would take a second, while no one reads that far in rank order.
 *
 * What a query has counted and fetched stays until the store changes: call
 * jb_query_invalidate() on JbStore::changed.  Like the store, a query is
 * used from one thread.
 *
 * A GListModel over a query: n-items is jb_query_count(); get_item(i)
 * fetches the page that holds i (jb_query_fetch (q, i - i % 100, 100)) into
 * a small cache of pages.  On JbStore::changed, or a new order or search:
 * keep the selected record's id, invalidate, count, jb_query_position_of()
 * it, and emit items-changed over the whole range.  The table shows the
 * parts of a value that the search matched with jb_search_highlight
 * (jb_query_get_search (q), text).  At a million rows a count and a page
 * take tens of milliseconds at most (README, bench-search), and a position
 * a few hundred. */
#pragma once

#include "jb-search.h"
#include "jb-store.h"

G_BEGIN_DECLS

/* Rows ranked when searching (see above). */
#define JB_QUERY_RANKED 2000

#define JB_TYPE_QUERY (jb_query_get_type ())
G_DECLARE_FINAL_TYPE (JbQuery, jb_query, JB, QUERY, GObject)

JbQuery     *jb_query_new          (JbStore     *store,
                                    JbKindId     kind);
JbStore     *jb_query_get_store    (JbQuery     *self);
JbKindId     jb_query_get_kind     (JbQuery     *self);
/* @filter may be NULL; its kind is the query's. */
void         jb_query_set_filter   (JbQuery     *self,
                                    JbFilter    *filter);
/* What the user typed (jb-search.h); NULL or empty: every row. */
void         jb_query_set_search   (JbQuery     *self,
                                    const char  *text);
/* The parsed search, for highlighting the rows (never NULL). */
JbSearch    *jb_query_get_search   (JbQuery     *self);
/* @field: a listed field's name, "id", or NULL (see above).  FALSE for a
 * field that is not listed. */
gboolean     jb_query_set_order    (JbQuery     *self,
                                    const char  *field,
                                    gboolean     descending);
/* Forgets what was counted and fetched. */
void         jb_query_invalidate   (JbQuery     *self);

gboolean     jb_query_count        (JbQuery     *self,
                                    guint       *n_rows,
                                    GError     **error);
/* The rows from @position on (at most @n; fewer at the end), as JbRecords. */
GPtrArray   *jb_query_fetch        (JbQuery     *self,
                                    guint        position,
                                    guint        n,
                                    GError     **error);
/* Where the record @id stands, or G_MAXUINT (and no error) when the query
 * does not find it. */
guint        jb_query_position_of  (JbQuery     *self,
                                    gint64       id,
                                    GError     **error);

/* Called with each row in turn; FALSE (and @error set) stops. */
typedef gboolean (*JbQueryFunc) (JbRecord  *record,
                                 gpointer   user_data,
                                 GError   **error);
gboolean     jb_query_foreach      (JbQuery     *self,
                                    JbQueryFunc  func,
                                    gpointer     user_data,
                                    GError     **error);

/* For tests: smaller thresholds (a result ordered whole in memory; rows
 * ranked), so that a few rows take every path that a million take. */
void         jb_query_set_limits   (JbQuery     *self,
                                    guint        materialized,
                                    guint        ranked);

G_END_DECLS

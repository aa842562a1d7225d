/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-query-model.h: the rows of a JbQuery as a GListModel of JbRecord, for a
 * table.  It knows its count and fetches only the pages of rows the view asks
 * for, keeping a few of them (JB_QUERY_MODEL_PAGES of JB_QUERY_MODEL_PAGE
 * rows): memory does not grow with the table.
 *
 * The model does not watch the store: its owner calls
 * jb_query_model_refresh() when the store changes or the query's order or
 * search does, after unselecting (GtkSingleSelection looks for its selected
 * item among all the rows added by an items-changed, which would fetch every
 * page), and selects again with jb_query_model_position_of(). */
#pragma once

#include <gio/gio.h>

#include "jb-query.h"

G_BEGIN_DECLS

#define JB_QUERY_MODEL_PAGE 100
#define JB_QUERY_MODEL_PAGES 8

#define JB_TYPE_QUERY_MODEL (jb_query_model_get_type ())
G_DECLARE_FINAL_TYPE (JbQueryModel, jb_query_model, JB, QUERY_MODEL, GObject)

/* Counts @query's rows at once. */
JbQueryModel *jb_query_model_new         (JbQuery      *query);
JbQuery      *jb_query_model_get_query   (JbQueryModel *self);
/* Forgets the rows, counts again and tells the view that every row may have
 * changed.  With @keep_rows, a row whose record is as it was is given back as
 * the same object, so that the view keeps its widget (and its focus) instead
 * of building it again; without (a new search, whose words each cell shows in
 * bold), every row is new. */
void          jb_query_model_refresh     (JbQueryModel *self,
                                          gboolean      keep_rows);
/* Where the record @id stands, or GTK's invalid position (G_MAXUINT). */
guint         jb_query_model_position_of (JbQueryModel *self,
                                          gint64        id);
/* The last error counting or fetching, or NULL. */
const GError *jb_query_model_get_error   (JbQueryModel *self);

G_END_DECLS

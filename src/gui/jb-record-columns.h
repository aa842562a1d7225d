/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record-columns.h: the table of a kind: the columns declared in
 * ui/jb-KIND-list.ui, each titled with its field's label, with cells and a
 * sorter that follow from the field's type. */
#pragma once

#include <gtk/gtk.h>

#include "jb-kind.h"
#include "jb-search.h"

G_BEGIN_DECLS

/* A new column view for @kind, columns set up. */
GtkColumnView *jb_record_columns_new    (const JbKind *kind);
/* The index of the field that @column shows, or -1. */
int            jb_record_columns_field  (GtkColumnViewColumn *column);
/* Sorts records of @kind by @field as people read it: choices in their
 * natural order (the workflow, not the alphabet), numbers and amounts by
 * value, dates as dates, text as shown.  In memory: the window no longer
 * does (the store orders its rows, jb-query.h); bench-store compares. */
GtkSorter     *jb_record_columns_sorter (const JbKind *kind, guint field);
/* The order the user chose by the column titles: the field of the primary
 * column, and whether descending; FALSE when none is chosen.  The columns'
 * sorters order nothing: the rows come ordered from the store. */
gboolean       jb_record_columns_get_order  (GtkColumnView *view, int *field,
                                             gboolean *descending);
/* The words each cell shows in bold (NULL: none). */
void           jb_record_columns_set_search (GtkColumnView *view, JbSearch *search);
/* Gives the columns the widths @settings keeps ("column-widths"), and keeps
 * those the user gives them. */
void           jb_record_columns_remember_widths (GtkColumnView *view, const JbKind *kind,
                                                  GSettings *settings);
/* Scrolls the row at @pos into view. */
void           jb_record_columns_scroll_to  (GtkColumnView *view, guint pos);
/* What Tab (or Shift+Tab, @backward) does in the table: the focus goes to
 * what comes after (before) it, not to the next row. */
void           jb_record_columns_tab_out    (GtkColumnView *view, gboolean backward);
/* Gives the keyboard focus to the row at @pos (GTK 4.8 has no call for it). */
gboolean       jb_record_columns_focus_row  (GtkColumnView *view, guint pos);

G_END_DECLS

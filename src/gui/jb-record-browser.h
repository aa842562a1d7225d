/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record-browser.h: one kind of record as a searchable, sortable table with
 * its editor beside it. */
#pragma once

#include <gtk/gtk.h>

#include "jb-record-editor.h"
#include "jb-store.h"

G_BEGIN_DECLS

/* Where the keyboard focus goes on a page (F6 goes from one to the next). */
typedef enum {
  JB_BROWSER_REGION_LIST,    /* the table: the record's row */
  JB_BROWSER_REGION_EDITOR,  /* the form: its first field */
} JbBrowserRegion;

#define JB_TYPE_RECORD_BROWSER (jb_record_browser_get_type ())
G_DECLARE_FINAL_TYPE (JbRecordBrowser, jb_record_browser, JB, RECORD_BROWSER, GtkWidget)

void            jb_record_browser_set_store    (JbRecordBrowser *self, JbStore *store);
JbKindId        jb_record_browser_get_kind     (JbRecordBrowser *self);
JbRecordEditor *jb_record_browser_get_editor   (JbRecordBrowser *self);
GtkSearchEntry *jb_record_browser_get_search_entry (JbRecordBrowser *self);
/* The rows as shown: searched and sorted. */
GListModel     *jb_record_browser_get_rows     (JbRecordBrowser *self);
/* The row ids of the records shown (gint64), in the table's order. */
GArray         *jb_record_browser_get_shown_ids (JbRecordBrowser *self);
GtkPaned       *jb_record_browser_get_paned    (JbRecordBrowser *self);
/* The table's column widths from @settings, and kept there as the user
 * changes them. */
void            jb_record_browser_remember_widths (JbRecordBrowser *self, GSettings *settings);
/* Shows the record with @id in the editor, asking first if edits would be lost. */
void            jb_record_browser_select       (JbRecordBrowser *self, gint64 id);
/* Shows only the records @filter lets through (NULL: all), saying so above
 * the table. */
void            jb_record_browser_set_filter   (JbRecordBrowser *self, JbFilter *filter);
/* Selects the record @id, clearing search and filter if they hide it. */
void            jb_record_browser_reveal       (JbRecordBrowser *self, gint64 id);
/* Starts a new record from @record (unsaved, some fields set). */
void            jb_record_browser_new_record   (JbRecordBrowser *self, JbRecord *record);
/* Writes the table as shown (search, filter, sort and columns) as CSV. */
gboolean        jb_record_browser_export_csv   (JbRecordBrowser *self, GFile *file,
                                                GError **error);
/* The same as .xlsx: numbers, dates and amounts (unit in the header) typed. */
gboolean        jb_record_browser_export_xlsx  (JbRecordBrowser *self, GFile *file,
                                                GError **error);
/* Gives the keyboard focus to @region of the page. */
void            jb_record_browser_focus_region (JbRecordBrowser *self, JbBrowserRegion region);
/* Adds a button to the welcome page (e.g. "Load Sample Data"). */
void            jb_record_browser_add_empty_action (JbRecordBrowser *self, const char *label,
                                                    const char *action_name);

G_END_DECLS

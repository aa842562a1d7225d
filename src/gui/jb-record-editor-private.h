/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record-editor-private.h: for the files that make up JbRecordEditor:
 * jb-record-editor.c (loading, checking, saving, leaving) and
 * jb-record-editor-merge.c (the record changing underneath an open form). */
#pragma once

#include "jb-history-view.h"
#include "jb-match-view.h"
#include "jb-record-editor.h"
#include "jb-related-view.h"

G_BEGIN_DECLS

struct _JbRecordEditor {
  GtkWidget parent_instance;

  JbStore *store;
  const JbKind *kind;
  /* The record as last loaded, saved or merged: the base the user's
   * changes are measured against (JbFieldEditor:touched and differs()). */
  JbRecord *record;
  GPtrArray *fields;     /* JbFieldEditor, in form order */
  gboolean dirty;
  gboolean saving;       /* the store's "changed" during our own save is no news */
  gboolean deleted;      /* deleted elsewhere while shown */
  GPtrArray *conflicts;  /* JbFieldEditor changed both here and elsewhere */
  gulong store_changed_id;

  GtkLabel *heading;
  GtkLabel *authorship;  /* a team database: "Entered by X · last saved by Y" */
  GtkLabel *status;      /* "Unsaved changes", or what went wrong */
  GtkWidget *notice;     /* changed or deleted elsewhere, and what to do */
  GtkLabel *notice_label;
  GtkWidget *take_theirs_button;
  GtkWidget *keep_mine_button;
  GtkWidget *save_new_button;
  GtkBox *form_holder;
  JbRelatedView *related;
  JbMatchView *matches;
  JbHistoryView *history;
};

/* jb-record-editor.c */
void     jb_record_editor_update_state  (JbRecordEditor *self);
void     jb_record_editor_show_error    (JbRecordEditor *self,
                                         const char     *message);

/* jb-record-editor-merge.c */
typedef enum {
  JB_CATCH_UP_OK,        /* the form holds the stored record and the user's changes */
  JB_CATCH_UP_NEWS,      /* the user must see something first: a conflict, a deletion */
  JB_CATCH_UP_FAILED,    /* the database could not be asked (@error) */
} JbCatchUp;

/* JbStore::changed: the record, its related records and its history again,
 * keeping what the user changed. */
void      jb_record_editor_on_store_changed (JbRecordEditor *self,
                                             guint           kinds);
/* Before a save: merges what was stored meanwhile (by another program too,
 * which sends no signal); on JB_CATCH_UP_OK *@fresh is the stored record. */
JbCatchUp jb_record_editor_catch_up      (JbRecordEditor *self,
                                          JbRecord      **fresh,
                                          GError        **error);
/* Shows or hides the notice for the conflicts and the deletion. */
void      jb_record_editor_show_notice   (JbRecordEditor *self);
/* editor.take-theirs, editor.keep-mine, editor.save-as-new */
void      jb_record_editor_merge_class_init (GtkWidgetClass *widget_class);

G_END_DECLS

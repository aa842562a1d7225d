/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake.h: rows of a spreadsheet as Jiebang records.
 *
 * The steps a dialog (or the command line) takes, each usable from a worker
 * thread with its own store:
 *   open → list sheets (jb_intake_get_workbook) → choose one (set_sheet:
 *   finds the header rows and maps each column to a target) → change a
 *   column's target or the code of an unknown choice → preview the first
 *   rows as they will be stored, with their problems → import, all or
 *   nothing, with progress and a GCancellable.
 *
 * A target names where a column goes: a field of the row's kind ("title"),
 * a field of the row's organization ("org.credit_code": a demand's or an
 * achievement's owner, a person's organization), JB_INTAKE_NOTES (kept as
 * "header: value" lines in the kind's notes field, see
 * jb_intake_notes_field) or NULL (ignored). */
#pragma once

#include "jb-exchange.h"
#include "jb-sheet.h"
#include "jb-store.h"

G_BEGIN_DECLS

#define JB_INTAKE_NOTES "notes"
/* Rows shown by a preview unless asked otherwise. */
#define JB_INTAKE_PREVIEW_ROWS 20
/* Problems kept (with their rows) for the report; past that only counted. */
#define JB_INTAKE_MAX_PROBLEMS 10000

typedef struct {
  guint row;         /* the spreadsheet's row number, from 1 */
  int column;        /* from 0; -1 for the row as a whole */
  char *column_name; /* the column's header, or its letter ("" for the row) */
  char *message;
  gboolean warning;  /* imported anyway: an unknown choice kept as Other */
} JbIntakeProblem;

typedef struct {
  guint row;               /* from 1 */
  JbRecord *record;        /* as it will be stored */
  JbRecord *organization;  /* the row's organization (NULL for organizations) */
  gboolean update;         /* it updates a record already in the database */
  GPtrArray *problems;     /* JbIntakeProblem */
} JbIntakeRow;

typedef struct _JbIntake JbIntake;

/* Opens the workbook (jb_workbook_open) without reading rows. */
JbIntake     *jb_intake_open              (GFile         *file,
                                           GCancellable  *cancellable,
                                           GError       **error);
void          jb_intake_free              (JbIntake      *intake);
JbWorkbook   *jb_intake_get_workbook      (JbIntake      *intake);

/* The kinds rows can become: demands (with their enterprises),
 * organizations, people and technology achievements. */
gboolean      jb_intake_kind_supported    (JbKindId       kind);

/* The first sheet that looks like a table of @kind (a header row with two
 * known columns), else 0. */
guint         jb_intake_guess_sheet       (JbIntake      *intake,
                                           JbKindId       kind,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* Reads the head of @sheet, finds its header rows and maps every column. */
gboolean      jb_intake_set_sheet         (JbIntake      *intake,
                                           guint          sheet,
                                           JbKindId       kind,
                                           GCancellable  *cancellable,
                                           GError       **error);
guint         jb_intake_get_sheet         (JbIntake      *intake);
JbKindId      jb_intake_get_kind          (JbIntake      *intake);
/* The header rows found, from 1 (first = last when there is one). */
guint         jb_intake_get_header_first  (JbIntake      *intake);
guint         jb_intake_get_header_last   (JbIntake      *intake);

guint         jb_intake_get_n_columns     (JbIntake      *intake);
/* The column's header as the sheet writes it ("联系方式 / 联系人" under a
 * grouped header), or its letter when it has none. */
const char   *jb_intake_get_header        (JbIntake      *intake,
                                           guint          column);
const char   *jb_intake_get_target        (JbIntake      *intake,
                                           guint          column);
void          jb_intake_set_target        (JbIntake      *intake,
                                           guint          column,
                                           const char    *target);
/* Every target of the current kind, NULL-terminated (JB_INTAKE_NOTES last). */
const char * const *jb_intake_list_targets (JbIntake     *intake);
/* "Title", "Owner: Unified social credit code", in the user's language. */
char         *jb_intake_target_label      (JbIntake      *intake,
                                           const char    *target);
/* The targets the kind requires that no column maps to, as labels joined
 * by ", "; NULL when none is missing. */
char         *jb_intake_missing_required  (JbIntake      *intake);
/* The field that keeps the columns without a field (JB_INTAKE_NOTES), as
 * "header: value" lines; NULL for kinds without a long text field, whose
 * such columns are listed as warnings instead. */
const char   *jb_intake_notes_field       (JbKindId       kind);

/* The user's choice for a value no choice matches: @text in a column of
 * @target stands for @code (NULL: back to the automatic match). */
void          jb_intake_set_choice        (JbIntake      *intake,
                                           const char    *target,
                                           const char    *text,
                                           const char    *code);

typedef struct {
  char *target;     /* the column's target ("coop_mode", "org.kind") */
  guint column;     /* the first column with that target */
  char *text;       /* as the sheet writes it */
  guint n_rows;     /* rows that have it */
  guint first_row;  /* from 1 */
} JbIntakeChoice;

/* Every value of the sheet's choice columns that matches none of the
 * choices (JbIntakeChoice, in the order met), for the user to map with
 * jb_intake_set_choice(); values already mapped are left out.  Reads the
 * whole sheet, without the database. */
GPtrArray    *jb_intake_unknown_choices   (JbIntake      *intake,
                                           GCancellable  *cancellable,
                                           GError       **error);
void          jb_intake_choice_free       (JbIntakeChoice *choice);

/* The first @n_rows data rows as they would be stored (JbIntakeRow), each
 * with its problems; the database is not changed. */
GPtrArray    *jb_intake_preview           (JbIntake      *intake,
                                           JbStore       *store,
                                           guint          n_rows,
                                           GCancellable  *cancellable,
                                           GError       **error);
void          jb_intake_row_free          (JbIntakeRow   *row);
void          jb_intake_problem_free      (JbIntakeProblem *problem);

/* Imports every data row in one transaction after a copy of the database
 * ("<db>.before-import"), like jb_exchange_import(): nothing is written
 * unless every row passes.  A row updates the demand with its code, else
 * the one with the same owner and title; organizations are found by credit
 * code, then by name, else created.  @problems (may be NULL) receives every
 * problem (JbIntakeProblem; warnings too, also on success); on failure
 * @error says how many rows were refused. */
gboolean      jb_intake_import            (JbIntake      *intake,
                                           JbStore       *store,
                                           GCancellable  *cancellable,
                                           JbProgressFunc progress,
                                           gpointer       user_data,
                                           JbImportSummary *summary,
                                           GPtrArray    **problems,
                                           GError       **error);
/* "FILE:ROW: column: reason", for the command line and logs. */
char         *jb_intake_problem_to_string (JbIntake      *intake,
                                           JbIntakeProblem *problem);

/* Writes the rows refused by the last import (their problems first, then
 * the row as it was) as .xlsx, to send back to whoever filled it in. */
gboolean      jb_intake_write_rejected    (JbIntake      *intake,
                                           GPtrArray     *problems,
                                           GFile         *file,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbIntake, jb_intake_free)

G_END_DECLS

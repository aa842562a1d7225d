/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake-run.h: one reading of a sheet's data rows, shared by the files
 * that turn them into records: jb-intake-rows.c (the loop, the preview and
 * the import), jb-intake-values.c (cells as field values) and
 * jb-intake-records.c (rows saved, organizations found or made). */
#pragma once

#include "jb-intake-private.h"

G_BEGIN_DECLS

typedef struct {
  JbIntake *intake;
  JbStore *store;
  const JbKind *kind;
  const JbKind *org_kind;
  int org_ref;              /* field of the kind pointing at the organization, or -1 */
  int notes;                /* the kind's notes field, or -1 */
  guint limit;              /* data rows to read (0: all) */
  GCancellable *cancellable;
  JbProgressFunc progress;
  gpointer user_data;
  double reported;
  double read_share;        /* of the progress, reading the sheet */

  GPtrArray *rows;          /* preview: JbIntakeRow */
  GPtrArray *problems;      /* import: JbIntakeProblem */
  guint n_failed, n_rows, n_problems;
  JbImportSummary summary;
  gboolean after_notes;
  GHashTable *choice_cache; /* "enum\ntext" → code ("" when none) */
  GHashTable *orgs;         /* "code:…" / "name:…" → id, of this run */
  /* When the kind's table was empty, only this run's rows can match a row:
   * their keys (code, owner and title…) say when to ask the database. */
  GHashTable *keys;         /* NULL: always ask */
  GError *fatal;            /* the database failed: stop */

  /* the row being read */
  guint row;
  JbRecord *record;
  JbRecord *org_record;
  GPtrArray *row_problems;
  int *field_column;        /* per field of the kind: the column that set it */
  int org_column[32];       /* per organization field */
  GString *notes_text;
} JbIntakeRun;

/* A problem of the row being read, in @column (-1: the row as a whole). */
void     jb_intake_add_problem    (JbIntakeRun *run, int column, gboolean warning,
                                   const char *format, ...) G_GNUC_PRINTF (4, 5);
/* jb-intake-values.c: the code that @text stands for in @target's choices
 * (labels, synonyms, the user's mapping), or NULL. */
const char *jb_intake_choice_code (JbIntakeRun *run, const char *target, const JbEnum *e,
                                   const char *text);
/* Keeps "header: value" in the row's notes. */
void     jb_intake_add_note       (JbIntakeRun *run, const char *header, const char *value);
/* The cell of column @c into the row's records. */
void     jb_intake_apply_value    (JbIntakeRun *run, guint c, const JbCell *cell);
/* jb-intake-records.c: the rules a save applies without the database, as
 * problems of the columns in @columns (per field). */
gboolean jb_intake_check_record   (JbIntakeRun *run, JbRecord *record, const int *columns);
/* Saves the row's records: its organization found or made, the record
 * updated when the database holds it already (*@update). */
gboolean jb_intake_store_row      (JbIntakeRun *run, gboolean *update, JbRecord **org_out);

G_END_DECLS

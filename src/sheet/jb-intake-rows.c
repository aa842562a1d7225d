/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake-rows.c: data rows as records, for the preview and the import.
 *
 * Each row below the header becomes a record of the intake's kind and, for
 * demands, achievements and people, the organization it names: found by
 * credit code, then by exact name, else created.  A record already in the
 * database (a demand by code, else by owner and title) is updated with the
 * row's values.  Problems carry the row and the column they come from.  The
 * preview runs the same code in a transaction it rolls back; the import
 * commits only when no row has an error. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-intake-run.h"
#include "jb-sheet-private.h"
#include "jb-rules.h"


void
jb_intake_add_problem (JbIntakeRun *run, int column, gboolean warning, const char *format, ...)
{
  va_list args;
  JbIntakeProblem *p = g_new0 (JbIntakeProblem, 1);
  p->row = run->row + 1;
  p->column = column;
  p->warning = warning;
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  if (column >= 0 && (guint) column < run->intake->columns->len)
    p->column_name = g_strdup (g_array_index (run->intake->columns, JbIntakeColumn,
                                              column).header);
  else if (column >= 0)
    p->column_name = jb_sheet_column_name ((guint) column);
  else
    p->column_name = g_strdup ("");
  g_ptr_array_add (run->row_problems, p);
}

void
jb_intake_problem_free (JbIntakeProblem *p)
{
  g_free (p->column_name);
  g_free (p->message);
  g_free (p);
}

void
jb_intake_row_free (JbIntakeRow *row)
{
  g_clear_object (&row->record);
  g_clear_object (&row->organization);
  g_ptr_array_unref (row->problems);
  g_free (row);
}

char *
jb_intake_problem_to_string (JbIntake *intake, JbIntakeProblem *p)
{
  const char *name = jb_workbook_get_name (intake->workbook);
  if (p->column_name && *p->column_name)
    return g_strdup_printf ("%s:%u: %s: %s", name, p->row, p->column_name, p->message);
  return g_strdup_printf ("%s:%u: %s", name, p->row, p->message);
}

static void run_init (JbIntakeRun *run, JbIntake *intake, JbStore *store);
static void run_clear (JbIntakeRun *run);

/* ---- unknown choices ------------------------------------------------------- */

typedef struct {
  JbIntake *intake;
  JbIntakeRun *run;
  GPtrArray *found;     /* JbIntakeChoice */
  GHashTable *index;    /* "target\ntext" → JbIntakeChoice */
  GCancellable *cancellable;
  guint n;
} Scan;

void
jb_intake_choice_free (JbIntakeChoice *c)
{
  g_free (c->target);
  g_free (c->text);
  g_free (c);
}

static gboolean
scan_row (guint row, const JbCell *cells, guint n, gpointer data, GError **error)
{
  Scan *scan = data;
  GArray *columns = scan->intake->columns;
  if (row <= scan->intake->header_last)
    return TRUE;
  for (guint c = 0; c < MIN (n, columns->len); c++)
    {
      JbIntakeColumn *col = &g_array_index (columns, JbIntakeColumn, c);
      gboolean of_org;
      const JbField *f = col->target && *cells[c].text
                         ? jb_intake_target_field (scan->intake, col->target, &of_org) : NULL;
      if (f == NULL || f->type != JB_TYPE_ENUM ||
          jb_intake_choice_code (scan->run, col->target, f->enumeration, cells[c].text))
        continue;
      g_autofree char *key = g_strconcat (col->target, "\n", cells[c].text, NULL);
      JbIntakeChoice *found = g_hash_table_lookup (scan->index, key);
      if (found == NULL && scan->found->len < JB_INTAKE_MAX_PROBLEMS)
        {
          found = g_new0 (JbIntakeChoice, 1);
          found->target = g_strdup (col->target);
          found->column = c;
          found->text = g_strdup (cells[c].text);
          found->first_row = row + 1;
          g_ptr_array_add (scan->found, found);
          g_hash_table_insert (scan->index, g_steal_pointer (&key), found);
        }
      if (found)
        found->n_rows++;
    }
  return ++scan->n % 256 != 0 || !g_cancellable_set_error_if_cancelled (scan->cancellable,
                                                                         error);
}

GPtrArray *
jb_intake_unknown_choices (JbIntake *intake, GCancellable *cancellable, GError **error)
{
  JbIntakeRun run;
  run_init (&run, intake, NULL);
  Scan scan = { intake, &run, g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              jb_intake_choice_free),
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), cancellable, 0 };
  gboolean ok = jb_workbook_read_sheet (intake->workbook, intake->sheet, scan_row, &scan,
                                        cancellable, error);
  g_hash_table_unref (scan.index);
  run_clear (&run);
  if (!ok)
    g_clear_pointer (&scan.found, g_ptr_array_unref);
  return scan.found;
}

/* ---- rows ------------------------------------------------------------------ */

static gboolean
has_error (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    if (!((JbIntakeProblem *) g_ptr_array_index (problems, i))->warning)
      return TRUE;
  return FALSE;
}

static void
keep_problems (JbIntakeRun *run, const JbCell *cells, guint n)
{
  gboolean failed = has_error (run->row_problems);
  run->n_failed += failed;
  for (guint i = 0; i < run->row_problems->len; i++)
    {
      run->n_problems++;
      if (run->problems->len < JB_INTAKE_MAX_PROBLEMS)
        g_ptr_array_add (run->problems, g_ptr_array_steal_index (run->row_problems, i--));
    }
  g_ptr_array_set_size (run->row_problems, 0);
  if (failed && g_hash_table_size (run->intake->rejected) < JB_INTAKE_MAX_PROBLEMS)
    {
      GStrv values = g_new0 (char *, n + 1);
      for (guint c = 0; c < n; c++)
        values[c] = g_strdup (cells[c].text);
      g_hash_table_insert (run->intake->rejected, GUINT_TO_POINTER (run->row + 1), values);
    }
}

static gboolean
on_row (guint row, const JbCell *cells, guint n, gpointer data, GError **error)
{
  JbIntakeRun *run = data;
  JbIntake *intake = run->intake;
  GArray *columns = intake->columns;

  if (row <= intake->header_last || run->after_notes)
    return TRUE;
  guint first = n, n_all = 0, n_mapped = 0;
  for (guint c = 0; c < n; c++)
    if (*cells[c].text)
      {
        first = MIN (first, c);
        n_all++;
        n_mapped += c < columns->len && g_array_index (columns, JbIntakeColumn, c).target;
      }
  if (n_all == 0 || n_mapped == 0)
    return TRUE;
  /* 填表说明 and what follows it are notes on the form, not data. */
  if (n_all <= 2 && jb_intake_is_notes_text (cells[first].text))
    {
      run->after_notes = TRUE;
      return TRUE;
    }
  if (jb_intake_is_total_text (cells[first].text))
    return TRUE;

  run->row = row;
  run->n_rows++;
  g_clear_object (&run->record);
  g_clear_object (&run->org_record);
  run->record = jb_record_new (run->kind->id);
  run->org_record = run->org_ref >= 0 ? jb_record_new (JB_KIND_ORGANIZATION) : NULL;
  for (guint i = 0; i < run->kind->n_fields; i++)
    run->field_column[i] = -1;
  for (guint i = 0; i < G_N_ELEMENTS (run->org_column); i++)
    run->org_column[i] = -1;
  g_string_truncate (run->notes_text, 0);

  for (guint c = 0; c < MIN (n, columns->len); c++)
    {
      JbIntakeColumn *col = &g_array_index (columns, JbIntakeColumn, c);
      if (col->target == NULL || *cells[c].text == '\0')
        continue;
      if (strcmp (col->target, JB_INTAKE_NOTES) == 0)
        {
          if (run->notes >= 0)
            jb_intake_add_note (run, col->header, cells[c].text);
        }
      else
        jb_intake_apply_value (run, c, &cells[c]);
    }
  if (run->notes_text->len)
    {
      const char *had = jb_record_get_text (run->record, (guint) run->notes);
      g_autofree char *text = had ? g_strconcat (had, "\n", run->notes_text->str, NULL)
                                  : g_strdup (run->notes_text->str);
      jb_record_set_text (run->record, (guint) run->notes, text);
    }

  gboolean update = FALSE;
  JbRecord *org = NULL;
  if (!has_error (run->row_problems))
    jb_intake_store_row (run, &update, run->rows ? &org : NULL);
  if (run->fatal)
    {
      g_propagate_error (error, g_steal_pointer (&run->fatal));
      g_clear_object (&org);
      return FALSE;
    }

  if (run->rows)
    {
      JbIntakeRow *r = g_new0 (JbIntakeRow, 1);
      r->row = row + 1;
      r->record = g_object_ref (run->record);
      r->organization = org;
      r->update = update;
      r->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_problem_free);
      for (guint i = 0; i < run->row_problems->len; i++)
        g_ptr_array_add (r->problems, g_ptr_array_steal_index (run->row_problems, i--));
      g_ptr_array_add (run->rows, r);
    }
  else
    keep_problems (run, cells, n);

  if (run->n_rows % 64 == 0)
    {
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      double fraction = jb_workbook_get_progress (intake->workbook) * run->read_share;
      if (run->progress && fraction - run->reported >= 0.005)
        {
          run->reported = fraction;
          run->progress (fraction, run->user_data);
        }
    }
  return run->limit == 0 || run->n_rows < run->limit;
}

static void
run_init (JbIntakeRun *run, JbIntake *intake, JbStore *store)
{
  memset (run, 0, sizeof *run);
  run->intake = intake;
  run->store = store;
  run->read_share = 0.99;
  run->kind = jb_kind_get (intake->kind);
  run->org_kind = jb_kind_get (JB_KIND_ORGANIZATION);
  const char *ref = jb_intake_org_field (intake->kind);
  run->org_ref = ref ? jb_kind_field_index (run->kind, ref) : -1;
  const char *notes = jb_intake_notes_field (intake->kind);
  run->notes = notes ? jb_kind_field_index (run->kind, notes) : -1;
  run->choice_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (store && !jb_store_has_records (store, run->kind->id) &&
      run->kind->id != JB_KIND_ORGANIZATION)
    run->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->row_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_problem_free);
  run->field_column = g_new (int, run->kind->n_fields);
  run->notes_text = g_string_new (NULL);
  g_assert (run->org_kind->n_fields <= G_N_ELEMENTS (run->org_column));
}

static void
run_clear (JbIntakeRun *run)
{
  g_hash_table_unref (run->choice_cache);
  g_hash_table_unref (run->orgs);
  g_clear_pointer (&run->keys, g_hash_table_unref);
  g_ptr_array_unref (run->row_problems);
  g_free (run->field_column);
  g_string_free (run->notes_text, TRUE);
  g_clear_object (&run->record);
  g_clear_object (&run->org_record);
  g_clear_error (&run->fatal);
}

GPtrArray *
jb_intake_preview (JbIntake *intake, JbStore *store, guint n_rows, GCancellable *cancellable,
                   GError **error)
{
  JbIntakeRun run;
  run_init (&run, intake, store);
  run.limit = n_rows ? n_rows : JB_INTAKE_PREVIEW_ROWS;
  run.cancellable = cancellable;
  run.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_row_free);
  /* The real saves, so that the preview is what the import does; undone. */
  gboolean ok = jb_store_begin (store, error);
  if (ok)
    {
      ok = jb_workbook_read_sheet (intake->workbook, intake->sheet, on_row, &run, cancellable,
                                   error);
      jb_store_rollback (store);
    }
  GPtrArray *rows = run.rows;
  run_clear (&run);
  if (!ok)
    g_clear_pointer (&rows, g_ptr_array_unref);
  return rows;
}

static void
report_build_progress (double fraction, gpointer data)
{
  JbIntakeRun *run = data;
  double span = 1.0 - JB_STORE_COMMIT_SHARE - run->read_share;
  run->progress (run->read_share + span * fraction, run->user_data);
}

gboolean
jb_intake_import (JbIntake *intake, JbStore *store, GCancellable *cancellable,
                  JbProgressFunc progress, gpointer user_data, JbImportSummary *summary,
                  GPtrArray **problems, GError **error)
{
  g_autofree char *missing = jb_intake_missing_required (intake);
  if (missing)
    /* TRANSLATORS: %s lists the missing columns' names */
    return jb_sheet_fail (intake->workbook, error, JB_SHEET_ERROR_INVALID,
                          _("The sheet has no column for: %s."), missing);

  JbIntakeRun run;
  run_init (&run, intake, store);
  run.cancellable = cancellable;
  run.progress = progress;
  run.user_data = user_data;
  /* The rest is building what the bulk saves deferred: at 100 000 rows about
   * 6 s reading and saving, 3 s building (bench-sheet). */
  run.read_share = 2.0 / 3.0;
  run.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_problem_free);
  g_hash_table_remove_all (intake->rejected);

  /* Columns that have nowhere to go in this kind: said once. */
  run.row = intake->header_last;
  for (guint c = 0; run.notes < 0 && c < intake->columns->len; c++)
    if (g_strcmp0 (g_array_index (intake->columns, JbIntakeColumn, c).target,
                   JB_INTAKE_NOTES) == 0)
      jb_intake_add_problem (&run, (int) c, TRUE, _("%s have no field for this column: it is not "
                                          "imported."), _(run.kind->plural));
  g_ptr_array_extend_and_steal (run.problems, g_steal_pointer (&run.row_problems));
  run.row_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_problem_free);

  /* The copy before the import is made with the transaction's lock, and kept
   * only if the import succeeds (jb_store_end_import()). */
  gboolean ok = jb_store_begin_import (store, error);
  gboolean in_transaction = ok;
  jb_store_set_cache_size (store, 64);
  ok = ok && jb_workbook_read_sheet (intake->workbook, intake->sheet, on_row, &run, cancellable,
                                     error);
  if (ok && run.n_failed > 0)
    {
      g_set_error (error, JB_SHEET_ERROR, JB_SHEET_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u row was refused; nothing was imported.",
                                "%s: %u rows were refused; nothing was imported.", run.n_failed),
                   jb_workbook_get_name (intake->workbook), run.n_failed);
      ok = FALSE;
    }
  if (ok && run.n_rows == 0)
    ok = jb_sheet_fail (intake->workbook, error, JB_SHEET_ERROR_INVALID,
                        _("The sheet has no rows below its header."));
  /* Before the commit, which would do it otherwise: with the rest of the
   * progress, and stopped by a cancel. */
  if (ok)
    ok = jb_store_bulk_finish (store, cancellable, progress ? report_build_progress : NULL, &run,
                               error);
  if (in_transaction)
    ok = jb_store_end_import (store, ok, error);
  jb_store_set_cache_size (store, 0);
  if (ok && progress)
    progress (1.0, user_data);
  if (ok && summary)
    *summary = run.summary;
  if (problems)
    *problems = g_steal_pointer (&run.problems);
  else
    g_ptr_array_unref (run.problems);
  run_clear (&run);
  return ok;
}

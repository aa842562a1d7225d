/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake-dialog.c: a spreadsheet into the database (see jb-intake-dialog.h).
 *
 * The JbIntake (src/sheet/jb-intake.h) does the work; this dialog shows its
 * choices and lets the user change them.  Reading a sheet and importing it
 * run in a worker thread with a store of its own (a store belongs to one
 * thread); while one runs, the controls are insensitive and the intake
 * belongs to the worker.  Every change of the user's reads the preview
 * again, so what is shown is what will be stored. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jb-a11y.h"
#include "jb-backup-policy.h"
#include "jb-intake.h"
#include "jb-intake-dialog.h"
#include "jb-picker.h"
#include "jb-xlsx.h"
#include "jb-widgets.h"

struct _JbIntakeDialog {
  GtkWindow parent_instance;

  JbStore *store;
  GFile *file;
  JbIntake *intake;          /* NULL until opened; the worker's while busy */
  GCancellable *cancellable;
  gboolean busy;
  gboolean building;         /* filling the lists: their signals are not the user */
  gboolean done;             /* imported: only Close is left */
  int progress_permille;     /* written by the worker */
  guint poll_id;
  GPtrArray *problems;       /* of a refused import, for the rejected rows */

  GtkLabel *heading;
  JbPicker *sheet_picker;
  JbPicker *kind_picker;
  GtkLabel *status;
  GtkProgressBar *progress;
  GtkGrid *columns_grid;
  GtkWidget *choices_heading;
  GtkGrid *choices_grid;
  GtkListBox *preview;
  GtkButton *cancel_button;
  GtkButton *import_button;
  GtkButton *rejected_button;
  GPtrArray *column_pickers;
};

G_DEFINE_FINAL_TYPE (JbIntakeDialog, jb_intake_dialog, GTK_TYPE_WINDOW)

/* The kinds a sheet's rows can be, in the "Rows are" drop-down's order. */
static const JbKindId kinds[] = {
  JB_KIND_DEMAND, JB_KIND_ORGANIZATION, JB_KIND_PERSON, JB_KIND_ACHIEVEMENT,
};

/* ---- the worker ------------------------------------------------------------ */

typedef enum { JOB_OPEN, JOB_READ, JOB_IMPORT } JobKind;

typedef struct {
  JobKind what;
  JbIntake *intake;        /* borrowed from the dialog while busy */
  GFile *file;
  char *db_path;
  guint backups_keep;      /* the setting, read on the main thread */
  guint sheet;             /* JOB_READ: the sheet to set, or G_MAXUINT to keep it */
  JbKindId kind;
  int *progress_permille;
  /* results */
  JbIntake *opened;        /* JOB_OPEN */
  GPtrArray *choices;      /* JbIntakeChoice */
  GPtrArray *rows;         /* JbIntakeRow */
  GPtrArray *problems;     /* JOB_IMPORT: JbIntakeProblem */
  JbImportSummary summary;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->file);
  g_free (job->db_path);
  g_clear_pointer (&job->opened, jb_intake_free);
  g_clear_pointer (&job->choices, g_ptr_array_unref);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_free (job);
}

static void
on_progress (double fraction, gpointer data)
{
  g_atomic_int_set ((int *) data, (int) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

/* Sets the sheet if asked, then what the user sees: the values outside the
 * choices and the first rows as stored. */
static gboolean
read_sheet (Job *job, JbIntake *intake, JbStore *store, GCancellable *cancellable,
            GError **error)
{
  if (job->sheet != G_MAXUINT &&
      !jb_intake_set_sheet (intake, job->sheet, job->kind, cancellable, error))
    return FALSE;
  if (!(job->choices = jb_intake_unknown_choices (intake, cancellable, error)))
    return FALSE;
  job->rows = jb_intake_preview (intake, store, JB_INTAKE_PREVIEW_ROWS, cancellable, error);
  return job->rows != NULL;
}

static void
run_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) store = jb_store_open (job->db_path, &error);
  gboolean ok = store != NULL;

  if (ok && job->what == JOB_OPEN)
    {
      ok = (job->opened = jb_intake_open (job->file, cancellable, &error)) != NULL;
      if (ok)
        {
          job->sheet = jb_intake_guess_sheet (job->opened, job->kind, cancellable, &error);
          ok = error == NULL && read_sheet (job, job->opened, store, cancellable, &error);
        }
    }
  else if (ok && job->what == JOB_READ)
    ok = read_sheet (job, job->intake, store, cancellable, &error);
  else if (ok)
    /* A dated copy first, which Restore from Backup lists (a file's: a
     * team database's copies are the server's). */
    ok = (jb_store_is_team (store) ||
          jb_backup_before_import (store, job->backups_keep, &error)) &&
         jb_intake_import (job->intake, store, cancellable, on_progress, job->progress_permille,
                           &job->summary, &job->problems, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ---- showing the intake ------------------------------------------------------ */

static void
set_status (JbIntakeDialog *self, const char *text, gboolean error)
{
  gtk_label_set_text (self->status, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))))
    gtk_grid_remove (grid, child);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *row;
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, row);
}

static void
set_busy (JbIntakeDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->sheet_picker), !busy && !self->done);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_picker), !busy && !self->done);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_grid), !busy && !self->done);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choices_grid), !busy && !self->done);
}

static void start_job (JbIntakeDialog *self, JobKind what, guint sheet);

static void
on_target_chosen (JbPicker *picker, JbIntakeDialog *self)
{
  if (self->building || self->busy)
    return;
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (picker), "column"));
  guint pos = (guint) jb_picker_get_key (picker);
  const char * const *targets = jb_intake_list_targets (self->intake);
  /* Item 0 is "Ignore". */
  jb_intake_set_target (self->intake, column, pos == 0 ? NULL : targets[pos - 1]);
  start_job (self, JOB_READ, G_MAXUINT);
}

static void
show_columns (JbIntakeDialog *self)
{
  const char * const *targets = jb_intake_list_targets (self->intake);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  gtk_string_list_append (labels, _("Ignore (not imported)"));
  for (guint t = 0; targets[t]; t++)
    {
      g_autofree char *label = jb_intake_target_label (self->intake, targets[t]);
      gtk_string_list_append (labels, label);
    }

  clear_grid (self->columns_grid);
  g_ptr_array_set_size (self->column_pickers, 0);
  for (guint c = 0; c < jb_intake_get_n_columns (self->intake); c++)
    {
      const char *header = jb_intake_get_header (self->intake, c);
      GtkWidget *name = jb_label_new_wrapping (header, NULL);
      GtkWidget *picker = jb_picker_new ();
      const char *target = jb_intake_get_target (self->intake, c);
      guint pos = 0;
      for (guint t = 0; target && targets[t]; t++)
        if (g_str_equal (targets[t], target))
          pos = t + 1;
      /* TRANSLATORS: what a column's picker chooses: "Where “需求名称” goes" */
      g_autofree char *title = g_strdup_printf (_("Where “%s” goes"), header);
      jb_picker_set_title (JB_PICKER (picker), title);
      jb_picker_set_strings (JB_PICKER (picker), g_object_ref (labels));
      jb_picker_set_searchable (JB_PICKER (picker), TRUE);
      jb_picker_set_position (JB_PICKER (picker), pos);
      gtk_widget_set_hexpand (picker, TRUE);
      g_object_set_data (G_OBJECT (picker), "column", GUINT_TO_POINTER (c));
      g_signal_connect (picker, "changed", G_CALLBACK (on_target_chosen), self);
      gtk_grid_attach (self->columns_grid, name, 0, (int) c, 1, 1);
      gtk_grid_attach (self->columns_grid, picker, 1, (int) c, 1, 1);
      g_ptr_array_add (self->column_pickers, picker);
    }
}

/* The field a target names: of the row's kind, or ("org.…") of its
 * organization. */
static const JbField *
target_field (JbIntakeDialog *self, const char *target)
{
  if (g_str_has_prefix (target, "org."))
    return jb_kind_field (jb_kind_get (JB_KIND_ORGANIZATION), target + strlen ("org."));
  return jb_kind_field (jb_kind_get (jb_intake_get_kind (self->intake)), target);
}

static void
on_choice_chosen (JbPicker *picker, JbIntakeDialog *self)
{
  if (self->building || self->busy)
    return;
  JbIntakeChoice *choice = g_object_get_data (G_OBJECT (picker), "choice");
  const JbField *f = target_field (self, choice->target);
  guint pos = (guint) jb_picker_get_key (picker);
  /* Item 0 is the automatic way: Other, with the text kept. */
  jb_intake_set_choice (self->intake, choice->target, choice->text,
                        pos == 0 ? NULL : f->enumeration->values[pos - 1].code);
  start_job (self, JOB_READ, G_MAXUINT);
}

static void
show_choices (JbIntakeDialog *self, GPtrArray *choices)
{
  clear_grid (self->choices_grid);
  gtk_widget_set_visible (self->choices_heading, choices->len > 0);
  for (guint i = 0; i < choices->len; i++)
    {
      JbIntakeChoice *choice = g_ptr_array_index (choices, i);
      const JbField *f = target_field (self, choice->target);
      g_autofree char *field = jb_intake_target_label (self->intake, choice->target);
      /* TRANSLATORS: a value outside the choices: "“委托研发” in Cooperation mode, 12 rows" */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "“%s” in %s, %u row",
                                                            "“%s” in %s, %u rows",
                                                            choice->n_rows),
                                               choice->text, field, choice->n_rows);
      g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
      gtk_string_list_append (labels, _("Other (the text kept in the notes)"));
      for (guint v = 0; f && v < f->enumeration->n_values; v++)
        gtk_string_list_append (labels, _(f->enumeration->values[v].label));
      GtkWidget *picker = jb_picker_new ();
      jb_picker_set_title (JB_PICKER (picker), text);
      jb_picker_set_strings (JB_PICKER (picker), g_steal_pointer (&labels));
      jb_picker_set_position (JB_PICKER (picker), 0);
      gtk_widget_set_hexpand (picker, TRUE);
      g_object_set_data_full (G_OBJECT (picker), "choice", choice,
                              (GDestroyNotify) jb_intake_choice_free);
      g_signal_connect (picker, "changed", G_CALLBACK (on_choice_chosen), self);
      gtk_grid_attach (self->choices_grid, jb_label_new_wrapping (text, NULL), 0, (int) i, 1, 1);
      gtk_grid_attach (self->choices_grid, picker, 1, (int) i, 1, 1);
    }
  /* Each drop-down owns its choice now. */
  g_ptr_array_set_free_func (choices, NULL);
}

/* Appends @child to the list as a row a screen reader reads as @name. */
static void
append_named (GtkListBox *list, GtkWidget *child, const char *name)
{
  gtk_list_box_append (list, child);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (child)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* "Row 5: 高端医疗器械材料 (new)", the values, then the row's problems; its
 * accessible name says all of it. */
static GtkWidget *
preview_row (JbIntakeDialog *self, JbIntakeRow *row, GString *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const JbKind *kind = jb_record_get_kind (row->record);
  g_autofree char *heading = jb_record_get_heading (row->record);
  g_autofree char *title = g_strdup_printf (row->update ? _("Row %u: %s (updates the record "
                                                            "in the database)")
                                                        : _("Row %u: %s (new)"),
                                            row->row, heading);
  g_autoptr (GString) values = g_string_new (NULL);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      if (!jb_record_is_set (row->record, i) || i == jb_kind_title_index (kind))
        continue;
      g_autofree char *value = jb_record_format_field (row->record, i);
      if (*value == '\0')
        continue;
      /* TRANSLATORS: a field and its value in a preview: "Owner: 上海锅炉厂" */
      g_string_append_printf (values, values->len ? _("; %s: %s") : _("%s: %s"),
                              _(kind->fields[i].label), value);
    }

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), jb_label_new_wrapping (title, "heading"));
  gtk_box_append (GTK_BOX (box), jb_label_new_wrapping (values->str, "dim-label"));
  g_string_append_printf (name, "%s. %s", title, values->str);
  for (guint p = 0; p < row->problems->len; p++)
    {
      JbIntakeProblem *problem = g_ptr_array_index (row->problems, p);
      g_autofree char *text = *problem->column_name
                              /* TRANSLATORS: a problem of a cell: column, then reason */
                              ? g_strdup_printf (_("%s: %s"), problem->column_name,
                                                 problem->message)
                              : g_strdup (problem->message);
      gtk_box_append (GTK_BOX (box), jb_label_new_wrapping (text, problem->warning ? "warning"
                                                                            : "error"));
      g_string_append_printf (name, ". %s", text);
    }
  return box;
}

static guint
show_preview (JbIntakeDialog *self, GPtrArray *rows)
{
  guint n_problems = 0;
  clear_list (self->preview);
  for (guint r = 0; r < rows->len; r++)
    {
      JbIntakeRow *row = g_ptr_array_index (rows, r);
      g_autoptr (GString) name = g_string_new (NULL);
      for (guint p = 0; p < row->problems->len; p++)
        n_problems += !((JbIntakeProblem *) g_ptr_array_index (row->problems, p))->warning;
      GtkWidget *child = preview_row (self, row, name);
      append_named (self->preview, child, name->str);
    }
  return n_problems;
}

/* What a refused import found, row by row. */
static void
show_problems (JbIntakeDialog *self, GPtrArray *problems)
{
  clear_list (self->preview);
  for (guint i = 0; i < problems->len && i < 500; i++)
    {
      JbIntakeProblem *p = g_ptr_array_index (problems, i);
      /* TRANSLATORS: a problem of an import: row, column, reason */
      g_autofree char *text = *p->column_name
                              ? g_strdup_printf (_("Row %u, %s: %s"), p->row, p->column_name,
                                                 p->message)
                              : g_strdup_printf (_("Row %u: %s"), p->row, p->message);
      GtkWidget *label = jb_label_new_wrapping (text, p->warning ? "warning" : "error");
      gtk_widget_set_margin_start (label, 8);
      gtk_widget_set_margin_end (label, 8);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      append_named (self->preview, label, text);
    }
}

static void
show_sheets (JbIntakeDialog *self)
{
  JbWorkbook *workbook = jb_intake_get_workbook (self->intake);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  for (guint s = 0; s < jb_workbook_get_n_sheets (workbook); s++)
    gtk_string_list_append (names, jb_workbook_get_sheet_name (workbook, s));
  jb_picker_set_strings (self->sheet_picker, g_steal_pointer (&names));
  jb_picker_set_position (self->sheet_picker, jb_intake_get_sheet (self->intake));
}

/* After a sheet was read: the lists, and whether it can be imported. */
static void
show_intake (JbIntakeDialog *self, Job *job)
{
  self->building = TRUE;
  show_columns (self);
  show_choices (self, job->choices);
  guint n_problems = show_preview (self, job->rows);
  self->building = FALSE;

  g_autofree char *missing = jb_intake_missing_required (self->intake);
  g_autofree char *text = NULL;
  if (missing)
    /* TRANSLATORS: %s lists fields, e.g. "Title, Owner" */
    text = g_strdup_printf (_("No column holds %s: choose one for it below."), missing);
  else if (job->rows->len == 0)
    text = g_strdup (_("This sheet has no rows below its header."));
  else if (n_problems > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u problem in the first rows, shown in red: the import "
                                         "refuses rows with problems, all or nothing.",
                                         "%u problems in the first rows, shown in red: the import "
                                         "refuses rows with problems, all or nothing.",
                                         n_problems), n_problems);
  else
    text = g_strdup (_("The first rows read well. Importing is all or nothing: if any row is "
                       "wrong, nothing is written."));
  set_status (self, text, missing != NULL || n_problems > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            missing == NULL && job->rows->len > 0);
}

/* ---- running jobs -------------------------------------------------------------- */

static gboolean
poll_progress (gpointer data)
{
  JbIntakeDialog *self = data;
  gtk_progress_bar_set_fraction (self->progress,
                                 g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
on_job_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (JbIntakeDialog) self = data;
  g_autoptr (GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  if (job->what == JOB_OPEN && job->opened)
    {
      self->intake = g_steal_pointer (&job->opened);
      self->building = TRUE;
      show_sheets (self);
      self->building = FALSE;
    }
  set_busy (self, FALSE);

  if (job->what == JOB_IMPORT && ok)
    {
      g_autofree char *summary = jb_import_summary_to_string (&job->summary);
      self->done = TRUE;
      set_busy (self, FALSE);
      /* The worker wrote through its own connection. */
      jb_store_notify_changed (self->store);
      set_status (self, summary, FALSE);
      gtk_button_set_label (self->cancel_button, _("_Close"));
      jb_a11y_tidy (GTK_WIDGET (self->cancel_button));
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
      return;
    }
  if (!ok)
    {
      set_status (self, error->message, TRUE);
      if (job->what == JOB_IMPORT && job->problems && job->problems->len > 0)
        {
          g_clear_pointer (&self->problems, g_ptr_array_unref);
          self->problems = g_steal_pointer (&job->problems);
          show_problems (self, self->problems);
          gtk_widget_set_visible (GTK_WIDGET (self->rejected_button), TRUE);
        }
      /* A file that cannot be read leaves only Cancel. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                                self->intake != NULL && job->what == JOB_IMPORT);
      return;
    }
  show_intake (self, job);
}

static void
start_job (JbIntakeDialog *self, JobKind what, guint sheet)
{
  Job *job = g_new0 (Job, 1);
  job->what = what;
  job->intake = self->intake;
  job->file = g_object_ref (self->file);
  /* A team database's location, not its replica's file: the worker's
   * connection then writes to the team database too. */
  job->db_path = g_strdup (jb_store_get_location (self->store));
  job->backups_keep = jb_backups_keep ();
  job->sheet = sheet;
  guint k = (guint) jb_picker_get_key (self->kind_picker);
  job->kind = kinds[k < G_N_ELEMENTS (kinds) ? k : 0];
  job->progress_permille = &self->progress_permille;

  set_busy (self, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_button), FALSE);
  set_status (self, what == JOB_IMPORT ? _("Importing… All or nothing: if anything is wrong, "
                                           "the database stays as it was.")
                                       : _("Reading the sheet…"), FALSE);
  if (what == JOB_IMPORT)
    {
      g_atomic_int_set (&self->progress_permille, 0);
      gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
      self->poll_id = g_timeout_add (100, poll_progress, self);
    }
  g_autoptr (GTask) task = g_task_new (NULL, self->cancellable, on_job_done, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
}

static void
on_sheet_or_kind_chosen (JbIntakeDialog *self)
{
  if (self->building || self->busy || self->intake == NULL)
    return;
  start_job (self, JOB_READ, (guint) jb_picker_get_key (self->sheet_picker));
}

static void
on_import_clicked (JbIntakeDialog *self)
{
  if (!self->busy && self->intake)
    start_job (self, JOB_IMPORT, G_MAXUINT);
}

static void
on_cancel_clicked (JbIntakeDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_rejected_chosen (GtkNativeDialog *chooser, int response, JbIntakeDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->problems && self->intake)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;
      if (jb_intake_write_rejected (self->intake, self->problems, file, &error))
        {
          g_autofree char *name = g_file_get_parse_name (file);
          g_autofree char *text = g_strdup_printf (_("The rejected rows were saved to “%s”."),
                                                   name);
          set_status (self, text, FALSE);
        }
      else
        set_status (self, error->message, TRUE);
    }
  g_object_unref (chooser);
}

static void
on_rejected_clicked (JbIntakeDialog *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Save Rejected Rows"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_autofree char *base = g_file_get_basename (self->file);
  char *dot = strrchr (base, '.');
  if (dot)
    *dot = '\0';
  /* TRANSLATORS: the file name offered for the rejected rows; %s is the sheet's */
  g_autofree char *name = g_strdup_printf (_("%s-rejected.xlsx"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_rejected_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- life cycle -------------------------------------------------------------- */

static gboolean
jb_intake_dialog_close_request (GtkWindow *window)
{
  JbIntakeDialog *self = JB_INTAKE_DIALOG (window);
  /* Closing while busy cancels; an import stops without writing. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (jb_intake_dialog_parent_class)->close_request (window);
}

static void
jb_intake_dialog_dispose (GObject *object)
{
  JbIntakeDialog *self = JB_INTAKE_DIALOG (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), JB_TYPE_INTAKE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->column_pickers, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  /* A worker still running holds a reference to the dialog: this runs after it. */
  g_clear_pointer (&self->intake, jb_intake_free);

  G_OBJECT_CLASS (jb_intake_dialog_parent_class)->dispose (object);
}

static void
jb_intake_dialog_class_init (JbIntakeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jb_intake_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = jb_intake_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/jb-intake-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, heading);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, sheet_picker);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, kind_picker);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, status);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, columns_grid);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, choices_heading);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, choices_grid);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, JbIntakeDialog, rejected_button);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_rejected_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jb_intake_dialog_init (JbIntakeDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->column_pickers = g_ptr_array_new ();
  g_type_ensure (JB_TYPE_PICKER);
  gtk_widget_init_template (GTK_WIDGET (self));

  GtkStringList *names = gtk_string_list_new (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    gtk_string_list_append (names, _(jb_kind_get (kinds[k])->plural));
  /* The titles say what is chosen, as the labels before them do. */
  jb_picker_set_title (self->sheet_picker, C_("spreadsheet", "Sheet"));
  jb_picker_set_title (self->kind_picker, _("Rows are"));
  jb_picker_set_strings (self->kind_picker, names);
  jb_picker_set_position (self->kind_picker, 0);
  jb_picker_set_strings (self->sheet_picker, gtk_string_list_new (NULL));
  g_signal_connect_swapped (self->sheet_picker, "changed", G_CALLBACK (on_sheet_or_kind_chosen),
                            self);
  g_signal_connect_swapped (self->kind_picker, "changed", G_CALLBACK (on_sheet_or_kind_chosen),
                            self);
}

JbIntakeDialog *
jb_intake_dialog_new (GtkWindow *parent, JbStore *store, GFile *file)
{
  JbIntakeDialog *self = g_object_new (JB_TYPE_INTAKE_DIALOG, "transient-for", parent, NULL);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("Importing the spreadsheet “%s”"), name);

  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  gtk_label_set_text (self->heading, heading);
  jb_a11y_tidy (GTK_WIDGET (self));
  start_job (self, JOB_OPEN, G_MAXUINT);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

gboolean
jb_intake_dialog_is_busy (JbIntakeDialog *self)
{
  return self->busy;
}

const char *
jb_intake_dialog_get_status (JbIntakeDialog *self)
{
  return gtk_label_get_text (self->status);
}

JbPicker *
jb_intake_dialog_get_column_picker (JbIntakeDialog *self, guint column)
{
  return column < self->column_pickers->len ? g_ptr_array_index (self->column_pickers, column)
                                            : NULL;
}

guint
jb_intake_dialog_get_n_preview_rows (JbIntakeDialog *self)
{
  guint n = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->preview)); row;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

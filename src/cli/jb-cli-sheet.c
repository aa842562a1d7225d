/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-cli-sheet.c: spreadsheets on the command line: --import of a workbook
 * (mapped automatically) and --template (see jb-cli.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-cli-private.h"
#include "jb-intake.h"
#include "jb-xlsx.h"

int
jb_cli_import_sheet (JbStore *store, GFile *file, const char *path, const char *kind_name)
{
  g_autoptr (GError) error = NULL;
  const JbKind *kind = jb_kind_by_name (kind_name ? kind_name : "demand");
  if (kind == NULL || !jb_intake_kind_supported (kind->id))
    {
      g_printerr (_("Rows of a spreadsheet can be demand, organization, person or "
                    "achievement, not “%s”.\n"), kind_name);
      return 1;
    }
  g_autoptr (JbIntake) intake = jb_intake_open (file, NULL, &error);
  if (intake == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  guint sheet = jb_intake_guess_sheet (intake, kind->id, NULL, &error);
  if (error || !jb_intake_set_sheet (intake, sheet, kind->id, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  JbImportSummary summary;
  g_autoptr (GPtrArray) problems = NULL;
  gboolean ok = jb_intake_import (intake, store, NULL, NULL, NULL, &summary, &problems, &error);
  for (guint i = 0; problems && i < problems->len; i++)
    {
      JbIntakeProblem *p = g_ptr_array_index (problems, i);
      g_autofree char *line = jb_intake_problem_to_string (intake, p);
      if (p->warning)
        /* TRANSLATORS: a warning after an import: "FILE:ROW: column: what" */
        g_printerr (_("warning: %s\n"), line);
      else
        g_printerr ("%s\n", line);
    }
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_autofree char *text = jb_import_summary_to_string (&summary);
  /* TRANSLATORS: "FILE (sheet “Sheet1”, demands): 3 created, 1 updated, …" after an import */
  g_print (_("Imported %s (sheet “%s”, %s): %s.\n"), path,
           jb_workbook_get_sheet_name (jb_intake_get_workbook (intake), sheet),
           _(kind->plural), text);
  return 0;
}

int
jb_cli_template (const char *template_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (template_path);
  if (!jb_xlsx_write_template (file, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print (_("Wrote the blank demand form to %s.\n"), template_path);
  return 0;
}

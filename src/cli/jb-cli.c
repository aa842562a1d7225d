/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-cli.c: the command line import and export (see jb-cli.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-backup-policy.h"
#include "jb-cli-private.h"
#include "jb-exchange.h"
#include "jb-report.h"

int
jb_cli_run (const char *db_path, const char *import_path, const char *export_path)
{
  return jb_cli_run_full (db_path, import_path, export_path, NULL);
}

int
jb_cli_run_full (const char *db_path, const char *import_path, const char *export_path,
                 const char *kind)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *default_path = db_path ? NULL : jb_store_default_path ();

  if (import_path == NULL && export_path == NULL)
    {
      g_printerr ("%s\n", _("Nothing to do: give --import FILE or --export FILE."));
      return 1;
    }
  const char *path = db_path ? db_path : default_path;
  /* Exporting reads a database: a mistyped --db would otherwise be created
   * empty and exported as such, with success. */
  if (import_path == NULL && !jb_store_location_is_team (path) &&
      !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("No such database: “%s”. Nothing was exported.\n"), path);
      return 1;
    }
  g_autoptr (JbStore) store = jb_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* A dated copy first, which the user can restore from the window. */
  if (import_path && !jb_backup_before_import (store, jb_backups_keep (), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (import_path)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (import_path);
      if (!jb_exchange_looks_like_xml (file))
        {
          int status = jb_cli_import_sheet (store, file, import_path, kind);
          if (status != 0)
            return status;
          import_path = NULL;
        }
    }
  if (import_path)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (import_path);
      JbImportSummary summary;
      if (!jb_exchange_import (store, file, NULL, NULL, NULL, &summary, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_autofree char *text = jb_import_summary_to_string (&summary);
      /* TRANSLATORS: "FILE: 3 created, 1 updated, …" after an import */
      g_print (_("Imported %s: %s.\n"), import_path, text);
    }
  if (export_path)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (export_path);
      if (!jb_exchange_export (store, file, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print (_("Exported every record to %s.\n"), export_path);
    }
  return 0;
}

int
jb_cli_report (const char *db_path, const char *report_path, int year, const char *event,
               gboolean event_alone)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *default_path = db_path ? NULL : jb_store_default_path ();
  g_autoptr (JbStore) store = jb_store_open (db_path ? db_path : default_path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  JbStatsPeriod period = { .event_alone = event_alone };
  char from[11], to[11];
  if (year == 0)
    {
      g_autoptr (GArray) years = jb_store_stats_years (store, NULL);
      year = years && years->len ? g_array_index (years, int, 0) : 0;
    }
  if (year > 0)
    jb_stats_period_set_year (&period, year, from, to);
  if (event)
    {
      char *end;
      gint64 id = g_ascii_strtoll (event, &end, 10);
      if (*end != '\0' || id <= 0)
        id = jb_store_id_for_uuid (store, JB_KIND_EVENT, event);
      g_autoptr (JbRecord) record = id > 0 ? jb_store_load (store, JB_KIND_EVENT, id, NULL) : NULL;
      if (record == NULL)
        {
          g_printerr (_("No event “%s” in the database: give its number or its id.\n"), event);
          return 1;
        }
      period.event_id = id;
    }

  g_autoptr (JbReport) report = jb_report_new (store, &period, &error);
  if (report == NULL || !jb_report_write_pdf (report, report_path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print (_("Wrote the report to %s.\n"), report_path);
  return 0;
}

/* jb-cli.c: the command line import and export (see jb-cli.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-cli.h"
#include "jb-exchange.h"

int
jb_cli_run (const char *db_path, const char *import_path, const char *export_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *default_path = db_path ? NULL : jb_store_default_path ();

  if (import_path == NULL && export_path == NULL)
    {
      g_printerr ("%s\n", _("Nothing to do: give --import FILE or --export FILE."));
      return 1;
    }
  g_autoptr (JbStore) store = jb_store_open (db_path ? db_path : default_path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
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

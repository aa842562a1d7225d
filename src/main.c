/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: command line, translations, then the application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "jb-application.h"
#include "jb-cli.h"
#include "jb-environment.h"
#include "jb-exchange.h"

int
main (int argc, char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *report_path = NULL;
  g_autofree char *report_event = NULL;
  g_autofree char *import_kind = NULL;
  g_autofree char *template_path = NULL;
  g_autofree char *match_subject = NULL;
  int report_year = 0;
  int match_limit = 0;
  gboolean report_event_alone = FALSE;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Use this database file instead of the default one"), N_("FILE") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import_path,
      N_("Import an exchange file or a spreadsheet into the database, without a window"),
      N_("FILE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &import_kind,
      N_("What the rows of an imported spreadsheet are: demand (the default), organization, "
         "person or achievement; with --match, what a number names"), N_("KIND") },
    { "template", 0, 0, G_OPTION_ARG_FILENAME, &template_path,
      N_("Write the blank demand collection form as .xlsx, without a window"), N_("FILE") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Export the whole database to an exchange file, without a window"), N_("FILE") },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report_path,
      N_("Write the report of a year as PDF, without a window"), N_("FILE") },
    { "year", 0, 0, G_OPTION_ARG_INT, &report_year,
      N_("The year of the report (default: the latest)"), N_("YYYY") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &report_event,
      N_("Limit the report to an event and its sessions (number or id)"), N_("ID") },
    { "without-sessions", 0, 0, G_OPTION_ARG_NONE, &report_event_alone,
      N_("Leave the sessions of that event out of the report"), NULL },
    { "match", 0, 0, G_OPTION_ARG_STRING, &match_subject,
      N_("Print the achievements, organizations and experts that may answer a demand (its "
         "code, number or id), or the demands for an achievement or organization (its id), "
         "as tab-separated lines, without a window"), N_("SUBJECT") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &match_limit,
      N_("With --match: how many of each kind to print (default 10)"), N_("N") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  jb_environment_init ();
  jb_exchange_init ();

  /* TRANSLATORS: the command line's arguments after the options */
  g_autoptr (GOptionContext) context = g_option_context_new (_("[FILE…]"));
  g_option_context_set_summary (context, _("Jiebang: run open innovation challenges."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("jiebang: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("jiebang %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Headless: no display, no D-Bus. */
  if (report_path)
    return jb_cli_report (db_path, report_path, report_year, report_event, report_event_alone);
  if (template_path)
    return jb_cli_template (template_path);
  if (match_subject)
    return jb_cli_match (db_path, match_subject, import_kind, match_limit);
  if (import_path || export_path)
    return jb_cli_run_full (db_path, import_path, export_path, import_kind);

  /* What the options left: exchange files to offer for import. */
  g_autoptr (JbApplication) app = jb_application_new (db_path);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

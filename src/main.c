/* main.c: command line, translations, then the application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "jb-application.h"
#include "jb-environment.h"

int
main (int argc, char **argv)
{
  g_autofree char *db_path = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Use this database file instead of the default one"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  jb_environment_init ();

  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
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

  g_autoptr (JbApplication) app = jb_application_new (db_path);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

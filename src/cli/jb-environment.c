/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-environment.c: where translations, the settings schema and icons live. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-environment.h"

gboolean
jb_environment_is_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  return exe && g_str_has_prefix (exe, JB_BUILD_ROOT "/");
}

/* Puts @dir first in XDG_DATA_DIRS (icons, MIME types) unless it is there;
 * TRUE if it was not.  Reads the variable itself: g_get_system_data_dirs()
 * would cache the value before it changes. */
static gboolean
prepend_data_dir (const char *dir)
{
  const char *env = g_getenv ("XDG_DATA_DIRS");
  const char *dirs = env && *env ? env : "/usr/local/share:/usr/share";
  g_auto (GStrv) list = g_strsplit (dirs, ":", -1);

  for (guint i = 0; list[i]; i++)
    {
      g_autofree char *canonical = g_canonicalize_filename (list[i], NULL);
      if (g_str_equal (canonical, dir))
        return FALSE;
    }
  g_autofree char *data_dirs = g_strjoin (":", dir, dirs, NULL);
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  return TRUE;
}

void
jb_environment_init (void)
{
  const char *localedir = LOCALEDIR;

  /* setenv() only before any thread starts: this runs first in main(). */
  if (jb_environment_is_uninstalled ())
    {
      localedir = JB_BUILD_ROOT "/po";
      g_setenv ("GSETTINGS_SCHEMA_DIR", JB_BUILD_ROOT "/data", FALSE);
      prepend_data_dir (JB_SOURCE_ROOT "/data");
    }
  else
    {
      /* Installed outside the system's data folders (the deepin/UOS store's
       * /opt/apps/<appid>/files): its icons and settings schema are there. */
      g_autofree char *compiled = g_build_filename (DATADIR, "glib-2.0", "schemas",
                                                    "gschemas.compiled", NULL);
      if (prepend_data_dir (DATADIR) && g_file_test (compiled, G_FILE_TEST_EXISTS))
        g_setenv ("GSETTINGS_SCHEMA_DIR", DATADIR "/glib-2.0/schemas", FALSE);
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

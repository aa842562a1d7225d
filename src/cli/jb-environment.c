/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-environment.c: where translations and the settings schema live. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-environment.h"

gboolean
jb_environment_is_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  return exe && g_str_has_prefix (exe, JB_BUILD_ROOT "/");
}

void
jb_environment_init (void)
{
  const char *localedir = LOCALEDIR;

  if (jb_environment_is_uninstalled ())
    {
      localedir = JB_BUILD_ROOT "/po";
      /* setenv() only before any thread starts: this runs first in main(). */
      g_setenv ("GSETTINGS_SCHEMA_DIR", JB_BUILD_ROOT "/data", FALSE);
      g_autofree char *data_dirs = g_strdup_printf ("%s:%s", JB_SOURCE_ROOT "/data",
                                                    g_getenv ("XDG_DATA_DIRS")
                                                    ? g_getenv ("XDG_DATA_DIRS")
                                                    : "/usr/local/share:/usr/share");
      g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

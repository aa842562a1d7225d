/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the core tests, the UI tests and the benchmarks (see
 * test-util.h). */
#include <glib/gstdio.h>

#include "test-util.h"

void
test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

JbStore *
test_tmp_store (const char *tmpl, const char *name, char **dir, char **path)
{
  g_autoptr (GError) error = NULL;
  *dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  g_autofree char *db = g_build_filename (*dir, name, NULL);
  JbStore *store = jb_store_open (db, &error);
  g_assert_no_error (error);
  if (path)
    *path = g_steal_pointer (&db);
  return store;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-driver.c: see fuzz-driver.h.  Linked into the plain drivers only: a
 * libFuzzer build has libFuzzer's own main(). */
#include "fuzz-driver.h"

static void
run_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  LLVMFuzzerTestOneInput ((const guint8 *) data, len);
}

guint
fuzz_driver_run (int argc, char **argv)
{
  guint n = 0;
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          run_file (argv[i]);
          n++;
          continue;
        }
      g_autoptr (GError) error = NULL;
      g_autoptr (GDir) d = g_dir_open (argv[i], 0, &error);
      g_assert_no_error (error);
      const char *name;
      while ((name = g_dir_read_name (d)))
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          run_file (path);
          n++;
        }
    }
  /* No input ran is a broken test, not a passed one. */
  g_print ("1..1\n%s 1 - %u inputs\n", n > 0 ? "ok" : "not ok", n);
  return n;
}

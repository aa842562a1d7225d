/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import: feeds arbitrary bytes to the importer, on a fresh store each time.
 *
 * With -Dfuzzing=true and clang this is a libFuzzer target; otherwise main()
 * below runs every file given (or every file of the folders given) once, so
 * that the seed corpus in tests/fuzz-corpus/ runs in every `meson test`. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-driver.h"
#include "jb-exchange-private.h"


static char *dir;

/* Empties the store after an import that succeeded, children before the
 * records they refer to (kinds are declared in that order); FALSE when a
 * record cannot go (an event that is the parent of another, say) and the
 * store must be opened afresh. */
static gboolean
empty_store (JbStore *store)
{
  for (guint pass = 0; pass < 64; pass++)
    {
      gboolean left = FALSE, deleted = FALSE;
      for (guint k = JB_N_KINDS; k-- > 0;)
        {
          g_autoptr (GPtrArray) rows = jb_store_list (store, k, NULL, NULL);
          for (guint i = 0; rows && i < rows->len; i++)
            {
              if (jb_store_delete (store, k, jb_record_get_id (rows->pdata[i]), NULL))
                deleted = TRUE;
              else
                left = TRUE;
            }
        }
      if (!left)
        return TRUE;
      if (!deleted)
        return FALSE;
    }
  return FALSE;
}

/* Opening a store creates the whole schema: tens of milliseconds, a good
 * part of a second under the sanitizers.  So one store serves every input
 * that fails (the importer leaves nothing behind, which is asserted) and is
 * emptied after one that succeeds; it is opened afresh now and then so that
 * the history of those deletions does not grow without bound. */
static JbStore *store;
static guint uses;

static void
open_store (void)
{
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("jb-fuzz-XXXXXX", NULL);
      g_assert_nonnull (dir);
      jb_exchange_init ();
    }
  g_clear_object (&store);
  g_autofree char *path = g_build_filename (dir, "fuzz.db", NULL);
  jb_store_remove_files (path);
  g_autoptr (GError) error = NULL;
  store = jb_store_open (path, &error);
  g_assert_no_error (error);
  uses = 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  if (store == NULL)
    open_store ();

  /* One input in eight goes the way of a large file (bulk saves); the
   * others row by row, as a file of this size would. */
  jb_exchange_set_bulk_from (size % 8 == 0 ? 0 : -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  JbImportSummary summary;
  if (!jb_exchange_import_stream (store, in, "fuzz.xml", (goffset) size, NULL, NULL, NULL,
                                  &summary, &error))
    {
      /* Every failure is a message that names the file, and leaves nothing. */
      g_assert_true (g_str_has_prefix (error->message, "fuzz.xml:"));
      for (guint k = 0; k < JB_N_KINDS; k++)
        g_assert_cmpint (jb_store_count (store, k), ==, 0);
    }
  else
    {
      /* What was imported exports again. */
      g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_assert_true (jb_exchange_export_stream (store, out, NULL, NULL, &error));
      if (!empty_store (store) || ++uses >= 1000)
        open_store ();
    }
  return 0;
}

#ifndef JB_LIBFUZZER
int
main (int argc, char **argv)
{
  guint n = fuzz_driver_run (argc, argv);
  g_clear_object (&store);
  if (dir)
    {
      g_autofree char *db = g_build_filename (dir, "fuzz.db", NULL);
      jb_store_remove_files (db);
      g_rmdir (dir);
    }
  return n > 0 ? 0 : 1;
}
#endif

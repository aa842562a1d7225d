/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the exchange tests (see exchange-test-util.h). */
#include <glib/gstdio.h>
#include <string.h>

#include "exchange-test-util.h"
#include "test-util.h"

void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("jb-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = fixture_open_other (f, "test.db");
}

void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

JbStore *
fixture_open_other (Fixture *f, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  JbStore *store = test_open_store (path, &error);
  g_assert_no_error (error);
  return store;
}

char *
write_input (Fixture *f, GBytes *xml)
{
  char *path = g_build_filename (f->dir, "in.xml", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (xml, NULL),
                                      (gssize) g_bytes_get_size (xml), NULL));
  return path;
}

gboolean
import_bytes (Fixture *f, JbStore *store, GBytes *xml, JbImportSummary *summary, GError **error)
{
  g_autofree char *path = write_input (f, xml);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  return jb_exchange_import (store, file, NULL, NULL, NULL, summary, error);
}

GBytes *
export_bytes (JbStore *store, GArray *demand_ids)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_assert_true (jb_exchange_export_stream (store, out, demand_ids, NULL, &error));
  g_assert_no_error (error);
  /* A terminating NUL for the string functions of the tests, not counted. */
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (out);
  gsize size = g_memory_output_stream_get_data_size (mem);
  g_autoptr (GBytes) all = g_memory_output_stream_steal_as_bytes (mem);
  return g_bytes_new_from_bytes (all, 0, size - 1);
}

typedef struct {
  JbStore *store;
  GString *out;
} Dump;

static gboolean
dump_history (JbRecord *record, const char * const *ref_uuids, gpointer user_data,
              GError **error)
{
  Dump *d = user_data;
  g_autoptr (GPtrArray) entries = jb_store_history (d->store, jb_record_get_uuid (record), error);
  g_string_append_printf (d->out, "%s %u\n", jb_record_get_uuid (record), entries->len);
  return TRUE;
}

GBytes *
fingerprint (JbStore *store)
{
  g_autoptr (GBytes) records = export_bytes (store, NULL);
  Dump d = { store, g_string_new_len (g_bytes_get_data (records, NULL),
                                      (gssize) g_bytes_get_size (records)) };
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      g_string_append_printf (d.out, "%u:%" G_GINT64_FORMAT "\n", k, jb_store_count (store, k));
      g_assert_true (jb_store_foreach (store, k, FALSE, dump_history, &d, NULL));
    }
  return g_string_free_to_bytes (d.out);
}

void
populate_more (JbStore *store, guint n)
{
  static guint serial;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  g_autofree char *name = g_strdup_printf ("上海锅炉厂有限公司 %u", ++serial);

  g_assert_true (jb_store_begin (store, &error));
  jb_record_set_text_by_name (org, "name", name);
  jb_record_set_text_by_name (org, "kind", "enterprise");
  g_assert_true (jb_store_save (store, org, JB_SAVE_DEFAULT, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
      g_autofree char *code = g_strdup_printf ("MORE-%u-%05u", serial, i);
      jb_record_set_text_by_name (d, "code", code);
      jb_record_set_text_by_name (d, "title", "高能量密度固态电池电解质材料");
      jb_record_set_text_by_name (d, "problem", "现有液态电解质存在安全隐患，需要开发新型固态电解质，"
                                  "离子电导率不低于 1 mS/cm。");
      jb_record_set_int_by_name (d, "owner_id", jb_record_get_id (org));
      jb_record_set_text_by_name (d, "status", "published");
      jb_record_set_int_by_name (d, "investment", 498000000);
      g_assert_true (jb_store_save (store, d, JB_SAVE_DEFAULT, &error));
    }
  g_assert_true (jb_store_commit (store, &error));
}

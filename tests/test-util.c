/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the core tests, the UI tests and the benchmarks (see
 * test-util.h). */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "pg-test-util.h"
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

/* JB_TEST_STORE=postgresql: one throwaway server for the whole test
 * program, stopped when it exits. */
static PgTestServer *team_server;

static void
stop_team_server (void)
{
  g_clear_pointer (&team_server, pg_test_server_stop);
}

/* The replica at @replica of the team database made for that path: the
 * same path opens the same database again. */
static JbStore *
open_team_store (const char *replica, GError **error)
{
  static GHashTable *made;
  if (team_server == NULL)
    {
      if (!(team_server = pg_test_server_start (error)))
        return NULL;
      atexit (stop_team_server);
      made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, replica, -1);
  g_autofree char *name = g_strdup_printf ("t%.16s", hash);
  if (!g_hash_table_contains (made, name))
    {
      if (!pg_test_server_create_db (team_server, name, error))
        return NULL;
      g_hash_table_add (made, g_strdup (name));
    }
  return jb_store_open_team (pg_test_server_conninfo (team_server, name), replica, NULL, NULL,
                             NULL, error);
}

JbStore *
test_open_store (const char *path, GError **error)
{
  return test_store_is_team () ? open_team_store (path, error) : jb_store_open (path, error);
}

gboolean
test_store_is_team (void)
{
  return g_strcmp0 (g_getenv ("JB_TEST_STORE"), "postgresql") == 0;
}

JbStore *
test_tmp_store (const char *tmpl, const char *name, char **dir, char **path)
{
  g_autoptr (GError) error = NULL;
  *dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  g_autofree char *db = g_build_filename (*dir, name, NULL);
  /* The same tests on a team database: the store is then a replica at @db
   * of a new database on a throwaway PostgreSQL server. */
  JbStore *store = test_open_store (db, &error);
  g_assert_no_error (error);
  g_assert_true (jb_store_is_team (store) == test_store_is_team ());
  if (path)
    *path = g_steal_pointer (&db);
  return store;
}

void
test_store_fixture_set_up (TestStoreFixture *f, const char *tmpl, const char *name)
{
  f->store = test_tmp_store (tmpl, name, &f->dir, &f->path);
}

void
test_store_fixture_tear_down (TestStoreFixture *f)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

GHashTable *
test_ids_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

gint64
test_id_of (GHashTable *ids, const char *name)
{
  gint64 *id = g_hash_table_lookup (ids, name);
  g_assert_nonnull (id);
  return *id;
}

void
test_add_record (JbStore *store, GHashTable *ids, const char *name, JbKindId kind,
                 const char *created, JbSaveFlags flags, va_list ap)
{
  g_autoptr (JbRecord) r = jb_record_new (kind);
  g_autoptr (GError) error = NULL;

  for (const char *field; (field = va_arg (ap, const char *));)
    {
      const char *value = va_arg (ap, const char *);
      const JbField *def = jb_kind_field (jb_record_get_kind (r), field);
      g_assert_nonnull (def);
      if (value[0] == '@')
        jb_record_set_int_by_name (r, field, test_id_of (ids, value + 1));
      else if (def->type == JB_TYPE_INT || def->type == JB_TYPE_MONEY || def->type == JB_TYPE_BOOL)
        jb_record_set_int_by_name (r, field, g_ascii_strtoll (value, NULL, 10));
      else
        jb_record_set_text_by_name (r, field, value);
    }
  if (created)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      jb_record_set_uuid (r, uuid);
      jb_record_set_times (r, created, created);
    }
  if (!jb_store_save (store, r, flags, &error))
    g_error ("%s: %s", name, error->message);
  g_hash_table_insert (ids, g_strdup (name), g_memdup2 (&(gint64) { jb_record_get_id (r) },
                                                       sizeof (gint64)));
}

double
test_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

double
test_cpu_ms (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3 +
         usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
}

int
test_compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
test_size_mb (const char *path, const char *pattern)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  double mb = -1;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT sum(pgsize) FROM dbstat WHERE name GLOB ?1", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        mb = sqlite3_column_double (stmt, 0) / (1 << 20);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return mb;
}

const char *const test_words[20] = {
  "固态电池", "芯片", "储能", "氢能", "电解质", "传感器", "机器人", "农业", "哈密瓜", "锅炉",
  "医疗器械", "新材料", "视觉检测", "热管理", "封装", "算法", "碳纤维", "涂层", "电机", "光伏"
};

GArray *
test_add_organizations (JbStore *store, guint n, JbSaveFlags flags)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
      g_autofree char *name = g_strdup_printf ("%s科技有限公司 %u", test_words[i % 20], i);
      jb_record_set_text_by_name (org, "name", name);
      jb_record_set_text_by_name (org, "kind", "enterprise");
      jb_record_set_text_by_name (org, "province", "shanghai");
      g_assert_true (jb_store_save (store, org, flags, NULL));
      gint64 id = jb_record_get_id (org);
      g_array_append_val (ids, id);
    }
  return ids;
}

static GString *printed;
static GPrintFunc print_before;

static void
print_to_string (const char *text)
{
  g_string_append (printed, text);
}

void
test_print_capture_begin (void)
{
  g_assert_null (printed);
  printed = g_string_new (NULL);
  print_before = g_set_print_handler (print_to_string);
}

char *
test_print_capture_end (void)
{
  g_assert_nonnull (printed);
  g_set_print_handler (print_before);
  return g_string_free (g_steal_pointer (&printed), FALSE);
}

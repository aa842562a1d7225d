/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dated backups (src/core/jb-store-backup.c): made whole, listed with their
 * counts, pruned, restored in place and undone, refused when damaged or not
 * ours, and found again after the data folder moved. */
#include <gio/gio.h>
#include <glib.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <utime.h>

#include "jb-backup-policy.h"
#include "jb-cli.h"
#include "jb-exchange.h"
#include "jb-schema.h"
#include "jb-store-backup.h"
#include "test-util.h"

typedef struct {
  char *dir;
  char *path;
  JbStore *store;
  guint changed;  /* "changed" signals seen */
  guint changed_kinds;
} Fixture;

static void
on_changed (JbStore *store, guint kinds, Fixture *f)
{
  f->changed++;
  f->changed_kinds |= kinds;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = test_tmp_store ("jb-backup-XXXXXX", "data/jiebang.db", &f->dir, &f->path);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
new_org (JbStore *store, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) r = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (r, "name", name);
  jb_record_set_text_by_name (r, "kind", "enterprise");
  jb_record_set_text_by_name (r, "province", "shanghai");
  g_assert_true (jb_store_save (store, r, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return jb_record_get_id (r);
}

static gint64
new_demand (JbStore *store, gint64 owner, const char *title)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) r = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (r, "title", title);
  jb_record_set_int_by_name (r, "owner_id", owner);
  jb_record_set_text_by_name (r, "status", "draft");
  jb_record_set_text_by_name (r, "industry", "new_energy");
  g_assert_true (jb_store_save (store, r, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return jb_record_get_id (r);
}

static JbBackup *
backup_ok (Fixture *f, const char *reason, guint keep)
{
  g_autoptr (GError) error = NULL;
  JbBackup *b = jb_store_backup_now (f->store, reason, keep, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);
  return b;
}

static guint
n_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  while (d && g_dir_read_name (d))
    n++;
  return n;
}

/* A copy is a whole database with a dated name beside the file, listed
 * newest first with what it holds. */
static void
test_now_and_list (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f->store, "上海锅炉厂有限公司");
  new_demand (f->store, owner, "电站锅炉智能运维");
  new_demand (f->store, owner, "锅炉烟气余热回收");

  g_autoptr (JbBackup) first = backup_ok (f, JB_BACKUP_DAILY, 0);
  g_autofree char *dir = jb_store_backup_dir (f->store);
  g_autofree char *expected_dir = g_strconcat (f->path, ".backups", NULL);
  g_assert_cmpstr (dir, ==, expected_dir);
  g_autofree char *first_dir = g_path_get_dirname (first->path);
  g_assert_cmpstr (first_dir, ==, dir);
  g_assert_true (g_regex_match_simple ("^jiebang-[0-9]{8}-[0-9]{6}-daily\\.db$", first->name, 0, 0));
  g_assert_cmpstr (first->reason, ==, JB_BACKUP_DAILY);
  g_assert_true (g_file_test (first->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (first->size, >, 0);
  /* When: now, to the second (the name is in UTC). */
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_assert_cmpint (g_date_time_difference (now, first->time), <, 120 * G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_difference (now, first->time), >=, 0);

  new_demand (f->store, owner, "第三个需求");
  g_autoptr (JbBackup) second = backup_ok (f, JB_BACKUP_IMPORT, 0);
  g_assert_cmpstr (second->name, !=, first->name);

  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = jb_store_backup_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  JbBackup *newest = g_ptr_array_index (list, 0), *oldest = g_ptr_array_index (list, 1);
  g_assert_cmpstr (newest->name, ==, second->name);
  g_assert_cmpstr (oldest->name, ==, first->name);
  g_assert_true (newest->inspected);
  g_assert_null (newest->problem);
  g_assert_cmpint (newest->counts[JB_KIND_DEMAND], ==, 3);
  g_assert_cmpint (oldest->counts[JB_KIND_DEMAND], ==, 2);
  g_assert_cmpint (oldest->counts[JB_KIND_ORGANIZATION], ==, 1);
  g_assert_cmpint (oldest->counts[JB_KIND_DEAL], ==, 0);

  /* No half-made file, no journal beside the copies (reading them leaves
   * none either). */
  g_assert_cmpuint (n_files (dir), ==, 2);
  /* Not ours: left alone. */
  g_autofree char *other = g_build_filename (dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (other, "mine", -1, NULL));
  g_autoptr (GPtrArray) again = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (again->len, ==, 2);
  g_autoptr (JbBackup) third = backup_ok (f, JB_BACKUP_IMPORT, 0);
  g_assert_true (jb_store_backup_prune (f->store, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  /* One of each reason: the daily copy stays, the older import goes. */
  g_assert_true (g_file_test (first->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (second->path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (third->path, G_FILE_TEST_EXISTS));
}

/* The @keep newest of each reason stay; a copy left half-made long ago
 * goes, one being made now does not. */
static void
test_prune (Fixture *f, gconstpointer data)
{
  new_org (f->store, "上海交通大学");
  g_autoptr (GPtrArray) made = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_backup_free);
  /* daily, import, daily, import, daily */
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (made, backup_ok (f, i % 2 ? JB_BACKUP_IMPORT : JB_BACKUP_DAILY, 0));
  g_autofree char *dir = jb_store_backup_dir (f->store);
  g_assert_cmpuint (n_files (dir), ==, 5);

  g_autofree char *stale = g_build_filename (dir, "jiebang-20200101-000000-daily.db.part", NULL);
  g_autofree char *fresh = g_build_filename (dir, "jiebang-20200101-000001-daily.db.part", NULL);
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "half", -1, NULL));
  GStatBuf st;
  g_assert_cmpint (g_stat (stale, &st), ==, 0);
  struct utimbuf two_hours_ago = { st.st_atime - 7200, st.st_mtime - 7200 };
  g_assert_cmpint (g_utime (stale, &two_hours_ago), ==, 0);

  /* Keeping two of each, with the next copy: the oldest daily and the
   * oldest import go. */
  g_autoptr (JbBackup) sixth = backup_ok (f, JB_BACKUP_IMPORT, 2);
  g_autoptr (GPtrArray) list = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (list->len, ==, 4);
  const char *expected[] = { sixth->name, ((JbBackup *) g_ptr_array_index (made, 4))->name,
                             ((JbBackup *) g_ptr_array_index (made, 3))->name,
                             ((JbBackup *) g_ptr_array_index (made, 2))->name };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((JbBackup *) g_ptr_array_index (list, i))->name, ==, expected[i]);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));

  /* Keeping none still keeps the newest of each. */
  g_assert_true (jb_store_backup_prune (f->store, 0, NULL));
  g_autoptr (GPtrArray) two = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpstr (((JbBackup *) g_ptr_array_index (two, 0))->name, ==, sixth->name);
  g_assert_cmpstr (((JbBackup *) g_ptr_array_index (two, 1))->name, ==,
                   ((JbBackup *) g_ptr_array_index (made, 4))->name);
}

static guint
n_of (GPtrArray *list, const char *reason)
{
  guint n = 0;
  for (guint i = 0; i < list->len; i++)
    n += g_str_equal (((JbBackup *) g_ptr_array_index (list, i))->reason, reason);
  return n;
}

/* A busy day of imports (more than the number kept) leaves every daily
 * copy and the undo of the last restore; the imports keep their own
 * newest. */
static void
test_prune_imports_keep_daily (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f->store, "宁德时代未来能源(上海)研究院");
  g_autoptr (GPtrArray) dailies = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_backup_free);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (dailies, backup_ok (f, JB_BACKUP_DAILY, 3));
  new_demand (f->store, owner, "固态电池界面稳定性");
  g_autoptr (JbBackup) undo = NULL;
  {
    g_autoptr (GError) error = NULL;
    JbBackup *daily = g_ptr_array_index (dailies, 2);
    undo = jb_store_backup_restore (f->store, daily->path, 3, &error);
    g_assert_no_error (error);
    g_assert_nonnull (undo);
    g_assert_cmpstr (undo->reason, ==, JB_BACKUP_RESTORE);
  }
  g_autoptr (GPtrArray) imports = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_backup_free);
  for (guint i = 0; i < 7; i++)
    g_ptr_array_add (imports, backup_ok (f, JB_BACKUP_IMPORT, 3));

  g_autoptr (GPtrArray) list = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (list->len, ==, 7);
  g_assert_cmpuint (n_of (list, JB_BACKUP_DAILY), ==, 3);
  g_assert_cmpuint (n_of (list, JB_BACKUP_RESTORE), ==, 1);
  g_assert_cmpuint (n_of (list, JB_BACKUP_IMPORT), ==, 3);
  for (guint i = 0; i < dailies->len; i++)
    g_assert_true (g_file_test (((JbBackup *) g_ptr_array_index (dailies, i))->path,
                                G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (undo->path, G_FILE_TEST_EXISTS));
  /* The imports that stay are the three newest. */
  for (guint i = 0; i < imports->len; i++)
    g_assert_true (g_file_test (((JbBackup *) g_ptr_array_index (imports, i))->path,
                                G_FILE_TEST_EXISTS) == (i >= 4));

  /* And a fourth day's copy pushes out the oldest daily one only. */
  g_autoptr (JbBackup) fourth = backup_ok (f, JB_BACKUP_DAILY, 3);
  g_assert_true (g_file_test (fourth->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (((JbBackup *) g_ptr_array_index (dailies, 0))->path,
                               G_FILE_TEST_EXISTS));
  g_autoptr (GPtrArray) after = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (n_of (after, JB_BACKUP_DAILY), ==, 3);
  g_assert_cmpuint (n_of (after, JB_BACKUP_IMPORT), ==, 3);
  g_assert_cmpuint (n_of (after, JB_BACKUP_RESTORE), ==, 1);
}

/* Restoring puts the copy's records back in the open store, tells its
 * listeners, and is itself undone by restoring the copy it made first. */
static void
test_restore_and_undo (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f->store, "上海锅炉厂有限公司");
  gint64 kept = new_demand (f->store, owner, "电站锅炉智能运维");
  g_autoptr (JbBackup) before = backup_ok (f, JB_BACKUP_IMPORT, 0);

  /* What happens after the copy: a new demand, the old one deleted. */
  gint64 added = new_demand (f->store, owner, "导入后新增的需求");
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_delete (f->store, JB_KIND_DEMAND, kept, &error));
  g_assert_no_error (error);

  f->changed = 0;
  f->changed_kinds = 0;
  g_autoptr (JbBackup) undo = jb_store_backup_restore (f->store, before->path, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpstr (undo->reason, ==, JB_BACKUP_RESTORE);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpuint (f->changed_kinds, ==, (1u << JB_N_KINDS) - 1);

  /* The same store object shows the copy's records. */
  g_autoptr (JbRecord) back = jb_store_load (f->store, JB_KIND_DEMAND, kept, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jb_record_get_title (back), ==, "电站锅炉智能运维");
  g_autoptr (JbRecord) gone = jb_store_load (f->store, JB_KIND_DEMAND, added, NULL);
  g_assert_null (gone);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 1);
  /* Searchable, writable, and its figures agree with its records. */
  g_autoptr (GPtrArray) found = jb_store_list (f->store, JB_KIND_DEMAND, "锅炉", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (jb_store_check_index (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (jb_store_check_aggregates (f->store, &error));
  g_assert_no_error (error);
  new_demand (f->store, owner, "恢复后新增");
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 2);
  /* The copy restored is as it was. */
  jb_backup_inspect (before);
  g_assert_cmpint (before->counts[JB_KIND_DEMAND], ==, 1);

  /* The undo copy holds what there was before the restore. */
  jb_backup_inspect (undo);
  g_assert_cmpint (undo->counts[JB_KIND_DEMAND], ==, 1);
  g_autoptr (JbBackup) redo = jb_store_backup_restore (f->store, undo->path, 0, &error);
  g_assert_no_error (error);
  g_autoptr (JbRecord) again = jb_store_load (f->store, JB_KIND_DEMAND, added, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jb_record_get_title (again), ==, "导入后新增的需求");
  g_assert_null (jb_store_load (f->store, JB_KIND_DEMAND, kept, NULL));

  /* Another connection (an import's worker) sees the restored file. */
  g_autoptr (JbStore) other = jb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_store_count (other, JB_KIND_DEMAND), ==, 1);
  sqlite3 *db;
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_stmt *stmt;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Keeping two of each: the restore's own copy is among them, the oldest
   * restore's goes, the copy before the import stays beside them. */
  g_autoptr (JbBackup) third = jb_store_backup_restore (f->store, before->path, 2, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) list = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((JbBackup *) g_ptr_array_index (list, 0))->name, ==, third->name);
  g_assert_cmpstr (((JbBackup *) g_ptr_array_index (list, 1))->name, ==, redo->name);
  g_assert_cmpstr (((JbBackup *) g_ptr_array_index (list, 2))->name, ==, before->name);
  g_assert_false (g_file_test (undo->path, G_FILE_TEST_EXISTS));
}

static void
write_bytes (const char *path, const char *bytes, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (g_file_set_contents (path, bytes, (gssize) len, &error));
  g_assert_no_error (error);
}

/* A copy that is not a whole Jiebang database of this or an older version
 * is refused, and the database stays exactly as it was, with no undo copy. */
static void
test_restore_refused (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f->store, "上海锅炉厂有限公司");
  new_demand (f->store, owner, "电站锅炉智能运维");
  g_autoptr (JbBackup) good = backup_ok (f, JB_BACKUP_DAILY, 0);
  new_demand (f->store, owner, "第二个需求");
  g_autofree char *dir = jb_store_backup_dir (f->store);

  /* Truncated: half its pages. */
  g_autofree char *bytes = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (good->path, &bytes, &len, NULL));
  g_autofree char *truncated = g_build_filename (dir, "jiebang-20200101-000000-daily.db", NULL);
  write_bytes (truncated, bytes, len / 2);
  /* Damaged inside: a page of zeros in the middle of the records. */
  g_autofree char *damaged = g_build_filename (dir, "jiebang-20200101-000001-daily.db", NULL);
  memset (bytes + (len / 4096 / 2) * 4096, 0x5a, 4096);
  write_bytes (damaged, bytes, len);
  /* Not a database at all. */
  g_autofree char *text = g_build_filename (dir, "jiebang-20200101-000002-daily.db", NULL);
  write_bytes (text, "hello, not SQLite, just some text that is long enough", 53);
  /* Another program's SQLite file. */
  g_autofree char *foreign = g_build_filename (dir, "jiebang-20200101-000003-daily.db", NULL);
  sqlite3 *db;
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  /* A newer Jiebang's. */
  g_autofree char *newer = g_build_filename (dir, "jiebang-20200101-000004-daily.db", NULL);
  g_autoptr (GFile) from = g_file_new_for_path (good->path);
  g_autoptr (GFile) to = g_file_new_for_path (newer);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", jb_schema_version + 1);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  const char *bad[] = { truncated, damaged, text, foreign, newer };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      guint n_before = n_files (dir);
      f->changed = 0;
      g_autoptr (JbBackup) undo = jb_store_backup_restore (f->store, bad[i], 0, &error);
      g_test_message ("%s: %s", bad[i], error ? error->message : "restored");
      g_assert_null (undo);
      g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID);
      g_assert_cmpuint (f->changed, ==, 0);
      g_assert_cmpuint (n_files (dir), ==, n_before);
      g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 2);
    }
  /* The list says why, without failing. */
  g_autoptr (GPtrArray) list = jb_store_backup_list (f->store, TRUE, NULL);
  guint with_problem = 0;
  for (guint i = 0; i < list->len; i++)
    with_problem += ((JbBackup *) g_ptr_array_index (list, i))->problem != NULL;
  g_assert_cmpuint (with_problem, >=, 3);
  g_assert_null (((JbBackup *) g_ptr_array_index (list, 0))->problem); /* the good one */
}

/* One daily copy per day, none of an empty database. */
static void
test_daily (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JbBackup *made = NULL;
  g_assert_true (jb_store_backup_daily (f->store, 10, &made, &error));
  g_assert_no_error (error);
  g_assert_null (made);

  new_org (f->store, "上海交通大学");
  /* A copy for another reason does not count as the day's. */
  g_autoptr (JbBackup) import = backup_ok (f, JB_BACKUP_IMPORT, 0);
  g_assert_true (jb_store_backup_daily (f->store, 10, &made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_cmpstr (made->reason, ==, JB_BACKUP_DAILY);
  g_autoptr (JbBackup) daily = made;
  made = NULL;
  g_assert_true (jb_store_backup_daily (f->store, 10, &made, &error));
  g_assert_null (made);
  g_autoptr (GPtrArray) list = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (list->len, ==, 2);

  /* Yesterday's does not count either. */
  g_assert_cmpint (g_remove (daily->path), ==, 0);
  g_autoptr (GDateTime) yesterday_local = g_date_time_add_days (daily->time, -1);
  g_autofree char *stamp = g_date_time_format (yesterday_local, "%Y%m%d-%H%M%S");
  g_autofree char *dir = jb_store_backup_dir (f->store);
  g_autofree char *name = g_strdup_printf ("jiebang-%s-daily.db", stamp);
  g_autofree char *old = g_build_filename (dir, name, NULL);
  g_autoptr (GFile) from = g_file_new_for_path (import->path);
  g_autoptr (GFile) to = g_file_new_for_path (old);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_true (jb_store_backup_daily (f->store, 10, &made, &error));
  g_assert_nonnull (made);
  jb_backup_free (made);
}

/* The copies follow the database when its folder moves. */
static void
test_moved_folder (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f->store, "上海锅炉厂有限公司");
  new_demand (f->store, owner, "电站锅炉智能运维");
  g_autoptr (JbBackup) copy = backup_ok (f, JB_BACKUP_DAILY, 0);
  g_clear_object (&f->store);

  g_autofree char *old_folder = g_path_get_dirname (f->path);
  g_autofree char *new_folder = g_build_filename (f->dir, "moved", NULL);
  g_assert_cmpint (g_rename (old_folder, new_folder), ==, 0);
  g_autofree char *moved = g_build_filename (new_folder, "jiebang.db", NULL);
  g_autoptr (GError) error = NULL;
  f->store = jb_store_open (moved, &error);
  g_assert_no_error (error);

  g_autoptr (GPtrArray) list = jb_store_backup_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  JbBackup *found = g_ptr_array_index (list, 0);
  g_assert_cmpstr (found->name, ==, copy->name);
  g_assert_true (g_str_has_prefix (found->path, new_folder));
  g_assert_cmpint (found->counts[JB_KIND_DEMAND], ==, 1);
  g_autoptr (JbBackup) undo = jb_store_backup_restore (f->store, found->path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (undo->path, new_folder));
}

/* A copy made by an older Jiebang is brought up to date on the way in, and
 * left as it was. */
static void
test_restore_older (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = jb_store_backup_dir (f->store);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_autofree char *old = g_build_filename (dir, "jiebang-20240101-080000-daily.db", NULL);
  sqlite3 *db;
  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  /* The format before the last migration, as that version wrote it. */
  for (guint v = 0; v + 1 < jb_schema_version; v++)
    {
      char *message = NULL;
      if (sqlite3_exec (db, jb_schema_migrations[v], NULL, NULL, &message) != SQLITE_OK)
        g_error ("migration %u: %s", v, message);
    }
  g_autofree char *set = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u; "
                                          "INSERT INTO organization (uuid, created, updated, "
                                          "name, kind) VALUES ('0e1b2c3d-0000-4000-8000-"
                                          "000000000001', '2024-01-01T08:00:00Z', "
                                          "'2024-01-01T08:00:00Z', '旧版本的企业', 'enterprise')",
                                          JB_APPLICATION_ID, jb_schema_version - 1);
  char *message = NULL;
  if (sqlite3_exec (db, set, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
  g_autofree char *before = NULL;
  gsize before_len;
  g_assert_true (g_file_get_contents (old, &before, &before_len, NULL));

  new_org (f->store, "新版本的企业");
  g_autoptr (GError) error = NULL;
  g_autoptr (JbBackup) undo = jb_store_backup_restore (f->store, old, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_true (g_file_test (undo->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);
  g_autoptr (GPtrArray) found = jb_store_list (f->store, JB_KIND_ORGANIZATION, "旧版本", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (jb_store_check_index (f->store, &error));
  g_assert_no_error (error);

  g_autofree char *after = NULL;
  gsize after_len;
  g_assert_true (g_file_get_contents (old, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  /* Only the copies are left in the folder: the old one and the undo. */
  g_assert_cmpuint (n_files (dir), ==, 2);
}

/* The copy before an import: none of an empty database, the user's number
 * kept, and no import at all when it cannot be made.  (No fixture: the
 * command line runs in a child, which must not make one of its own.) */
static void
test_before_import (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("JB_BACKUP_TEST_DIR");
      int status;
      {
        /* Freed before exit(), which no g_autofree outlives. */
        g_autofree char *db = g_build_filename (dir, "other.db", NULL);
        g_autofree char *xml = g_build_filename (dir, "one.xml", NULL);
        status = jb_cli_run (db, xml, NULL);
      }
      exit (status);
    }
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (
    source, "io.github.jiebang.Jiebang", TRUE) : NULL;
  if (schema == NULL)
    {
      g_test_skip ("the settings schema is not installed (meson test sets it)");
      return;
    }
  Fixture fixture = { 0 }, *f = &fixture;
  fixture_set_up (f, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = g_settings_new ("io.github.jiebang.Jiebang");
  g_settings_reset (settings, "backups-keep");
  g_assert_cmpuint (jb_backups_keep (), ==, JB_BACKUP_KEEP_DEFAULT);
  g_assert_true (g_settings_set_int (settings, "backups-keep", 2));
  g_assert_cmpuint (jb_backups_keep (), ==, 2);

  g_assert_true (jb_backup_before_import (f->store, jb_backups_keep (), &error));
  g_assert_no_error (error);
  g_autofree char *dir = jb_store_backup_dir (f->store);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  gint64 owner = new_org (f->store, "上海锅炉厂有限公司");
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (jb_backup_before_import (f->store, jb_backups_keep (), &error));
      g_assert_no_error (error);
    }
  g_autoptr (GPtrArray) list = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((JbBackup *) g_ptr_array_index (list, 0))->reason, ==, JB_BACKUP_IMPORT);
  g_settings_reset (settings, "backups-keep");

  /* The folder cannot be made (a file is in the way): the command line
   * refuses the import and leaves the database as it was. */
  new_demand (f->store, owner, "电站锅炉智能运维");
  g_autofree char *xml = g_build_filename (f->dir, "one.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (xml);
  g_assert_true (jb_exchange_export (f->store, file, NULL, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr (JbStore) target = jb_store_open (other, &error);
  g_assert_no_error (error);
  new_org (target, "上海交通大学");
  g_clear_object (&target);
  g_autofree char *blocker = g_strconcat (other, ".backups", NULL);
  g_assert_true (g_file_set_contents (blocker, "in the way", -1, NULL));
  g_setenv ("JB_BACKUP_TEST_DIR", f->dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*backup*");
  target = jb_store_open (other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_store_count (target, JB_KIND_DEMAND), ==, 0);
  g_assert_cmpint (jb_store_count (target, JB_KIND_ORGANIZATION), ==, 1);
  g_clear_object (&target);

  /* Out of the way: the import makes its copy and runs. */
  g_assert_cmpint (g_remove (blocker), ==, 0);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  target = jb_store_open (other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_store_count (target, JB_KIND_DEMAND), ==, 1);
  g_autoptr (GPtrArray) made = jb_store_backup_list (target, TRUE, NULL);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_cmpint (((JbBackup *) g_ptr_array_index (made, 0))->counts[JB_KIND_DEMAND], ==, 0);
  g_clear_object (&target);
  fixture_tear_down (f, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/backup/" path, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("now-and-list", test_now_and_list);
  ADD ("prune", test_prune);
  ADD ("prune-imports-keep-daily", test_prune_imports_keep_daily);
  ADD ("restore-and-undo", test_restore_and_undo);
  ADD ("restore-refused", test_restore_refused);
  ADD ("daily", test_daily);
  ADD ("moved-folder", test_moved_folder);
  ADD ("restore-older", test_restore_older);
  g_test_add_func ("/backup/before-import", test_before_import);
  return g_test_run ();
}

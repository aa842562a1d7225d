/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The team store (jb-store-team.c) on a throwaway PostgreSQL server: two
 * replicas see each other's changes, a save over another's change or a
 * deletion is refused and brings the other change in, a read-only role
 * saves nothing, a newer team schema is refused, the others are notified,
 * history says who, the round trip file → team → file is byte-identical,
 * and concurrent clients lose no update. */
#include <glib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <string.h>

#include "jb-exchange.h"
#include "pg-test-util.h"
#include "team-harness.h"
#include "test-util.h"

static PgTestServer *server;

typedef struct {
  char *dir;
  char *db;          /* the team database's name */
  const char *team;  /* its conninfo */
  JbStore *a, *b;    /* two users, each with a replica of their own */
} Fixture;

static JbStore *
open_replica (Fixture *f, const char *conninfo, const char *name, GError **error)
{
  g_autofree char *replica = g_build_filename (f->dir, name, NULL);
  return jb_store_open_team (conninfo, replica, NULL, NULL, NULL, error);
}

static void
set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  static guint serial;
  g_autoptr (GError) error = NULL;
  if (server == NULL)
    {
      g_test_skip ("PostgreSQL 15 is not installed");
      return;
    }
  f->dir = g_dir_make_tmp ("jb-test-team-XXXXXX", NULL);
  f->db = g_strdup_printf ("team%u", ++serial);
  g_assert_true (pg_test_server_create_db (server, f->db, &error));
  g_assert_no_error (error);
  f->team = pg_test_server_conninfo (server, f->db);
  f->a = open_replica (f, f->team, "a.db", &error);
  g_assert_no_error (error);
  f->b = open_replica (f, f->team, "b.db", &error);
  g_assert_no_error (error);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  if (f->dir)
    test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
psql (Fixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  g_assert_true (pg_test_server_psql (server, f->db, sql, &out, &error));
  g_assert_no_error (error);
  return out;
}

/* An organization and a demand of it, saved in @store; the demand's id. */
static gint64
add_demand (JbStore *store, const char *title)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  g_autofree char *name = g_strdup_printf ("%s科技有限公司", title);
  jb_record_set_text_by_name (org, "name", name);
  jb_record_set_text_by_name (org, "kind", "enterprise");
  jb_store_save (store, org, JB_SAVE_DEFAULT, &error);
  g_assert_no_error (error);
  g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (d, "title", title);
  jb_record_set_int_by_name (d, "owner_id", jb_record_get_id (org));
  jb_record_set_int_by_name (d, "investment", 0);
  jb_record_set_text_by_name (d, "status", "draft");
  jb_store_save (store, d, JB_SAVE_DEFAULT, &error);
  g_assert_no_error (error);
  return jb_record_get_id (d);
}

static JbRecord *
load_demand (JbStore *store, const char *uuid)
{
  g_autoptr (GError) error = NULL;
  JbRecord *r = jb_store_load_by_uuid (store, JB_KIND_DEMAND, uuid, &error);
  g_assert_no_error (error);
  return r;
}

static void
pull (JbStore *store)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_pull (store, &error));
  g_assert_no_error (error);
}

/* Saves @value in @field of the demand @id in @store. */
static void
set_text (JbStore *store, gint64 id, const char *field, const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) r = jb_store_load (store, JB_KIND_DEMAND, id, &error);
  g_assert_no_error (error);
  jb_record_set_text_by_name (r, field, value);
  g_assert_true (jb_store_save (store, r, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
set_code (JbStore *store, gint64 id, const char *code)
{
  set_text (store, id, "code", code);
}

/* A's new demand @title as A read it, which B then pulls and saves as
 * "@title（B 改）": A's copy is out of date. */
static JbRecord *
stale_on_a (Fixture *f, const char *title)
{
  g_autoptr (GError) error = NULL;
  JbRecord *mine = jb_store_load (f->a, JB_KIND_DEMAND, add_demand (f->a, title), &error);
  g_assert_no_error (error);
  pull (f->b);
  g_autofree char *theirs = g_strdup_printf ("%s（B 改）", title);
  set_text (f->b, jb_store_id_for_uuid (f->b, JB_KIND_DEMAND, jb_record_get_uuid (mine)),
            "title", theirs);
  return mine;
}

static void
test_see_each_other (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) mine = jb_store_load (f->a, JB_KIND_DEMAND,
                                             add_demand (f->a, "固态电池隔膜材料"), &error);
  const char *uuid = jb_record_get_uuid (mine);

  /* B has it after a pull, and finds it by a Chinese word. */
  g_assert_cmpint (jb_store_count (f->b, JB_KIND_DEMAND), ==, 0);
  pull (f->b);
  g_autoptr (JbRecord) theirs = load_demand (f->b, uuid);
  g_assert_cmpstr (jb_record_get_title (theirs), ==, "固态电池隔膜材料");
  g_autoptr (GPtrArray) found = jb_store_list (f->b, JB_KIND_DEMAND, "电池", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* B changes it; A sees the change, with who made it in the history. */
  jb_record_set_text_by_name (theirs, "title", "固态电池隔膜材料（第二版）");
  g_assert_true (jb_store_save (f->b, theirs, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  pull (f->a);
  g_autoptr (JbRecord) now = load_demand (f->a, uuid);
  g_assert_cmpstr (jb_record_get_title (now), ==, "固态电池隔膜材料（第二版）");
  g_autoptr (GPtrArray) history = jb_store_history (f->a, uuid, &error);
  g_assert_no_error (error);
  gboolean changed = FALSE;
  for (guint i = 0; i < history->len; i++)
    {
      JbHistoryEntry *e = history->pdata[i];
      if (g_str_equal (e->action, "changed") && g_str_equal (e->field, "title"))
        {
          changed = TRUE;
          g_assert_cmpstr (e->who, ==, "jiebang");
          g_assert_cmpstr (e->new_value, ==, "固态电池隔膜材料（第二版）");
        }
    }
  g_assert_true (changed);
  /* Once, not twice: B's own pull does not bring its own change back. */
  pull (f->b);
  g_autoptr (GPtrArray) b_history = jb_store_history (f->b, uuid, &error);
  g_assert_cmpuint (b_history->len, ==, history->len);
  /* A pull keeps the search index and the totals right. */
  g_assert_true (jb_store_check_index (f->a, &error));
  g_assert_no_error (error);
  g_assert_true (jb_store_check_aggregates (f->a, &error));
  g_assert_no_error (error);

  /* What the title shows: the database and the server, no key=value. */
  g_autofree char *name = jb_store_get_display_name (f->a);
  g_autofree char *expected = g_strdup_printf ("%s at %s", f->db,
                                               pg_test_server_socket_dir (server));
  g_assert_cmpstr (name, ==, expected);

  g_autofree char *author = NULL, *editor = NULL;
  g_assert_true (jb_store_get_authorship (f->a, uuid, &author, &editor));
  g_assert_cmpstr (author, ==, "jiebang");
  g_assert_cmpstr (editor, ==, "jiebang");
  g_autofree char *version = psql (f, "SELECT version FROM demand");
  g_assert_cmpstr (version, ==, "2");
}

static void
count_changed (JbStore *store, guint kinds, gpointer data)
{
  (void) store;
  (void) kinds;
  (*(guint *) data)++;
}

static void
test_conflict (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) mine = stale_on_a (f, "储能系统热管理");
  const char *uuid = jb_record_get_uuid (mine);

  /* A saves over B's change without having seen it: refused, nothing
   * written, and A's replica now holds B's title. */
  guint emitted = 0;
  g_signal_connect (f->a, "changed", G_CALLBACK (count_changed), &emitted);
  jb_record_set_text_by_name (mine, "title", "储能系统热管理（A 改）");
  g_assert_false (jb_store_save (f->a, mine, JB_SAVE_DEFAULT, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "jiebang"));
  g_clear_error (&error);
  g_autofree char *title = psql (f, "SELECT title FROM demand");
  g_assert_cmpstr (title, ==, "储能系统热管理（B 改）");
  g_autoptr (JbRecord) seen = load_demand (f->a, uuid);
  g_assert_cmpstr (jb_record_get_title (seen), ==, "储能系统热管理（B 改）");
  /* …and said so: an open form merges. */
  g_assert_cmpuint (emitted, ==, 1);

  /* Saving again over what it now has is accepted. */
  jb_record_set_text_by_name (seen, "title", "储能系统热管理（A 改）");
  g_assert_true (jb_store_save (f->a, seen, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_autofree char *after = psql (f, "SELECT title || '|' || version FROM demand");
  g_assert_cmpstr (after, ==, "储能系统热管理（A 改）|3");
}

/* Someone's change that another connection of the same replica pulled (the
 * window's worker) after the record was read: the save is refused all the
 * same, not written over it. */
static void
test_conflict_pulled_meanwhile (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) mine = stale_on_a (f, "海上风电防腐");
  g_autoptr (JbStore) worker = jb_store_open (jb_store_get_path (f->a), &error);
  g_assert_no_error (error);
  g_assert_true (jb_store_is_team (worker));

  jb_record_set_text_by_name (mine, "title", "海上风电防腐（A 改）");
  g_assert_false (jb_store_save (f->a, mine, JB_SAVE_DEFAULT, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_CONFLICT);
  g_autofree char *title = psql (f, "SELECT title FROM demand");
  g_assert_cmpstr (title, ==, "海上风电防腐（B 改）");
}

static void
test_deleted_meanwhile (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) mine = jb_store_load (f->a, JB_KIND_DEMAND,
                                             add_demand (f->a, "氢燃料电池催化剂"), &error);
  const char *uuid = jb_record_get_uuid (mine);
  pull (f->b);
  g_autoptr (JbRecord) theirs = load_demand (f->b, uuid);
  g_assert_true (jb_store_delete (f->b, JB_KIND_DEMAND, jb_record_get_id (theirs), &error));
  g_assert_no_error (error);
  g_autofree char *tomb = psql (f, "SELECT kind || '|' || who FROM jb_deleted");
  g_assert_cmpstr (tomb, ==, "demand|jiebang");

  jb_record_set_text_by_name (mine, "title", "氢燃料电池催化剂（改）");
  g_assert_false (jb_store_save (f->a, mine, JB_SAVE_DEFAULT, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (jb_store_id_for_uuid (f->a, JB_KIND_DEMAND, uuid), ==, 0);
  g_autofree char *count = psql (f, "SELECT count(*) FROM demand");
  g_assert_cmpstr (count, ==, "0");
}

static char *
demand_code (JbStore *store, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) r = jb_store_load (store, JB_KIND_DEMAND, id, &error);
  g_assert_no_error (error);
  return g_strdup (jb_record_get_text_by_name (r, "code"));
}

/* Two users make a demand each at the same moment, without a code: each
 * replica gives the next code it knows, the same one.  The second save is
 * given the one after, unseen by its user: both are saved. */
static void
test_same_next_code (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autofree char *code_a = demand_code (f->a, add_demand (f->a, "锂电池极片涂布"));
  /* B has not pulled: its replica knows no demand. */
  g_assert_cmpint (jb_store_count (f->b, JB_KIND_DEMAND), ==, 0);
  g_autofree char *code_b = demand_code (f->b, add_demand (f->b, "锂电池极片辊压"));
  g_assert_nonnull (code_a);
  g_assert_nonnull (code_b);
  g_assert_cmpstr (code_a, !=, code_b);

  g_autofree char *team = psql (f, "SELECT string_agg (title || '|' || code, ',' ORDER BY code) "
                                   "FROM demand");
  g_autofree char *expected = g_strdup_printf ("锂电池极片涂布|%s,锂电池极片辊压|%s", code_a,
                                               code_b);
  g_assert_cmpstr (team, ==, expected);
  /* Each sees both, with the same codes. */
  pull (f->a);
  pull (f->b);
  JbStore *stores[] = { f->a, f->b };
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) all = jb_store_list (stores[i], JB_KIND_DEMAND, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, 2);
      for (guint j = 0; j < all->len; j++)
        {
          const char *title = jb_record_get_title (all->pdata[j]);
          const char *code = jb_record_get_text_by_name (all->pdata[j], "code");
          g_assert_cmpstr (code, ==, g_str_equal (title, "锂电池极片涂布") ? code_a : code_b);
        }
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Codes swapped on A through a spare one, and a deleted demand's code given
 * to a new one: each change was unique on the server, but B brings them in
 * record by record, where its copy of the other record still holds the
 * code.  B's pull must end where the server is, not stop there for good. */
static void
test_codes_swapped (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  gint64 x = add_demand (f->a, "高温合金粉末");
  gint64 y = add_demand (f->a, "燃气轮机叶片");
  gint64 z = add_demand (f->a, "涡轮盘锻造");
  set_code (f->a, x, "MH-2026-001");
  set_code (f->a, y, "MH-2026-002");
  set_code (f->a, z, "MH-2026-003");
  pull (f->b);
  g_assert_cmpint (jb_store_count (f->b, JB_KIND_DEMAND), ==, 3);

  set_code (f->a, x, "MH-2026-TMP");
  set_code (f->a, y, "MH-2026-001");
  set_code (f->a, x, "MH-2026-002");
  g_assert_true (jb_store_delete (f->a, JB_KIND_DEMAND, z, &error));
  g_assert_no_error (error);
  gint64 w = add_demand (f->a, "单晶叶片铸造");
  set_code (f->a, w, "MH-2026-003");

  g_assert_true (jb_store_pull (f->b, &error));
  g_assert_no_error (error);
  g_autoptr (GPtrArray) all = jb_store_list (f->b, JB_KIND_DEMAND, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (rows, g_strdup_printf ("%s|%s",
                                            jb_record_get_text_by_name (all->pdata[i], "code"),
                                            jb_record_get_title (all->pdata[i])));
  g_ptr_array_sort (rows, compare_strings);
  g_ptr_array_add (rows, NULL);
  g_autofree char *mine = g_strjoinv (",", (char **) rows->pdata);
  g_autofree char *team = psql (f, "SELECT string_agg (code || '|' || title, ',' ORDER BY code) "
                                   "FROM demand");
  g_assert_cmpstr (mine, ==, "MH-2026-001|燃气轮机叶片,MH-2026-002|高温合金粉末,"
                             "MH-2026-003|单晶叶片铸造");
  g_assert_cmpstr (team, ==, mine);
  g_assert_true (jb_store_check_index (f->b, &error));
  g_assert_no_error (error);
  /* And it keeps pulling. */
  set_code (f->a, w, "MH-2026-004");
  pull (f->b);
  g_autofree char *w_uuid = psql (f, "SELECT uuid FROM demand WHERE code = 'MH-2026-004'");
  g_autoptr (JbRecord) w_b = load_demand (f->b, w_uuid);
  g_assert_cmpstr (jb_record_get_text_by_name (w_b, "code"), ==, "MH-2026-004");
}

/* The same in a large pull (over 1,000 records: the index and sort indexes
 * are brought up to date at its end, as an import's are): an import of
 * 1,100 demands on A, then codes swapped, all in B's next pull. */
static void
test_codes_swapped_bulk (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  gint64 x = add_demand (f->a, "高温合金粉末");
  gint64 y = add_demand (f->a, "燃气轮机叶片");
  set_code (f->a, x, "MH-2026-001");
  set_code (f->a, y, "MH-2026-002");
  pull (f->b);

  g_autoptr (GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<exchange xmlns=\"urn:jiebang:exchange:1\" "
                                          "version=\"1\">\n");
  g_autofree char *org = g_uuid_string_random ();
  const char *t = "created=\"2026-01-05T09:00:00.000000Z\" updated=\"2026-01-05T09:00:00.000000Z\"";
  g_string_append_printf (xml, "  <organization id=\"%s\" %s>\n    <name>批量导入单位</name>\n"
                               "    <kind>enterprise</kind>\n  </organization>\n", org, t);
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_string_append_printf (xml, "  <demand id=\"%s\" %s>\n    <code>BK-%04u</code>\n"
                                   "    <title>批量需求 %u</title>\n    <owner ref=\"%s\"/>\n"
                                   "    <status>draft</status>\n  </demand>\n", id, t, i, i, org);
    }
  g_string_append (xml, "</exchange>\n");
  g_autofree char *path = g_build_filename (f->dir, "many.xml", NULL);
  g_assert_true (g_file_set_contents (path, xml->str, (gssize) xml->len, NULL));
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_assert_true (jb_exchange_import (f->a, file, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  set_code (f->a, x, "MH-2026-TMP");
  set_code (f->a, y, "MH-2026-001");
  set_code (f->a, x, "MH-2026-002");

  g_assert_true (jb_store_pull (f->b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jb_store_count (f->b, JB_KIND_DEMAND), ==, 1102);
  g_autofree char *x_uuid = psql (f, "SELECT uuid FROM demand WHERE title = '高温合金粉末'");
  g_autofree char *y_uuid = psql (f, "SELECT uuid FROM demand WHERE title = '燃气轮机叶片'");
  g_autoptr (JbRecord) x_b = load_demand (f->b, x_uuid);
  g_autoptr (JbRecord) y_b = load_demand (f->b, y_uuid);
  g_assert_cmpstr (jb_record_get_text_by_name (x_b, "code"), ==, "MH-2026-002");
  g_assert_cmpstr (jb_record_get_text_by_name (y_b, "code"), ==, "MH-2026-001");
  g_assert_true (jb_store_check_index (f->b, &error));
  g_assert_no_error (error);
  g_assert_true (jb_store_check_aggregates (f->b, &error));
  g_assert_no_error (error);
  /* Found by the code it now has, not the one it had. */
  g_autoptr (GPtrArray) found = jb_store_list (f->b, JB_KIND_DEMAND, "MH-2026-002", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (jb_record_get_uuid (found->pdata[0]), ==, x_uuid);
}

/* B types the code A has just saved: refused at the field, as a clash in
 * the replica is, and nothing of it written, here or there. */
static void
test_typed_code_taken (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_autofree char *code = demand_code (f->a, add_demand (f->a, "储氢瓶碳纤维缠绕"));
  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (org, "name", "乙方新材料有限公司");
  jb_record_set_text_by_name (org, "kind", "enterprise");
  g_assert_true (jb_store_save (f->b, org, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_autofree char *demands_before = psql (f, "SELECT count(*) FROM demand");
  g_autofree char *history_before = psql (f, "SELECT count(*) FROM jb_history");
  g_autofree char *clock_before = psql (f, "SELECT seq FROM jb_clock");

  g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (d, "title", "储氢瓶内胆");
  jb_record_set_text_by_name (d, "code", code);
  jb_record_set_int_by_name (d, "owner_id", jb_record_get_id (org));
  jb_record_set_int_by_name (d, "investment", 0);
  jb_record_set_text_by_name (d, "status", "draft");
  g_assert_false (jb_store_save (f->b, d, JB_SAVE_DEFAULT, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“储氢瓶碳纤维缠绕”"));
  g_clear_error (&error);
  /* The record as the caller gave it, with the code typed. */
  g_assert_cmpint (jb_record_get_id (d), ==, 0);
  g_assert_cmpstr (jb_record_get_text_by_name (d, "code"), ==, code);

  /* The team has nothing of it… */
  g_autofree char *demands_after = psql (f, "SELECT count(*) FROM demand");
  g_autofree char *history_after = psql (f, "SELECT count(*) FROM jb_history");
  g_autofree char *clock_after = psql (f, "SELECT seq FROM jb_clock");
  g_assert_cmpstr (demands_after, ==, demands_before);
  g_assert_cmpstr (history_after, ==, history_before);
  g_assert_cmpstr (clock_after, ==, clock_before);
  /* …nor the replica, which has A's demand now, and its history. */
  g_assert_cmpint (jb_store_count (f->b, JB_KIND_DEMAND), ==, 1);
  g_autoptr (GPtrArray) mine = jb_store_list (f->b, JB_KIND_DEMAND, "内胆", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 0);
  g_autoptr (GPtrArray) hits = jb_store_list (f->b, JB_KIND_DEMAND, "缠绕", &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (jb_store_check_index (f->b, &error));
  g_assert_no_error (error);
  g_assert_true (jb_store_check_aggregates (f->b, &error));
  g_assert_no_error (error);

  /* What the form shows: the problem at the code, naming A's demand. */
  g_autoptr (GPtrArray) problems = jb_problems_new ();
  g_assert_true (jb_store_check (f->b, d, problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  JbProblem *p = problems->pdata[0];
  g_assert_cmpint (p->field, ==, jb_kind_field_index (&jb_kind_demand, "code"));
  g_assert_cmpstr (p->message, ==, "Already taken by “储氢瓶碳纤维缠绕”.");

  /* With another code it is saved, alone: nothing of the refused save was
   * left to go up with it. */
  jb_record_set_text_by_name (d, "code", "XQ-乙-001");
  g_assert_true (jb_store_save (f->b, d, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_autofree char *codes = psql (f, "SELECT string_agg (code, ',' ORDER BY code) FROM demand");
  g_autofree char *expected = g_strdup_printf ("%s,XQ-乙-001", code);
  g_assert_cmpstr (codes, ==, expected);
  g_autofree char *created = psql (f, "SELECT count(*) FROM jb_history WHERE action = 'created' "
                                      "AND new_value = '储氢瓶内胆'");
  g_assert_cmpstr (created, ==, "1");
}

static void
test_read_only (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  add_demand (f->a, "光伏组件回收");
  g_free (psql (f, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.enabled_roles "
                   "WHERE role_name = 'reader') THEN CREATE ROLE reader LOGIN; END IF; END $$;"
                   "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;"));
  g_autofree char *conninfo = g_strdup_printf ("%s user=reader", f->team);
  g_autoptr (JbStore) r = open_replica (f, conninfo, "reader.db", &error);
  g_assert_no_error (error);
  g_assert_true (jb_store_is_read_only (r));
  g_assert_false (jb_store_is_read_only (f->a));
  g_assert_cmpstr (jb_store_get_user (r), ==, "reader");
  /* It reads everything… */
  g_assert_cmpint (jb_store_count (r, JB_KIND_DEMAND), ==, 1);
  /* …and saves nothing. */
  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (org, "name", "只读单位");
  jb_record_set_text_by_name (org, "kind", "enterprise");
  g_assert_false (jb_store_save (r, org, JB_SAVE_DEFAULT, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_autofree char *orgs = psql (f, "SELECT count(*) FROM organization");
  g_assert_cmpstr (orgs, ==, "1");
  /* A location shows no password. */
  g_autofree char *with_password = g_strdup_printf ("%s password=s3cret", f->team);
  g_autoptr (JbStore) p = open_replica (f, with_password, "pw.db", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (jb_store_get_location (p), "s3cret"));
}

/* A replica opened by its path (as a worker given the window's file does)
 * is the team database still: what it saves goes to the team.  A copy of
 * the replica is a file of its own. */
static void
test_replica_by_path (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strdup (jb_store_get_path (f->a));
  g_autoptr (JbStore) again = jb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (jb_store_is_team (again));
  add_demand (again, "钙钛矿电池稳定性");
  g_autofree char *count = psql (f, "SELECT count(*) FROM demand");
  g_assert_cmpstr (count, ==, "1");

  g_autofree char *copy_path = g_build_filename (f->dir, "copy.db", NULL);
  g_assert_true (jb_store_backup (again, copy_path, &error));
  g_assert_no_error (error);
  g_autoptr (JbStore) copy = jb_store_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_false (jb_store_is_team (copy));
  g_assert_cmpint (jb_store_count (copy, JB_KIND_DEMAND), ==, 1);
}

/* The server drops the connections (a restart, a network cut): the next
 * save connects again and goes through, and notifications come again. */
static void
test_connection_lost (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  add_demand (f->a, "钠离子电池正极");
  g_free (psql (f, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                   "WHERE application_name = 'jiebang'"));
  add_demand (f->a, "钠离子电池负极");
  g_autofree char *count = psql (f, "SELECT count(*) FROM demand");
  g_assert_cmpstr (count, ==, "2");
  pull (f->b);
  g_assert_cmpint (jb_store_count (f->b, JB_KIND_DEMAND), ==, 2);
  /* A listens again: B's next save wakes its socket. */
  jb_store_take_notifications (f->a);
  add_demand (f->b, "钠离子电池电解液");
  struct pollfd p = { .fd = jb_store_get_notify_fd (f->a), .events = POLLIN };
  g_assert_cmpint (poll (&p, 1, 10000), ==, 1);
  g_assert_true (jb_store_take_notifications (f->a));
}

static void
test_newer_schema (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_free (psql (f, "UPDATE jb_meta SET value = '99' WHERE key = 'schema_version'"));
  g_autoptr (JbStore) c = open_replica (f, f->team, "c.db", &error);
  g_assert_null (c);
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NEWER);
}

static void
test_notified (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  int fd = jb_store_get_notify_fd (f->a);
  g_assert_cmpint (fd, >=, 0);
  jb_store_take_notifications (f->a);
  g_assert_false (jb_store_take_notifications (f->a));
  add_demand (f->b, "高比能锂电池");
  struct pollfd p = { .fd = fd, .events = POLLIN };
  g_assert_cmpint (poll (&p, 1, 10000), ==, 1);
  g_assert_true (jb_store_take_notifications (f->a));
  pull (f->a);
  g_assert_cmpint (jb_store_count (f->a, JB_KIND_DEMAND), ==, 1);
}

/* A file → the team database → another file: the same export, byte for byte. */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_autofree char *path1 = g_build_filename (f->dir, "one.db", NULL);
  g_autoptr (JbStore) one = jb_store_open (path1, &error);
  g_assert_no_error (error);
  g_autoptr (GFile) sample = g_file_new_for_path (JB_TEST_SRCDIR "/data/sample/jiebang-sample.xml");
  g_assert_true (jb_exchange_import (one, sample, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *x1 = g_build_filename (f->dir, "one.xml", NULL);
  g_autoptr (GFile) f1 = g_file_new_for_path (x1);
  g_assert_true (jb_exchange_export (one, f1, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Up: into the team database through A; B, a new replica, reads it. */
  g_assert_true (jb_exchange_import (f->a, f1, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The server keeps the team database: no copy of A's replica beside it. */
  g_autofree char *replica_twin = g_strconcat (jb_store_get_path (f->a), ".before-import", NULL);
  g_assert_false (g_file_test (replica_twin, G_FILE_TEST_EXISTS));
  g_autoptr (JbStore) fresh = open_replica (f, f->team, "fresh.db", &error);
  g_assert_no_error (error);
  /* Its search index and the figures' totals, built as an import's are. */
  g_assert_true (jb_store_check_index (fresh, &error));
  g_assert_no_error (error);
  g_assert_true (jb_store_check_aggregates (fresh, &error));
  g_assert_no_error (error);
  g_autofree char *x2 = g_build_filename (f->dir, "team.xml", NULL);
  g_autoptr (GFile) f2 = g_file_new_for_path (x2);
  g_assert_true (jb_exchange_export (fresh, f2, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Down: into a new file, to work offline. */
  g_autofree char *path3 = g_build_filename (f->dir, "three.db", NULL);
  g_autoptr (JbStore) three = jb_store_open (path3, &error);
  g_assert_true (jb_exchange_import (three, f2, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *x3 = g_build_filename (f->dir, "three.xml", NULL);
  g_autoptr (GFile) f3 = g_file_new_for_path (x3);
  g_assert_true (jb_exchange_export (three, f3, NULL, NULL, &error));
  g_assert_no_error (error);

  g_autofree char *c1 = NULL, *c2 = NULL, *c3 = NULL;
  gsize n1, n2, n3;
  g_assert_true (g_file_get_contents (x1, &c1, &n1, NULL));
  g_assert_true (g_file_get_contents (x2, &c2, &n2, NULL));
  g_assert_true (g_file_get_contents (x3, &c3, &n3, NULL));
  g_assert_cmpuint (n1, >, 100000);
  g_assert_cmpmem (c1, n1, c2, n2);
  g_assert_cmpmem (c1, n1, c3, n3);
  /* jb_exchange_copy() does the same both ways. */
  g_autofree char *path4 = g_build_filename (f->dir, "four.db", NULL);
  g_autoptr (JbStore) four = jb_store_open (path4, &error);
  g_assert_no_error (error);
  JbImportSummary summary;
  pull (f->b);
  g_assert_true (jb_exchange_copy (f->b, four, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.created, >, 500);
  g_assert_cmpuint (summary.updated, ==, 0);
  /* No copy of the new file beside it, as an import would keep. */
  g_autofree char *twin = g_strconcat (path4, ".before-import", NULL);
  g_assert_false (g_file_test (twin, G_FILE_TEST_EXISTS));
  g_autofree char *x4 = g_build_filename (f->dir, "four.xml", NULL);
  g_autoptr (GFile) f4 = g_file_new_for_path (x4);
  g_assert_true (jb_exchange_export (four, f4, NULL, NULL, &error));
  g_autofree char *c4 = NULL;
  gsize n4;
  g_assert_true (g_file_get_contents (x4, &c4, &n4, NULL));
  g_assert_cmpmem (c1, n1, c4, n4);

  /* The same figures and search on the replica as on the file. */
  g_autoptr (GPtrArray) in_file = jb_store_list (one, JB_KIND_DEMAND, "电池", &error);
  g_autoptr (GPtrArray) in_team = jb_store_list (fresh, JB_KIND_DEMAND, "电池", &error);
  g_assert_cmpuint (in_file->len, >, 0);
  g_assert_cmpuint (in_file->len, ==, in_team->len);
  for (guint i = 0; i < in_file->len; i++)
    g_assert_cmpstr (jb_record_get_uuid (in_file->pdata[i]), ==,
                     jb_record_get_uuid (in_team->pdata[i]));
}

/* ---- several clients at once ---------------------------------------------- */

static void
test_concurrency (Fixture *f, gconstpointer data)
{
  (void) data;
  if (f->a == NULL)
    return;
  g_autoptr (GError) error = NULL;
  TeamHarnessResult result;
  team_harness_run (f->a, f->team, f->dir, 4, 25, &result);
  g_assert_cmpuint (result.errors, ==, 0);
  g_assert_cmpuint (result.saved, ==, 4 * 25);
  g_assert_true (team_harness_check (server, f->db, &result, &error));
  g_assert_no_error (error);
  g_test_message ("4 clients × 25 saves: %u conflicts reported", result.conflicts);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_autoptr (GError) error = NULL;
  if (pg_test_available ())
    {
      server = pg_test_server_start (&error);
      g_assert_no_error (error);
    }
  g_test_add ("/team/see-each-other", Fixture, NULL, set_up, test_see_each_other, tear_down);
  g_test_add ("/team/conflict", Fixture, NULL, set_up, test_conflict, tear_down);
  g_test_add ("/team/conflict-pulled-meanwhile", Fixture, NULL, set_up,
              test_conflict_pulled_meanwhile, tear_down);
  g_test_add ("/team/deleted-meanwhile", Fixture, NULL, set_up, test_deleted_meanwhile,
              tear_down);
  g_test_add ("/team/same-next-code", Fixture, NULL, set_up, test_same_next_code, tear_down);
  g_test_add ("/team/codes-swapped", Fixture, NULL, set_up, test_codes_swapped, tear_down);
  g_test_add ("/team/codes-swapped-bulk", Fixture, NULL, set_up, test_codes_swapped_bulk,
              tear_down);
  g_test_add ("/team/typed-code-taken", Fixture, NULL, set_up, test_typed_code_taken,
              tear_down);
  g_test_add ("/team/read-only", Fixture, NULL, set_up, test_read_only, tear_down);
  g_test_add ("/team/replica-by-path", Fixture, NULL, set_up, test_replica_by_path, tear_down);
  g_test_add ("/team/connection-lost", Fixture, NULL, set_up, test_connection_lost, tear_down);
  g_test_add ("/team/newer-schema", Fixture, NULL, set_up, test_newer_schema, tear_down);
  g_test_add ("/team/notified", Fixture, NULL, set_up, test_notified, tear_down);
  g_test_add ("/team/round-trip", Fixture, NULL, set_up, test_round_trip, tear_down);
  g_test_add ("/team/concurrency", Fixture, NULL, set_up, test_concurrency, tear_down);
  int status = g_test_run ();
  pg_test_server_stop (server);
  return status;
}

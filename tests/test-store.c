/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store: every record kind through SQLite, and every refusal. */
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "jb-money.h"
#include "jb-rules.h"
#include "jb-schema.h"
#include "jb-store.h"
#include "test-util.h"

typedef TestStoreFixture Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  test_store_fixture_set_up (f, "jb-store-XXXXXX", "sub/test.db");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_store_fixture_tear_down (f);
}

static JbRecord *
save_ok (JbStore *store, JbRecord *record)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_save (store, record, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jb_record_get_id (record), >, 0);
  return record;
}

static JbRecord *
new_org (JbStore *store, const char *name)
{
  JbRecord *r = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (r, "name", name);
  jb_record_set_text_by_name (r, "kind", "enterprise");
  jb_record_set_text_by_name (r, "province", "shanghai");
  return save_ok (store, r);
}

static JbRecord *
new_demand (JbStore *store, JbRecord *owner, const char *title, gint64 investment_fen)
{
  JbRecord *r = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (r, "title", title);
  jb_record_set_int_by_name (r, "owner_id", jb_record_get_id (owner));
  jb_record_set_text_by_name (r, "status", "draft");
  jb_record_set_text_by_name (r, "industry", "new_energy");
  jb_record_set_int_by_name (r, "investment", investment_fen);
  return save_ok (store, r);
}

/* A valid record of @kind, with whatever it refers to saved first. */
static JbRecord *
new_any (JbStore *store, JbKindId kind)
{
  static int serial;
  g_autofree char *name = g_strdup_printf ("记录 %d", ++serial);
  g_autoptr (JbRecord) org = NULL;
  JbRecord *r;

  if (kind == JB_KIND_ORGANIZATION)
    return new_org (store, name);
  org = new_org (store, name);
  if (kind == JB_KIND_DEMAND)
    return new_demand (store, org, name, 100);

  r = jb_record_new (kind);
  switch (kind)
    {
    case JB_KIND_PERSON:
      jb_record_set_text_by_name (r, "name", name);
      jb_record_set_text_by_name (r, "role", "manager");
      jb_record_set_int_by_name (r, "organization_id", jb_record_get_id (org));
      break;
    case JB_KIND_EVENT:
      jb_record_set_text_by_name (r, "title", name);
      jb_record_set_text_by_name (r, "kind", "challenge");
      jb_record_set_text_by_name (r, "start_date", "2022-12-15");
      break;
    case JB_KIND_SOLUTION:
      {
        g_autoptr (JbRecord) demand = new_demand (store, org, "需求", 0);
        jb_record_set_text_by_name (r, "title", name);
        jb_record_set_int_by_name (r, "demand_id", jb_record_get_id (demand));
        jb_record_set_int_by_name (r, "solver_id", jb_record_get_id (org));
        jb_record_set_text_by_name (r, "status", "submitted");
        jb_record_set_int_by_name (r, "trl", 6);
      }
      break;
    case JB_KIND_ACHIEVEMENT:
      jb_record_set_text_by_name (r, "title", name);
      jb_record_set_int_by_name (r, "owner_id", jb_record_get_id (org));
      jb_record_set_int_by_name (r, "asking_price", 500000000);
      break;
    case JB_KIND_DEAL:
      jb_record_set_text_by_name (r, "title", name);
      jb_record_set_int_by_name (r, "demand_side_id", jb_record_get_id (org));
      jb_record_set_int_by_name (r, "supply_side_id", jb_record_get_id (org));
      jb_record_set_text_by_name (r, "stage", "signed");
      jb_record_set_int_by_name (r, "contract_amount", 30000000);
      jb_record_set_text_by_name (r, "signed_on", "2022-12-01");
      break;
    case JB_KIND_PAYMENT:
      {
        g_autoptr (JbRecord) deal = new_any (store, JB_KIND_DEAL);
        jb_record_set_int_by_name (r, "deal_id", jb_record_get_id (deal));
        jb_record_set_text_by_name (r, "due_date", "2023-03-01");
        jb_record_set_int_by_name (r, "amount", 10000000);
        jb_record_set_text_by_name (r, "milestone", name);
      }
      break;
    case JB_KIND_AWARD:
      {
        g_autoptr (JbRecord) event = new_any (store, JB_KIND_EVENT);
        jb_record_set_text_by_name (r, "title", name);
        jb_record_set_int_by_name (r, "event_id", jb_record_get_id (event));
        jb_record_set_text_by_name (r, "category", "best_enterprise");
        jb_record_set_int_by_name (r, "organization_id", jb_record_get_id (org));
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return save_ok (store, r);
}

static void
test_crud_every_kind (Fixture *f, gconstpointer data)
{
  g_assert_true (jb_store_is_empty (f->store));
  for (JbKindId k = 0; k < JB_N_KINDS; k++)
    g_assert_false (jb_store_has_records (f->store, k));
  for (JbKindId k = 0; k < JB_N_KINDS; k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JbRecord) r = new_any (f->store, k);
      const JbKind *kind = jb_record_get_kind (r);
      gint64 before = jb_store_count (f->store, k);
      g_assert_true (jb_store_has_records (f->store, k));
      g_assert_false (jb_store_is_empty (f->store));

      /* read back equal, field by field */
      g_autoptr (JbRecord) loaded = jb_store_load (f->store, k, jb_record_get_id (r), &error);
      g_assert_no_error (error);
      for (guint i = 0; i < kind->n_fields; i++)
        g_assert_true (jb_record_equal_field (r, loaded, i));
      g_assert_cmpstr (jb_record_get_uuid (loaded), ==, jb_record_get_uuid (r));
      g_assert_cmpint (strlen (jb_record_get_uuid (r)), ==, 36);

      /* update the title */
      guint t = jb_kind_title_index (kind);
      jb_record_set_text (loaded, t, "改过的名称");
      save_ok (f->store, loaded);
      g_autoptr (JbRecord) again = jb_store_load_by_uuid (f->store, k, jb_record_get_uuid (r),
                                                          &error);
      g_assert_no_error (error);
      g_assert_cmpstr (jb_record_get_text (again, t), ==, "改过的名称");
      g_assert_cmpstr (jb_record_get_created (again), ==, jb_record_get_created (r));
      g_assert_cmpstr (jb_record_get_updated (again), >, jb_record_get_updated (r));

      /* delete */
      g_assert_true (jb_store_delete (f->store, k, jb_record_get_id (r), &error));
      g_assert_no_error (error);
      g_assert_cmpint (jb_store_count (f->store, k), ==, before - 1);
      g_assert_true (jb_store_has_records (f->store, k) == (before > 1));
      g_assert_null (jb_store_load (f->store, k, jb_record_get_id (r), &error));
      g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_FOUND);
    }
}

static void
test_money_round_trip (Fixture *f, gconstpointer data)
{
  gint64 amounts[] = { 0, 1, 99, 4999999999, JB_MONEY_MAX };
  g_autoptr (JbRecord) org = new_org (f->store, "宁德时代未来能源(上海)研究院");
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JbRecord) d = new_demand (f->store, org, "金额", amounts[i]);
      g_autoptr (JbRecord) back = jb_store_load (f->store, JB_KIND_DEMAND, jb_record_get_id (d),
                                                 &error);
      g_assert_cmpint (jb_record_get_int_by_name (back, "investment"), ==, amounts[i]);
    }
}

static void
test_refusals_leave_store_unchanged (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) org = new_org (f->store, "威高(上海)国际研究院");
  g_autoptr (JbRecord) d = new_demand (f->store, org, "高端医疗器械材料", 100);
  g_autofree char *updated = g_strdup (jb_record_get_updated (d));

  /* An empty title is refused, and the row keeps its old title. */
  jb_record_set_text_by_name (d, "title", "");
  g_assert_false (jb_store_save (f->store, d, JB_SAVE_DEFAULT, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Title"));
  g_clear_error (&error);
  g_autoptr (JbRecord) back = jb_store_load (f->store, JB_KIND_DEMAND, jb_record_get_id (d),
                                             NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (back, "title"), ==, "高端医疗器械材料");
  g_assert_cmpstr (jb_record_get_updated (back), ==, updated);

  /* A new record that fails gets no id and adds no row. */
  g_autoptr (JbRecord) bad = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (bad, "title", "没有单位");
  jb_record_set_text_by_name (bad, "status", "draft");
  g_assert_false (jb_store_save (f->store, bad, JB_SAVE_DEFAULT, &error));
  g_clear_error (&error);
  g_assert_cmpint (jb_record_get_id (bad), ==, 0);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 1);

  /* A dangling owner is refused. */
  jb_record_set_int_by_name (bad, "owner_id", 9999);
  g_assert_false (jb_store_save (f->store, bad, JB_SAVE_DEFAULT, &error));
  g_assert_nonnull (strstr (error->message, "no longer exists"));
  g_clear_error (&error);

  /* Unique names and codes. */
  g_autoptr (JbRecord) twin = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (twin, "name", "威高(上海)国际研究院");
  jb_record_set_text_by_name (twin, "kind", "institute");
  g_assert_false (jb_store_save (f->store, twin, JB_SAVE_DEFAULT, &error));
  g_assert_nonnull (strstr (error->message, "Already taken by"));
  g_clear_error (&error);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);

  /* Skipping workflow steps is refused. */
  g_autoptr (JbRecord) d2 = jb_store_load (f->store, JB_KIND_DEMAND, jb_record_get_id (d), NULL);
  jb_record_set_text_by_name (d2, "status", "closed");
  g_assert_false (jb_store_save (f->store, d2, JB_SAVE_DEFAULT, &error));
  g_assert_nonnull (strstr (error->message, "cannot move"));
  g_clear_error (&error);
  /* Publishing a draft says which step comes first. */
  jb_record_set_text_by_name (d2, "status", "published");
  g_assert_false (jb_store_save (f->store, d2, JB_SAVE_DEFAULT, &error));
  g_assert_nonnull (strstr (error->message, "first move it to “Under review”"));
  g_clear_error (&error);
  jb_record_set_text_by_name (d2, "status", "review");
  save_ok (f->store, d2);
}

static void
test_delete_refused_while_referenced (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) org = new_org (f->store, "上海锅炉厂有限公司");
  g_autoptr (JbRecord) d1 = new_demand (f->store, org, "锅炉节能", 100);
  g_autoptr (JbRecord) d2 = new_demand (f->store, org, "锅炉材料", 100);

  g_assert_false (jb_store_delete (f->store, JB_KIND_ORGANIZATION, jb_record_get_id (org),
                                   &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_REFERENCED);
  g_assert_nonnull (strstr (error->message, "Demands (2)"));
  g_clear_error (&error);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);

  g_assert_true (jb_store_delete (f->store, JB_KIND_DEMAND, jb_record_get_id (d1), NULL));
  g_assert_true (jb_store_delete (f->store, JB_KIND_DEMAND, jb_record_get_id (d2), NULL));
  g_assert_true (jb_store_delete (f->store, JB_KIND_ORGANIZATION, jb_record_get_id (org),
                                  &error));
  g_assert_no_error (error);
}

static void
test_payments_go_with_their_deal (Fixture *f, gconstpointer data)
{
  g_autoptr (JbRecord) payment = new_any (f->store, JB_KIND_PAYMENT);
  gint64 deal = jb_record_get_int_by_name (payment, "deal_id");
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_PAYMENT), ==, 1);
  g_assert_true (jb_store_delete (f->store, JB_KIND_DEAL, deal, NULL));
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_PAYMENT), ==, 0);
}

static guint
count_matches (JbStore *store, const char *query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = jb_store_list (store, JB_KIND_DEMAND, query, &error);
  g_assert_no_error (error);
  return rows->len;
}

static void
test_search_chinese (Fixture *f, gconstpointer data)
{
  g_autoptr (JbRecord) catl = new_org (f->store, "宁德时代未来能源(上海)研究院");
  g_autoptr (JbRecord) boiler = new_org (f->store, "上海锅炉厂有限公司");
  g_object_unref (new_demand (f->store, catl, "固态电池电解质界面稳定性研究", 100));
  g_object_unref (new_demand (f->store, catl, "车规级芯片热管理", 100));
  g_object_unref (new_demand (f->store, boiler, "电站锅炉智能运维", 100));
  g_object_unref (new_demand (f->store, boiler, "Hydrogen burner 100% load", 100));

  g_assert_cmpuint (count_matches (f->store, "电"), ==, 2);       /* 电池, 电站 */
  g_assert_cmpuint (count_matches (f->store, "电池"), ==, 1);
  g_assert_cmpuint (count_matches (f->store, "芯片"), ==, 1);
  g_assert_cmpuint (count_matches (f->store, "电解质"), ==, 1);
  g_assert_cmpuint (count_matches (f->store, "固态电池电解质"), ==, 1); /* 态 holds byte 0x80 */
  g_assert_cmpuint (count_matches (f->store, "宁德\u3000芯片"), ==, 1); /* ideographic space */
  g_assert_cmpuint (count_matches (f->store, "锅炉厂"), ==, 2);   /* by owner name */
  g_assert_cmpuint (count_matches (f->store, "宁德 芯片"), ==, 1); /* every word */
  g_assert_cmpuint (count_matches (f->store, "hydrogen"), ==, 1); /* any case */
  g_assert_cmpuint (count_matches (f->store, "100%"), ==, 1);     /* % is literal */
  g_assert_cmpuint (count_matches (f->store, "_"), ==, 4);      /* no word: everything */
  g_assert_cmpuint (count_matches (f->store, "JB-"), ==, 4);      /* generated codes */
  g_assert_cmpuint (count_matches (f->store, "  "), ==, 4);
  g_assert_cmpuint (count_matches (f->store, "半导体"), ==, 0);

  /* list rows carry the owner's name, newest first */
  g_autoptr (GPtrArray) rows = jb_store_list (f->store, JB_KIND_DEMAND, NULL, NULL);
  JbRecord *first = g_ptr_array_index (rows, 0);
  guint owner = jb_kind_field_index (jb_record_get_kind (first), "owner_id");
  g_assert_cmpstr (jb_record_get_ref_name (first, owner), ==, "上海锅炉厂有限公司");
  g_assert_cmpstr (jb_record_get_text_by_name (first, "title"), ==, "Hydrogen burner 100% load");
}

static void
test_demand_codes (Fixture *f, gconstpointer data)
{
  g_autoptr (JbRecord) org = new_org (f->store, "闵行区科学技术委员会");
  g_autoptr (JbRecord) a = new_demand (f->store, org, "一", 0);
  g_autoptr (JbRecord) b = new_demand (f->store, org, "二", 0);
  const char *ca = jb_record_get_text_by_name (a, "code");
  const char *cb = jb_record_get_text_by_name (b, "code");
  g_assert_true (g_str_has_prefix (ca, "JB-"));
  g_assert_true (g_str_has_suffix (ca, "-0001"));
  g_assert_true (g_str_has_suffix (cb, "-0002"));
}

static void
test_history (Fixture *f, gconstpointer data)
{
  g_autoptr (JbRecord) org = new_org (f->store, "梧笛技术转移咨询");
  g_autoptr (JbRecord) org2 = new_org (f->store, "迈坦技术转移咨询");
  g_autoptr (JbRecord) d = new_demand (f->store, org, "设施哈密瓜品种改良", 100);

  jb_record_set_text_by_name (d, "status", "review");
  jb_record_set_int_by_name (d, "owner_id", jb_record_get_id (org2));
  save_ok (f->store, d);
  g_assert_cmpstr (jb_record_get_ref_name (d, 2), ==, "迈坦技术转移咨询");

  g_autoptr (GPtrArray) h = jb_store_history (f->store, jb_record_get_uuid (d), NULL);
  g_assert_cmpuint (h->len, ==, 3);
  JbHistoryEntry *e0 = g_ptr_array_index (h, 0);
  g_assert_cmpstr (e0->action, ==, "created");
  g_assert_cmpstr (e0->new_value, ==, "设施哈密瓜品种改良");
  gboolean saw_status = FALSE, saw_owner = FALSE;
  for (guint i = 1; i < h->len; i++)
    {
      JbHistoryEntry *e = g_ptr_array_index (h, i);
      g_assert_cmpstr (e->action, ==, "changed");
      if (g_strcmp0 (e->field, "status") == 0)
        saw_status = g_strcmp0 (e->old_value, "draft") == 0 && g_strcmp0 (e->new_value, "review") == 0;
      if (g_strcmp0 (e->field, "owner_id") == 0)
        saw_owner = g_strcmp0 (e->old_value, "梧笛技术转移咨询") == 0 &&
                    g_strcmp0 (e->new_value, "迈坦技术转移咨询") == 0;
    }
  g_assert_true (saw_status);
  g_assert_true (saw_owner);

  /* saving unchanged writes no history */
  save_ok (f->store, d);
  g_autoptr (GPtrArray) h2 = jb_store_history (f->store, jb_record_get_uuid (d), NULL);
  g_assert_cmpuint (h2->len, ==, 3);

  g_assert_true (jb_store_delete (f->store, JB_KIND_DEMAND, jb_record_get_id (d), NULL));
  g_autoptr (GPtrArray) h3 = jb_store_history (f->store, jb_record_get_uuid (d), NULL);
  g_assert_cmpstr (((JbHistoryEntry *) g_ptr_array_index (h3, 3))->action, ==, "deleted");
}

static void
on_changed (JbStore *store, guint kinds, guint *seen)
{
  *seen |= kinds;
}

static void
test_transaction_and_signal (Fixture *f, gconstpointer data)
{
  guint seen = 0;
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &seen);

  g_assert_true (jb_store_begin (f->store, NULL));
  g_object_unref (new_org (f->store, "清丞新材料科技(上海)有限公司"));
  g_assert_cmpuint (seen, ==, 0); /* not before commit */
  jb_store_rollback (f->store);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 0);
  g_assert_cmpuint (seen, ==, 0);

  g_assert_true (jb_store_begin (f->store, NULL));
  g_autoptr (JbRecord) org2 = new_org (f->store, "清丞新材料科技(上海)有限公司");
  g_object_unref (new_demand (f->store, org2, "新材料", 1));
  g_assert_true (jb_store_commit (f->store, NULL));
  g_assert_cmpuint (seen, ==, (1u << JB_KIND_ORGANIZATION) | (1u << JB_KIND_DEMAND));
}

static void
set_user_version (const char *path, int version, int app_id)
{
  sqlite3 *db;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;"
                                          "CREATE TABLE IF NOT EXISTS other (x);",
                                          version, app_id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
count_rows (void *user_data, int n, char **values, char **names)
{
  *(int *) user_data = atoi (values[0]);
  return 0;
}

/* A database of version 1 keeps its history through migration 2, whose
 * action rule is the same, and gains the dashboard's index (migration 3). */
static void
test_migrate_history (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-migrate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  sqlite3 *db;
  int n = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, jb_schema_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_autofree char *v1 = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 1;"
                                         "INSERT INTO history (kind, record_uuid, at, action, "
                                         "new_value) VALUES ('demand', 'u1', "
                                         "'2022-01-01T00:00:00.000000Z', 'created', '固态电池')",
                                         JB_APPLICATION_ID);
  g_assert_cmpint (sqlite3_exec (db, v1, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_autoptr (JbStore) store = jb_store_open (path, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) history = jb_store_history (store, "u1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((JbHistoryEntry *) g_ptr_array_index (history, 0))->new_value, ==, "固态电池");
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA user_version", count_rows, &n, NULL);
  g_assert_cmpint (n, ==, (int) jb_schema_version);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO history (kind, record_uuid, at, action) "
                                 "VALUES ('demand', 'u1', 'x', 'renamed')", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'history_record'", count_rows,
                &n, NULL);
  g_assert_cmpint (n, ==, 1);
  /* migration 3: the dashboard's covering index */
  sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'demand_figures'", count_rows,
                &n, NULL);
  g_assert_cmpint (n, ==, 1);
  sqlite3_close (db);

  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

static void
test_open_refusals (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-open-XXXXXX", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);

  /* an empty file migrates to the current version */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_autoptr (JbStore) store = jb_store_open (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_store_count (store, JB_KIND_DEMAND), ==, 0);
  g_clear_object (&store);
  /* and opens again without migrating */
  store = jb_store_open (empty, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  set_user_version (newer, 999, 0x4A494542);
  g_assert_null (jb_store_open (newer, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);

  set_user_version (other, 0, 1234);
  g_assert_null (jb_store_open (other, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_OURS);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (junk, "this is not a database at all, just text. "
                                      "this is not a database at all, just text.", -1, NULL));
  g_assert_null (jb_store_open (junk, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_NOT_OURS);
  g_clear_error (&error);

  const char *names[] = { newer, other, junk, empty };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *wal = g_strconcat (names[i], "-wal", NULL);
      g_autofree char *shm = g_strconcat (names[i], "-shm", NULL);
      g_remove (names[i]);
      g_remove (wal);
      g_remove (shm);
    }
  g_rmdir (dir);
}

static void
test_selecting_a_solution_matches_its_demand (Fixture *f, gconstpointer data)
{
  g_autoptr (JbRecord) owner = new_org (f->store, "上海市农业科学院");
  g_autoptr (JbRecord) demand = new_demand (f->store, owner, "设施哈密瓜品种改良", 100);
  jb_record_set_text_by_name (demand, "status", "review");
  save_ok (f->store, demand);
  jb_record_set_text_by_name (demand, "status", "published");
  save_ok (f->store, demand);

  g_autoptr (JbRecord) solution = jb_record_new (JB_KIND_SOLUTION);
  jb_record_set_text_by_name (solution, "title", "设施哈密瓜品种改良方案");
  jb_record_set_int_by_name (solution, "demand_id", jb_record_get_id (demand));
  jb_record_set_int_by_name (solution, "solver_id", jb_record_get_id (owner));
  jb_record_set_text_by_name (solution, "status", "shortlisted");
  save_ok (f->store, solution);
  g_autoptr (JbRecord) still = jb_store_load (f->store, JB_KIND_DEMAND, jb_record_get_id (demand),
                                              NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (still, "status"), ==, "published");

  jb_record_set_text_by_name (solution, "status", "selected");
  save_ok (f->store, solution);
  g_autoptr (JbRecord) matched = jb_store_load (f->store, JB_KIND_DEMAND,
                                                jb_record_get_id (demand), NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (matched, "status"), ==, "matched");

  /* the move is in the demand's history */
  g_autoptr (GPtrArray) h = jb_store_history (f->store, jb_record_get_uuid (demand), NULL);
  JbHistoryEntry *last = g_ptr_array_index (h, h->len - 1);
  g_assert_cmpstr (last->field, ==, "status");
  g_assert_cmpstr (last->old_value, ==, "published");
  g_assert_cmpstr (last->new_value, ==, "matched");

  /* the demand lists its solution */
  g_autoptr (GPtrArray) answers = jb_store_list_referring (f->store, JB_KIND_SOLUTION, "demand_id",
                                                           jb_record_get_id (demand), NULL);
  g_assert_cmpuint (answers->len, ==, 1);
}

static void
test_payment_totals_and_overdue (Fixture *f, gconstpointer data)
{
  g_autoptr (JbRecord) deal = new_any (f->store, JB_KIND_DEAL);
  struct { const char *due; gint64 fen; gboolean received; } plan[] = {
    { "2022-10-01", 10000001, TRUE },   /* received */
    { "2022-11-30", 5000000, FALSE },   /* overdue on 2022-12-31 */
    { "2022-12-31", 7000099, FALSE },   /* due on the day: not yet overdue */
    { "2023-03-01", 1, FALSE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (plan); i++)
    {
      g_autoptr (JbRecord) p = jb_record_new (JB_KIND_PAYMENT);
      jb_record_set_int_by_name (p, "deal_id", jb_record_get_id (deal));
      jb_record_set_text_by_name (p, "due_date", plan[i].due);
      jb_record_set_int_by_name (p, "amount", plan[i].fen);
      jb_record_set_int_by_name (p, "received", plan[i].received);
      if (plan[i].received)
        jb_record_set_text_by_name (p, "received_on", plan[i].due);
      save_ok (f->store, p);
    }
  g_autofree char *deal_id = g_strdup_printf ("%" G_GINT64_FORMAT, jb_record_get_id (deal));
  gint64 n, sum;
  g_autoptr (JbFilter) received = jb_filter_new (JB_KIND_PAYMENT, NULL);
  jb_filter_add (received, JB_MATCH_EQUALS, "deal_id", deal_id);
  jb_filter_add (received, JB_MATCH_EQUALS, "received", "1");
  g_assert_true (jb_store_sum (f->store, received, "amount", &n, &sum, NULL));
  g_assert_cmpint (sum, ==, 10000001);
  g_autoptr (JbFilter) outstanding = jb_filter_new (JB_KIND_PAYMENT, NULL);
  jb_filter_add (outstanding, JB_MATCH_EQUALS, "deal_id", deal_id);
  jb_filter_add (outstanding, JB_MATCH_NOT_IN, "received", "1");
  g_assert_true (jb_store_sum (f->store, outstanding, "amount", &n, &sum, NULL));
  g_assert_cmpint (sum, ==, 5000000 + 7000099 + 1);
  g_assert_cmpint (n, ==, 3);

  /* The deal's summary beside its payments says the same, overdue apart. */
  g_autoptr (GPtrArray) lines = jb_kind_get (JB_KIND_PAYMENT)->ops->summarize (f->store, deal,
                                                                               "2022-12-31");
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_false (((JbSummaryLine *) g_ptr_array_index (lines, 0))->alarming);
  g_assert_true (((JbSummaryLine *) g_ptr_array_index (lines, 1))->alarming);

  g_autoptr (JbFilter) overdue = jb_payment_overdue_filter ("2022-12-31", "overdue");
  g_assert_true (jb_store_sum (f->store, overdue, "amount", &n, &sum, NULL));
  g_assert_cmpint (sum, ==, 5000000);
  g_assert_cmpint (n, ==, 1);
  g_autoptr (GPtrArray) late = jb_store_list_filtered (f->store, JB_KIND_PAYMENT, overdue, NULL,
                                                       NULL);
  g_assert_cmpuint (late->len, ==, 1);
  g_assert_cmpstr (jb_record_get_text_by_name (g_ptr_array_index (late, 0), "due_date"), ==,
                   "2022-11-30");
}

static void
test_sessions_belong_to_challenges (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) forum = jb_record_new (JB_KIND_EVENT);
  jb_record_set_text_by_name (forum, "title", "大企业开放创新座谈会");
  jb_record_set_text_by_name (forum, "kind", "forum");
  save_ok (f->store, forum);

  g_autoptr (JbRecord) session = jb_record_new (JB_KIND_EVENT);
  jb_record_set_text_by_name (session, "title", "闵行专场");
  jb_record_set_text_by_name (session, "kind", "session");
  jb_record_set_int_by_name (session, "parent_id", jb_record_get_id (forum));
  g_assert_false (jb_store_save (f->store, session, JB_SAVE_DEFAULT, &error));
  g_assert_nonnull (strstr (error->message, "challenge"));
  g_clear_error (&error);

  g_autoptr (JbRecord) challenge = jb_record_new (JB_KIND_EVENT);
  jb_record_set_text_by_name (challenge, "title", "第七届中国创新挑战赛（上海）");
  jb_record_set_text_by_name (challenge, "kind", "challenge");
  save_ok (f->store, challenge);
  jb_record_set_int_by_name (session, "parent_id", jb_record_get_id (challenge));
  save_ok (f->store, session);

  /* no cycles */
  jb_record_set_int_by_name (challenge, "parent_id", jb_record_get_id (session));
  g_assert_false (jb_store_save (f->store, challenge, JB_SAVE_DEFAULT, &error));
  g_assert_nonnull (strstr (error->message, "itself"));
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) owner = new_org (f->store, "威高(上海)国际研究院");
  g_autoptr (JbRecord) challenge = jb_record_new (JB_KIND_EVENT);
  jb_record_set_text_by_name (challenge, "title", "第七届中国创新挑战赛（上海）");
  jb_record_set_text_by_name (challenge, "kind", "challenge");
  save_ok (f->store, challenge);
  g_autoptr (JbRecord) session = jb_record_new (JB_KIND_EVENT);
  jb_record_set_text_by_name (session, "title", "闵行专场");
  jb_record_set_text_by_name (session, "kind", "session");
  jb_record_set_int_by_name (session, "parent_id", jb_record_get_id (challenge));
  save_ok (f->store, session);

  g_autoptr (JbRecord) in_session = new_demand (f->store, owner, "专场需求", 100);
  jb_record_set_int_by_name (in_session, "event_id", jb_record_get_id (session));
  jb_record_set_text_by_name (in_session, "deadline", "2023-01-15");
  save_ok (f->store, in_session);
  g_object_unref (new_demand (f->store, owner, "其他需求", 100));  /* in no event */

  g_autofree char *challenge_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   jb_record_get_id (challenge));
  g_autoptr (JbFilter) by_event = jb_filter_new (JB_KIND_DEMAND, "challenge");
  jb_filter_add (by_event, JB_MATCH_IN_EVENT, NULL, challenge_id);
  g_autoptr (GPtrArray) rows = jb_store_list_filtered (f->store, JB_KIND_DEMAND, by_event, NULL,
                                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1); /* through the session */

  g_autoptr (JbFilter) by_field = jb_filter_new (JB_KIND_DEMAND, "new energy in January");
  jb_filter_add (by_field, JB_MATCH_EQUALS, "industry", "new_energy");
  jb_filter_add (by_field, JB_MATCH_FROM, "deadline", "2023-01-01");
  jb_filter_add (by_field, JB_MATCH_UNTIL, "deadline", "2023-01-31");
  g_autoptr (GPtrArray) rows2 = jb_store_list_filtered (f->store, JB_KIND_DEMAND, by_field,
                                                        "专场", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows2->len, ==, 1);

  g_autoptr (JbFilter) bad = jb_filter_new (JB_KIND_DEMAND, "bad");
  jb_filter_add (bad, JB_MATCH_EQUALS, "title; DROP TABLE demand", "x");
  g_assert_null (jb_store_list_filtered (f->store, JB_KIND_DEMAND, bad, NULL, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 2);
}

/* A new record's required choices start at their first value (a demand is
 * a draft), except where none is likelier than another: an award's category
 * stays for the user to choose, and saving without one says so. */
static void
test_prefilled_choices (Fixture *f, gconstpointer data)
{
  g_autoptr (JbRecord) demand = jb_record_new (JB_KIND_DEMAND);
  jb_rules_prefill (f->store, demand);
  g_assert_cmpstr (jb_record_get_text_by_name (demand, "status"), ==, "draft");

  g_autoptr (JbRecord) award = jb_record_new (JB_KIND_AWARD);
  jb_rules_prefill (f->store, award);
  g_assert_null (jb_record_get_text_by_name (award, "category"));
  g_autoptr (GPtrArray) problems = jb_problems_new ();
  jb_record_validate (award, problems);
  int category = jb_kind_field_index (jb_record_get_kind (award), "category");
  gboolean told = FALSE;
  for (guint i = 0; i < problems->len; i++)
    told |= ((JbProblem *) g_ptr_array_index (problems, i))->field == category;
  g_assert_true (told);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("crud-every-kind", test_crud_every_kind);
  ADD ("money-round-trip", test_money_round_trip);
  ADD ("refusals-leave-store-unchanged", test_refusals_leave_store_unchanged);
  ADD ("delete-refused-while-referenced", test_delete_refused_while_referenced);
  ADD ("payments-go-with-their-deal", test_payments_go_with_their_deal);
  ADD ("search-chinese", test_search_chinese);
  ADD ("demand-codes", test_demand_codes);
  ADD ("history", test_history);
  ADD ("transaction-and-signal", test_transaction_and_signal);
  ADD ("selecting-a-solution-matches-its-demand", test_selecting_a_solution_matches_its_demand);
  ADD ("payment-totals-and-overdue", test_payment_totals_and_overdue);
  ADD ("filters", test_filters);
  ADD ("sessions-belong-to-challenges", test_sessions_belong_to_challenges);
  ADD ("prefilled-choices", test_prefilled_choices);
  g_test_add_func ("/store/open-refusals", test_open_refusals);
  g_test_add_func ("/store/migrate-history", test_migrate_history);
  return g_test_run ();
}

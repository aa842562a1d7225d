/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-search: searching and sorting a table straight from the store
 * (JbQuery, jb-query.h) at scale.  Not a test: it prints figures for the
 * README.  Fills a database with N demands (default 100 000) owned by N/20
 * organizations, with Chinese titles, keywords and long texts, through the
 * bulk save an import uses; then times, as medians of 9 runs:
 *
 * - opening the store;
 * - a search as the user types it (count, then the first page of 100 rows)
 *   for 电, 电池, 固态电池, a demand code and a Latin word;
 * - sorting by each listed column: count and first page, a page in the
 *   middle and the last page;
 * - building the index of an existing database (one of schema 4, from before
 *   the index).
 *
 *   build/tests/bench-search [N] [--keep FILE]
 *
 * --keep FILE fills FILE once and reuses it on later runs. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "jb-query.h"
#include "jb-schema.h"
#include "jb-store.h"
#include "test-util.h"

#define RUNS 9
#define PAGE 100

static const char *subjects[] = {
  "固态电池", "锂离子电池", "钠离子电池", "燃料电池", "电解质", "隔膜", "正极材料", "负极材料",
  "储能系统", "氢能", "光伏组件", "风电叶片", "芯片", "功率器件", "传感器", "激光雷达",
  "机器视觉", "工业机器人", "减速器", "伺服电机", "碳纤维", "复合材料", "涂层", "陶瓷",
  "高温合金", "医疗器械", "手术机器人", "体外诊断", "疫苗", "抗体药物", "中药提取", "哈密瓜",
  "水稻", "种业", "农业无人机", "智慧农业", "锅炉", "汽轮机", "燃气轮机", "热管理", "换热器",
  "污水处理", "固废处理", "碳捕集", "算法", "大模型", "工业软件", "数据平台", "区块链",
  "卫星导航", "无人机", "自动驾驶", "充电桩", "电网", "变压器", "半导体封装", "光刻胶",
  "显示面板", "生物基材料", "冷链物流",
};
static const char *qualities[] = {
  "", "", "", "高能量密度", "高效", "低成本", "智能", "新型", "高性能", "绿色", "大尺寸", "柔性",
  "高精度", "车规级", "可降解", "耐高温", "轻量化", "数字化",
};
static const char *aims[] = {
  "关键技术攻关", "工艺优化", "国产化替代", "性能提升", "智能化改造", "检测方法研究", "材料开发",
  "系统集成", "可靠性提升", "产业化", "设计与制造", "降本增效",
};
static const char *latin[] = { "SiC MOSFET", "AI", "Li-ion", "BMS", "Hydrogen", "LiDAR", "PLC" };
static const char *cities[] = { "上海", "苏州", "杭州", "合肥", "南京", "宁波", "无锡", "常州" };
static const char *districts[] = { "闵行区", "浦东新区", "徐汇区", "嘉定区", "松江区",
                                   "工业园区", "滨江区", "高新区" };
static const char *brands[] = { "华", "新", "恒", "瑞", "达", "宏", "泰", "盛", "源", "鑫", "科",
                                "创", "博", "睿", "远", "航" };
static const char *trades[] = { "新能源科技", "机械", "新材料", "智能装备", "生物医药",
                                "农业科技", "环保科技", "电子", "信息技术", "动力" };

#define PICK(rand, list) list[g_rand_int_range (rand, 0, G_N_ELEMENTS (list))]

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) test_compare_doubles);
  return values[n / 2];
}

static char *
sentence (GRand *rand)
{
  return g_strdup_printf ("现有%s在%s环节存在稳定性不足、成本偏高的问题，需要结合%s开展%s，"
                          "形成可量产、可验证的方案，并在示范线上完成%s的应用验证。",
                          PICK (rand, subjects), PICK (rand, subjects), PICK (rand, subjects),
                          PICK (rand, aims), PICK (rand, subjects));
}

static void
fill (JbStore *store, guint n)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2022);
  guint n_orgs = MAX (1, n / 20);
  g_autoptr (GArray) orgs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;

  g_assert_true (jb_store_begin (store, NULL));
  for (guint i = 0; i < n_orgs; i++)
    {
      g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
      g_autofree char *name = g_strdup_printf ("%s%s%s%s有限公司 %u", PICK (rand, cities),
                                               PICK (rand, brands), PICK (rand, brands),
                                               PICK (rand, trades), i);
      jb_record_set_text_by_name (org, "name", name);
      jb_record_set_text_by_name (org, "kind", "enterprise");
      jb_record_set_text_by_name (org, "province", "shanghai");
      jb_record_set_text_by_name (org, "city", PICK (rand, cities));
      if (!jb_store_save (store, org, JB_SAVE_BULK, &error))
        g_error ("%s", error->message);
      gint64 id = jb_record_get_id (org);
      g_array_append_val (orgs, id);
    }
  const JbEnum *status = &jb_enum_demand_status, *industry = &jb_enum_industry;
  const JbEnum *province = &jb_enum_province;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
      const char *subject = PICK (rand, subjects);
      g_autofree char *title = g_strdup_printf ("%s%s%s%s%s", PICK (rand, qualities), subject,
                                                g_rand_int_range (rand, 0, 3) ? ""
                                                : PICK (rand, subjects),
                                                PICK (rand, aims),
                                                g_rand_int_range (rand, 0, 8) ? ""
                                                : PICK (rand, latin));
      g_autofree char *keywords = g_strdup_printf ("%s、%s", subject, PICK (rand, subjects));
      g_autofree char *code = g_strdup_printf ("MH-2022-%06u", i);
      g_autofree char *problem = sentence (rand);
      g_autofree char *key = sentence (rand);
      g_autofree char *goal = sentence (rand);
      g_autofree char *deadline = g_strdup_printf ("20%02d-%02d-%02d",
                                                   g_rand_int_range (rand, 22, 27),
                                                   g_rand_int_range (rand, 1, 13),
                                                   g_rand_int_range (rand, 1, 29));
      jb_record_set_text_by_name (d, "code", code);
      jb_record_set_text_by_name (d, "title", title);
      jb_record_set_int_by_name (d, "owner_id",
                                 g_array_index (orgs, gint64, g_rand_int_range (rand, 0, n_orgs)));
      jb_record_set_text_by_name (d, "keywords", keywords);
      jb_record_set_text_by_name (d, "city", PICK (rand, cities));
      jb_record_set_text_by_name (d, "district", PICK (rand, districts));
      jb_record_set_text_by_name (d, "status",
                                  status->values[g_rand_int_range (rand, 0, 7)].code);
      jb_record_set_text_by_name (d, "industry",
                                  industry->values[g_rand_int_range (rand, 0, 15)].code);
      jb_record_set_text_by_name (d, "province",
                                  province->values[g_rand_int_range (rand, 0, 8)].code);
      if (g_rand_int_range (rand, 0, 10))
        jb_record_set_int_by_name (d, "investment",
                                   (gint64) g_rand_int_range (rand, 0, 500000) * 10000);
      if (g_rand_int_range (rand, 0, 10))
        jb_record_set_text_by_name (d, "deadline", deadline);
      jb_record_set_text_by_name (d, "problem", problem);
      jb_record_set_text_by_name (d, "key_technology", key);
      jb_record_set_text_by_name (d, "goal", goal);
      if (!jb_store_save (store, d, JB_SAVE_BULK, &error))
        g_error ("%s", error->message);
    }
  if (!jb_store_commit (store, &error))
    g_error ("%s", error->message);
}

/* Median wall and CPU time of count + the page at @where (0: first, 1:
 * middle, 2: last), as "12.3 (11.9)". */
static char *
time_query (JbStore *store, const char *search, const char *field, gboolean descending,
            int where, guint *count)
{
  double t[RUNS], c[RUNS];
  for (guint r = 0; r < RUNS; r++)
    {
      double t0 = test_now_ms (), c0 = test_cpu_ms ();
      g_autoptr (JbQuery) q = jb_query_new (store, JB_KIND_DEMAND);
      g_autoptr (GError) error = NULL;
      jb_query_set_search (q, search);
      g_assert_true (jb_query_set_order (q, field, descending));
      g_assert_true (jb_query_count (q, count, &error));
      guint position = where == 0 ? 0 : where == 1 ? *count / 2 : *count - MIN (*count, PAGE);
      g_autoptr (GPtrArray) rows = jb_query_fetch (q, position, PAGE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, MIN (PAGE, *count - position));
      t[r] = test_now_ms () - t0;
      c[r] = test_cpu_ms () - c0;
    }
  return g_strdup_printf ("%.1f (%.1f)", median (t, RUNS), median (c, RUNS));
}

static void
exec_sql (sqlite3 *db, const char *sql)
{
  char *message = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Takes the database back to schema 4, the last before the index: no
 * derived objects (and its notes columns, which schema 4 added). */
static void
make_schema_4 (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autoptr (GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name FROM derived_schema WHERE "
                                           "type != 'table' ORDER BY type DESC", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (drops, g_strdup_printf ("DROP %s IF EXISTS %s", sqlite3_column_text (stmt, 0),
                                             sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  /* The index tables need the tokenizer to be dropped: move them aside in
   * sqlite_schema instead, as a schema-4 file never had them. */
  exec_sql (db, "BEGIN");
  for (guint i = 0; i < drops->len; i++)
    exec_sql (db, g_ptr_array_index (drops, i));
  exec_sql (db, "PRAGMA writable_schema = ON; DELETE FROM sqlite_schema WHERE name LIKE "
                "'%\\_search%' ESCAPE '\\'; PRAGMA writable_schema = OFF; "
                "DROP TABLE derived_schema; PRAGMA user_version = 4; COMMIT; VACUUM");
  sqlite3_close (db);
}

static void
count_progress (double fraction, gpointer user_data)
{
  (*(guint *) user_data)++;
}

int
main (int argc, char **argv)
{
  guint n = 100000;
  const char *keep = NULL;
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--keep") && i + 1 < argc)
      keep = argv[++i];
    else
      n = (guint) g_ascii_strtoull (argv[i], NULL, 10);

  g_autofree char *dir = g_dir_make_tmp ("jb-bench-XXXXXX", NULL);
  g_autofree char *path = keep ? g_strdup (keep) : g_build_filename (dir, "bench.db", NULL);
  gboolean filled = keep && g_file_test (keep, G_FILE_TEST_EXISTS);

  printf ("demands: %u (organizations: %u)\n", n, MAX (1, n / 20));
  if (!filled)
    {
      double t0 = test_now_ms ();
      g_autoptr (JbStore) filler = jb_store_open (path, NULL);
      fill (filler, n);
      printf ("fill (bulk saves, one transaction, index at commit): %.1f s\n",
              (test_now_ms () - t0) / 1000);
    }

  double t_open[RUNS];
  for (guint r = 0; r < RUNS; r++)
    {
      double t0 = test_now_ms ();
      JbStore *s = jb_store_open (path, NULL);
      t_open[r] = test_now_ms () - t0;
      g_assert_nonnull (s);
      g_object_unref (s);
    }
  printf ("open the store: %.1f ms\n", median (t_open, RUNS));
  printf ("file: %.0f MB, of which the demands' search index %.0f MB (its copy of the text "
          "%.0f MB), sort indexes %.0f MB\n", test_size_mb (path, "*"),
          test_size_mb (path, "demand_search*"), test_size_mb (path, "demand_search_content"),
          test_size_mb (path, "*_sort_*"));

  g_autoptr (JbStore) store = jb_store_open (path, NULL);
  const char *searches[] = { "电", "电池", "固态电池", "MH-2022-012345", "MOSFET",
                             "固态电池 储能", "不存在" };
  printf ("\ntimes in ms: median wall time (CPU time)\n");
  printf ("\nsearch as one types (count + first %d rows), best match first:\n", PAGE);
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      guint count;
      g_autofree char *t = time_query (store, searches[s], NULL, FALSE, 0, &count);
      printf ("  %-16s %16s  (%u rows)\n", searches[s], t, count);
    }

  printf ("\nsort (count + page): first / middle / last page; first page descending\n");
  const JbKind *kind = jb_kind_get (JB_KIND_DEMAND);
  for (int i = -1; i < (int) kind->n_fields; i++)
    {
      const char *field = i < 0 ? "id" : kind->fields[i].name;
      if (i >= 0 && !(kind->fields[i].flags & JB_FIELD_LISTED))
        continue;
      guint count;
      g_autofree char *first = time_query (store, NULL, field, FALSE, 0, &count);
      g_autofree char *middle = time_query (store, NULL, field, FALSE, 1, &count);
      g_autofree char *last = time_query (store, NULL, field, FALSE, 2, &count);
      g_autofree char *desc = time_query (store, NULL, field, TRUE, 0, &count);
      printf ("  %-12s %14s / %14s / %14s / %14s\n", field, first, middle, last, desc);
    }
  printf ("\nsearch sorted by a column (count + first page):\n");
  const char *sorted[] = { "电", "固态电池", "MOSFET" };
  for (guint s = 0; s < G_N_ELEMENTS (sorted); s++)
    {
      guint count;
      g_autofree char *by_money = time_query (store, sorted[s], "investment", FALSE, 0, &count);
      g_autofree char *by_title = time_query (store, sorted[s], "title", FALSE, 0, &count);
      g_autofree char *by_owner = time_query (store, sorted[s], "owner_id", FALSE, 0, &count);
      printf ("  %-10s by investment %s, by title %s, by owner %s\n", sorted[s], by_money,
              by_title, by_owner);
    }
  g_clear_object (&store);

  make_schema_4 (path);
  guint calls = 0;
  double t0 = test_now_ms ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) rebuilt = jb_store_open_full (path, NULL, count_progress, &calls, &error);
  g_assert_no_error (error);
  printf ("\nopen a schema-4 database, building its index and totals: %.1f s"
          " (%u progress calls)\n",
          (test_now_ms () - t0) / 1000, calls);
  g_clear_object (&rebuilt);

  if (!keep)
    jb_store_remove_files (path);
  g_rmdir (dir);
  return 0;
}

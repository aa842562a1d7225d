/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-match: matching (jb-match.h) at scale.  Not a test: it prints
 * figures for the README.  Fills a database with N demands and N
 * achievements (default 100 000 each), N/20 organizations, N/20 experts,
 * 0.4 N solutions and 0.1 N deals, with Chinese texts drawn from a
 * vocabulary of a few hundred technical words, through the bulk save an
 * import uses; then times, as medians over many subjects:
 *
 * - the matches of a demand (achievements, organizations, experts), with a
 *   matcher that has just been made (nothing known of the index) and with
 *   one that has matched other demands before (as the window's worker);
 * - the demands for an achievement, and for an organization;
 * - what indexing the achievements' summaries costs: N achievements saved
 *   with and without summaries, time and index size.
 *
 *   nice build/tests/bench-match [N] [--keep FILE] [--quick]
 *
 * --keep FILE fills FILE once and reuses it on later runs; --quick leaves
 * out the cost of the summaries. */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "jb-match.h"
#include "jb-store.h"
#include "test-util.h"

#define SUBJECTS 25

static const char *objects[] = {
  "固态电池", "锂离子电池", "钠离子电池", "燃料电池", "电解液", "隔膜", "正极材料", "负极材料",
  "储能系统", "光伏组件", "风电叶片", "功率芯片", "传感器", "激光雷达", "机器视觉", "工业机器人",
  "减速器", "伺服电机", "碳纤维", "复合材料", "防腐涂层", "陶瓷基板", "高温合金", "心脏支架",
  "手术机器人", "体外诊断试剂", "疫苗佐剂", "抗体药物", "中药提取物", "设施蔬菜", "水稻品种",
  "畜禽养殖", "农业无人机", "锅炉", "燃气轮机", "换热器", "污水", "固体废物", "挥发性有机物",
  "工业软件", "数据平台", "区块链", "卫星导航", "无人机", "自动驾驶", "充电桩", "配电网",
  "变压器", "半导体封装", "光刻胶", "显示面板", "生物基材料", "冷链物流", "轴承", "齿轮箱",
  "液压系统", "数控机床", "焊接", "注塑模具", "纺织印染", "食品发酵", "冷轧钢板", "铝合金型材",
  "玻璃纤维", "石墨烯", "量子点", "毫米波雷达", "射频前端", "存储芯片", "电源管理芯片",
};
static const char *methods[] = {
  "深度学习", "数字孪生", "有限元仿真", "多目标优化", "声发射", "红外热成像", "等离子体",
  "溶胶凝胶", "化学气相沉积", "原子层沉积", "静电纺丝", "微流控", "基因编辑", "合成生物学",
  "知识图谱", "联邦学习", "强化学习", "边缘计算", "光纤传感", "超声检测", "激光熔覆",
  "增材制造", "粉末冶金", "离子液体", "膜分离", "高级氧化", "厌氧消化", "纳米压印",
  "分子印迹", "表面等离激元", "拓扑优化", "模型预测控制", "卡尔曼滤波", "小波分析",
};
static const char *aims[] = {
  "低温性能提升", "快速充电", "寿命预测", "故障诊断", "缺陷检测", "轻量化设计", "降本增效",
  "国产化替代", "节能降耗", "安全预警", "高精度定位", "智能调度", "回收利用", "表面改性",
  "工艺优化", "可靠性提升", "在线监测", "减振降噪", "高效制备", "绿色合成",
};
static const char *effects[] = {
  "能量密度", "循环寿命", "转换效率", "检测精度", "响应时间", "良品率", "能耗", "成本",
  "强度", "耐腐蚀性", "导热系数", "产量", "纯度", "灵敏度", "稳定性", "噪声",
};
static const char *words[] = {
  "工艺", "装置", "系统", "方法", "材料", "平台", "模型", "算法", "结构", "配方", "设备",
  "模块", "控制器", "涂层", "催化剂", "菌株", "品种", "试剂盒", "探头", "软件",
};
static const char *cities[] = { "上海", "苏州", "杭州", "合肥", "南京", "宁波", "无锡", "常州" };
static const char *syllables[] = { "华", "新", "恒", "瑞", "达", "宏", "泰", "盛", "源", "鑫",
                                   "科", "创", "博", "睿", "远", "航", "申", "江", "淮", "浙" };
static const char *surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴" };

#define PICK(rand, list) list[g_rand_int_range (rand, 0, G_N_ELEMENTS (list))]

static double
percentile (GArray *values, double p)
{
  g_array_sort (values, test_compare_doubles);
  return g_array_index (values, double, (guint) (p * (values->len - 1) + 0.5));
}

static void
save (JbStore *store, JbRecord *record)
{
  g_autoptr (GError) error = NULL;
  if (!jb_store_save (store, record, JB_SAVE_BULK, &error))
    g_error ("%s", error->message);
}

static char *
summary (GRand *rand, const char *object, const char *method, const char *aim)
{
  return g_strdup_printf ("本成果面向%s的%s需求，采用%s与%s相结合的%s，突破了%s与%s协同调控的"
                          "关键问题。经中试验证，%s提高%d%%，%s降低%d%%，已在%s中完成示范应用，"
                          "可推广至%s等场景。",
                          object, aim, method, PICK (rand, methods), PICK (rand, words),
                          PICK (rand, effects), PICK (rand, effects), PICK (rand, effects),
                          g_rand_int_range (rand, 10, 60), PICK (rand, effects),
                          g_rand_int_range (rand, 10, 50), PICK (rand, objects),
                          PICK (rand, objects));
}

static char *
problem (GRand *rand, const char *object, const char *aim)
{
  return g_strdup_printf ("我们的%s在%s方面一直不理想，%s偏低、%s不稳定，客户反馈较多，"
                          "目前主要依靠人工经验调整，希望找到成熟的%s方案。",
                          object, aim, PICK (rand, effects), PICK (rand, effects),
                          PICK (rand, words));
}

static gint64
fill_organizations (JbStore *store, GRand *rand, guint n, GArray *ids)
{
  static const char *kinds[] = { "enterprise", "enterprise", "enterprise", "university",
                                 "institute" };
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
      const char *kind = PICK (rand, kinds);
      g_autofree char *name = g_strdup_printf ("%s%s%s%s %u", PICK (rand, cities),
                                               PICK (rand, syllables), PICK (rand, syllables),
                                               g_str_equal (kind, "enterprise") ? "科技有限公司"
                                               : g_str_equal (kind, "university") ? "大学"
                                               : "研究院", i);
      jb_record_set_text_by_name (org, "name", name);
      jb_record_set_text_by_name (org, "kind", kind);
      jb_record_set_text_by_name (org, "province",
                                  jb_enum_province.values[g_rand_int_range (rand, 0, 8)].code);
      save (store, org);
      gint64 id = jb_record_get_id (org);
      g_array_append_val (ids, id);
    }
  return 0;
}

static void
fill_achievements (JbStore *store, GRand *rand, guint n, GArray *orgs, gboolean summaries,
                   GArray *ids)
{
  const JbEnum *industry = &jb_enum_industry, *modes = &jb_enum_transfer_mode;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JbRecord) a = jb_record_new (JB_KIND_ACHIEVEMENT);
      const char *object = PICK (rand, objects), *method = PICK (rand, methods);
      const char *aim = PICK (rand, aims);
      g_autofree char *title = g_strdup_printf ("基于%s的%s%s%s", method, object, aim,
                                                PICK (rand, words));
      jb_record_set_text_by_name (a, "title", title);
      jb_record_set_int_by_name (a, "owner_id",
                                 g_array_index (orgs, gint64,
                                                g_rand_int_range (rand, 0, orgs->len)));
      jb_record_set_text_by_name (a, "industry",
                                  industry->values[g_rand_int_range (rand, 0, 15)].code);
      jb_record_set_int_by_name (a, "trl", g_rand_int_range (rand, 2, 10));
      jb_record_set_text_by_name (a, "transfer_mode",
                                  modes->values[g_rand_int_range (rand, 0, 4)].code);
      jb_record_set_int_by_name (a, "asking_price",
                                 (gint64) g_rand_int_range (rand, 10, 1000) * 1000000);
      if (summaries)
        {
          g_autofree char *text = summary (rand, object, method, aim);
          jb_record_set_text_by_name (a, "summary", text);
        }
      save (store, a);
      gint64 id = jb_record_get_id (a);
      if (ids)
        g_array_append_val (ids, id);
    }
}

static void
fill (JbStore *store, guint n)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2022);
  g_autoptr (GArray) orgs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) demands = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) achievements = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  const JbEnum *industry = &jb_enum_industry, *status = &jb_enum_demand_status;

  g_assert_true (jb_store_begin (store, NULL));
  fill_organizations (store, rand, MAX (20, n / 20), orgs);
  for (guint i = 0; i < MAX (1, n / 20); i++)
    {
      g_autoptr (JbRecord) p = jb_record_new (JB_KIND_PERSON);
      g_autofree char *name = g_strdup_printf ("%s%s%s", PICK (rand, surnames),
                                               PICK (rand, syllables), PICK (rand, syllables));
      g_autofree char *notes = g_strdup_printf ("研究方向：%s、%s的%s。", PICK (rand, methods),
                                                PICK (rand, objects), PICK (rand, aims));
      jb_record_set_text_by_name (p, "name", name);
      jb_record_set_text_by_name (p, "role", "expert");
      jb_record_set_int_by_name (p, "organization_id",
                                 g_array_index (orgs, gint64,
                                                g_rand_int_range (rand, 0, orgs->len)));
      jb_record_set_text_by_name (p, "notes", notes);
      save (store, p);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
      const char *object = PICK (rand, objects), *aim = PICK (rand, aims);
      g_autofree char *code = g_strdup_printf ("MH-2022-%06u", i);
      g_autofree char *title = g_strdup_printf ("%s%s", object, aim);
      g_autofree char *keywords = g_strdup_printf ("%s、%s", object, PICK (rand, effects));
      g_autofree char *text = problem (rand, object, aim);
      g_autofree char *key = g_strdup_printf ("%s的%s技术", PICK (rand, methods), aim);
      g_autofree char *goal = g_strdup_printf ("%s提高%d%%以上，形成可量产方案。",
                                               PICK (rand, effects),
                                               g_rand_int_range (rand, 10, 50));
      g_autofree char *deadline = g_strdup_printf ("20%02d-%02d-15",
                                                   g_rand_int_range (rand, 26, 29),
                                                   g_rand_int_range (rand, 1, 13));
      jb_record_set_text_by_name (d, "code", code);
      jb_record_set_text_by_name (d, "title", title);
      jb_record_set_int_by_name (d, "owner_id",
                                 g_array_index (orgs, gint64,
                                                g_rand_int_range (rand, 0, orgs->len)));
      jb_record_set_text_by_name (d, "keywords", keywords);
      jb_record_set_text_by_name (d, "industry",
                                  industry->values[g_rand_int_range (rand, 0, 15)].code);
      jb_record_set_text_by_name (d, "province",
                                  jb_enum_province.values[g_rand_int_range (rand, 0, 8)].code);
      jb_record_set_text_by_name (d, "problem", text);
      jb_record_set_text_by_name (d, "key_technology", key);
      jb_record_set_text_by_name (d, "goal", goal);
      jb_record_set_int_by_name (d, "investment", (gint64) g_rand_int_range (rand, 10, 500) *
                                                  1000000);
      jb_record_set_text_by_name (d, "coop_mode",
                                  jb_enum_coop_mode.values[g_rand_int_range (rand, 0, 6)].code);
      jb_record_set_text_by_name (d, "deadline", deadline);
      /* Most demands still open. */
      jb_record_set_text_by_name (d, "status",
                                  status->values[g_rand_int_range (rand, 0, 10) < 7 ? 2
                                                 : g_rand_int_range (rand, 0, 7)].code);
      save (store, d);
      gint64 id = jb_record_get_id (d);
      g_array_append_val (demands, id);
    }
  fill_achievements (store, rand, n, orgs, TRUE, achievements);
  const JbEnum *solution_status = &jb_enum_solution_status, *stages = &jb_enum_deal_stage;
  for (guint i = 0; i < n * 2 / 5; i++)
    {
      g_autoptr (JbRecord) s = jb_record_new (JB_KIND_SOLUTION);
      g_autofree char *title = g_strdup_printf ("%s%s解决方案", PICK (rand, objects),
                                                PICK (rand, aims));
      jb_record_set_text_by_name (s, "title", title);
      jb_record_set_int_by_name (s, "demand_id",
                                 g_array_index (demands, gint64,
                                                g_rand_int_range (rand, 0, demands->len)));
      jb_record_set_int_by_name (s, "solver_id",
                                 g_array_index (orgs, gint64,
                                                g_rand_int_range (rand, 0, orgs->len)));
      jb_record_set_text_by_name (s, "status",
                                  solution_status->values[g_rand_int_range (rand, 0, 5)].code);
      save (store, s);
    }
  for (guint i = 0; i < n / 10; i++)
    {
      g_autoptr (JbRecord) x = jb_record_new (JB_KIND_DEAL);
      jb_record_set_text_by_name (x, "title", "技术开发合同");
      jb_record_set_int_by_name (x, "demand_id",
                                 g_array_index (demands, gint64,
                                                g_rand_int_range (rand, 0, demands->len)));
      jb_record_set_int_by_name (x, "achievement_id",
                                 g_array_index (achievements, gint64,
                                                g_rand_int_range (rand, 0, achievements->len)));
      jb_record_set_int_by_name (x, "demand_side_id",
                                 g_array_index (orgs, gint64,
                                                g_rand_int_range (rand, 0, orgs->len)));
      jb_record_set_int_by_name (x, "supply_side_id",
                                 g_array_index (orgs, gint64,
                                                g_rand_int_range (rand, 0, orgs->len)));
      const char *stage = stages->values[g_rand_int_range (rand, 0, 6)].code;
      jb_record_set_text_by_name (x, "stage", stage);
      if (jb_enum_has_flag (stages, stage, JB_VALUE_SIGNED))
        {
          jb_record_set_int_by_name (x, "contract_amount", 50000000);
          jb_record_set_text_by_name (x, "signed_on", "2022-06-30");
        }
      save (store, x);
    }
  if (!jb_store_commit (store, &error))
    g_error ("%s", error->message);
}

/* Times matching SUBJECTS records of @kind, evenly spread, each with a new
 * matcher (@cold) or all with one. */
static void
time_matches (JbStore *store, JbKindId kind, gboolean cold, const char *what)
{
  gint64 n = jb_store_count (store, kind);
  g_autoptr (GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (JbMatcher) shared = jb_matcher_new (store);
  guint found = 0, runs = 0;

  /* The shared matcher has matched other subjects of the kind first. */
  for (guint i = 0; !cold && i < 5; i++)
    jb_matches_free (jb_matcher_run (shared, kind, 1 + (n / 7) * i, NULL, NULL, NULL));
  for (guint i = 0; i < SUBJECTS; i++)
    {
      gint64 id = 1 + (n - 1) * i / SUBJECTS + 3;
      g_autoptr (JbMatcher) fresh = cold ? jb_matcher_new (store) : NULL;
      JbMatchOptions options = { .limit = 10, .today = "2026-01-15" };
      g_autoptr (GError) error = NULL;
      double t0 = test_now_ms (), c0 = test_cpu_ms ();
      g_autoptr (JbMatches) m = jb_matcher_run (cold ? fresh : shared, kind, id, &options, NULL,
                                                &error);
      double t = test_now_ms () - t0, c = test_cpu_ms () - c0;
      if (m == NULL)
        continue;
      g_array_append_val (wall, t);
      g_array_append_val (cpu, c);
      runs++;
      for (guint k = 0; k < JB_N_KINDS; k++)
        found += m->results[k] ? m->results[k]->len : 0;
    }
  printf ("  %-52s median %6.1f (%6.1f), 90th percentile %6.1f ms; %.1f results\n", what,
          percentile (wall, 0.5), percentile (cpu, 0.5), percentile (wall, 0.9),
          runs ? (double) found / runs : 0);
}

int
main (int argc, char **argv)
{
  guint n = 100000;
  const char *keep = NULL;
  gboolean quick = FALSE;
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--keep") && i + 1 < argc)
      keep = argv[++i];
    else if (g_str_equal (argv[i], "--quick"))
      quick = TRUE;
    else
      n = (guint) g_ascii_strtoull (argv[i], NULL, 10);

  g_autofree char *dir = g_dir_make_tmp ("jb-bench-XXXXXX", NULL);
  g_autofree char *path = keep ? g_strdup (keep) : g_build_filename (dir, "bench.db", NULL);
  gboolean filled = keep && g_file_test (keep, G_FILE_TEST_EXISTS);

  printf ("demands: %u, achievements: %u, organizations: %u, experts: %u, solutions: %u, "
          "deals: %u\n", n, n, MAX (20, n / 20), MAX (1, n / 20), n * 2 / 5, n / 10);
  if (!filled)
    {
      double t0 = test_now_ms ();
      g_autoptr (JbStore) filler = jb_store_open (path, NULL);
      fill (filler, n);
      printf ("fill (bulk saves, one transaction): %.1f s\n", (test_now_ms () - t0) / 1000);
    }
  printf ("file %.0f MB; search index of achievements %.0f MB (its copy of the text %.0f MB), "
          "of demands %.0f MB\n", test_size_mb (path, "*"), test_size_mb (path, "achievement_search*"),
          test_size_mb (path, "achievement_search_content"), test_size_mb (path, "demand_search*"));

  g_autoptr (JbStore) store = jb_store_open (path, NULL);
  printf ("\nmatching, %d subjects each: wall time (CPU time)\n", SUBJECTS);
  time_matches (store, JB_KIND_DEMAND, TRUE, "a demand, new matcher");
  time_matches (store, JB_KIND_DEMAND, FALSE, "a demand, matcher used before");
  time_matches (store, JB_KIND_ACHIEVEMENT, TRUE, "an achievement's demands, new matcher");
  time_matches (store, JB_KIND_ACHIEVEMENT, FALSE, "an achievement's demands, used before");
  time_matches (store, JB_KIND_ORGANIZATION, FALSE, "an organization's demands, used before");
  g_clear_object (&store);

  /* What the summaries cost: the same achievements with and without. */
  if (!quick)
    printf ("\nindexing the achievements' summaries, %u achievements:\n", n);
  for (int with = 0; with < 2 && !quick; with++)
    {
      g_autofree char *other = g_build_filename (dir, "summaries.db", NULL);
      g_autoptr (GRand) rand = g_rand_new_with_seed (7);
      g_autoptr (GArray) orgs = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (JbStore) s = jb_store_open (other, NULL);
      g_assert_true (jb_store_begin (s, NULL));
      fill_organizations (s, rand, MAX (20, n / 20), orgs);
      g_assert_true (jb_store_commit (s, NULL));
      double t0 = test_now_ms ();
      g_assert_true (jb_store_begin (s, NULL));
      fill_achievements (s, rand, n, orgs, with, NULL);
      g_assert_true (jb_store_commit (s, NULL));
      double t = test_now_ms () - t0;
      g_clear_object (&s);
      printf ("  %-18s save %.1f s, achievements table %.0f MB, index %.0f MB\n",
              with ? "with summaries" : "without", t / 1000, test_size_mb (other, "achievement"),
              test_size_mb (other, "achievement_search*"));
      jb_store_remove_files (other);
    }

  if (!keep)
    jb_store_remove_files (path);
  g_rmdir (dir);
  return 0;
}

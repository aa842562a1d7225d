/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Matching (jb-match.h) on a hand-built set: the ranking by words, each
 * facet's points and reason, the shared terms, organizations and experts,
 * the other way round, invitations and dismissals kept in the demand's
 * history (and across reopening), the dashboard's table of invitations,
 * the worker thread and jiebang --match. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>

#include "jb-cli.h"
#include "jb-match.h"
#include "jb-rules.h"
#include "jb-stats.h"
#include "test-util.h"

#define TODAY "2023-01-01"

typedef struct {
  char *dir;
  char *path;
  JbStore *store;
  GHashTable *ids;
} Fixture;

static gint64
id_of (Fixture *f, const char *name)
{
  return test_id_of (f->ids, name);
}

/* Saves a record of @kind with "field", "value" pairs (NULL-terminated); a
 * value "@name" is the id of an earlier record. */
static void
add (Fixture *f, const char *name, JbKindId kind, ...)
{
  va_list ap;
  va_start (ap, kind);
  test_add_record (f->store, f->ids, name, kind, NULL, JB_SAVE_ANY_STATUS, ap);
  va_end (ap);
}

#define WAN(n) #n "000000"

static void
build (Fixture *f)
{
  add (f, "owner", JB_KIND_ORGANIZATION, "name", "闵行某电池企业", "kind", "enterprise",
       "province", "shanghai", NULL);
  add (f, "tongji", JB_KIND_ORGANIZATION, "name", "同济某大学", "kind", "university",
       "province", "shanghai", NULL);
  add (f, "hefei", JB_KIND_ORGANIZATION, "name", "合肥某研究院", "kind", "institute",
       "province", "anhui", NULL);
  add (f, "beijing", JB_KIND_ORGANIZATION, "name", "北方某研究院", "kind", "institute",
       "province", "beijing", NULL);
  add (f, "farm", JB_KIND_ORGANIZATION, "name", "某农业大学", "kind", "university",
       "province", "jiangsu", NULL);
  add (f, "solver", JB_KIND_ORGANIZATION, "name", "某储能科技公司", "kind", "enterprise",
       "province", "zhejiang", NULL);

  add (f, "demand", JB_KIND_DEMAND, "code", "T-001", "title", "固态电池电解质界面稳定性",
       "owner_id", "@owner", "industry", "new_energy", "keywords", "固态电池、电解质",
       "province", "shanghai", "problem", "我们的固态电池循环几十次后电解质界面阻抗升高。",
       "goal", "界面稳定，循环寿命翻倍", "investment", WAN (100), "coop_mode", "transfer",
       "deadline", "2023-05-01", "status", "published", NULL);
  /* The answer, with every facet on its side. */
  add (f, "best", JB_KIND_ACHIEVEMENT, "title", "固态电池电解质界面修饰技术",
       "owner_id", "@tongji", "industry", "new_energy", "trl", "8", "transfer_mode", "transfer",
       "asking_price", WAN (80),
       "summary", "针对固态电池电解质界面阻抗高的问题，采用原子层沉积修饰界面，循环寿命提高一倍。",
       NULL);
  /* The same words; every facet against it. */
  add (f, "far", JB_KIND_ACHIEVEMENT, "title", "固态电池电解质界面修饰方法",
       "owner_id", "@beijing", "industry", "new_materials", "trl", "3", "transfer_mode", "joint",
       "asking_price", WAN (500),
       "summary", "针对固态电池电解质界面阻抗高的问题，采用原子层沉积修饰界面，循环寿命提高一倍。",
       NULL);
  add (f, "near", JB_KIND_ACHIEVEMENT, "title", "锂电池正极材料包覆工艺",
       "owner_id", "@hefei", "industry", "new_energy", "trl", "6",
       "summary", "高镍正极材料表面包覆，电池循环稳定。", NULL);
  add (f, "rice", JB_KIND_ACHIEVEMENT, "title", "耐盐碱水稻新品种",
       "owner_id", "@farm", "industry", "agriculture", "summary", "盐碱地水稻高产栽培。", NULL);
  add (f, "own", JB_KIND_ACHIEVEMENT, "title", "固态电池电解质界面修饰",
       "owner_id", "@owner", "industry", "new_energy", NULL);

  /* A solver with a record: a selected solution to a similar demand and a
   * signed deal. */
  add (f, "other_demand", JB_KIND_DEMAND, "title", "固态电池电解质量产工艺",
       "owner_id", "@owner", "industry", "new_energy", "status", "closed", NULL);
  add (f, "solution", JB_KIND_SOLUTION, "title", "硫化物固态电解质界面改性方案",
       "demand_id", "@other_demand", "solver_id", "@solver", "status", "selected", NULL);
  add (f, "deal", JB_KIND_DEAL, "title", "固态电解质技术开发", "demand_id", "@other_demand",
       "demand_side_id", "@owner", "supply_side_id", "@solver", "stage", "signed",
       "contract_amount", WAN (50), "signed_on", "2022-06-01", NULL);
  add (f, "expert", JB_KIND_PERSON, "name", "张教授", "role", "expert",
       "organization_id", "@tongji", "notes", "研究方向：固态电池界面化学。", NULL);
  add (f, "loner", JB_KIND_PERSON, "name", "李专家", "role", "expert", NULL);

  /* Demands for the other way round. */
  add (f, "open", JB_KIND_DEMAND, "title", "固态电池电解质界面改进", "owner_id", "@solver",
       "industry", "new_energy", "province", "shanghai", "status", "published",
       "deadline", "2024-01-01", NULL);
  add (f, "late", JB_KIND_DEMAND, "title", "固态电池电解质界面研究", "owner_id", "@solver",
       "industry", "new_energy", "status", "published", "deadline", "2022-06-01", NULL);
  add (f, "done", JB_KIND_DEMAND, "title", "固态电池电解质界面攻关", "owner_id", "@solver",
       "industry", "new_energy", "status", "closed", NULL);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = test_tmp_store ("jb-match-XXXXXX", "match.db", &f->dir, &f->path);
  f->ids = test_ids_new ();
  build (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_hash_table_unref (f->ids);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static JbMatches *
run (Fixture *f, JbKindId kind, const char *name, gboolean include_dismissed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbMatcher) matcher = jb_matcher_new (f->store);
  JbMatchOptions options = { .limit = 10, .today = TODAY,
                             .include_dismissed = include_dismissed };
  JbMatches *m = jb_matcher_run (matcher, kind, id_of (f, name), &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

/* The result for the record @name, or NULL. */
static JbMatchResult *
find (Fixture *f, JbMatches *m, JbKindId kind, const char *name)
{
  GPtrArray *results = jb_matches_get (m, kind);
  for (guint i = 0; i < results->len; i++)
    if (((JbMatchResult *) results->pdata[i])->id == id_of (f, name))
      return results->pdata[i];
  return NULL;
}

static guint
rank (Fixture *f, JbMatches *m, JbKindId kind, const char *name)
{
  GPtrArray *results = jb_matches_get (m, kind);
  for (guint i = 0; i < results->len; i++)
    if (((JbMatchResult *) results->pdata[i])->id == id_of (f, name))
      return i + 1;
  return 0;
}

static void
test_ranking (Fixture *f, gconstpointer data)
{
  g_autoptr (JbMatches) m = run (f, JB_KIND_DEMAND, "demand", FALSE);
  g_assert_cmpint (m->subject_kind, ==, JB_KIND_DEMAND);
  g_assert_cmpstr (m->subject_title, ==, "固态电池电解质界面稳定性");
  /* The words first, then the facets: the same words with every facet
   * against them come second; a battery on another subject after; rice and
   * the owner's own achievement not at all. */
  g_assert_cmpuint (rank (f, m, JB_KIND_ACHIEVEMENT, "best"), ==, 1);
  g_assert_cmpuint (rank (f, m, JB_KIND_ACHIEVEMENT, "far"), ==, 2);
  g_assert_cmpuint (rank (f, m, JB_KIND_ACHIEVEMENT, "rice"), ==, 0);
  g_assert_cmpuint (rank (f, m, JB_KIND_ACHIEVEMENT, "own"), ==, 0);
  JbMatchResult *near = find (f, m, JB_KIND_ACHIEVEMENT, "near");
  if (near)
    g_assert_cmpuint (rank (f, m, JB_KIND_ACHIEVEMENT, "near"), >, 2);

  /* A score is the sum of its facets' points. */
  GPtrArray *results = jb_matches_get (m, JB_KIND_ACHIEVEMENT);
  for (guint i = 0; i < results->len; i++)
    {
      JbMatchResult *r = results->pdata[i];
      double sum = 0;
      for (guint facet = 0; facet < JB_N_FACETS; facet++)
        sum += r->facets[facet].points;
      g_assert_cmpfloat_with_epsilon (sum, r->score, 1e-9);
      if (i > 0)
        g_assert_cmpfloat (r->score, <=, ((JbMatchResult *) results->pdata[i - 1])->score);
    }
  /* A demand is no subject for these kinds: nothing about it. */
  g_assert_null (m->results[JB_KIND_DEMAND]);
}

static void
test_facets (Fixture *f, gconstpointer data)
{
  g_autoptr (JbMatches) m = run (f, JB_KIND_DEMAND, "demand", FALSE);
  JbMatchResult *best = find (f, m, JB_KIND_ACHIEVEMENT, "best");
  JbMatchResult *far = find (f, m, JB_KIND_ACHIEVEMENT, "far");
  g_assert_nonnull (best);
  g_assert_nonnull (far);

  /* The same words count the same. */
  g_assert_cmpfloat_with_epsilon (best->facets[JB_FACET_TERMS].points,
                                  far->facets[JB_FACET_TERMS].points, 1e-9);
  g_assert_cmpfloat (best->facets[JB_FACET_TERMS].points, >, 0);

  /* Same field; none said of another field. */
  g_assert_cmpfloat (best->facets[JB_FACET_INDUSTRY].points, >, 0);
  g_assert_nonnull (strstr (best->facets[JB_FACET_INDUSTRY].reason, "New energy"));
  g_assert_cmpfloat (far->facets[JB_FACET_INDUSTRY].points, ==, 0);
  g_assert_null (far->facets[JB_FACET_INDUSTRY].reason);

  /* Shanghai and Shanghai; Shanghai and Beijing. */
  g_assert_cmpfloat (best->facets[JB_FACET_REGION].points, >, 0);
  g_assert_nonnull (strstr (best->facets[JB_FACET_REGION].reason, "Shanghai"));
  g_assert_cmpfloat (far->facets[JB_FACET_REGION].points, ==, 0);

  /* Four months to the deadline: TRL 8 is ready, TRL 3 is not. */
  g_assert_cmpfloat (best->facets[JB_FACET_READINESS].points, >, 0);
  g_assert_cmpfloat (far->facets[JB_FACET_READINESS].points, <, 0);
  g_assert_nonnull (strstr (far->facets[JB_FACET_READINESS].reason, "needs 7"));

  /* 80万 within 100万; 500万 far above it. */
  g_assert_cmpfloat (best->facets[JB_FACET_PRICE].points, >, 0);
  g_assert_cmpfloat (far->facets[JB_FACET_PRICE].points, <, 0);

  /* A transfer wanted: offered as a transfer, or only jointly. */
  g_assert_cmpfloat (best->facets[JB_FACET_MODE].points, >, 0);
  g_assert_cmpfloat (far->facets[JB_FACET_MODE].points, ==, 0);

  /* The Delta: Shanghai and Anhui. */
  JbMatchResult *near = find (f, m, JB_KIND_ACHIEVEMENT, "near");
  if (near)
    g_assert_nonnull (strstr (near->facets[JB_FACET_REGION].reason, "Yangtze River Delta"));
}

static void
test_reasons (Fixture *f, gconstpointer data)
{
  g_autoptr (JbMatches) m = run (f, JB_KIND_DEMAND, "demand", FALSE);
  JbMatchResult *best = find (f, m, JB_KIND_ACHIEVEMENT, "best");
  g_assert_cmpstr (best->title, ==, "固态电池电解质界面修饰技术");
  g_assert_cmpstr (best->context, ==, "同济某大学");
  g_assert_cmpint (best->via_id, ==, id_of (f, "tongji"));

  /* The shared terms as the demand writes them, longest runs whole. */
  g_assert_nonnull (best->terms);
  g_assert_true (g_strv_contains ((const char * const *) best->terms, "固态电池电解质界面"));
  g_assert_nonnull (strstr (best->facets[JB_FACET_TERMS].reason, "固态电池电解质界面"));

  /* Highlighting in the result's title and in the demand's own text. */
  g_autoptr (GArray) ranges = jb_search_highlight (best->highlight, best->title);
  g_assert_cmpuint (ranges->len, ==, 1);
  g_assert_cmpint (g_array_index (ranges, JbTextRange, 0).start, ==, 0);
  g_assert_cmpint (g_array_index (ranges, JbTextRange, 0).end, ==,
                   (int) strlen ("固态电池电解质界面"));
  g_autoptr (GArray) own = jb_search_highlight (m->query, "固态电池电解质界面稳定性");
  g_assert_cmpuint (own->len, >, 0);

  g_autofree char *why = jb_match_result_explain (best);
  g_assert_true (g_str_has_prefix (why, "Shares "));
  g_assert_nonnull (strstr (why, "; Same industry field: New energy"));
  g_assert_cmpstr (jb_facet_name (JB_FACET_READINESS), ==, "readiness");
  g_assert_cmpstr (jb_facet_label (JB_FACET_READINESS), ==, "Readiness");
}

static void
test_solvers (Fixture *f, gconstpointer data)
{
  g_autoptr (JbMatches) m = run (f, JB_KIND_DEMAND, "demand", FALSE);

  /* The owner of the best achievement; the solver of a selected solution
   * to a similar demand, with its record; never the demand's owner. */
  JbMatchResult *tongji = find (f, m, JB_KIND_ORGANIZATION, "tongji");
  JbMatchResult *solver = find (f, m, JB_KIND_ORGANIZATION, "solver");
  g_assert_nonnull (tongji);
  g_assert_nonnull (solver);
  g_assert_null (find (f, m, JB_KIND_ORGANIZATION, "owner"));
  g_assert_cmpint (tongji->via_id, ==, id_of (f, "best"));
  g_assert_nonnull (strstr (tongji->facets[JB_FACET_TERMS].reason, "1 matching achievement"));
  g_assert_nonnull (strstr (solver->facets[JB_FACET_TERMS].reason,
                            "1 solution to a similar demand (1 selected)"));
  g_assert_cmpfloat (solver->facets[JB_FACET_RECORD].points, >, 0);
  g_assert_nonnull (strstr (solver->facets[JB_FACET_RECORD].reason,
                            "1 solution selected, 1 deal signed (2 in New energy)"));

  /* The expert of a matching organization, with their notes; not one
   * without an organization. */
  JbMatchResult *expert = find (f, m, JB_KIND_PERSON, "expert");
  g_assert_nonnull (expert);
  g_assert_cmpint (expert->via_id, ==, id_of (f, "tongji"));
  g_assert_cmpstr (expert->context, ==, "同济某大学");
  g_assert_cmpfloat_with_epsilon (expert->facets[JB_FACET_ORGANIZATION].points,
                                  0.7 * tongji->score, 1e-9);
  g_assert_nonnull (strstr (expert->facets[JB_FACET_TERMS].reason, "Notes mention"));
  g_assert_null (find (f, m, JB_KIND_PERSON, "loner"));
}

static void
test_reverse (Fixture *f, gconstpointer data)
{
  g_autoptr (JbMatches) m = run (f, JB_KIND_ACHIEVEMENT, "best", FALSE);
  /* Open demands only; one past its deadline loses points. */
  g_assert_cmpuint (rank (f, m, JB_KIND_DEMAND, "done"), ==, 0);
  g_assert_cmpuint (rank (f, m, JB_KIND_DEMAND, "other_demand"), ==, 0);
  JbMatchResult *open = find (f, m, JB_KIND_DEMAND, "open");
  JbMatchResult *late = find (f, m, JB_KIND_DEMAND, "late");
  JbMatchResult *demand = find (f, m, JB_KIND_DEMAND, "demand");
  g_assert_nonnull (open);
  g_assert_nonnull (late);
  g_assert_nonnull (demand);
  g_assert_cmpfloat (late->facets[JB_FACET_READINESS].points, <, 0);
  g_assert_nonnull (strstr (late->facets[JB_FACET_READINESS].reason, "passed"));
  g_assert_cmpuint (rank (f, m, JB_KIND_DEMAND, "late"), >, rank (f, m, JB_KIND_DEMAND, "open"));
  g_assert_null (m->results[JB_KIND_ACHIEVEMENT]);

  /* An organization: the demands its achievements and solutions could
   * answer, not its own. */
  g_autoptr (JbMatches) o = run (f, JB_KIND_ORGANIZATION, "solver", FALSE);
  g_assert_nonnull (find (f, o, JB_KIND_DEMAND, "demand"));
  g_assert_null (find (f, o, JB_KIND_DEMAND, "open"));

  /* Not a subject. */
  g_autoptr (JbMatcher) matcher = jb_matcher_new (f->store);
  g_autoptr (GError) error = NULL;
  g_assert_null (jb_matcher_run (matcher, JB_KIND_DEAL, id_of (f, "deal"), NULL, NULL, &error));
  g_assert_nonnull (error);
}

/* The demand's history entries with @action. */
static guint
count_history (Fixture *f, const char *action, char **description)
{
  g_autoptr (JbRecord) d = jb_store_load (f->store, JB_KIND_DEMAND, id_of (f, "demand"), NULL);
  g_autoptr (GPtrArray) entries = jb_store_history (f->store, jb_record_get_uuid (d), NULL);
  guint n = 0;
  for (guint i = 0; i < entries->len; i++)
    {
      JbHistoryEntry *e = entries->pdata[i];
      if (!g_str_equal (e->action, action))
        continue;
      n++;
      if (description)
        {
          g_free (*description);
          *description = jb_match_describe_history (f->store, e);
        }
    }
  return n;
}

static void
test_invite (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* An achievement as a solution: its owner, title, summary and TRL. */
  g_autoptr (JbRecord) solution = jb_match_invite (f->store, id_of (f, "demand"),
                                                   JB_KIND_ACHIEVEMENT, id_of (f, "best"),
                                                   JB_INVITE_SOLUTION, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_record_get_kind_id (solution), ==, JB_KIND_SOLUTION);
  g_assert_cmpstr (jb_record_get_text_by_name (solution, "status"), ==, "invited");
  g_assert_cmpint (jb_record_get_int_by_name (solution, "solver_id"), ==, id_of (f, "tongji"));
  g_assert_cmpint (jb_record_get_int_by_name (solution, "demand_id"), ==, id_of (f, "demand"));
  g_assert_cmpstr (jb_record_get_title (solution), ==, "固态电池电解质界面修饰技术");
  g_assert_cmpint (jb_record_get_int_by_name (solution, "trl"), ==, 8);
  g_assert_null (jb_record_get_text_by_name (solution, "submitted"));
  /* A solution entered by hand has come in: not an invitation. */
  g_autoptr (JbRecord) by_hand = jb_record_new (JB_KIND_SOLUTION);
  jb_rules_prefill (f->store, by_hand);
  g_assert_cmpstr (jb_record_get_text_by_name (by_hand, "status"), ==, "submitted");
  g_assert_nonnull (jb_record_get_text_by_name (by_hand, "submitted"));

  /* Kept in the demand's history, said in words. */
  g_autofree char *said = NULL;
  g_assert_cmpuint (count_history (f, "invited", &said), ==, 1);
  g_assert_cmpstr (said, ==, "Invited 固态电池电解质界面修饰技术: solution “固态电池电解质界面修饰技术”");

  /* Marked, not hidden; not twice. */
  g_autoptr (JbMatches) m = run (f, JB_KIND_DEMAND, "demand", FALSE);
  JbMatchResult *best = find (f, m, JB_KIND_ACHIEVEMENT, "best");
  g_assert_cmpint (best->decision, ==, JB_DECISION_INVITED);
  g_assert_cmpint (best->created_kind, ==, JB_KIND_SOLUTION);
  g_assert_cmpint (best->created_id, ==, jb_record_get_id (solution));
  g_assert_nonnull (best->decided_at);
  g_assert_null (jb_match_invite (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                  id_of (f, "best"), JB_INVITE_SOLUTION, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* An achievement as a deal intention: the parties from the demand and
   * the achievement. */
  g_autoptr (JbRecord) deal = jb_match_invite (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                               id_of (f, "far"), JB_INVITE_DEAL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jb_record_get_text_by_name (deal, "stage"), ==, "intention");
  g_assert_cmpint (jb_record_get_int_by_name (deal, "demand_side_id"), ==, id_of (f, "owner"));
  g_assert_cmpint (jb_record_get_int_by_name (deal, "supply_side_id"), ==, id_of (f, "beijing"));
  g_assert_cmpint (jb_record_get_int_by_name (deal, "achievement_id"), ==, id_of (f, "far"));

  /* An organization, and an expert through theirs; an expert without an
   * organization cannot answer; a deal starts from an achievement only. */
  g_autoptr (JbRecord) asked = jb_match_invite (f->store, id_of (f, "demand"),
                                                JB_KIND_ORGANIZATION, id_of (f, "solver"),
                                                JB_INVITE_SOLUTION, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_record_get_int_by_name (asked, "solver_id"), ==, id_of (f, "solver"));
  g_assert_cmpstr (jb_record_get_title (asked), ==, "固态电池电解质界面稳定性");
  g_autoptr (JbRecord) through = jb_match_invite (f->store, id_of (f, "demand"), JB_KIND_PERSON,
                                                  id_of (f, "expert"), JB_INVITE_SOLUTION,
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_record_get_int_by_name (through, "solver_id"), ==, id_of (f, "tongji"));
  g_assert_nonnull (strstr (jb_record_get_text_by_name (through, "notes"), "张教授"));
  g_assert_null (jb_match_invite (f->store, id_of (f, "demand"), JB_KIND_PERSON,
                                  id_of (f, "loner"), JB_INVITE_SOLUTION, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (jb_match_invite (f->store, id_of (f, "demand"), JB_KIND_ORGANIZATION,
                                  id_of (f, "solver"), JB_INVITE_DEAL, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_history (f, "invited", NULL), ==, 4);
}

static void
count_changes (JbStore *store, guint kinds, guint *changes)
{
  g_assert_true (kinds & (1u << JB_KIND_DEMAND));
  (*changes)++;
}

static void
test_dismiss (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint changes = 0;
  gulong handler = g_signal_connect (f->store, "changed", G_CALLBACK (count_changes), &changes);
  g_assert_true (jb_match_dismiss (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                   id_of (f, "best"), "已联系过，不合作", &error));
  g_assert_no_error (error);
  /* Saying it twice writes it once. */
  g_assert_true (jb_match_dismiss (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                   id_of (f, "best"), "again", &error));
  g_autofree char *said = NULL;
  g_assert_cmpuint (count_history (f, "dismissed", &said), ==, 1);
  g_assert_cmpstr (said, ==, "Dismissed 固态电池电解质界面修饰技术: 已联系过，不合作");
  /* The demand's views hear of it. */
  g_assert_cmpuint (changes, ==, 1);
  g_signal_handler_disconnect (f->store, handler);

  /* Hidden from the demand, and from the achievement: still so after the
   * database is opened again. */
  g_clear_object (&f->store);
  f->store = jb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr (JbMatches) m = run (f, JB_KIND_DEMAND, "demand", FALSE);
  g_assert_null (find (f, m, JB_KIND_ACHIEVEMENT, "best"));
  g_assert_nonnull (find (f, m, JB_KIND_ACHIEVEMENT, "far"));
  g_autoptr (JbMatches) back = run (f, JB_KIND_ACHIEVEMENT, "best", FALSE);
  g_assert_null (find (f, back, JB_KIND_DEMAND, "demand"));
  g_assert_nonnull (find (f, back, JB_KIND_DEMAND, "open"));

  /* Shown on request, with the reason. */
  g_autoptr (JbMatches) all = run (f, JB_KIND_DEMAND, "demand", TRUE);
  JbMatchResult *best = find (f, all, JB_KIND_ACHIEVEMENT, "best");
  g_assert_nonnull (best);
  g_assert_cmpint (best->decision, ==, JB_DECISION_DISMISSED);
  g_assert_cmpstr (best->dismiss_reason, ==, "已联系过，不合作");

  /* An organization and an expert too, from the demand's side. */
  g_assert_true (jb_match_dismiss (f->store, id_of (f, "demand"), JB_KIND_PERSON,
                                   id_of (f, "expert"), NULL, &error));
  g_autoptr (JbMatches) people = run (f, JB_KIND_DEMAND, "demand", FALSE);
  g_assert_null (find (f, people, JB_KIND_PERSON, "expert"));

  /* Restored: shown again; the history keeps both. */
  g_assert_true (jb_match_restore (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                   id_of (f, "best"), &error));
  g_assert_no_error (error);
  g_autoptr (JbMatches) again = run (f, JB_KIND_DEMAND, "demand", FALSE);
  g_assert_cmpuint (rank (f, again, JB_KIND_ACHIEVEMENT, "best"), ==, 1);
  g_assert_cmpint (find (f, again, JB_KIND_ACHIEVEMENT, "best")->decision, ==,
                   JB_DECISION_NONE);
  g_assert_cmpuint (count_history (f, "restored", &said), ==, 1);
  g_assert_cmpstr (said, ==, "Restored 固态电池电解质界面修饰技术 to the suggestions");

  /* Inviting a dismissed suggestion takes the dismissal back. */
  g_assert_true (jb_match_dismiss (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                   id_of (f, "far"), NULL, &error));
  g_autoptr (JbRecord) deal = jb_match_invite (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                               id_of (f, "far"), JB_INVITE_DEAL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_record_get_kind_id (deal), ==, JB_KIND_DEAL);
  g_autoptr (JbMatches) last = run (f, JB_KIND_DEMAND, "demand", FALSE);
  g_assert_cmpint (find (f, last, JB_KIND_ACHIEVEMENT, "far")->decision, ==, JB_DECISION_INVITED);
}

static void
test_answered (Fixture *f, gconstpointer data)
{
  /* A solution of its own to this demand, not through an invitation. */
  add (f, "answer", JB_KIND_SOLUTION, "title", "界面方案", "demand_id", "@demand",
       "solver_id", "@tongji", "status", "submitted", NULL);
  g_autoptr (JbMatches) m = run (f, JB_KIND_DEMAND, "demand", FALSE);
  JbMatchResult *tongji = find (f, m, JB_KIND_ORGANIZATION, "tongji");
  g_assert_cmpint (tongji->decision, ==, JB_DECISION_ANSWERED);
  g_assert_cmpint (tongji->created_kind, ==, JB_KIND_SOLUTION);
  g_assert_cmpint (tongji->created_id, ==, id_of (f, "answer"));
}

/* How many records @filter lists. */
static guint
n_listed (JbStore *store, JbFilter *filter)
{
  g_autoptr (GPtrArray) rows = jb_store_list_filtered (store, jb_filter_get_kind (filter), filter,
                                                       NULL, NULL);
  return rows->len;
}

static void
test_dashboard (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JbStatsPeriod all_time = { .today = TODAY };
  JbFigures before, after;
  g_assert_true (jb_store_stats_figures (f->store, &all_time, &before, &error));

  g_autoptr (JbRecord) s1 = jb_match_invite (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                             id_of (f, "best"), JB_INVITE_SOLUTION, &error);
  g_autoptr (JbRecord) s2 = jb_match_invite (f->store, id_of (f, "demand"), JB_KIND_ORGANIZATION,
                                             id_of (f, "solver"), JB_INVITE_SOLUTION, &error);
  g_autoptr (JbRecord) d1 = jb_match_invite (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                             id_of (f, "far"), JB_INVITE_DEAL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_record_get_kind_id (s1), ==, JB_KIND_SOLUTION);
  g_assert_cmpint (jb_record_get_kind_id (d1), ==, JB_KIND_DEAL);
  /* One answered and selected since. */
  jb_record_set_text_by_name (s2, "status", "selected");
  jb_record_set_text_by_name (s2, "submitted", "2022-12-01");
  g_assert_true (jb_store_save (f->store, s2, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);

  /* An invitation is no solution received. */
  g_assert_true (jb_store_stats_figures (f->store, &all_time, &after, &error));
  g_assert_cmpint (after.count[JB_FIGURE_SOLUTIONS], ==, before.count[JB_FIGURE_SOLUTIONS] + 1);

  g_autoptr (JbStatsTable) t = jb_store_stats_table (f->store, &all_time, JB_TABLE_INVITATIONS,
                                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t->n_columns, ==, 2);
  const char *expected[][2] = {
    { "Solutions asked for", "2" },
    { "Awaiting an answer", "1" },
    { "Selected", "1" },
    { "Deal intentions", "1" },
    { "Under negotiation", "1" },
  };
  g_assert_cmpuint (t->rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      char **cells = t->rows->pdata[i];
      g_assert_cmpstr (cells[0], ==, expected[i][0]);
      g_assert_cmpstr (cells[1], ==, expected[i][1]);
      /* Each row opens exactly its records. */
      g_assert_cmpuint (n_listed (f->store, t->filters->pdata[i]), ==,
                        g_ascii_strtoull (cells[1], NULL, 10));
    }

  /* A period before the invitations: none. */
  JbStatsPeriod old = { .today = TODAY };
  char from[11], to[11];
  jb_stats_period_set_year (&old, 2020, from, to);
  g_autoptr (JbStatsTable) none = jb_store_stats_table (f->store, &old, JB_TABLE_INVITATIONS,
                                                        &error);
  g_assert_cmpuint (none->rows->len, ==, 0);
}

static void
on_worker_done (GObject *source, GAsyncResult *result, gpointer data)
{
  JbMatches **out = data;
  g_autoptr (GError) error = NULL;
  *out = jb_match_worker_run_finish (JB_MATCH_WORKER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_worker (Fixture *f, gconstpointer data)
{
  g_autoptr (JbMatchWorker) worker = jb_match_worker_new (f->path);
  JbMatches *m = NULL;
  char today[] = TODAY;
  JbMatchOptions options = { .limit = 3, .today = today };
  jb_match_worker_run_async (worker, JB_KIND_DEMAND, id_of (f, "demand"), &options, NULL,
                             on_worker_done, &m);
  /* The job keeps its own copy of what it was given. */
  memset (today, 'x', sizeof today - 1);
  while (m == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (jb_matches_get (m, JB_KIND_ACHIEVEMENT)->len, <=, 3);
  g_assert_cmpuint (rank (f, m, JB_KIND_ACHIEVEMENT, "best"), ==, 1);
  g_assert_nonnull (find (f, m, JB_KIND_ACHIEVEMENT, "best")->facets[JB_FACET_READINESS].reason);
  jb_matches_free (m);

  /* A dismissal through the window's store reaches the worker. */
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_match_dismiss (f->store, id_of (f, "demand"), JB_KIND_ACHIEVEMENT,
                                   id_of (f, "best"), NULL, &error));
  m = NULL;
  jb_match_worker_run_async (worker, JB_KIND_DEMAND, id_of (f, "demand"), NULL, NULL,
                             on_worker_done, &m);
  while (m == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rank (f, m, JB_KIND_ACHIEVEMENT, "best"), ==, 0);
  jb_matches_free (m);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  test_print_capture_begin ();
  int status = jb_cli_match (f->path, "T-001", NULL, 2);
  g_autofree char *printed = test_print_capture_end ();
  g_assert_cmpint (status, ==, 0);

  g_auto (GStrv) lines = g_strsplit (printed, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "kind\trank\tscore\tid\ttitle\tdetail\tshared\tterms\tindustry\t"
                                 "region\treadiness\tprice\tmode\trecord\torganization\t"
                                 "decision\treasons");
  g_auto (GStrv) first = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (first), ==, 17);
  g_assert_cmpstr (first[0], ==, "achievement");
  g_assert_cmpstr (first[1], ==, "1");
  g_assert_cmpstr (first[4], ==, "固态电池电解质界面修饰技术");
  g_assert_cmpstr (first[5], ==, "同济某大学");
  g_assert_true (g_str_has_prefix (first[6], "固态电池电解质界面"));
  /* A decimal point, whatever the locale. */
  g_assert_nonnull (strchr (first[2], '.'));
  g_assert_true (g_str_has_prefix (first[16], "Shares "));
  guint kinds[JB_N_KINDS] = { 0 };
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 17);
      kinds[jb_kind_by_name (cells[0])->id]++;
    }
  g_assert_cmpuint (kinds[JB_KIND_ACHIEVEMENT], ==, 2);
  g_assert_cmpuint (kinds[JB_KIND_ORGANIZATION], ==, 2);
  g_assert_cmpuint (kinds[JB_KIND_PERSON], ==, 1);

  /* An achievement by its number, with --kind; the demands it answers. */
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (f, "best"));
  test_print_capture_begin ();
  status = jb_cli_match (f->path, number, "achievement", 0);
  g_autofree char *demands = test_print_capture_end ();
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (demands, "\ndemand\t1\t"));

  /* Nothing by that name; a kind that is never matched. */
  g_assert_cmpint (jb_cli_match (f->path, "NO-SUCH", NULL, 0), ==, 1);
  g_assert_cmpint (jb_cli_match (f->path, "1", "deal", 0), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/match/ranking", test_ranking);
  ADD ("/match/facets", test_facets);
  ADD ("/match/reasons", test_reasons);
  ADD ("/match/solvers", test_solvers);
  ADD ("/match/reverse", test_reverse);
  ADD ("/match/invite", test_invite);
  ADD ("/match/dismiss", test_dismiss);
  ADD ("/match/answered", test_answered);
  ADD ("/match/dashboard", test_dashboard);
  ADD ("/match/worker", test_worker);
  ADD ("/match/cli", test_cli);
  return g_test_run ();
}

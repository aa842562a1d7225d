/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search and paged tables through the store: the index finds what the LIKE
 * search it replaced found, ranks title matches first, stays right through
 * every kind of write, is built for an older database; JbQuery's pages,
 * positions and orders agree with a full sorted list. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uiter.h>

#include "jb-exchange.h"
#include "jb-query.h"
#include "jb-schema.h"
#include "jb-store.h"
#include "test-util.h"

typedef TestStoreFixture Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  test_store_fixture_set_up (f, "jb-search-XXXXXX", "test.db");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_store_fixture_tear_down (f);
}

static void
assert_index_right (JbStore *store)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_check_index (store, &error));
  g_assert_no_error (error);
}

static void
import_sample (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (JB_TEST_SRCDIR, "data", "sample",
                                            "jiebang-sample.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_assert_true (jb_exchange_import (f->store, file, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static JbRecord *
save (JbStore *store, JbRecord *record)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_save (store, record, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return record;
}

static JbRecord *
new_org (JbStore *store, const char *name)
{
  JbRecord *r = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (r, "name", name);
  jb_record_set_text_by_name (r, "kind", "enterprise");
  return save (store, r);
}

static JbRecord *
new_demand (JbStore *store, JbRecord *owner, const char *title, const char *keywords)
{
  JbRecord *r = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (r, "title", title);
  jb_record_set_text_by_name (r, "keywords", keywords);
  jb_record_set_int_by_name (r, "owner_id", jb_record_get_id (owner));
  jb_record_set_text_by_name (r, "status", "draft");
  return save (store, r);
}

/* The row ids a search finds, sorted. */
static GArray *
found (JbStore *store, JbKindId kind, const char *query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = jb_store_list (store, kind, query, &error);
  g_assert_no_error (error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = jb_record_get_id (g_ptr_array_index (rows, i));
      g_array_append_val (ids, id);
    }
  return ids;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static GArray *
found_sorted (JbStore *store, JbKindId kind, const char *query)
{
  GArray *ids = found (store, kind, query);
  g_array_sort (ids, compare_ids);
  return ids;
}

/* The search this index replaced: every word of @query (split at spaces) in
 * a searched field, or in the title of a record a searched reference
 * points to, as a substring (LIKE, ASCII letters in any case). */
static GArray *
found_by_like (sqlite3 *db, JbKindId kind_id, const char *query)
{
  const JbKind *kind = jb_kind_get (kind_id);
  g_auto (GStrv) words = g_strsplit (query, " ", -1);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_string_append_printf (sql, "SELECT t.id FROM %s t WHERE 1", kind->name);
  guint n = 0;
  for (guint w = 0; words[w]; w++)
    {
      if (!*words[w])
        continue;
      n++;
      g_string_append (sql, " AND (0");
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          if (!(f->flags & JB_FIELD_SEARCHED))
            continue;
          if (f->type == JB_TYPE_REF)
            {
              const JbKind *target = jb_kind_get (f->ref_kind);
              g_string_append_printf (sql, " OR t.%s IN (SELECT id FROM %s WHERE %s LIKE ?%u)",
                                      f->name, target->name,
                                      target->title, n);
            }
          else
            g_string_append_printf (sql, " OR t.%s LIKE ?%u", f->name, n);
        }
      g_string_append (sql, ")");
    }
  g_string_append (sql, " ORDER BY t.id");
  sqlite3_stmt *stmt;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  n = 0;
  for (guint w = 0; words[w]; w++)
    if (*words[w])
      sqlite3_bind_text (stmt, (int) ++n, g_strdup_printf ("%%%s%%", words[w]), -1, g_free);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

static gboolean
same_ids (GArray *a, GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

static gboolean
subset (GArray *small, GArray *large)
{
  for (guint i = 0, j = 0; i < small->len; i++)
    {
      while (j < large->len && g_array_index (large, gint64, j) < g_array_index (small, gint64, i))
        j++;
      if (j == large->len || g_array_index (large, gint64, j) != g_array_index (small, gint64, i))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_han (gunichar c)
{
  return c >= 0x4E00 && c <= 0x9FFF;
}

/* Every run of 1, 2 and 3 Han characters in @text (at a few places). */
static void
add_cjk_words (GHashTable *queries, const char *text)
{
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, NULL);
  glong n = 0;
  while (chars[n])
    n++;
  for (glong i = 0; i < n; i += 2)
    for (glong len = 1; len <= 3 && i + len <= n; len++)
      {
        gboolean han = TRUE;
        for (glong k = i; k < i + len; k++)
          han = han && is_han (chars[k]);
        if (han)
          g_hash_table_add (queries, g_ucs4_to_utf8 (chars + i, len, NULL, NULL, NULL));
      }
}

/* Whole words of Latin letters and digits in @text. */
static void
add_latin_words (GHashTable *words, const char *text)
{
  g_autoptr (GString) word = g_string_new (NULL);
  for (const char *p = text;; p++)
    {
      if (*p && g_ascii_isalnum (*p))
        {
          g_string_append_c (word, *p);
          continue;
        }
      if (word->len >= 2)
        g_hash_table_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (!*p)
        break;
    }
}

static void
test_like_equivalence (Fixture *f, gconstpointer data)
{
  import_sample (f);
  assert_index_right (f->store);
  sqlite3 *db;
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_autoptr (GHashTable) chinese = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) latin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      g_autoptr (GPtrArray) rows = jb_store_list (f->store, k, NULL, NULL);
      for (guint r = 0; r < rows->len && r < 40; r++)
        {
          g_autoptr (JbRecord) record = jb_store_load (f->store, k, jb_record_get_id (
                                                         g_ptr_array_index (rows, r)), NULL);
          for (guint i = 0; i < kind->n_fields; i++)
            {
              const JbField *fd = &kind->fields[i];
              if (!(fd->flags & JB_FIELD_SEARCHED) || !jb_record_is_set (record, i))
                continue;
              const char *value = fd->type == JB_TYPE_REF ? jb_record_get_ref_name (record, i)
                                                          : jb_record_get_text (record, i);
              if (r < 12)
                add_cjk_words (chinese, value);
              add_latin_words (latin, value);
              if (fd->type == JB_TYPE_TEXT && g_regex_match_simple ("^[A-Za-z0-9][A-Za-z0-9./_-]*$",
                                                                   value, 0, 0))
                g_hash_table_add (codes, g_strdup (value));
            }
        }
    }
  g_assert_cmpuint (g_hash_table_size (chinese), >, 300);
  g_assert_cmpuint (g_hash_table_size (codes), >, 20);
  g_assert_cmpuint (g_hash_table_size (latin), >, 20);

  /* Chinese words of one, two and three characters, and whole codes: the
   * same records as LIKE, in every kind. */
  GHashTable *exact[] = { chinese, codes };
  guint n_found = 0;
  for (guint e = 0; e < G_N_ELEMENTS (exact); e++)
    {
      GHashTableIter iter;
      const char *query;
      g_hash_table_iter_init (&iter, exact[e]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &query, NULL))
        for (guint k = 0; k < JB_N_KINDS; k++)
          {
            g_autoptr (GArray) by_index = found_sorted (f->store, k, query);
            g_autoptr (GArray) by_like = found_by_like (db, k, query);
            if (!same_ids (by_index, by_like))
              g_error ("“%s” in %s: the index finds %u, LIKE %u", query, jb_kind_get (k)->name,
                       by_index->len, by_like->len);
            n_found += by_index->len;
          }
    }
  g_assert_cmpuint (n_found, >, 1000);

  /* Latin words (KrF, MOSFET, SoC…): LIKE finds them inside other words
   * too (soc in Society); the index finds whole words and prefixes. */
  GHashTableIter iter;
  const char *word;
  g_hash_table_iter_init (&iter, latin);
  while (g_hash_table_iter_next (&iter, (gpointer *) &word, NULL))
    for (guint k = 0; k < JB_N_KINDS; k++)
      {
        g_autoptr (GArray) by_index = found_sorted (f->store, k, word);
        g_autoptr (GArray) by_like = found_by_like (db, k, word);
        g_assert_true (subset (by_index, by_like));
      }

  /* Several words, Latin beside Chinese, and the words of a pasted list. */
  const char *mixed[] = { "KrF光刻胶", "碳化硅MOSFET", "4D成像", "光刻胶 国产化", "闵行 电池",
                          "工程化验证", "MEMS 封装" };
  for (guint m = 0; m < G_N_ELEMENTS (mixed); m++)
    {
      g_autoptr (GArray) by_index = found_sorted (f->store, JB_KIND_DEMAND, mixed[m]);
      g_autoptr (GArray) by_like = found_by_like (db, JB_KIND_DEMAND, mixed[m]);
      g_assert_true (same_ids (by_index, by_like));
      g_assert_cmpuint (by_index->len, >, 0);
    }
  g_autoptr (GArray) listed = found_sorted (f->store, JB_KIND_DEMAND, "光刻胶、KrF");
  g_autoptr (GArray) listed_like = found_by_like (db, JB_KIND_DEMAND, "光刻胶 KrF");
  g_assert_true (same_ids (listed, listed_like));

  /* The user's quotes, stars and operators are text, never an error. */
  const char *syntax[] = { "\"光刻胶\"", "光刻胶*", "光刻胶 OR", "NEAR(光刻胶)", "(光刻胶",
                           "光刻胶)", "title:光刻胶", "{title}: 光刻胶", "光刻胶 AND", "-光刻胶",
                           "^光刻胶", "光刻胶 NOT" };
  g_autoptr (GArray) plain = found_sorted (f->store, JB_KIND_DEMAND, "光刻胶");
  g_assert_cmpuint (plain->len, >, 0);
  for (guint s = 0; s < G_N_ELEMENTS (syntax); s++)
    {
      g_autoptr (GArray) ids = found_sorted (f->store, JB_KIND_DEMAND, syntax[s]);
      g_assert_true (subset (ids, plain));
    }
  g_autoptr (GArray) quoted = found_sorted (f->store, JB_KIND_DEMAND, "\"光刻胶\"");
  g_assert_true (same_ids (quoted, plain));
  sqlite3_close (db);
}

static void
test_rank_title_first (Fixture *f, gconstpointer data)
{
  g_autoptr (JbRecord) owner = new_org (f->store, "宁德时代未来能源(上海)研究院");
  g_autoptr (JbRecord) battery_owner = new_org (f->store, "上海电池科技有限公司");
  /* oldest first: title, keywords, the owner's name, then a long title */
  g_autoptr (JbRecord) in_title = new_demand (f->store, owner, "电池热管理", "冷却");
  g_autoptr (JbRecord) in_keywords = new_demand (f->store, owner, "热管理方案", "电池、冷却");
  g_autoptr (JbRecord) by_owner = new_demand (f->store, battery_owner, "冷却液开发", "冷却");
  g_autoptr (JbRecord) long_title = new_demand (f->store, owner,
                                                "高能量密度动力电池系统热失控预警与防护技术研究",
                                                "冷却");
  g_autoptr (JbRecord) none = new_demand (f->store, owner, "冷却塔", "冷却");

  g_autoptr (JbQuery) q = jb_query_new (f->store, JB_KIND_DEMAND);
  jb_query_set_search (q, "电池");
  guint n;
  g_assert_true (jb_query_count (q, &n, NULL));
  g_assert_cmpuint (n, ==, 4);
  g_autoptr (GPtrArray) rows = jb_query_fetch (q, 0, 10, NULL);
  g_assert_cmpuint (rows->len, ==, 4);
  /* the short title, the long one, keywords above the owner's name */
  g_assert_cmpint (jb_record_get_id (g_ptr_array_index (rows, 0)), ==, jb_record_get_id (in_title));
  g_assert_cmpint (jb_record_get_id (g_ptr_array_index (rows, 1)), ==,
                   jb_record_get_id (long_title));
  g_assert_cmpint (jb_record_get_id (g_ptr_array_index (rows, 2)), ==,
                   jb_record_get_id (in_keywords));
  g_assert_cmpint (jb_record_get_id (g_ptr_array_index (rows, 3)), ==, jb_record_get_id (by_owner));

  /* Many matches: the newest are ranked, the rest follow newest first. */
  jb_query_set_limits (q, 2, 3);
  g_autoptr (GPtrArray) capped = jb_query_fetch (q, 0, 10, NULL);
  g_assert_cmpuint (capped->len, ==, 4);
  g_assert_cmpint (jb_record_get_id (g_ptr_array_index (capped, 0)), ==,
                   jb_record_get_id (long_title));
  g_assert_cmpint (jb_record_get_id (g_ptr_array_index (capped, 3)), ==,
                   jb_record_get_id (in_title));
  g_assert_cmpuint (jb_query_position_of (q, jb_record_get_id (in_title), NULL), ==, 3);
  g_assert_cmpuint (jb_query_position_of (q, jb_record_get_id (none), NULL), ==, G_MAXUINT);

  /* highlighting what the table shows, from the query's own search */
  g_autoptr (GArray) ranges = jb_search_highlight (jb_query_get_search (q), "动力电池系统");
  g_assert_cmpuint (ranges->len, ==, 1);
  g_assert_cmpint (g_array_index (ranges, JbTextRange, 0).start, ==, strlen ("动力"));
}

static guint
count (JbStore *store, JbKindId kind, const char *query)
{
  g_autoptr (GArray) ids = found (store, kind, query);
  return ids->len;
}

static void
test_index_follows_writes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) catl = new_org (f->store, "宁德时代未来能源(上海)研究院");
  g_autoptr (JbRecord) boiler = new_org (f->store, "上海锅炉厂有限公司");
  g_autoptr (JbRecord) a = new_demand (f->store, catl, "固态电池电解质界面稳定性研究", "储能");
  g_autoptr (JbRecord) b = new_demand (f->store, boiler, "电站锅炉智能运维", "锅炉");
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "宁德"), ==, 1);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "电"), ==, 2);

  /* an update */
  jb_record_set_text_by_name (a, "title", "钠离子电池正极材料");
  save (f->store, a);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "固态电池"), ==, 0);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "钠离子"), ==, 1);
  /* a change of a field that is not searched leaves the index alone */
  jb_record_set_text_by_name (a, "status", "review");
  save (f->store, a);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "钠离子"), ==, 1);
  assert_index_right (f->store);

  /* the owner renamed: its demands are found by the new name only */
  jb_record_set_text_by_name (catl, "name", "时代新能源研究院");
  save (f->store, catl);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "宁德"), ==, 0);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "时代新能源"), ==, 1);
  g_assert_cmpuint (count (f->store, JB_KIND_ORGANIZATION, "时代新能源"), ==, 1);
  /* another owner */
  jb_record_set_int_by_name (a, "owner_id", jb_record_get_id (boiler));
  save (f->store, a);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "锅炉厂"), ==, 2);
  assert_index_right (f->store);

  /* a rollback takes the index back with the records */
  g_assert_true (jb_store_begin (f->store, NULL));
  jb_record_set_text_by_name (b, "title", "氢能燃烧器");
  g_assert_true (jb_store_save (f->store, b, JB_SAVE_DEFAULT, NULL));
  g_object_unref (new_demand (f->store, catl, "氢能储运", "氢"));
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "氢能"), ==, 2);
  jb_store_rollback (f->store);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "氢能"), ==, 0);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "电站锅炉"), ==, 1);
  assert_index_right (f->store);

  /* a delete */
  g_assert_true (jb_store_delete (f->store, JB_KIND_DEMAND, jb_record_get_id (b), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "电站"), ==, 0);

  /* a deal's payments go with it, and out of the index */
  g_autoptr (JbRecord) deal = jb_record_new (JB_KIND_DEAL);
  jb_record_set_text_by_name (deal, "title", "固态电解质联合开发合同");
  jb_record_set_int_by_name (deal, "demand_side_id", jb_record_get_id (catl));
  jb_record_set_int_by_name (deal, "supply_side_id", jb_record_get_id (boiler));
  jb_record_set_text_by_name (deal, "stage", "intention");
  save (f->store, deal);
  g_autoptr (JbRecord) payment = jb_record_new (JB_KIND_PAYMENT);
  jb_record_set_int_by_name (payment, "deal_id", jb_record_get_id (deal));
  jb_record_set_text_by_name (payment, "milestone", "首付款");
  jb_record_set_text_by_name (payment, "due_date", "2023-03-01");
  jb_record_set_int_by_name (payment, "amount", 100000);
  save (f->store, payment);
  g_assert_cmpuint (count (f->store, JB_KIND_PAYMENT, "联合开发 首付"), ==, 1);
  /* a deal renamed: its payments are found by the new title */
  jb_record_set_text_by_name (deal, "title", "固态电解质技术许可合同");
  save (f->store, deal);
  g_assert_cmpuint (count (f->store, JB_KIND_PAYMENT, "技术许可"), ==, 1);
  g_assert_cmpuint (count (f->store, JB_KIND_PAYMENT, "联合开发"), ==, 0);
  /* both sides are the same organization, renamed */
  jb_record_set_int_by_name (deal, "supply_side_id", jb_record_get_id (catl));
  save (f->store, deal);
  jb_record_set_text_by_name (catl, "name", "新能源研究院");
  save (f->store, catl);
  g_assert_cmpuint (count (f->store, JB_KIND_DEAL, "新能源研究院"), ==, 1);
  assert_index_right (f->store);
  g_assert_true (jb_store_delete (f->store, JB_KIND_DEAL, jb_record_get_id (deal), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (f->store, JB_KIND_PAYMENT, "首付款"), ==, 0);
  assert_index_right (f->store);
}

static void
test_index_after_import (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  import_sample (f);
  assert_index_right (f->store);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "KrF光刻胶"), >, 0);

  /* The same file with an organization renamed and newer: an import into a
   * full database updates the index of the records that refer to it. */
  g_autofree char *path = g_build_filename (JB_TEST_SRCDIR, "data", "sample",
                                            "jiebang-sample.xml", NULL);
  g_autofree char *xml = NULL;
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_autoptr (GPtrArray) orgs = jb_store_list (f->store, JB_KIND_ORGANIZATION, "威高 国际研究院",
                                              NULL);
  g_assert_cmpuint (orgs->len, ==, 1);
  JbRecord *org = g_ptr_array_index (orgs, 0);
  const char *name = jb_record_get_text_by_name (org, "name");
  guint n_demands = count (f->store, JB_KIND_DEMAND, name);
  g_assert_cmpuint (n_demands, >, 0);
  g_autoptr (JbRecord) saved = jb_store_load (f->store, JB_KIND_ORGANIZATION,
                                              jb_record_get_id (org), NULL);
  const char *updated = jb_record_get_updated (saved);
  g_autofree char *name_element = g_strdup_printf ("<name>%s</name>", name);
  g_autofree char *renamed = g_strdup_printf ("<name>%s</name>", "威高齐鲁研究中心");
  g_autoptr (GString) changed = g_string_new (xml);
  g_assert_cmpuint (g_string_replace (changed, name_element, renamed, 1), ==, 1);
  /* the organization's updated time, a year on */
  const char *at = strstr (changed->str, renamed);
  const char *open = g_strrstr_len (changed->str, at - changed->str, "updated=\"");
  g_assert_nonnull (open);
  g_assert_true (g_str_has_prefix (open + strlen ("updated=\""), updated));
  changed->str[open - changed->str + strlen ("updated=\"") + 3] += 1;
  g_autoptr (GBytes) bytes = g_bytes_new (changed->str, changed->len);
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  JbImportSummary summary;
  g_assert_true (jb_exchange_import_stream (f->store, stream, "changed.xml", -1, NULL, NULL, NULL,
                                            &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.updated, ==, 1);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "威高齐鲁研究中心"), ==, n_demands);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, name), ==, 0);
  assert_index_right (f->store);

  /* a failed import leaves the index as it was */
  g_autoptr (GBytes) broken = g_bytes_new_static (changed->str, changed->len / 2);
  g_autoptr (GInputStream) broken_stream = g_memory_input_stream_new_from_bytes (broken);
  g_assert_false (jb_exchange_import_stream (f->store, broken_stream, "broken.xml", -1, NULL,
                                             NULL, NULL, NULL, NULL));
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "威高齐鲁研究中心"), ==, n_demands);
  assert_index_right (f->store);
  /* and a save after an import works as before */
  g_object_unref (new_demand (f->store, org, "人工关节表面涂层", "涂层"));
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "人工关节"), >=, 1);
  assert_index_right (f->store);
}

static int
count_rows (void *user_data, int n, char **values, char **names)
{
  *(int *) user_data = atoi (values[0]);
  return 0;
}

typedef struct {
  guint calls;
  double last;
  gboolean increasing;
} Progress;

static void
on_progress (double fraction, gpointer user_data)
{
  Progress *p = user_data;
  p->increasing = p->increasing && fraction >= p->last;
  p->last = fraction;
  p->calls++;
}

static void
cancel_on_progress (double fraction, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_migrate_builds_index (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-migrate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v3.db", NULL);
  sqlite3 *db;

  /* A database of schema 3, as the previous Jiebang left it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 0; v < 3; v++)
    g_assert_cmpint (sqlite3_exec (db, jb_schema_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_string_append_printf (sql, "PRAGMA application_id = %d; PRAGMA user_version = 3; BEGIN;",
                          JB_APPLICATION_ID);
  g_string_append (sql, "INSERT INTO organization (id, uuid, created, updated, name, kind) "
                        "VALUES (1, 'o1', '2022-01-01', '2022-01-01', '上海锅炉厂有限公司', "
                        "'enterprise');");
  for (int i = 1; i <= 3000; i++)
    g_string_append_printf (sql, "INSERT INTO demand (uuid, created, updated, code, title, "
                            "owner_id, status) VALUES ('d%d', '2022-01-01', '2022-01-01', "
                            "'MH-%04d', '%s', 1, 'draft');", i, i,
                            i % 3 ? "电站锅炉智能运维" : "Hydrogen burner");
  g_string_append (sql, "COMMIT");
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* Cancelled: no index, and the file still opens later. */
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_assert_null (jb_store_open_full (path, cancellable, cancel_on_progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  Progress progress = { 0, 0, TRUE };
  g_autoptr (JbStore) store = jb_store_open_full (path, NULL, on_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >, 1);
  g_assert_true (progress.increasing);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  g_assert_cmpuint (count (store, JB_KIND_DEMAND, "电站"), ==, 2000);
  g_assert_cmpuint (count (store, JB_KIND_DEMAND, "锅炉厂"), ==, 3000); /* by owner */
  g_assert_cmpuint (count (store, JB_KIND_DEMAND, "hydrogen"), ==, 1000);
  g_assert_cmpuint (count (store, JB_KIND_DEMAND, "MH-0012"), ==, 1);
  g_assert_cmpuint (count (store, JB_KIND_DEMAND, "MH-001"), ==, 10);
  assert_index_right (store);
  g_clear_object (&store);

  /* Opening it again builds nothing. */
  progress.calls = 0;
  store = jb_store_open_full (path, NULL, on_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, ==, 0);
  g_clear_object (&store);

  int n = -1;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA user_version", count_rows, &n, NULL);
  g_assert_cmpint (n, ==, (int) jb_schema_version);
  sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'demand_sort_title'",
                count_rows, &n, NULL);
  g_assert_cmpint (n, ==, 1);
  sqlite3_close (db);
  jb_store_remove_files (path);
  g_rmdir (dir);
}

/* What the store derives from jb-kind.c follows the code: an index whose
 * recorded definition differs is rebuilt, one the code no longer derives is
 * dropped. */
static void
test_derived_follow_code (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) owner = new_org (f->store, "上海锅炉厂有限公司");
  g_object_unref (new_demand (f->store, owner, "电站锅炉智能运维", "锅炉"));
  g_clear_object (&f->store);

  sqlite3 *db;
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE derived_schema SET definition = 'older' "
                                     "WHERE name = 'demand_search';"
                                     "CREATE INDEX demand_sort_old ON demand (status);"
                                     "INSERT INTO derived_schema VALUES "
                                     "('demand_sort_old', 'index', 'gone');"
                                     "INSERT INTO derived_schema VALUES "
                                     "('x; DROP TABLE demand', 'table', 'hostile')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  Progress progress = { 0, 0, TRUE };
  f->store = jb_store_open_full (f->path, NULL, on_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_cmpuint (count (f->store, JB_KIND_DEMAND, "电站"), ==, 1);
  assert_index_right (f->store);

  int n = -1;
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'demand_sort_old'",
                count_rows, &n, NULL);
  g_assert_cmpint (n, ==, 0);
  sqlite3_exec (db, "SELECT count(*) FROM demand", count_rows, &n, NULL);
  g_assert_cmpint (n, ==, 1);
  sqlite3_close (db);
}

/* ---- orders and pages ---------------------------------------------------- */

/* The sort key of a row's field, as the query should order it. */
typedef struct {
  gint64 number;
  GBytes *text;
  gint64 target;
} Key;

static UCollator *
collator (void)
{
  static UCollator *c;
  if (c == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;
      c = ucol_open ("zh", &status);
      g_assert_true (U_SUCCESS (status));
      ucol_setStrength (c, UCOL_PRIMARY);
    }
  return c;
}

static GBytes *
text_key (const char *text)
{
  guint8 key[48];
  int32_t n = 0;
  if (text)
    {
      UCharIterator iter;
      UErrorCode status = U_ZERO_ERROR;
      uint32_t state[2] = { 0, 0 };
      uiter_setUTF8 (&iter, text, strlen (text));
      n = ucol_nextSortKeyPart (collator (), &iter, state, key, sizeof key, &status);
    }
  return g_bytes_new (key, n);
}

static Key
key_of (JbRecord *record, guint field)
{
  const JbField *f = &jb_record_get_kind (record)->fields[field];
  gboolean set = jb_record_is_set (record, field);
  Key key = { 0, NULL, 0 };
  switch (f->type)
    {
    case JB_TYPE_ENUM:
      key.number = set ? jb_enum_index (f->enumeration, jb_record_get_text (record, field)) : -1;
      break;
    case JB_TYPE_INT:
      key.number = set ? jb_record_get_int (record, field) : MIN (f->min, 0) - 1;
      break;
    case JB_TYPE_MONEY:
    case JB_TYPE_BOOL:
      key.number = set ? jb_record_get_int (record, field) : -1;
      break;
    case JB_TYPE_DATE:
      key.text = g_bytes_new (set ? jb_record_get_text (record, field) : "",
                              set ? strlen (jb_record_get_text (record, field)) : 0);
      break;
    case JB_TYPE_REF:
      key.text = text_key (set ? jb_record_get_ref_name (record, field) : NULL);
      key.target = set ? jb_record_get_int (record, field) : 0;
      break;
    default:
      key.text = text_key (set ? jb_record_get_text (record, field) : NULL);
      break;
    }
  return key;
}

static int
compare_keys (Key *a, Key *b)
{
  int c = a->text ? g_bytes_compare (a->text, b->text)
                  : (a->number > b->number) - (a->number < b->number);
  return c ? c : (a->target > b->target) - (a->target < b->target);
}

/* @rows are in the order of @field (ids breaking ties). */
static void
assert_sorted (GPtrArray *rows, guint field, gboolean descending)
{
  for (guint i = 1; i < rows->len; i++)
    {
      JbRecord *a = g_ptr_array_index (rows, i - 1), *b = g_ptr_array_index (rows, i);
      Key ka = key_of (a, field), kb = key_of (b, field);
      int c = compare_keys (&ka, &kb);
      if (c == 0)
        c = (jb_record_get_id (a) > jb_record_get_id (b)) -
            (jb_record_get_id (a) < jb_record_get_id (b));
      if (descending)
        c = -c;
      if (c >= 0)
        g_error ("%s: row %u (id %" G_GINT64_FORMAT ") is not before row %u (id %" G_GINT64_FORMAT
                 ")", jb_record_get_kind (a)->fields[field].name, i - 1, jb_record_get_id (a), i,
                 jb_record_get_id (b));
      g_clear_pointer (&ka.text, g_bytes_unref);
      g_clear_pointer (&kb.text, g_bytes_unref);
    }
}

static gboolean
collect (JbRecord *record, gpointer user_data, GError **error)
{
  g_ptr_array_add (user_data, g_object_ref (record));
  return TRUE;
}

/* Pages, the stream and positions of @q agree; returns every row. */
static GPtrArray *
check_pages (JbQuery *q)
{
  g_autoptr (GError) error = NULL;
  guint n;
  g_assert_true (jb_query_count (q, &n, &error));
  g_assert_no_error (error);
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  g_assert_true (jb_query_foreach (q, collect, all, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, n);

  /* pages of 7 from the start, then single rows from the end backwards */
  for (guint start = 0; start < n; start += 7)
    {
      g_autoptr (GPtrArray) page = jb_query_fetch (q, start, 7, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (7, n - start));
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (jb_record_get_id (g_ptr_array_index (page, i)), ==,
                         jb_record_get_id (g_ptr_array_index (all, start + i)));
    }
  for (guint i = n; i-- > 0 && i + 40 > n;)
    {
      g_autoptr (GPtrArray) one = jb_query_fetch (q, i, 1, &error);
      g_assert_cmpuint (one->len, ==, 1);
      g_assert_cmpint (jb_record_get_id (g_ptr_array_index (one, 0)), ==,
                       jb_record_get_id (g_ptr_array_index (all, i)));
    }
  g_autoptr (GPtrArray) past = jb_query_fetch (q, n, 10, &error);
  g_assert_cmpuint (past->len, ==, 0);
  for (guint i = 0; i < n; i += 1 + n / 50)
    g_assert_cmpuint (jb_query_position_of (q, jb_record_get_id (g_ptr_array_index (all, i)),
                                            &error), ==, i);
  g_assert_cmpuint (jb_query_position_of (q, -5, &error), ==, G_MAXUINT);
  g_assert_no_error (error);
  return all;
}

static gboolean
same_order (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (jb_record_get_id (g_ptr_array_index (a, i)) != jb_record_get_id (g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static void
fill_varied (JbStore *store)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  const char *names[] = { "张江实验室", "阿里云", "北京大学", "Zeta Labs", "alpha tech", "ABC 公司",
                          "abc 研究所", "中科院上海微系统所", "储能联盟" };
  const char *titles[] = { "电池热管理", "芯片封装", "储能系统集成", "Hydrogen burner",
                           "hydrogen storage", "固态电池电解质", "阿胶提取工艺", "中药配方颗粒" };
  g_autoptr (GPtrArray) orgs = g_ptr_array_new_with_free_func (g_object_unref);
  g_assert_true (jb_store_begin (store, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (orgs, new_org (store, names[i]));
  for (guint i = 0; i < 240; i++)
    {
      JbRecord *owner = g_ptr_array_index (orgs, g_rand_int_range (rand, 0, orgs->len));
      g_autofree char *title = g_strdup_printf ("%s %u", titles[g_rand_int_range (rand, 0, 8)],
                                                g_rand_int_range (rand, 0, 30));
      g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
      jb_record_set_text_by_name (d, "title", title);
      jb_record_set_int_by_name (d, "owner_id", jb_record_get_id (owner));
      jb_record_set_text_by_name (d, "status",
                                  jb_enum_demand_status.values[g_rand_int_range (rand, 0, 7)].code);
      if (g_rand_int_range (rand, 0, 4))
        jb_record_set_text_by_name (d, "industry",
                                    jb_enum_industry.values[g_rand_int_range (rand, 0, 15)].code);
      if (g_rand_int_range (rand, 0, 4))
        jb_record_set_int_by_name (d, "investment", g_rand_int_range (rand, 0, 5) * 1000000);
      if (g_rand_int_range (rand, 0, 4))
        {
          g_autofree char *date = g_strdup_printf ("2023-%02d-01", g_rand_int_range (rand, 1, 4));
          jb_record_set_text_by_name (d, "deadline", date);
        }
      g_autoptr (GError) error = NULL;
      g_assert_true (jb_store_save (store, d, JB_SAVE_DEFAULT, &error));
    }
  g_assert_true (jb_store_commit (store, NULL));
}

static void
test_orders_and_pages (Fixture *f, gconstpointer data)
{
  fill_varied (f->store);
  const JbKind *kind = jb_kind_get (JB_KIND_DEMAND);
  /* many rows found and few (a search of few is sorted whole) */
  const char *searches[] = { NULL, "电池", "hydrogen", "电", "中药 1" };

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    for (int i = -2; i < (int) kind->n_fields; i++)
      for (int desc = 0; desc < 2; desc++)
        {
          const char *field = i == -2 ? NULL : i == -1 ? "id" : kind->fields[i].name;
          if (i >= 0 && !(kind->fields[i].flags & JB_FIELD_LISTED))
            continue;
          /* the same order from every plan: in memory, by index, ranked… */
          g_autoptr (JbQuery) whole = jb_query_new (f->store, JB_KIND_DEMAND);
          g_autoptr (JbQuery) paged = jb_query_new (f->store, JB_KIND_DEMAND);
          jb_query_set_search (whole, searches[s]);
          jb_query_set_search (paged, searches[s]);
          g_assert_true (jb_query_set_order (whole, field, desc));
          g_assert_true (jb_query_set_order (paged, field, desc));
          jb_query_set_limits (paged, 5, 5);
          g_autoptr (GPtrArray) a = check_pages (whole);
          g_autoptr (GPtrArray) b = check_pages (paged);
          g_assert_cmpuint (a->len, >, 0);
          if (i >= 0)
            {
              assert_sorted (a, i, desc);
              g_assert_true (same_order (a, b));
            }
          else if (field || !searches[s])
            g_assert_true (same_order (a, b));
          /* newest first by default, oldest first reversed */
          if (!field && !searches[s])
            g_assert_cmpint (jb_record_get_id (g_ptr_array_index (a, 0)) >
                             jb_record_get_id (g_ptr_array_index (a, a->len - 1)), ==, !desc);
        }

  /* a filter with a search and an order */
  g_autoptr (JbFilter) filter = jb_filter_new (JB_KIND_DEMAND, "drafts");
  jb_filter_add (filter, JB_MATCH_EQUALS, "status", "draft");
  g_autoptr (JbQuery) q = jb_query_new (f->store, JB_KIND_DEMAND);
  jb_query_set_filter (q, filter);
  jb_query_set_search (q, "电");
  g_assert_true (jb_query_set_order (q, "owner_id", FALSE));
  jb_query_set_limits (q, 3, 3);
  g_autoptr (GPtrArray) drafts = check_pages (q);
  for (guint i = 0; i < drafts->len; i++)
    g_assert_cmpstr (jb_record_get_text_by_name (g_ptr_array_index (drafts, i), "status"), ==,
                     "draft");
  assert_sorted (drafts, jb_kind_field_index (kind, "owner_id"), FALSE);
  g_assert_false (jb_query_set_order (q, "problem", FALSE)); /* not listed */
  g_assert_false (jb_query_set_order (q, "nonsense", FALSE));
}

/* Every listed field of every kind sorts, with and without a search. */
static void
test_every_order (Fixture *f, gconstpointer data)
{
  import_sample (f);
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      for (guint i = 0; i < kind->n_fields; i++)
        {
          if (!(kind->fields[i].flags & JB_FIELD_LISTED))
            continue;
          for (int s = 0; s < 2; s++)
            for (int desc = 0; desc < 2; desc++)
              {
                g_autoptr (JbQuery) q = jb_query_new (f->store, k);
                jb_query_set_search (q, s ? "上海" : NULL);
                g_assert_true (jb_query_set_order (q, kind->fields[i].name, desc));
                jb_query_set_limits (q, 4, 4);
                g_autoptr (GPtrArray) rows = check_pages (q);
                assert_sorted (rows, i, desc);
              }
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/search/" path, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("like-equivalence", test_like_equivalence);
  ADD ("rank-title-first", test_rank_title_first);
  ADD ("index-follows-writes", test_index_follows_writes);
  ADD ("index-after-import", test_index_after_import);
  ADD ("derived-follow-code", test_derived_follow_code);
  ADD ("orders-and-pages", test_orders_and_pages);
  ADD ("every-order", test_every_order);
  g_test_add_func ("/search/migrate-builds-index", test_migrate_builds_index);
  return g_test_run ();
}

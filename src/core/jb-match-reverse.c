/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-reverse.c: the other way round (jb-match.h): the open demands
 * that an achievement or an organization could answer, found by the
 * subject's words in the demands' titles and keywords (their long texts are
 * not indexed) and re-ranked by the facets seen from the supply side. */
#include "config.h"

#include "jb-match-private.h"

/* The other side's facets of a demand for the subject. */
static void
demand_facets (JbMatchRun *run, JbMatchResult *r, JbRecord *d, double share,
               GHashTable *industries, gboolean explain)
{
  const JbMatchWeights *w = run->w;
  JbRecord *subject = run->subject;
  gboolean achievement = jb_record_get_kind_id (subject) == JB_KIND_ACHIEVEMENT;
  JbRecord *owner = achievement
                    ? jb_match_run_organization (run, jb_record_get_int_by_name (subject,
                                                                                 "owner_id"))
                    : subject;
  const char *industry = jb_record_get_text_by_name (d, "industry");

  r->facets[JB_FACET_TERMS].points = jb_match_run_terms_points (run, share);
  /* An organization's fields are those of its achievements. */
  jb_match_facet_industry (&r->facets[JB_FACET_INDUSTRY], industry,
                           achievement ? jb_record_get_text_by_name (subject, "industry")
                           : industry && g_hash_table_contains (industries, industry) ? industry
                           : NULL, w, explain);
  jb_match_facet_region (&r->facets[JB_FACET_REGION], jb_record_get_text_by_name (d, "province"),
                         owner ? jb_record_get_text_by_name (owner, "province") : NULL, w,
                         explain);
  jb_match_facet_readiness (&r->facets[JB_FACET_READINESS],
                            achievement ? (int) jb_record_get_int_by_name (subject, "trl") : 0,
                            jb_record_get_text_by_name (d, "deadline"), run->today, TRUE, w,
                            explain);
  if (achievement)
    {
      guint price = jb_match_field (subject, "asking_price");
      jb_match_facet_price (&r->facets[JB_FACET_PRICE],
                            jb_record_is_set (subject, price) ? jb_record_get_int (subject, price)
                                                              : -1,
                            jb_record_get_int_by_name (d, "investment"), w, explain);
      jb_match_facet_mode (&r->facets[JB_FACET_MODE], jb_record_get_text_by_name (d, "coop_mode"),
                           jb_record_get_text_by_name (subject, "transfer_mode"), w, explain);
    }
  jb_match_result_total (r);
}

gboolean
jb_match_run_reverse (JbMatchRun *run, JbRecord *subject, GError **error)
{
  const JbMatchWeights *w = run->w;
  gboolean achievement = jb_record_get_kind_id (subject) == JB_KIND_ACHIEVEMENT;
  g_autoptr (GHashTable) industries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
  gint64 owner_id = achievement ? jb_record_get_int_by_name (subject, "owner_id")
                                : jb_record_get_id (subject);

  /* The subject's words: an achievement's own, or an organization's
   * achievements and solutions. */
  if (achievement)
    {
      jb_match_query_add (run->q, jb_record_get_text_by_name (subject, "title"),
                          w->achievement_title, 0);
      jb_match_query_add (run->q, jb_record_get_text_by_name (subject, "summary"),
                          w->achievement_summary, 0);
    }
  else
    {
      g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      if (!jb_store_match_organization_texts (run->store, owner_id, w->organization_texts, texts,
                                              fields, error))
        return FALSE;
      for (guint i = 0; i + 1 < texts->len; i += 2)
        {
          jb_match_query_add (run->q, texts->pdata[i], w->achievement_title, 0);
          jb_match_query_add (run->q, texts->pdata[i + 1], w->achievement_summary, 0);
        }
      for (guint i = 0; i < fields->len; i++)
        g_hash_table_add (industries, g_strdup (fields->pdata[i]));
    }

  JbMatchColumn columns[4];
  guint n_columns;
  jb_match_columns (w, JB_KIND_DEMAND, columns, &n_columns);
  if (!jb_match_run_select (run, JB_KIND_DEMAND, error))
    return FALSE;
  g_autoptr (GArray) hits = jb_match_run_search (run, JB_KIND_DEMAND, columns, n_columns, error);
  if (hits == NULL)
    return FALSE;

  GPtrArray *results = jb_matches_get (run->matches, JB_KIND_DEMAND);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              jb_match_result_free);
  g_autoptr (GHashTable) shares = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GHashTable) demands = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  for (guint i = 0; i < hits->len; i++)
    {
      JbMatchHit *hit = &g_array_index (hits, JbMatchHit, i);
      if (jb_match_run_share (run, hit->score, columns, n_columns) < w->min_share)
        continue;
      JbRecord *d = jb_store_load (run->store, JB_KIND_DEMAND, hit->id, NULL);
      /* Only demands still open to answers, and not the subject's own. */
      if (d == NULL || jb_record_get_int_by_name (d, "owner_id") == owner_id ||
          !jb_enum_has_flag (&jb_enum_demand_status, jb_record_get_text_by_name (d, "status"),
                             JB_VALUE_UNMATCHED))
        {
          g_clear_object (&d);
          continue;
        }
      double *share = g_new (double, 1);
      *share = jb_match_run_share (run, hit->score, columns, n_columns);
      JbMatchResult *r = jb_match_result_new (JB_KIND_DEMAND, d);
      demand_facets (run, r, d, *share, industries, FALSE);
      if (!jb_match_run_decide (run, r, r->uuid))
        {
          jb_match_result_free (r);
          g_object_unref (d);
          g_free (share);
          continue;
        }
      g_hash_table_insert (shares, r, share);
      g_hash_table_insert (demands, r, d);
      g_ptr_array_add (all, r);
    }
  jb_match_run_keep_best (run, all);
  for (guint i = 0; i < all->len; i++)
    {
      JbMatchResult *r = all->pdata[i];
      JbRecord *d = g_hash_table_lookup (demands, r);
      demand_facets (run, r, d, *(double *) g_hash_table_lookup (shares, r), industries, TRUE);
      r->context = g_strdup (jb_record_get_ref_name (d, jb_match_field (d, "owner_id")));
      r->via_id = jb_record_get_int_by_name (d, "owner_id");
      g_autoptr (GHashTable) found = g_hash_table_new (NULL, NULL);
      jb_match_query_find (run->q, jb_record_get_text_by_name (d, "title"), found);
      jb_match_query_find (run->q, jb_record_get_text_by_name (d, "keywords"), found);
      jb_match_result_set_terms (run, r, found, FALSE);
      g_ptr_array_add (results, g_ptr_array_steal_index (all, i--));
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-results.c: what a run of matching returns (jb-match.h) — the
 * results and their reasons — and how a run keeps the best of them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-match-private.h"

JbMatchResult *
jb_match_result_new (JbKindId kind, JbRecord *record)
{
  JbMatchResult *r = g_new0 (JbMatchResult, 1);
  r->kind = kind;
  r->id = jb_record_get_id (record);
  r->uuid = g_strdup (jb_record_get_uuid (record));
  r->title = jb_record_get_heading (record);
  return r;
}

void
jb_match_result_free (JbMatchResult *r)
{
  if (r == NULL)
    return;
  g_free (r->uuid);
  g_free (r->title);
  g_free (r->context);
  for (guint f = 0; f < JB_N_FACETS; f++)
    g_free (r->facets[f].reason);
  g_strfreev (r->terms);
  g_free (r->decided_at);
  g_free (r->dismiss_reason);
  g_clear_pointer (&r->highlight, jb_search_unref);
  g_free (r);
}

void
jb_match_result_total (JbMatchResult *r)
{
  r->score = 0;
  for (guint f = 0; f < JB_N_FACETS; f++)
    r->score += r->facets[f].points;
}

char *
jb_match_result_explain (const JbMatchResult *r)
{
  GString *s = g_string_new (NULL);
  for (guint f = 0; f < JB_N_FACETS; f++)
    if (r->facets[f].reason)
      /* TRANSLATORS: between the reasons of a match */
      g_string_append_printf (s, "%s%s", s->len ? _("; ") : "", r->facets[f].reason);
  return g_string_free (s, FALSE);
}

void
jb_matches_free (JbMatches *m)
{
  if (m == NULL)
    return;
  g_free (m->subject_title);
  g_clear_pointer (&m->query, jb_search_unref);
  for (guint k = 0; k < JB_N_KINDS; k++)
    g_clear_pointer (&m->results[k], g_ptr_array_unref);
  g_free (m);
}

GPtrArray *
jb_matches_get (JbMatches *m, JbKindId kind)
{
  g_return_val_if_fail (kind < JB_N_KINDS, NULL);
  if (m->results[kind] == NULL)
    m->results[kind] = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_match_result_free);
  return m->results[kind];
}

static int
by_score (gconstpointer a, gconstpointer b)
{
  const JbMatchResult *x = *(JbMatchResult **) a, *y = *(JbMatchResult **) b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

void
jb_match_run_keep_best (JbMatchRun *run, GPtrArray *results)
{
  g_ptr_array_sort (results, by_score);
  if (results->len > run->limit)
    g_ptr_array_set_size (results, run->limit);
}

JbMatchTop
jb_match_top_init (guint limit)
{
  JbMatchTop top = { limit, g_array_new (FALSE, FALSE, sizeof (double)) };
  return top;
}

static int
descending (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x > y ? -1 : x < y;
}

void
jb_match_top_add (JbMatchTop *top, double score)
{
  g_array_append_val (top->scores, score);
  g_array_sort (top->scores, descending);
  if (top->scores->len > top->limit)
    g_array_set_size (top->scores, top->limit);
}

double
jb_match_top_bar (const JbMatchTop *top)
{
  return top->scores->len < top->limit ? -G_MAXDOUBLE
         : g_array_index (top->scores, double, top->limit - 1);
}

void
jb_match_top_clear (JbMatchTop *top)
{
  g_clear_pointer (&top->scores, g_array_unref);
}

void
jb_match_candidate_clear (JbMatchCandidate *c)
{
  g_clear_pointer (&c->industry, g_free);
}

void
jb_match_result_set_terms (JbMatchRun *run, JbMatchResult *r, GHashTable *found,
                           gboolean notes)
{
  g_strfreev (r->terms);
  r->terms = jb_match_query_shared (run->q, found, 6);
  g_clear_pointer (&r->highlight, jb_search_unref);
  r->highlight = jb_match_terms_search ((const char * const *) r->terms);
  if (r->terms[0] == NULL)
    return;
  /* TRANSLATORS: between the terms a match shares: "固态电池, 电解液" */
  g_autofree char *list = g_strjoinv (C_("list", ", "), r->terms);
  g_free (r->facets[JB_FACET_TERMS].reason);
  r->facets[JB_FACET_TERMS].reason = notes ? g_strdup_printf (_("Notes mention %s"), list)
                                           : g_strdup_printf (_("Shares %s"), list);
}

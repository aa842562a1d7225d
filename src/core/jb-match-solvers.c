/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-solvers.c: the organizations and experts for a demand
 * (jb-match.h).  An organization scores by its evidence: its achievements
 * that the demand's words found, and its solutions to demands like this
 * one (found by the same words in the solution's and its demand's titles),
 * a selected solution above a declined one; the best piece counts whole,
 * the next ones less and less (JbMatchWeights.evidence_decay).  Then its
 * region and track record, as for an achievement's owner.  An expert
 * scores by a share of their organization's score and by their notes. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-match-private.h"

typedef struct {
  double value;         /* the share of the demand's words, × the solution's status */
  const char *industry;
  const char *title;    /* a solution's; an achievement's is read when needed */
  gboolean achievement;
  gboolean selected;
  gint64 id;
} Evidence;

typedef struct {
  gint64 id;
  GArray *evidence;     /* Evidence, best first once scored */
  double share;
  gboolean in_field;
  JbMatchResult *result;
} Solver;

static void
solver_free (Solver *s)
{
  g_array_unref (s->evidence);
  jb_match_result_free (s->result);
  g_free (s);
}

static Solver *
solver_for (GHashTable *solvers, gint64 id)
{
  Solver *s = g_hash_table_lookup (solvers, &id);
  if (s == NULL)
    {
      s = g_new0 (Solver, 1);
      s->id = id;
      s->evidence = g_array_new (FALSE, FALSE, sizeof (Evidence));
      g_hash_table_insert (solvers, &s->id, s);
    }
  return s;
}

static int
by_value (gconstpointer a, gconstpointer b)
{
  const Evidence *x = a, *y = b;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static double
status_factor (const JbMatchWeights *w, const char *status)
{
  if (jb_enum_has_flag (&jb_enum_solution_status, status, JB_VALUE_SELECTED))
    return w->solution_selected;
  if (g_strcmp0 (status, "shortlisted") == 0)
    return w->solution_shortlisted;
  if (g_strcmp0 (status, "submitted") == 0)
    return w->solution_submitted;
  return w->solution_declined;
}

/* The solutions to demands like this one, as evidence of their solvers. */
static gboolean
add_solutions (JbMatchRun *run, JbRecord *demand, GHashTable *solvers, GPtrArray *keep,
               GError **error)
{
  const JbMatchWeights *w = run->w;
  JbMatchColumn columns[] = { { "title", w->column_title },
                              { "demand_id", w->column_demand_title } };
  g_autoptr (GArray) hits = jb_match_run_search (run, JB_KIND_SOLUTION, columns,
                                                 G_N_ELEMENTS (columns), error);
  if (hits == NULL)
    return FALSE;
  gint64 owner_id = jb_record_get_int_by_name (demand, "owner_id");
  for (guint i = 0; i < hits->len; i++)
    {
      JbMatchHit *hit = &g_array_index (hits, JbMatchHit, i);
      JbMatchSolution *s = g_new0 (JbMatchSolution, 1);
      if (!jb_store_match_solution (run->store, hit->id, s, error))
        {
          g_free (s);
          return FALSE;
        }
      g_ptr_array_add (keep, s);
      /* Its answers to this very demand are no evidence for it; an
       * invitation is none at all. */
      if (s->solver_id == 0 || s->demand_id == jb_record_get_id (demand) ||
          s->solver_id == owner_id ||
          jb_enum_has_flag (&jb_enum_solution_status, s->status, JB_VALUE_INVITED))
        continue;
      Evidence e = {
        .value = jb_match_run_share (run, hit->score, columns, G_N_ELEMENTS (columns)) *
                 status_factor (w, s->status),
        .industry = s->industry,
        .title = s->title,
        .selected = jb_enum_has_flag (&jb_enum_solution_status, s->status, JB_VALUE_SELECTED),
        .id = hit->id,
      };
      g_array_append_val (solver_for (solvers, s->solver_id)->evidence, e);
    }
  return TRUE;
}

static void
match_solution_free (JbMatchSolution *s)
{
  jb_match_solution_clear (s);
  g_free (s);
}

static void
organization_facets (JbMatchRun *run, Solver *s, JbRecord *demand, JbRecord *org,
                     gboolean explain, GError **error)
{
  JbMatchResult *r = s->result;
  r->facets[JB_FACET_TERMS].points = jb_match_run_terms_points (run, s->share);
  if (s->in_field)
    jb_match_facet_industry (&r->facets[JB_FACET_INDUSTRY], run->industry, run->industry,
                             run->w, explain);
  jb_match_facet_region (&r->facets[JB_FACET_REGION],
                         jb_record_get_text_by_name (demand, "province"),
                         jb_record_get_text_by_name (org, "province"), run->w, explain);
  const JbMatchRecord *record = jb_match_run_record (run, s->id, error);
  if (record)
    jb_match_facet_record (&r->facets[JB_FACET_RECORD], record, run->industry, run->w, explain);
  jb_match_result_total (r);
}

/* "2 matching achievements, 1 solution to a similar demand (1 selected)" */
static char *
describe_evidence (Solver *s)
{
  guint achievements = 0, solutions = 0, selected = 0;
  for (guint i = 0; i < s->evidence->len; i++)
    {
      Evidence *e = &g_array_index (s->evidence, Evidence, i);
      if (e->achievement)
        achievements++;
      else
        solutions++;
      selected += e->selected;
    }
  g_autoptr (GString) text = g_string_new (NULL);
  if (achievements)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u matching achievement",
                                               "%u matching achievements", achievements),
                            achievements);
  if (solutions)
    {
      if (text->len)
        g_string_append (text, C_("list", ", "));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u solution to a similar demand",
                                                 "%u solutions to similar demands", solutions),
                              solutions);
    }
  if (selected)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (%u selected)",
                                               " (%u selected)", selected), selected);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
by_result_score (gconstpointer a, gconstpointer b)
{
  const Solver *x = *(Solver **) a, *y = *(Solver **) b;
  if (x->result->score != y->result->score)
    return x->result->score > y->result->score ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* ---- people ------------------------------------------------------------------------- */

static gboolean
add_experts (JbMatchRun *run, GPtrArray *ranked, GError **error)
{
  const JbMatchWeights *w = run->w;
  GPtrArray *results = jb_matches_get (run->matches, JB_KIND_PERSON);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              jb_match_result_free);
  g_autoptr (GHashTable) orgs = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) notes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  guint n_orgs = MAX (run->w->person_organizations, 2 * run->limit);

  for (guint i = 0; i < ranked->len && i < n_orgs; i++)
    {
      Solver *s = ranked->pdata[i];
      g_autoptr (GPtrArray) experts = jb_store_match_experts (run->store, s->id, error);
      if (experts == NULL)
        return FALSE;
      for (guint j = 0; j < experts->len; j++)
        {
          JbRecord *p = experts->pdata[j];
          JbMatchResult *r = jb_match_result_new (JB_KIND_PERSON, p);
          r->via_id = s->id;
          r->context = g_strdup (s->result->title);
          r->facets[JB_FACET_ORGANIZATION].points = w->person_organization_share *
                                                    s->result->score;
          const char *text = jb_record_get_text_by_name (p, "notes");
          g_autoptr (GHashTable) found = g_hash_table_new (NULL, NULL);
          jb_match_query_find (run->q, text, found);
          r->facets[JB_FACET_TERMS].points = w->person_notes_share *
                                             jb_match_run_terms_points
                                               (run, jb_match_query_share (run->q, found));
          gint64 awards = jb_store_match_awards (run->store, r->id);
          if (awards > 0)
            r->facets[JB_FACET_RECORD].points = w->record_points *
                                                MIN (1.0, awards / w->person_awards_full);
          jb_match_result_total (r);
          if (!jb_match_run_decide (run, r, r->uuid))
            {
              jb_match_result_free (r);
              continue;
            }
          g_hash_table_insert (orgs, r, s);
          g_hash_table_insert (notes, r, g_strdup (text));
          /* Explained below, if kept: the terms need the notes. */
          r->facets[JB_FACET_RECORD].reason =
            awards > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d award",
                                                       "%d awards", (gulong) awards),
                                          (int) awards) : NULL;
          g_ptr_array_add (all, r);
        }
    }
  jb_match_run_keep_best (run, all);
  for (guint i = 0; i < all->len; i++)
    {
      JbMatchResult *r = all->pdata[i];
      Solver *s = g_hash_table_lookup (orgs, r);
      r->facets[JB_FACET_ORGANIZATION].reason =
        /* TRANSLATORS: an expert's organization and its score as a match */
        g_strdup_printf (_("Expert at %s (its score %.0f)"), s->result->title,
                         s->result->score);
      g_autoptr (GHashTable) found = g_hash_table_new (NULL, NULL);
      jb_match_query_find (run->q, g_hash_table_lookup (notes, r), found);
      jb_match_result_set_terms (run, r, found, TRUE);
      g_ptr_array_add (results, g_ptr_array_steal_index (all, i--));
    }
  return TRUE;
}

/* ---- organizations ---------------------------------------------------------------- */

/* The titles and summaries of an organization's best evidence into @found. */
static void
find_in_evidence (JbMatchRun *run, Solver *s, GHashTable *found)
{
  for (guint e = 0; e < s->evidence->len && e < 3; e++)
    {
      Evidence *ev = &g_array_index (s->evidence, Evidence, e);
      if (!ev->achievement)
        {
          jb_match_query_find (run->q, ev->title, found);
          continue;
        }
      g_autoptr (JbRecord) a = jb_store_load (run->store, JB_KIND_ACHIEVEMENT, ev->id, NULL);
      if (a)
        {
          jb_match_query_find (run->q, jb_record_get_text_by_name (a, "title"), found);
          jb_match_query_find (run->q, jb_record_get_text_by_name (a, "summary"), found);
        }
    }
}

static int
by_share (gconstpointer a, gconstpointer b)
{
  const Solver *x = *(Solver **) a, *y = *(Solver **) b;
  if (x->share != y->share)
    return x->share > y->share ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

gboolean
jb_match_run_solvers (JbMatchRun *run, JbRecord *demand, GArray *achievements,
                      GError **error)
{
  const JbMatchWeights *w = run->w;
  g_autoptr (GHashTable) solvers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                          (GDestroyNotify) solver_free);
  g_autoptr (GPtrArray) solutions = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                    match_solution_free);

  for (guint i = 0; i < achievements->len; i++)
    {
      JbMatchCandidate *c = &g_array_index (achievements, JbMatchCandidate, i);
      Evidence e = { .value = c->share, .industry = c->industry, .achievement = TRUE,
                     .id = c->id };
      g_array_append_val (solver_for (solvers, c->owner_id)->evidence, e);
    }
  if (!add_solutions (run, demand, solvers, solutions, error))
    return FALSE;

  /* By their evidence first: the facets add at most so much. */
  g_autoptr (GPtrArray) by_words = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, solvers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Solver *s = value;
      g_array_sort (s->evidence, by_value);
      double decay = 1;
      for (guint i = 0; i < s->evidence->len; i++, decay *= w->evidence_decay)
        {
          Evidence *e = &g_array_index (s->evidence, Evidence, i);
          s->share += decay * e->value;
          s->in_field = s->in_field || (run->industry && g_strcmp0 (e->industry,
                                                                    run->industry) == 0);
        }
      if (s->share >= w->min_share)
        g_ptr_array_add (by_words, s);
    }
  g_ptr_array_sort (by_words, by_share);

  /* Scored in full while they may still be among the best shown, or among
   * those whose experts are looked at. */
  double facets_max = w->industry_points + MAX (w->region_province_points,
                                                w->region_delta_points) + w->record_points;
  guint n_experts = MAX (w->person_organizations, 2 * run->limit);
  JbMatchTop top = jb_match_top_init (MAX (run->limit, n_experts));
  g_autoptr (GPtrArray) ranked = g_ptr_array_new ();
  for (guint i = 0; i < by_words->len; i++)
    {
      Solver *s = by_words->pdata[i];
      if (jb_match_run_terms_points (run, s->share) + facets_max < jb_match_top_bar (&top))
        break;
      JbRecord *org = jb_match_run_organization (run, s->id);
      if (org == NULL)
        continue;
      s->result = jb_match_result_new (JB_KIND_ORGANIZATION, org);
      for (guint e = 0; e < s->evidence->len && s->result->via_id == 0; e++)
        if (g_array_index (s->evidence, Evidence, e).achievement)
          s->result->via_id = g_array_index (s->evidence, Evidence, e).id;
      organization_facets (run, s, demand, org, FALSE, error);
      if (error && *error)
        {
          jb_match_top_clear (&top);
          return FALSE;
        }
      jb_match_top_add (&top, s->result->score);
      g_ptr_array_add (ranked, s);
    }
  jb_match_top_clear (&top);
  g_ptr_array_sort (ranked, by_result_score);

  /* The people first: an expert's organization counts even when it is
   * itself dismissed. */
  if (!add_experts (run, ranked, error))
    return FALSE;

  GPtrArray *results = jb_matches_get (run->matches, JB_KIND_ORGANIZATION);
  for (guint i = 0; i < ranked->len && results->len < run->limit; i++)
    {
      Solver *s = ranked->pdata[i];
      JbMatchResult *r = s->result;
      if (!jb_match_run_decide (run, r, r->uuid))
        continue;
      JbRecord *org = jb_match_run_organization (run, s->id);
      organization_facets (run, s, demand, org, TRUE, NULL);
      r->context = g_strdup (jb_enum_label (&jb_enum_org_kind,
                                            jb_record_get_text_by_name (org, "kind")));
      g_autoptr (GHashTable) found = g_hash_table_new (NULL, NULL);
      find_in_evidence (run, s, found);
      jb_match_result_set_terms (run, r, found, FALSE);
      g_autofree char *evidence = describe_evidence (s);
      char **reason = &r->facets[JB_FACET_TERMS].reason;
      g_autofree char *terms = g_steal_pointer (reason);
      /* TRANSLATORS: "Shares 电池, 低温", then the organization's records
       * that share them: "2 matching achievements" */
      *reason = terms ? g_strdup_printf (_("%s, through %s"), terms, evidence)
                      : g_steal_pointer (&evidence);
      g_ptr_array_add (results, g_steal_pointer (&s->result));
    }
  return TRUE;
}

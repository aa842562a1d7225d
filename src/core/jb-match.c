/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match.c: the matcher (jb-match.h): a run for a subject, the search of
 * the other side's index with the subject's terms, and the achievements for
 * a demand.  The organizations and people for a demand are in
 * jb-match-solvers.c, the demands for an achievement or organization in
 * jb-match-reverse.c, the results in jb-match-results.c, the facets in
 * jb-match-facets.c, the decisions in jb-match-decide.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-match-private.h"

struct _JbMatcher {
  GObject parent_instance;
  JbStore *store;
  gulong changed_id;
  gboolean dirty;
  gint64 data_version;
  GHashTable *df[JB_N_KINDS];  /* term → gint64: records of the kind holding it */
  gint64 n_rows[JB_N_KINDS];   /* -1: not counted yet */
};

G_DEFINE_FINAL_TYPE (JbMatcher, jb_matcher, G_TYPE_OBJECT)

/* Where a term counts in the index of each kind matched. */
static const JbMatchColumn achievement_columns_proto[] = { { "title" }, { "summary" } };
static const JbMatchColumn demand_columns_proto[] = { { "title" }, { "keywords" } };

void
jb_match_columns (const JbMatchWeights *w, JbKindId kind, JbMatchColumn *out, guint *n)
{
  if (kind == JB_KIND_ACHIEVEMENT)
    {
      memcpy (out, achievement_columns_proto, sizeof achievement_columns_proto);
      out[0].weight = w->column_title;
      out[1].weight = w->column_summary;
      *n = G_N_ELEMENTS (achievement_columns_proto);
    }
  else
    {
      memcpy (out, demand_columns_proto, sizeof demand_columns_proto);
      out[0].weight = w->column_title;
      out[1].weight = w->column_keywords;
      *n = G_N_ELEMENTS (demand_columns_proto);
    }
}

guint
jb_match_field (JbRecord *record, const char *name)
{
  int i = jb_kind_field_index (jb_record_get_kind (record), name);
  g_assert (i >= 0);
  return (guint) i;
}

/* ---- the matcher ------------------------------------------------------------ */

static void
forget (JbMatcher *self)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      g_hash_table_remove_all (self->df[k]);
      self->n_rows[k] = -1;
    }
}

static void
on_changed (JbMatcher *self)
{
  self->dirty = TRUE;
}

static void
jb_matcher_dispose (GObject *object)
{
  JbMatcher *self = JB_MATCHER (object);
  if (self->store)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (jb_matcher_parent_class)->dispose (object);
}

static void
jb_matcher_finalize (GObject *object)
{
  JbMatcher *self = JB_MATCHER (object);
  for (guint k = 0; k < JB_N_KINDS; k++)
    g_hash_table_unref (self->df[k]);
  G_OBJECT_CLASS (jb_matcher_parent_class)->finalize (object);
}

static void
jb_matcher_class_init (JbMatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jb_matcher_dispose;
  G_OBJECT_CLASS (klass)->finalize = jb_matcher_finalize;
}

static void
jb_matcher_init (JbMatcher *self)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      self->df[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->n_rows[k] = -1;
    }
  self->dirty = TRUE;
}

JbMatcher *
jb_matcher_new (JbStore *store)
{
  JbMatcher *self = g_object_new (JB_TYPE_MATCHER, NULL);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (on_changed), self);
  return self;
}

/* ---- a run ------------------------------------------------------------------ */

static gint64
count_rows (JbMatcher *self, JbKindId kind)
{
  if (self->n_rows[kind] < 0)
    self->n_rows[kind] = jb_store_count (self->store, kind);
  return self->n_rows[kind];
}

typedef struct {
  JbMatchRun *run;
  JbKindId kind;
} DfQuestion;

static gint64
ask_df (const char *term, gpointer user_data, GError **error)
{
  DfQuestion *d = user_data;
  JbMatcher *self = d->run->matcher;
  gint64 *known = g_hash_table_lookup (self->df[d->kind], term);
  if (known)
    return *known;
  gint64 n = jb_store_match_count (self->store, d->kind, term, error);
  if (n >= 0)
    g_hash_table_insert (self->df[d->kind], g_strdup (term), g_memdup2 (&n, sizeof n));
  return n;
}

gboolean
jb_match_run_select (JbMatchRun *run, JbKindId kind, GError **error)
{
  DfQuestion d = { run, kind };
  return jb_match_query_select (run->q, count_rows (run->matcher, kind), run->w, ask_df, &d,
                                error);
}

static double
max_weight (const JbMatchColumn *columns, guint n_columns)
{
  double max = 0;
  for (guint i = 0; i < n_columns; i++)
    max = MAX (max, columns[i].weight);
  return max;
}

GArray *
jb_match_run_search (JbMatchRun *run, JbKindId kind, const JbMatchColumn *columns,
                     guint n_columns, GError **error)
{
  GPtrArray *selected = run->q->selected;
  g_autofree const char **terms = g_new0 (const char *, selected->len + 1);
  g_autofree double *weights = g_new0 (double, selected->len + 1);
  for (guint i = 0; i < selected->len; i++)
    {
      JbMatchTerm *term = selected->pdata[i];
      terms[i] = term->text;
      weights[i] = term->score;
    }
  return jb_store_match_search (run->store, kind, columns, n_columns, terms, weights,
                                selected->len, run->w->bm25_k1, run->w->bm25_b,
                                run->w->candidates, run->cancellable, error);
}

double
jb_match_run_share (JbMatchRun *run, double score, const JbMatchColumn *columns,
                    guint n_columns)
{
  /* A term found once, in the heaviest column, in a text of average length
   * scores its own score times the column's weight. */
  double self = run->q->self_score * max_weight (columns, n_columns);
  return self > 0 ? score / self : 0;
}

double
jb_match_run_terms_points (JbMatchRun *run, double share)
{
  return run->w->terms_points * MIN (1.0, share / run->w->terms_full_share);
}

JbRecord *
jb_match_run_organization (JbMatchRun *run, gint64 id)
{
  JbRecord *org = g_hash_table_lookup (run->organizations, &id);
  if (org == NULL && id > 0 &&
      (org = jb_store_load (run->store, JB_KIND_ORGANIZATION, id, NULL)) != NULL)
    g_hash_table_insert (run->organizations, g_memdup2 (&id, sizeof id), org);
  return org;
}

const JbMatchRecord *
jb_match_run_record (JbMatchRun *run, gint64 id, GError **error)
{
  JbMatchRecord *record = g_hash_table_lookup (run->records, &id);
  if (record)
    return record;
  record = g_new0 (JbMatchRecord, 1);
  if (!jb_store_match_record (run->store, id, run->industry, record, error))
    {
      g_free (record);
      return NULL;
    }
  g_hash_table_insert (run->records, g_memdup2 (&id, sizeof id), record);
  return record;
}

/* ---- achievements for a demand --------------------------------------------- */

/* The facets of an achievement for a demand. */
static void
achievement_facets (JbMatchRun *run, JbMatchResult *r, JbRecord *demand, JbRecord *a,
                    double share, gboolean explain, GError **error)
{
  const JbMatchWeights *w = run->w;
  JbRecord *owner = jb_match_run_organization (run, jb_record_get_int_by_name (a, "owner_id"));
  const char *province = owner ? jb_record_get_text_by_name (owner, "province") : NULL;
  guint price = jb_match_field (a, "asking_price");

  r->facets[JB_FACET_TERMS].points = jb_match_run_terms_points (run, share);
  jb_match_facet_industry (&r->facets[JB_FACET_INDUSTRY],
                           jb_record_get_text_by_name (demand, "industry"),
                           jb_record_get_text_by_name (a, "industry"), w, explain);
  jb_match_facet_region (&r->facets[JB_FACET_REGION],
                         jb_record_get_text_by_name (demand, "province"), province, w, explain);
  jb_match_facet_readiness (&r->facets[JB_FACET_READINESS],
                            (int) jb_record_get_int_by_name (a, "trl"),
                            jb_record_get_text_by_name (demand, "deadline"), run->today, FALSE,
                            w, explain);
  jb_match_facet_price (&r->facets[JB_FACET_PRICE],
                        jb_record_is_set (a, price) ? jb_record_get_int (a, price) : -1,
                        jb_record_get_int_by_name (demand, "investment"), w, explain);
  jb_match_facet_mode (&r->facets[JB_FACET_MODE],
                       jb_record_get_text_by_name (demand, "coop_mode"),
                       jb_record_get_text_by_name (a, "transfer_mode"), w, explain);
  const JbMatchRecord *record = owner ? jb_match_run_record (run, jb_record_get_id (owner), error)
                                      : NULL;
  if (record)
    jb_match_facet_record (&r->facets[JB_FACET_RECORD], record, run->industry, w, explain);
  jb_match_result_total (r);
}

/* The most an achievement's facets may add to its words' points. */
static double
facets_max (const JbMatchWeights *w)
{
  return w->industry_points + MAX (w->region_province_points, w->region_delta_points) +
         w->readiness_points + w->price_points + w->mode_points + w->record_points;
}

static gboolean
run_demand (JbMatchRun *run, JbRecord *demand, GError **error)
{
  const JbMatchWeights *w = run->w;
  const struct {
    const char *field;
    double weight;
  } fields[] = {
    { "title", w->demand_title },
    { "keywords", w->demand_keywords },
    { "key_technology", w->demand_key_technology },
    { "problem", w->demand_problem },
    { "goal", w->demand_goal },
  };
  JbMatchColumn columns[4];
  guint n_columns;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    jb_match_query_add (run->q, jb_record_get_text_by_name (demand, fields[i].field),
                        fields[i].weight, w->synonym_share);
  jb_match_columns (w, JB_KIND_ACHIEVEMENT, columns, &n_columns);
  if (!jb_match_run_select (run, JB_KIND_ACHIEVEMENT, error))
    return FALSE;
  g_autoptr (GArray) hits = jb_match_run_search (run, JB_KIND_ACHIEVEMENT, columns, n_columns,
                                                 error);
  if (hits == NULL)
    return FALSE;

  /* Every achievement found is evidence for its owner (jb-match-solvers.c);
   * an enterprise's own achievements do not answer its demand. */
  gint64 owner_id = jb_record_get_int_by_name (demand, "owner_id");
  g_autoptr (GArray) candidates = g_array_new (FALSE, TRUE, sizeof (JbMatchCandidate));
  g_array_set_clear_func (candidates, (GDestroyNotify) jb_match_candidate_clear);
  for (guint i = 0; i < hits->len; i++)
    {
      JbMatchHit *hit = &g_array_index (hits, JbMatchHit, i);
      JbMatchCandidate c = { hit->id, 0, NULL,
                             jb_match_run_share (run, hit->score, columns, n_columns) };
      if (c.share < w->min_share)
        break;
      if (!jb_store_match_owner (run->store, JB_KIND_ACHIEVEMENT, hit->id, &c.owner_id,
                                 &c.industry, error))
        return FALSE;
      if (c.owner_id == owner_id || c.owner_id == 0)
        {
          jb_match_candidate_clear (&c);
          continue;
        }
      g_array_append_val (candidates, c);
    }

  /* The achievements, best words first, as long as the facets may still
   * bring them among the best shown. */
  GPtrArray *results = jb_matches_get (run->matches, JB_KIND_ACHIEVEMENT);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              jb_match_result_free);
  g_autoptr (GHashTable) records = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_autoptr (GHashTable) shares = g_hash_table_new (NULL, NULL);
  JbMatchTop top = jb_match_top_init (run->limit);
  for (guint i = 0; i < candidates->len; i++)
    {
      JbMatchCandidate *c = &g_array_index (candidates, JbMatchCandidate, i);
      if (jb_match_run_terms_points (run, c->share) + facets_max (w) < jb_match_top_bar (&top))
        break;
      JbRecord *a = jb_store_load (run->store, JB_KIND_ACHIEVEMENT, c->id, error);
      if (a == NULL)
        return FALSE;
      JbMatchResult *r = jb_match_result_new (JB_KIND_ACHIEVEMENT, a);
      r->via_id = c->owner_id;
      g_hash_table_insert (records, r, a);
      g_hash_table_insert (shares, r, c);
      g_ptr_array_add (all, r);
      achievement_facets (run, r, demand, a, c->share, FALSE, error);
      if (error && *error)
        return FALSE;
      if (jb_match_run_decide (run, r, r->uuid))
        jb_match_top_add (&top, r->score);
      else
        r->score = -G_MAXDOUBLE;
    }
  jb_match_top_clear (&top);
  jb_match_run_keep_best (run, all);
  for (guint i = 0; i < all->len; i++)
    {
      JbMatchResult *r = all->pdata[i];
      if (r->score == -G_MAXDOUBLE)
        break;
      JbRecord *a = g_hash_table_lookup (records, r);
      JbMatchCandidate *c = g_hash_table_lookup (shares, r);
      achievement_facets (run, r, demand, a, c->share, TRUE, NULL);
      r->context = g_strdup (jb_record_get_ref_name (a, jb_match_field (a, "owner_id")));
      g_autoptr (GHashTable) found = g_hash_table_new (NULL, NULL);
      jb_match_query_find (run->q, jb_record_get_text_by_name (a, "title"), found);
      jb_match_query_find (run->q, jb_record_get_text_by_name (a, "summary"), found);
      jb_match_result_set_terms (run, r, found, FALSE);
      g_ptr_array_add (results, g_ptr_array_steal_index (all, i--));
    }
  return jb_match_run_solvers (run, demand, candidates, error);
}

/* ---- running ------------------------------------------------------------------ */

static void
state_free (JbMatchState *s)
{
  g_free (s->invited_at);
  g_free (s->created_uuid);
  g_free (s->dismissed_at);
  g_free (s->reason);
  g_free (s);
}

static void
run_clear (JbMatchRun *run)
{
  g_free (run->today);
  g_clear_pointer (&run->q, jb_match_query_free);
  g_clear_pointer (&run->organizations, g_hash_table_unref);
  g_clear_pointer (&run->records, g_hash_table_unref);
  g_clear_pointer (&run->decisions, g_hash_table_unref);
  for (guint k = 0; k < JB_N_KINDS; k++)
    g_clear_pointer (&run->answered[k], g_hash_table_unref);
}

JbMatches *
jb_matcher_run (JbMatcher *self, JbKindId kind, gint64 id, const JbMatchOptions *options,
                GCancellable *cancellable, GError **error)
{
  static const JbMatchOptions no_options = { 0 };
  if (options == NULL)
    options = &no_options;
  if (kind != JB_KIND_DEMAND && kind != JB_KIND_ACHIEVEMENT && kind != JB_KIND_ORGANIZATION)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   _("Only demands, technology achievements and organizations are matched."));
      return NULL;
    }

  /* What the matcher knows of the index holds until a write. */
  gint64 version = jb_store_match_data_version (self->store);
  if (self->dirty || version != self->data_version)
    {
      if (!jb_store_match_register (self->store, error))
        return NULL;
      forget (self);
      self->dirty = FALSE;
      self->data_version = version;
    }

  g_autoptr (JbRecord) subject = jb_store_load (self->store, kind, id, error);
  if (subject == NULL)
    return NULL;

  JbMatchRun run = {
    .matcher = self,
    .store = self->store,
    .w = options->weights ? options->weights : jb_match_weights_default (),
    .include_dismissed = options->include_dismissed,
    .limit = options->limit ? options->limit : 10,
    .today = options->today ? g_strdup (options->today) : jb_date_today (),
    .cancellable = cancellable,
    .q = jb_match_query_new (),
    .subject = subject,
    .industry = kind == JB_KIND_ORGANIZATION ? NULL
                : jb_record_get_text_by_name (subject, "industry"),
    .organizations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref),
    .records = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
    .decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) state_free),
  };
  for (guint k = 0; k < JB_N_KINDS; k++)
    run.answered[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  run.matches = g_new0 (JbMatches, 1);
  run.matches->subject_kind = kind;
  run.matches->subject_id = id;
  run.matches->subject_title = jb_record_get_heading (subject);

  /* One snapshot for every query of the run. */
  gboolean ok = jb_store_begin_read (self->store, error);
  if (ok)
    {
      ok = jb_match_decisions_load (&run, error) &&
           (kind == JB_KIND_DEMAND ? run_demand (&run, subject, error)
                                   : jb_match_run_reverse (&run, subject, error));
      jb_store_commit (self->store, NULL);
    }
  if (ok)
    {
      g_autoptr (GHashTable) all = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < run.q->selected->len; i++)
        g_hash_table_add (all, run.q->selected->pdata[i]);
      g_auto (GStrv) terms = jb_match_query_shared (run.q, all, 64);
      run.matches->query = jb_match_terms_search ((const char * const *) terms);
    }
  JbMatches *matches = ok ? g_steal_pointer (&run.matches) : NULL;
  g_clear_pointer (&run.matches, jb_matches_free);
  run_clear (&run);
  return matches;
}

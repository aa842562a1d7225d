/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-match-quality: how well matching (jb-match.h) finds, for a demand in
 * an enterprise's words, the achievement in researchers' words that answers
 * it, among ten times as many plausible wrong ones: the labelled set of
 * tests/match-set/ (make-match-set.py says how it is made).  Fails when
 * fewer than 80 % of the answers are among the first ten (recall@10);
 * prints recall@1, recall@10 and the mean reciprocal rank, on the set's
 * development and test halves, the other way round (the demands of each
 * answer), and without the everyday phrases or the facets.  With
 * JB_MATCH_MISSES set, it lists the demands whose answer is not among the
 * first ten, for looking into them with jiebang --match. */
#include <glib/gstdio.h>

#include "jb-exchange.h"
#include "jb-match-weights.h"
#include "test-util.h"

#define DEPTH 50   /* ranks looked at: a reciprocal rank below counts 0 */

typedef struct {
  char *code;
  char *demand;       /* uuids */
  char *achievement;
  gboolean test;      /* the test half, not the development half */
} Label;

typedef struct {
  guint n, at1, at10;
  double reciprocal;
} Score;

typedef struct {
  char *dir;
  JbStore *store;
  JbMatcher *matcher;
  GArray *labels;
} Fixture;

static void
label_clear (Label *l)
{
  g_free (l->code);
  g_free (l->demand);
  g_free (l->achievement);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->store = test_tmp_store ("jb-match-quality-XXXXXX", "set.db", &f->dir, NULL);

  g_autofree char *set = g_build_filename (JB_TEST_SRCDIR, "tests", "match-set", "match-set.xml",
                                           NULL);
  g_autoptr (GFile) file = g_file_new_for_path (set);
  JbImportSummary summary;
  g_assert_true (jb_exchange_import (f->store, file, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);

  g_autofree char *labels_path = g_build_filename (JB_TEST_SRCDIR, "tests", "match-set",
                                                   "match-labels.tsv", NULL);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (labels_path, &text, NULL, &error));
  f->labels = g_array_new (FALSE, TRUE, sizeof (Label));
  g_array_set_clear_func (f->labels, (GDestroyNotify) label_clear);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      g_auto (GStrv) cells = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 7);
      Label l = { g_strdup (cells[0]), g_strdup (cells[1]), g_strdup (cells[2]),
                  g_str_equal (cells[4], "test") };
      g_array_append_val (f->labels, l);
    }
  f->matcher = jb_matcher_new (f->store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->matcher);
  g_clear_object (&f->store);
  g_array_unref (f->labels);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The rank (1…) of @uuid among the matches of @kind, 0 when not among them. */
static guint
rank_of (JbMatches *m, JbKindId kind, const char *uuid)
{
  GPtrArray *results = jb_matches_get (m, kind);
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (((JbMatchResult *) results->pdata[i])->uuid, uuid))
      return i + 1;
  return 0;
}

static void
score_add (Score *s, guint rank)
{
  s->n++;
  s->at1 += rank == 1;
  s->at10 += rank >= 1 && rank <= 10;
  s->reciprocal += rank ? 1.0 / rank : 0;
}

static char *
score_text (const Score *s)
{
  return g_strdup_printf ("recall@1 %.2f, recall@10 %.2f, MRR %.2f (%u pairs)",
                          (double) s->at1 / s->n, (double) s->at10 / s->n, s->reciprocal / s->n,
                          s->n);
}

/* Scores over the labels, per half ([0]: development, [1]: test, [2]: all),
 * demand → achievement or (@reverse) achievement → demand. */
static void
evaluate (Fixture *f, const JbMatchWeights *weights, gboolean reverse, Score score[3])
{
  JbMatchOptions options = { .limit = DEPTH, .today = "2023-01-01", .weights = weights };
  memset (score, 0, 3 * sizeof (Score));
  for (guint i = 0; i < f->labels->len; i++)
    {
      Label *l = &g_array_index (f->labels, Label, i);
      g_autoptr (GError) error = NULL;
      JbKindId kind = reverse ? JB_KIND_ACHIEVEMENT : JB_KIND_DEMAND;
      gint64 id = jb_store_id_for_uuid (f->store, kind, reverse ? l->achievement : l->demand);
      g_assert_cmpint (id, >, 0);
      g_autoptr (JbMatches) m = jb_matcher_run (f->matcher, kind, id, &options, NULL, &error);
      g_assert_no_error (error);
      guint rank = reverse ? rank_of (m, JB_KIND_DEMAND, l->demand)
                           : rank_of (m, JB_KIND_ACHIEVEMENT, l->achievement);
      if (g_getenv ("JB_MATCH_MISSES") && (rank == 0 || rank > 10) && !reverse && !weights)
        g_printerr ("%s rank %u\n", l->code, rank);
      score_add (&score[l->test], rank);
      score_add (&score[2], rank);
    }
}

static void
test_quality (Fixture *f, gconstpointer data)
{
  Score forward[3], backward[3], plain[3], words[3];
  evaluate (f, NULL, FALSE, forward);
  evaluate (f, NULL, TRUE, backward);

  /* What the everyday phrases and the facets are worth. */
  JbMatchWeights no_synonyms = *jb_match_weights_default ();
  no_synonyms.synonym_share = 0;
  evaluate (f, &no_synonyms, FALSE, plain);
  JbMatchWeights no_facets = *jb_match_weights_default ();
  no_facets.industry_points = no_facets.region_province_points = 0;
  no_facets.region_delta_points = no_facets.readiness_points = no_facets.price_points = 0;
  no_facets.mode_points = no_facets.record_points = 0;
  evaluate (f, &no_facets, FALSE, words);

  const char *halves[] = { "development half", "test half", "all" };
  for (guint h = 0; h < 3; h++)
    {
      g_autofree char *a = score_text (&forward[h]);
      g_autofree char *b = score_text (&backward[h]);
      g_test_message ("demand -> achievement, %s: %s", halves[h], a);
      g_test_message ("achievement -> demand, %s: %s", halves[h], b);
    }
  g_autofree char *p = score_text (&plain[2]);
  g_autofree char *w = score_text (&words[2]);
  g_test_message ("demand -> achievement without everyday phrases: %s", p);
  g_test_message ("demand -> achievement by the words alone (no facets): %s", w);

  g_assert_cmpuint (forward[2].n, >=, 200);
  g_assert_cmpfloat ((double) forward[2].at10 / forward[2].n, >=, 0.8);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  jb_exchange_init ();
  g_test_add ("/match/quality", Fixture, NULL, fixture_set_up, test_quality, fixture_tear_down);
  return g_test_run ();
}

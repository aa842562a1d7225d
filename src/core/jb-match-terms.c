/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-terms.c: a subject's words as the terms of a match query
 * (jb-match-private.h): which terms, how much each weighs, which ones a
 * record found shares, and how they read in the subject's own text.
 *
 * Terms are what the index holds (jb-tokenizer.h): pairs of Chinese
 * characters and whole Latin words or codes.  Single characters are left
 * out (电 is in everything), as are pairs and words of jb_match_stop_words
 * and numbers. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jb-match-private.h"
#include "jb-tokenizer.h"

/* ---- stop words -------------------------------------------------------------- */

static int
add_stop (gpointer user_data, JbTokenFlags flags, const char *token, int length, int start,
          int end)
{
  /* A stop word of three characters stops its pairs. */
  if (!(flags & JB_TOKEN_CJK) || (flags & JB_TOKEN_COLOCATED))
    g_hash_table_add (user_data, g_strndup (token, length));
  return 0;
}

static GHashTable *
stop_terms (void)
{
  static GHashTable *set;
  if (g_once_init_enter (&set))
    {
      GHashTable *s = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; jb_match_stop_words[i]; i++)
        jb_tokenize (jb_match_stop_words[i], -1, JB_TOKENIZE_DOCUMENT, add_stop, s);
      g_once_init_leave (&set, s);
    }
  return set;
}

/* ---- collecting ------------------------------------------------------------- */

typedef void (*TermFunc) (const char *term, int start, int end, gpointer user_data);

typedef struct {
  TermFunc func;
  gpointer user_data;
  char buf[JB_TOKEN_MAX + 1];
} Collect;

static gboolean
is_word (const char *token, int length)
{
  if (length < 2)
    return FALSE;
  for (int i = 0; i < length; i++)
    if (!g_ascii_isdigit (token[i]))
      return TRUE;
  return FALSE;
}

/* Whether a pair holds a character of grammar (jb_match_particles). */
static gboolean
has_particle (const char *pair)
{
  for (const char *p = pair; *p; p = g_utf8_next_char (p))
    {
      char c[8];
      int n = g_unichar_to_utf8 (g_utf8_get_char (p), c);
      c[n] = '\0';
      if (strstr (jb_match_particles, c))
        return TRUE;
    }
  return FALSE;
}

static int
collect_term (gpointer user_data, JbTokenFlags flags, const char *token, int length, int start,
              int end)
{
  Collect *c = user_data;
  if (flags & JB_TOKEN_CJK)
    {
      /* In a document, a pair stands at the position of its first character. */
      if (!(flags & JB_TOKEN_COLOCATED))
        return 0;
      memcpy (c->buf, token, length);
      c->buf[length] = '\0';
      if (has_particle (c->buf))
        return 0;
    }
  else if ((flags & JB_TOKEN_COLOCATED) || !is_word (token, length))
    return 0;
  memcpy (c->buf, token, length);
  c->buf[length] = '\0';
  if (!g_hash_table_contains (stop_terms (), c->buf))
    c->func (c->buf, start, end, c->user_data);
  return 0;
}

static void
foreach_term (const char *text, TermFunc func, gpointer user_data)
{
  Collect c = { func, user_data };
  if (text)
    jb_tokenize (text, -1, JB_TOKENIZE_DOCUMENT, collect_term, &c);
}

/* ---- the query ------------------------------------------------------------ */

JbMatchQuery *
jb_match_query_new (void)
{
  JbMatchQuery *q = g_new0 (JbMatchQuery, 1);
  q->terms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  q->texts = g_ptr_array_new_with_free_func (g_free);
  q->selected = g_ptr_array_new ();
  return q;
}

static void
term_free (JbMatchTerm *term)
{
  g_free (term->text);
  g_free (term);
}

void
jb_match_query_free (JbMatchQuery *q)
{
  /* The table's values are the terms; their texts are its keys. */
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, q->terms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_hash_table_iter_steal (&iter);
      term_free (value);
    }
  g_hash_table_unref (q->terms);
  g_ptr_array_unref (q->texts);
  g_ptr_array_unref (q->selected);
  g_free (q);
}

typedef struct {
  GHashTable *weights;  /* term → double* : the most this text gives it */
  GHashTable *counts;   /* term → occurrences */
  double weight;
} Field;

static void
field_add (const char *term, int start, int end, gpointer user_data)
{
  Field *f = user_data;
  double *w = g_hash_table_lookup (f->weights, term);
  if (w == NULL)
    {
      w = g_new0 (double, 1);
      g_hash_table_insert (f->weights, g_strdup (term), w);
    }
  *w = MAX (*w, f->weight);
  g_hash_table_insert (f->counts, g_strdup (term),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (f->counts,
                                                                                term)) + 1));
}

static void
field_merge (JbMatchQuery *q, Field *f)
{
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, f->weights);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JbMatchTerm *term = g_hash_table_lookup (q->terms, key);
      if (term == NULL)
        {
          term = g_new0 (JbMatchTerm, 1);
          term->text = g_strdup (key);
          g_hash_table_insert (q->terms, term->text, term);
        }
      term->weight += *(double *) value;
      term->count += GPOINTER_TO_UINT (g_hash_table_lookup (f->counts, key));
    }
}

void
jb_match_query_add (JbMatchQuery *q, const char *text, double weight, double synonym_share)
{
  if (text == NULL || *text == '\0' || weight <= 0)
    return;
  Field f = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
              g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), weight };
  foreach_term (text, field_add, &f);
  if (synonym_share > 0)
    {
      /* The technical terms of the everyday phrases the text holds, as if
       * the text held them with less weight. */
      f.weight = weight * synonym_share;
      for (guint i = 0; jb_match_synonyms[i].phrase; i++)
        if (strstr (text, jb_match_synonyms[i].phrase))
          foreach_term (jb_match_synonyms[i].terms, field_add, &f);
    }
  field_merge (q, &f);
  g_hash_table_unref (f.weights);
  g_hash_table_unref (f.counts);
  g_ptr_array_add (q->texts, g_strdup (text));
}

static int
by_weight (gconstpointer a, gconstpointer b)
{
  const JbMatchTerm *x = *(JbMatchTerm **) a, *y = *(JbMatchTerm **) b;
  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->text, y->text);
}

static int
by_score (gconstpointer a, gconstpointer b)
{
  const JbMatchTerm *x = *(JbMatchTerm **) a, *y = *(JbMatchTerm **) b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return strcmp (x->text, y->text);
}

gboolean
jb_match_query_select (JbMatchQuery *q, gint64 n_rows, const JbMatchWeights *w,
                       JbMatchDfFunc df_func, gpointer user_data, GError **error)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, q->terms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);
  gint64 cap = MAX ((gint64) (w->max_df_share * n_rows), w->max_df_floor);

  g_ptr_array_set_size (q->selected, 0);
  q->self_score = 0;
  /* Only the heaviest terms are asked about: each question is a lookup in
   * the index. */
  g_ptr_array_sort (all, by_weight);
  g_autoptr (GPtrArray) known = g_ptr_array_new ();
  for (guint i = 0; i < all->len && i < w->max_asked; i++)
    {
      JbMatchTerm *term = all->pdata[i];
      gint64 df = df_func (term->text, user_data, error);
      if (df < 0)
        return FALSE;
      if (df == 0 || df > cap)
        continue;
      term->idf = log (1.0 + (n_rows - df + 0.5) / (df + 0.5));
      term->score = term->weight * term->idf;
      g_ptr_array_add (known, term);
    }
  g_ptr_array_sort (known, by_score);
  for (guint i = 0; i < known->len && i < w->max_terms; i++)
    {
      JbMatchTerm *term = known->pdata[i];
      term->selected = TRUE;
      g_ptr_array_add (q->selected, term);
      q->self_score += term->score;
    }
  return TRUE;
}

/* ---- what a record shares -------------------------------------------------- */

typedef struct {
  JbMatchQuery *q;
  GHashTable *found;
} Find;

static void
find_term (const char *text, int start, int end, gpointer user_data)
{
  Find *f = user_data;
  JbMatchTerm *term = g_hash_table_lookup (f->q->terms, text);
  if (term)
    g_hash_table_add (f->found, term);
}

void
jb_match_query_find (JbMatchQuery *q, const char *text, GHashTable *found)
{
  Find f = { q, found };
  foreach_term (text, find_term, &f);
}

double
jb_match_query_share (JbMatchQuery *q, GHashTable *found)
{
  double sum = 0;
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (((JbMatchTerm *) key)->selected)
      sum += ((JbMatchTerm *) key)->score;
  return q->self_score > 0 ? sum / q->self_score : 0;
}

typedef struct {
  JbMatchQuery *q;
  GHashTable *found;
  GArray *ranges;   /* JbTextRange of the text, in order */
  GArray *scores;   /* double, per range */
} Runs;

static void
run_term (const char *text, int start, int end, gpointer user_data)
{
  Runs *r = user_data;
  JbMatchTerm *term = g_hash_table_lookup (r->q->terms, text);
  if (term == NULL || !g_hash_table_contains (r->found, term))
    return;
  /* Pairs that overlap (固态, 态电, 电池) make one run: 固态电池. */
  if (r->ranges->len > 0)
    {
      JbTextRange *last = &g_array_index (r->ranges, JbTextRange, r->ranges->len - 1);
      if (start < last->end)
        {
          last->end = MAX (last->end, end);
          g_array_index (r->scores, double, r->scores->len - 1) += term->score;
          return;
        }
    }
  JbTextRange range = { start, end };
  g_array_append_val (r->ranges, range);
  g_array_append_val (r->scores, term->score);
}

typedef struct {
  char *text;
  double score;
} Run;

static int
by_run_score (gconstpointer a, gconstpointer b)
{
  const Run *x = a, *y = b;
  return x->score != y->score ? (x->score > y->score ? -1 : 1) : strcmp (x->text, y->text);
}

GStrv
jb_match_query_shared (JbMatchQuery *q, GHashTable *found, guint max)
{
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint t = 0; t < q->texts->len; t++)
    {
      const char *text = q->texts->pdata[t];
      Runs r = { q, found, g_array_new (FALSE, FALSE, sizeof (JbTextRange)),
                 g_array_new (FALSE, FALSE, sizeof (double)) };
      foreach_term (text, run_term, &r);
      for (guint i = 0; i < r.ranges->len; i++)
        {
          JbTextRange *range = &g_array_index (r.ranges, JbTextRange, i);
          g_autofree char *s = g_strndup (text + range->start, range->end - range->start);
          double score = g_array_index (r.scores, double, i);
          gpointer index;
          if (g_hash_table_lookup_extended (seen, s, NULL, &index))
            {
              Run *same = &g_array_index (runs, Run, GPOINTER_TO_UINT (index));
              same->score = MAX (same->score, score);
              continue;
            }
          Run run = { g_steal_pointer (&s), score };
          g_array_append_val (runs, run);
          /* By index: the array moves as it grows. */
          g_hash_table_insert (seen, run.text, GUINT_TO_POINTER (runs->len - 1));
        }
      g_array_unref (r.ranges);
      g_array_unref (r.scores);
    }
  g_array_sort (runs, by_run_score);
  /* A run inside another says nothing more (换热器 in 换热器缺陷检测). */
  GStrvBuilder *builder = g_strv_builder_new ();
  guint n = 0;
  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = &g_array_index (runs, Run, i);
      gboolean inside = FALSE;
      for (guint j = 0; j < runs->len && !inside; j++)
        inside = j != i && strstr (g_array_index (runs, Run, j).text, run->text) &&
                 strlen (g_array_index (runs, Run, j).text) > strlen (run->text);
      if (!inside && n++ < max)
        g_strv_builder_add (builder, run->text);
    }
  for (guint i = 0; i < runs->len; i++)
    g_free (g_array_index (runs, Run, i).text);
  GStrv result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

JbSearch *
jb_match_terms_search (const char * const *terms)
{
  g_autofree char *text = terms ? g_strjoinv (" ", (GStrv) terms) : NULL;
  return jb_search_new (text);
}

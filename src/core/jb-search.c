/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-search.c: search terms and highlighting (see jb-search.h). */
#include "config.h"

#include <string.h>

#include "jb-search.h"
#include "jb-tokenizer.h"

typedef struct {
  int start, end;   /* bytes of the text (for terms: of the search text) */
  int from, len;    /* the token in a buffer */
  int position;     /* documents: tokens at the same position share it */
  gboolean cjk;
} Token;

typedef struct {
  char *text;
  gboolean prefix;
  GArray *tokens;   /* Token, in the term's own text */
  GString *buf;
} Term;

struct _JbSearch {
  gatomicrefcount ref;
  char *text;
  GPtrArray *terms;
};

G_DEFINE_BOXED_TYPE (JbSearch, jb_search, jb_search_ref, jb_search_unref)

typedef struct {
  GArray *tokens;
  GString *buf;
  int position;
} Collect;

static int
collect_token (gpointer user_data, JbTokenFlags flags, const char *token, int length, int start,
               int end)
{
  Collect *c = user_data;
  if (!(flags & JB_TOKEN_COLOCATED) && c->tokens->len > 0)
    c->position++;
  Token t = { start, end, (int) c->buf->len, length, c->position, (flags & JB_TOKEN_CJK) != 0 };
  g_string_append_len (c->buf, token, length);
  g_array_append_val (c->tokens, t);
  return 0;
}

static void
tokenize (const char *text, int length, JbTokenizeMode mode, GArray *tokens, GString *buf)
{
  Collect c = { tokens, buf, 0 };
  jb_tokenize (text, length, mode, collect_token, &c);
}

static void
term_free (Term *term)
{
  g_free (term->text);
  g_array_unref (term->tokens);
  g_string_free (term->buf, TRUE);
  g_free (term);
}

JbSearch *
jb_search_new (const char *text)
{
  JbSearch *search = g_new0 (JbSearch, 1);
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autoptr (GString) buf = g_string_new (NULL);

  g_atomic_ref_count_init (&search->ref);
  search->text = g_strdup (text ? text : "");
  search->terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);

  /* A term is a run of tokens with nothing between them: tokens of a CJK
   * run overlap, and a word that touches a CJK run (5G基站) goes with it. */
  tokenize (search->text, -1, JB_TOKENIZE_QUERY, tokens, buf);
  for (guint i = 0; i < tokens->len && search->terms->len < JB_SEARCH_MAX_TERMS;)
    {
      Token *first = &g_array_index (tokens, Token, i);
      int end = first->end;
      guint j = i + 1;
      for (; j < tokens->len && g_array_index (tokens, Token, j).start <= end; j++)
        end = MAX (end, g_array_index (tokens, Token, j).end);

      /* The term's own tokens: as the index reads the term alone. */
      Term *term = g_new0 (Term, 1);
      term->text = g_strndup (search->text + first->start, end - first->start);
      term->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
      term->buf = g_string_new (NULL);
      tokenize (term->text, -1, JB_TOKENIZE_QUERY, term->tokens, term->buf);
      term->prefix = !g_array_index (term->tokens, Token, term->tokens->len - 1).cjk;
      g_ptr_array_add (search->terms, term);
      i = j;
    }
  return search;
}

JbSearch *
jb_search_ref (JbSearch *search)
{
  g_atomic_ref_count_inc (&search->ref);
  return search;
}

void
jb_search_unref (JbSearch *search)
{
  if (!g_atomic_ref_count_dec (&search->ref))
    return;
  g_ptr_array_unref (search->terms);
  g_free (search->text);
  g_free (search);
}

const char *
jb_search_get_text (JbSearch *search)
{
  return search->text;
}

gboolean
jb_search_is_empty (JbSearch *search)
{
  return search->terms->len == 0;
}

guint
jb_search_get_n_terms (JbSearch *search)
{
  return search->terms->len;
}

const char *
jb_search_get_term (JbSearch *search, guint i, gboolean *prefix)
{
  g_return_val_if_fail (i < search->terms->len, NULL);
  Term *term = g_ptr_array_index (search->terms, i);
  if (prefix)
    *prefix = term->prefix;
  return term->text;
}

/* ---- highlighting ------------------------------------------------------- */

static gboolean
token_matches (const Token *doc, const char *doc_buf, const Token *query, const char *query_buf,
               gboolean prefix)
{
  if (doc->cjk != query->cjk)
    return FALSE;
  if (prefix ? doc->len < query->len : doc->len != query->len)
    return FALSE;
  return memcmp (doc_buf + doc->from, query_buf + query->from, query->len) == 0;
}

/* The document token at @position that matches @query, or NULL. */
static const Token *
find_at (GArray *doc, const char *doc_buf, const guint *first, int n_positions, int position,
         const Token *query, const char *query_buf, gboolean prefix)
{
  if (position >= n_positions)
    return NULL;
  for (guint k = first[position]; k < doc->len; k++)
    {
      const Token *t = &g_array_index (doc, Token, k);
      if (t->position != position)
        break;
      if (token_matches (t, doc_buf, query, query_buf, prefix))
        return t;
    }
  return NULL;
}

static int
compare_ranges (gconstpointer a, gconstpointer b)
{
  const JbTextRange *x = a, *y = b;
  return x->start != y->start ? (x->start < y->start ? -1 : 1)
                              : (x->end < y->end ? -1 : x->end > y->end);
}

GArray *
jb_search_highlight (JbSearch *search, const char *value)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (JbTextRange));
  g_autoptr (GArray) doc = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autoptr (GString) buf = g_string_new (NULL);

  if (value == NULL || search->terms->len == 0)
    return ranges;
  tokenize (value, -1, JB_TOKENIZE_DOCUMENT, doc, buf);
  if (doc->len == 0)
    return ranges;

  int n_positions = g_array_index (doc, Token, doc->len - 1).position + 1;
  g_autofree guint *first = g_new0 (guint, n_positions);
  for (guint k = doc->len; k-- > 0;)
    first[g_array_index (doc, Token, k).position] = k;

  for (guint i = 0; i < search->terms->len; i++)
    {
      Term *term = g_ptr_array_index (search->terms, i);
      guint n = term->tokens->len;
      for (int p = 0; p + (int) n <= n_positions; p++)
        {
          JbTextRange range = { G_MAXINT, 0 };
          guint j = 0;
          for (; j < n; j++)
            {
              const Token *q = &g_array_index (term->tokens, Token, j);
              gboolean prefix = term->prefix && j == n - 1;
              const Token *t = find_at (doc, buf->str, first, n_positions, p + (int) j, q,
                                        term->buf->str, prefix);
              if (t == NULL)
                break;
              int end = t->end;
              /* A prefix shows as far as it goes, when the word was not
               * folded from full-width forms. */
              if (prefix && t->end - t->start == t->len)
                end = t->start + q->len;
              range.start = MIN (range.start, t->start);
              range.end = MAX (range.end, end);
            }
          if (j == n)
            g_array_append_val (ranges, range);
        }
    }

  g_array_sort (ranges, compare_ranges);
  guint out = 0;
  for (guint k = 0; k < ranges->len; k++)
    {
      JbTextRange *r = &g_array_index (ranges, JbTextRange, k);
      if (out > 0 && r->start <= g_array_index (ranges, JbTextRange, out - 1).end)
        {
          JbTextRange *last = &g_array_index (ranges, JbTextRange, out - 1);
          last->end = MAX (last->end, r->end);
        }
      else
        g_array_index (ranges, JbTextRange, out++) = *r;
    }
  g_array_set_size (ranges, out);
  return ranges;
}

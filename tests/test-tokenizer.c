/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tokenizer of the search index and the terms of a search, alone: what a
 * word is in Chinese and Latin text, codes, and what a search highlights. */
#include <glib.h>
#include <string.h>

#include "jb-search.h"
#include "jb-tokenizer.h"

/* Tokens as "text@position", a colocated one in brackets: "固@0 [固态] 态@1". */
typedef struct {
  GString *out;
  int position;
  gboolean first;
} Dump;

static int
dump_token (gpointer user_data, JbTokenFlags flags, const char *token, int length, int start,
            int end)
{
  Dump *d = user_data;
  if (!(flags & JB_TOKEN_COLOCATED) && !d->first)
    d->position++;
  d->first = FALSE;
  if (d->out->len)
    g_string_append_c (d->out, ' ');
  if (flags & JB_TOKEN_COLOCATED)
    g_string_append_printf (d->out, "[%.*s]", length, token);
  else
    g_string_append_printf (d->out, "%.*s@%d", length, token, d->position);
  return 0;
}

static char *
tokens (const char *text, JbTokenizeMode mode)
{
  Dump d = { g_string_new (NULL), 0, TRUE };
  jb_tokenize (text, -1, mode, dump_token, &d);
  return g_string_free (d.out, FALSE);
}

#define assert_doc(text, expected) \
  G_STMT_START { g_autofree char *s_ = tokens (text, JB_TOKENIZE_DOCUMENT); \
                 g_assert_cmpstr (s_, ==, expected); } G_STMT_END
#define assert_query(text, expected) \
  G_STMT_START { g_autofree char *s_ = tokens (text, JB_TOKENIZE_QUERY); \
                 g_assert_cmpstr (s_, ==, expected); } G_STMT_END

static void
test_cjk (void)
{
  /* every character, and each bigram at its first character's position */
  assert_doc ("电", "电@0");
  assert_doc ("电池", "电@0 [电池] 池@1");
  assert_doc ("固态电池", "固@0 [固态] 态@1 [态电] 电@2 [电池] 池@3");
  /* a query: the bigrams, one position apart; a lone character as itself */
  assert_query ("电", "电@0");
  assert_query ("电池", "电池@0");
  assert_query ("固态电池", "固态@0 态电@1 电池@2");
  /* punctuation ends a run: no bigram across it */
  assert_doc ("电池、储能", "电@0 [电池] 池@1 储@2 [储能] 能@3");
  assert_doc ("锂电池（三元）", "锂@0 [锂电] 电@1 [电池] 池@2 三@3 [三元] 元@4");
  /* kana and hangul are runs too; 〇 and 々 belong to them */
  assert_doc ("カメラ", "カ@0 [カメ] メ@1 [メラ] ラ@2");
  assert_doc ("二〇二三", "二@0 [二〇] 〇@1 [〇二] 二@2 [二三] 三@3");
  assert_doc ("한국", "한@0 [한국] 국@1");
  /* a character outside the BMP */
  assert_doc ("𠀀电", "𠀀@0 [𠀀电] 电@1");
}

static void
test_latin (void)
{
  /* ASCII folded to lower case; digits stay with letters */
  assert_doc ("Hydrogen Burner 100% load", "hydrogen@0 burner@1 100@2 load@3");
  assert_doc ("5G基站", "5g@0 基@1 [基站] 站@2");
  assert_doc ("2026年", "2026@0 年@1");
  /* full-width letters and digits as ASCII */
  assert_doc ("ＡＢＣ１２３", "abc123@0");
  /* other scripts' letters are words, as they are (LIKE folds ASCII only) */
  assert_doc ("Émile Ürün", "Émile@0 Ürün@1");
  /* symbols, quotes and operators separate */
  assert_doc ("\"a\" OR b* (c:d) ^e", "a@0 or@1 b@2 c@3 d@4 e@5");
}

static void
test_codes (void)
{
  /* joined by - . _ / : whole, its parts at the same position */
  assert_doc ("JB-2026-0001", "jb-2026-0001@0 [jb] [2026] [0001]");
  assert_doc ("ZL202310012345.6", "zl202310012345.6@0 [zl202310012345] [6]");
  assert_doc ("GB/T 1234", "gb/t@0 [gb] [t] 1234@1");
  assert_doc ("91310000MA1FL8L972", "91310000ma1fl8l972@0");
  /* a query keeps the code whole */
  assert_query ("JB-2026-0001", "jb-2026-0001@0");
  /* a joint at an end, or doubled, does not join */
  assert_doc ("-ab- c--d .", "ab@0 c@1 d@2");
  assert_doc ("e.g.", "e.g@0 [e] [g]");
  /* a code touching Chinese */
  assert_doc ("编号JB-1号", "编@0 [编号] 号@1 jb-1@2 [jb] [1] 号@3");
}

static void
test_mixed_query (void)
{
  /* more follows a run: its last character too, so positions line up */
  assert_query ("电池3", "电池@0 池@1 3@2");
  assert_query ("3电池", "3@0 电池@1");
  assert_query ("池3", "池@0 3@1");
  assert_query ("固态电池 电解质", "固态@0 态电@1 电池@2 池@3 电解@4 解质@5");
}

static void
test_limits (void)
{
  /* invalid UTF-8 separates; nothing is read past the length */
  assert_doc ("ab\xff" "cd\xe7\x94" "x", "ab@0 cd@1 x@2");
  assert_doc ("\xe7\x94\xb5\xe6", "电@0");
  g_autofree char *s = NULL;
  Dump d = { g_string_new (NULL), 0, TRUE };
  jb_tokenize ("电池储能", 6, JB_TOKENIZE_DOCUMENT, dump_token, &d);
  s = g_string_free (d.out, FALSE);
  g_assert_cmpstr (s, ==, "电@0 [电池] 池@1");
  /* a long word is cut at JB_TOKEN_MAX bytes, the same in queries */
  g_autofree char *longword = g_strnfill (200, 'a');
  g_autofree char *doc = tokens (longword, JB_TOKENIZE_DOCUMENT);
  g_autofree char *query = tokens (longword, JB_TOKENIZE_QUERY);
  g_assert_cmpuint (strlen (doc), ==, JB_TOKEN_MAX + 2);
  g_assert_cmpstr (doc, ==, query);
  assert_doc ("", "");
  assert_doc (" 、。!?", "");
}

static int
stop_at_second (gpointer user_data, JbTokenFlags flags, const char *token, int length, int start,
                int end)
{
  int *n = user_data;
  return ++*n == 2 ? 42 : 0;
}

static void
test_stop (void)
{
  int n = 0;
  g_assert_cmpint (jb_tokenize ("a b c", -1, JB_TOKENIZE_DOCUMENT, stop_at_second, &n), ==, 42);
  g_assert_cmpint (n, ==, 2);
}

/* ---- searches ------------------------------------------------------------ */

static char *
terms (const char *text)
{
  g_autoptr (JbSearch) search = jb_search_new (text);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < jb_search_get_n_terms (search); i++)
    {
      gboolean prefix;
      const char *term = jb_search_get_term (search, i, &prefix);
      g_string_append_printf (out, "%s%s%s", i ? "|" : "", term, prefix ? "*" : "");
    }
  return g_string_free (out, FALSE);
}

#define assert_terms(text, expected) \
  G_STMT_START { g_autofree char *s_ = terms (text); g_assert_cmpstr (s_, ==, expected); } \
  G_STMT_END

static void
test_terms (void)
{
  assert_terms ("电", "电");
  assert_terms ("固态电池  电解质", "固态电池|电解质");
  assert_terms ("固态电池，电解质", "固态电池|电解质");
  assert_terms ("宁德\u3000芯片", "宁德|芯片");
  assert_terms ("Hydrogen", "Hydrogen*");
  assert_terms ("JB-2026-00", "JB-2026-00*");
  assert_terms ("5G基站", "5G基站");
  assert_terms ("电池3", "电池3*");
  /* the user's syntax is text */
  assert_terms ("\"电池\" OR 芯片*", "电池|OR*|芯片");
  assert_terms ("title:电池 NEAR(a b)", "title*|电池|NEAR*|a*|b*");
  assert_terms ("100%", "100*");
  assert_terms ("_ % ()", "");
  assert_terms (NULL, "");
  g_autoptr (JbSearch) empty = jb_search_new ("  、 ");
  g_assert_true (jb_search_is_empty (empty));
  /* a pasted paragraph: the first terms */
  g_autoptr (GString) many = g_string_new (NULL);
  for (int i = 0; i < 40; i++)
    g_string_append_printf (many, "w%d ", i);
  g_autoptr (JbSearch) capped = jb_search_new (many->str);
  g_assert_cmpuint (jb_search_get_n_terms (capped), ==, JB_SEARCH_MAX_TERMS);
}

static char *
highlight (const char *search_text, const char *value)
{
  g_autoptr (JbSearch) search = jb_search_new (search_text);
  g_autoptr (GArray) ranges = jb_search_highlight (search, value);
  GString *out = g_string_new (NULL);
  int at = 0;
  for (guint i = 0; i < ranges->len; i++)
    {
      JbTextRange *r = &g_array_index (ranges, JbTextRange, i);
      g_assert_cmpint (r->start, >=, at);
      g_assert_cmpint (r->end, >, r->start);
      g_string_append_len (out, value + at, r->start - at);
      g_string_append_c (out, '[');
      g_string_append_len (out, value + r->start, r->end - r->start);
      g_string_append_c (out, ']');
      at = r->end;
    }
  g_string_append (out, value + at);
  return g_string_free (out, FALSE);
}

#define assert_highlight(search, value, expected) \
  G_STMT_START { g_autofree char *s_ = highlight (search, value); \
                 g_assert_cmpstr (s_, ==, expected); } G_STMT_END

static void
test_highlight (void)
{
  assert_highlight ("电", "固态电池电解质", "固态[电]池[电]解质");
  assert_highlight ("电池", "固态电池电解质", "固态[电池]电解质");
  assert_highlight ("固态电池", "高能量固态电池", "高能量[固态电池]");
  assert_highlight ("固态电池", "固态、电池", "固态、电池");
  assert_highlight ("电池 电解", "固态电池电解质", "固态[电池电解]质");
  assert_highlight ("hydro", "Hydrogen burner", "[Hydro]gen burner");
  assert_highlight ("BURNER hydrogen", "Hydrogen burner", "[Hydrogen] [burner]");
  assert_highlight ("JB-2026", "JB-2026-0001", "[JB-2026]-0001");
  assert_highlight ("2026", "JB-2026-0001", "JB-[2026]-0001");
  assert_highlight ("ｈｙｄ", "ＨＹＤＲＯＧＥＮ", "[ＨＹＤＲＯＧＥＮ]");
  assert_highlight ("电池3", "固态电池3号", "固态[电池3]号");
  assert_highlight ("芯片", "固态电池", "固态电池");
  assert_highlight ("", "固态电池", "固态电池");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tokenizer/cjk", test_cjk);
  g_test_add_func ("/tokenizer/latin", test_latin);
  g_test_add_func ("/tokenizer/codes", test_codes);
  g_test_add_func ("/tokenizer/mixed-query", test_mixed_query);
  g_test_add_func ("/tokenizer/limits", test_limits);
  g_test_add_func ("/tokenizer/stop", test_stop);
  g_test_add_func ("/search/terms", test_terms);
  g_test_add_func ("/search/highlight", test_highlight);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-tokenizer.c: characters, bigrams, words and codes (see jb-tokenizer.h).
 *
 * Runs for every value written to the index (a million demands are some
 * sixty million tokens), so it decodes UTF-8 itself, copies only what it
 * folds, and never allocates. */
#include "config.h"

#include <string.h>

#include "jb-tokenizer.h"

typedef enum { SEP, CJK, WORD, JOINT } CharClass;

/* The parts of a code that a document indexes besides the whole. */
#define MAX_PARTS 8

typedef struct {
  char buf[JB_TOKEN_MAX + 8];  /* the folded word (room for one more character) */
  int len;
  gboolean full;               /* cut at JB_TOKEN_MAX: nothing more is added */
  int end;                     /* the byte after the word in the text */
  guint n_parts;
  struct { int from, to, start, end; } parts[MAX_PARTS];  /* buf and text ranges */
} Word;

/* The character at @i (advancing *@next), or -1 for a byte that does not
 * start valid UTF-8: it separates, like punctuation. */
static inline gunichar
decode (const guchar *s, int len, int i, int *next)
{
  guchar b = s[i];
  gunichar c;
  int n;

  if (b < 0x80)
    {
      *next = i + 1;
      return b;
    }
  if (b >= 0xC2 && b < 0xE0)
    c = b & 0x1F, n = 1;
  else if (b >= 0xE0 && b < 0xF0)
    c = b & 0x0F, n = 2;
  else if (b >= 0xF0 && b < 0xF5)
    c = b & 0x07, n = 3;
  else
    goto invalid;
  if (i + n >= len)
    goto invalid;
  for (int k = 1; k <= n; k++)
    {
      if ((s[i + k] & 0xC0) != 0x80)
        goto invalid;
      c = (c << 6) | (s[i + k] & 0x3F);
    }
  /* Overlong forms, surrogates and values past U+10FFFF. */
  if ((n == 2 && c < 0x800) || (n == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
      (c >= 0xD800 && c < 0xE000))
    goto invalid;
  *next = i + n + 1;
  return c;

invalid:
  *next = i + 1;
  return (gunichar) -1;
}

/* Scripts written without spaces between words. */
static inline gboolean
is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) ||     /* CJK unified ideographs */
         (c >= 0x3400 && c <= 0x4DBF) ||     /* extension A */
         (c >= 0x20000 && c <= 0x3134F) ||   /* extensions B–G */
         (c >= 0xF900 && c <= 0xFAFF) ||     /* compatibility ideographs */
         c == 0x3005 || c == 0x3007 ||       /* 々 〇 */
         (c >= 0x3041 && c <= 0x30FF && c != 0x30A0 && c != 0x30FB) ||  /* kana */
         (c >= 0x3105 && c <= 0x312F) ||     /* bopomofo */
         (c >= 0xAC00 && c <= 0xD7A3) ||     /* hangul syllables */
         (c >= 0xFF66 && c <= 0xFF9F);       /* half-width katakana */
}

/* Full-width ASCII (Ａ１－) as ASCII. */
static inline gunichar
fold_width (gunichar c)
{
  return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c;
}

static inline CharClass
classify (gunichar c)
{
  if (c < 0x80)
    {
      if (g_ascii_isalnum (c))
        return WORD;
      return c == '-' || c == '.' || c == '_' || c == '/' ? JOINT : SEP;
    }
  if (c == (gunichar) -1)
    return SEP;
  if (is_cjk (c))
    return CJK;
  return g_unichar_isalnum (c) || g_unichar_ismark (c) ? WORD : SEP;
}

static inline CharClass
class_at (const guchar *s, int len, int i, gunichar *c, int *next)
{
  *c = fold_width (decode (s, len, i, next));
  return classify (*c);
}

static void
word_append (Word *w, gunichar c)
{
  char utf8[6];
  int n;

  if (w->full)
    return;
  if (c < 0x80)
    utf8[0] = g_ascii_tolower ((char) c), n = 1;
  else
    n = g_unichar_to_utf8 (c, utf8);
  if (w->len + n > JB_TOKEN_MAX)
    {
      w->full = TRUE;
      return;
    }
  memcpy (w->buf + w->len, utf8, n);
  w->len += n;
}

static void
word_close_part (Word *w, int from, int start, int end)
{
  if (w->n_parts < MAX_PARTS)
    {
      w->parts[w->n_parts].from = from;
      w->parts[w->n_parts].to = w->len;
      w->parts[w->n_parts].start = start;
      w->parts[w->n_parts].end = end;
    }
  w->n_parts++;
}

/* Letters and digits from @i, joined by single joints (- . _ /) that have a
 * letter or digit on both sides. */
static void
scan_word (const guchar *s, int len, int i, Word *w)
{
  int pos = i, part_from = 0, part_start = i;
  gunichar c;
  int next;

  w->len = 0;
  w->full = FALSE;
  w->n_parts = 0;
  while (pos < len)
    {
      CharClass cls = class_at (s, len, pos, &c, &next);
      if (cls == WORD)
        {
          word_append (w, c);
          pos = next;
          continue;
        }
      gunichar after;
      int after_next;
      if (cls == JOINT && next < len && class_at (s, len, next, &after, &after_next) == WORD)
        {
          word_close_part (w, part_from, part_start, pos);
          word_append (w, c);
          part_from = w->len;
          part_start = next;
          pos = next;
          continue;
        }
      break;
    }
  word_close_part (w, part_from, part_start, pos);
  w->end = pos;
}

/* Whether a token starts anywhere at or after @i. */
static gboolean
more_tokens (const guchar *s, int len, int i)
{
  gunichar c;
  int next;
  for (; i < len; i = next)
    {
      CharClass cls = class_at (s, len, i, &c, &next);
      if (cls == WORD || cls == CJK)
        return TRUE;
    }
  return FALSE;
}

#define EMIT(flags, tok, n, from, to) \
  G_STMT_START { \
    int rc_ = func (user_data, (flags), (tok), (n), (from), (to)); \
    if (rc_ != 0) \
      return rc_; \
  } G_STMT_END

/* A CJK run from @i; returns the byte after it in *@end. */
static int
tokenize_cjk (const guchar *s, int len, int i, JbTokenizeMode mode, JbTokenFunc func,
              gpointer user_data, int *end)
{
  const char *text = (const char *) s;
  gunichar c;
  int start = i, next;

  class_at (s, len, start, &c, &next);
  if (mode == JB_TOKENIZE_DOCUMENT)
    {
      /* Each character, then the bigram it starts, at the same position. */
      for (;;)
        {
          int after;
          gboolean pair = next < len && class_at (s, len, next, &c, &after) == CJK;
          EMIT (JB_TOKEN_CJK, text + start, next - start, start, next);
          if (!pair)
            break;
          EMIT (JB_TOKEN_CJK | JB_TOKEN_COLOCATED, text + start, after - start, start, after);
          start = next;
          next = after;
        }
      *end = next;
      return 0;
    }

  /* A query: the bigrams, a phrase one position apart; a lone character as
   * itself.  When more follows in the same text (电池3, 池3), the last
   * character too, so that what follows lands one position after it, as in
   * the document. */
  int n = 1;
  for (;;)
    {
      int after;
      gboolean pair = next < len && class_at (s, len, next, &c, &after) == CJK;
      if (!pair)
        break;
      EMIT (JB_TOKEN_CJK, text + start, after - start, start, after);
      n++;
      start = next;
      next = after;
    }
  if (n == 1 || more_tokens (s, len, next))
    EMIT (JB_TOKEN_CJK, text + start, next - start, start, next);
  *end = next;
  return 0;
}

int
jb_tokenize (const char *text, int length, JbTokenizeMode mode, JbTokenFunc func,
             gpointer user_data)
{
  const guchar *s = (const guchar *) text;
  int len = length < 0 ? (int) strlen (text) : length;
  int pos = 0;
  Word w;

  while (pos < len)
    {
      gunichar c;
      int next, end, rc;
      switch (class_at (s, len, pos, &c, &next))
        {
        case WORD:
          scan_word (s, len, pos, &w);
          EMIT (0, w.buf, w.len, pos, w.end);
          if (mode == JB_TOKENIZE_DOCUMENT && w.n_parts > 1)
            for (guint p = 0; p < MIN (w.n_parts, MAX_PARTS); p++)
              if (w.parts[p].to > w.parts[p].from)
                EMIT (JB_TOKEN_COLOCATED, w.buf + w.parts[p].from,
                      w.parts[p].to - w.parts[p].from, w.parts[p].start, w.parts[p].end);
          pos = w.end;
          break;
        case CJK:
          if ((rc = tokenize_cjk (s, len, pos, mode, func, user_data, &end)) != 0)
            return rc;
          pos = end;
          break;
        case SEP:
        case JOINT:
        default:
          pos = next;
          break;
        }
    }
  return 0;
}

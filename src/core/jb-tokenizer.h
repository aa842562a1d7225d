/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-tokenizer.h: the words of a text, for search — Chinese included.
 *
 * One tokenizer serves the full-text index (jb-store-search.c registers it
 * with SQLite's FTS5 as "jiebang"), the queries built from what the user
 * types and the highlighting of what was found (jb-search.h), so that all
 * three agree on what a word is:
 *
 * - A run of CJK characters (Han, kana, hangul) gives, in a document, every
 *   character and, at the same position, every pair of neighbours (a bigram):
 *   固态电池 → 固 固态 态 态电 电 电池 池.  A query gives the bigrams only, as a
 *   phrase (固态 态电 电池, one position apart), or the character when it is
 *   alone: so words of one, two, three or more characters are all found, and
 *   a two-character word costs one lookup.
 * - Letters and digits of other scripts give words; ASCII letters are folded
 *   to lower case (as SQLite's LIKE does), full-width letters and digits
 *   count as their ASCII forms, digits stay with the letters around them
 *   (5G, B2B, 2026年 → 2026 年).
 * - A code is kept whole: letters and digits joined by - . _ / with no space
 *   (JB-2026-0001, ZL202310012345.6, GB/T, 91310000MA1FL8L972 has no joint
 *   at all) is one token, so the whole code finds exactly its records; in a
 *   document its parts are also indexed at the same position (jb, 2026,
 *   0001), so a part of a code finds it too.  Queries search Latin tokens as
 *   prefixes (jb-2026 finds JB-2026-0001; see jb-search.h).
 * - Everything else (spaces, punctuation, symbols, invalid UTF-8) separates.
 *
 * Tokens longer than JB_TOKEN_MAX bytes are cut there, the same way in
 * documents and queries. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JB_TOKEN_MAX 64
/* Raised with every change of a rule above: the store rebuilds its index. */
#define JB_TOKENIZER_VERSION 1

typedef enum {
  JB_TOKENIZE_DOCUMENT,  /* what is indexed: characters, bigrams, code parts */
  JB_TOKENIZE_QUERY,     /* what is searched: bigrams, whole codes */
} JbTokenizeMode;

typedef enum {
  /* At the same position as the token before (FTS5_TOKEN_COLOCATED). */
  JB_TOKEN_COLOCATED = 1 << 0,
  /* From a CJK run: a character or a bigram, never searched as a prefix. */
  JB_TOKEN_CJK = 1 << 1,
} JbTokenFlags;

/* Called for each token: @token (not NUL-terminated, @length bytes) comes
 * from the bytes @start to @end of the text.  Non-zero stops the
 * tokenization and is returned by jb_tokenize(). */
typedef int (*JbTokenFunc) (gpointer     user_data,
                            JbTokenFlags flags,
                            const char  *token,
                            int          length,
                            int          start,
                            int          end);

/* Tokenizes @length bytes of @text (-1: up to its NUL). */
int  jb_tokenize (const char     *text,
                  int             length,
                  JbTokenizeMode  mode,
                  JbTokenFunc     func,
                  gpointer        user_data);

G_END_DECLS

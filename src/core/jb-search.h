/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-search.h: what the user typed in a search field, as the terms the index
 * is searched for, and the parts of a shown value those terms match.
 *
 * The text is cut into terms where it has a space or a punctuation mark
 * (固态电池，电解质 and 固态电池 电解质 are two terms); a record is found when
 * every term matches one of its searched fields.  A term of CJK characters
 * matches where those characters stand together; a term ending in Latin
 * letters or digits matches words that start with it (hydro finds Hydrogen,
 * JB-2026 finds JB-2026-0001).  What the user types is never read as query
 * syntax: quotes, stars, AND, OR, NOT, NEAR, colons and brackets are plain
 * text.  The rules for words are those of jb-tokenizer.h. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* At most this many terms are searched; the rest of a long text is ignored. */
#define JB_SEARCH_MAX_TERMS 16

typedef struct _JbSearch JbSearch;

typedef struct {
  int start;  /* byte offsets in the value, as Pango's attributes want them */
  int end;
} JbTextRange;

#define JB_TYPE_SEARCH (jb_search_get_type ())
GType        jb_search_get_type      (void);

/* @text may be NULL. */
JbSearch    *jb_search_new           (const char *text);
JbSearch    *jb_search_ref           (JbSearch   *search);
void         jb_search_unref         (JbSearch   *search);
const char  *jb_search_get_text      (JbSearch   *search);
/* No terms: everything is found (an empty text, or only punctuation). */
gboolean     jb_search_is_empty      (JbSearch   *search);
guint        jb_search_get_n_terms   (JbSearch   *search);
/* The term's text (a piece of the search text without spaces or
 * punctuation around it); *@prefix tells whether it matches words that
 * start with it. */
const char  *jb_search_get_term      (JbSearch   *search,
                                      guint       i,
                                      gboolean   *prefix);
/* The byte ranges of @value that a term matches, in order, overlapping ones
 * merged: for the table to show them in bold.  Empty when nothing matches. */
GArray      *jb_search_highlight     (JbSearch   *search,
                                      const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbSearch, jb_search_unref)

G_END_DECLS

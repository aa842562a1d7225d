/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-search.c: what SQLite needs on every connection of the store to
 * search and sort as the user reads: the "jiebang" FTS5 tokenizer
 * (jb-tokenizer.h), the jb_rank() ranking function, the jb_sort_key() sort
 * key; and the SQL that uses them: the MATCH text of a search, the rank and
 * the sort key of each field.  The tables, triggers and indexes built on them
 * are in jb-store-derived.c; the queries in jb-store-pages.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uiter.h>

#include "jb-store-private.h"
#include "jb-tokenizer.h"

/* ---- the tokenizer ------------------------------------------------------- */

typedef struct {
  void *ctx;
  int (*token) (void *ctx, int flags, const char *token, int length, int start, int end);
} Relay;

static int
relay_token (gpointer user_data, JbTokenFlags flags, const char *token, int length, int start,
             int end)
{
  Relay *relay = user_data;
  return relay->token (relay->ctx, (flags & JB_TOKEN_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0,
                       token, length, start, end);
}

/* The tokenizer has no state: every instance is this one. */
static int tokenizer_instance;

static int
tokenizer_create (void *user_data, const char **args, int n_args, Fts5Tokenizer **out)
{
  *out = (Fts5Tokenizer *) &tokenizer_instance;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer, void *ctx, int flags, const char *text, int length,
                    int (*token) (void *, int, const char *, int, int, int))
{
  Relay relay = { ctx, token };
  /* Queries come here from FTS5's parser, a term at a time (jb-search.h). */
  return jb_tokenize (text, length,
                      (flags & FTS5_TOKENIZE_QUERY) ? JB_TOKENIZE_QUERY : JB_TOKENIZE_DOCUMENT,
                      relay_token, &relay);
}

/* ---- ranking ------------------------------------------------------------- */

/* How much a match counts, by where it is: in the record's title above its
 * keywords, code and places, above another record's title (a demand's
 * owner), above long texts.  The one place to tune the ranking; the weights
 * reach jb_rank() as its arguments, one per column of the index. */
static double
search_weight (const JbKind *kind, guint field)
{
  if (field == jb_kind_title_index (kind))
    return 10.0;
  switch (kind->fields[field].type)
    {
    case JB_TYPE_REF:
      return 2.0;
    case JB_TYPE_LONG_TEXT:
      return 1.0;
    default:
      return 4.0;
    }
}

/* BM25's saturation of repeated matches and its preference for short
 * fields (the usual constants). */
#define BM25_K1 1.2
#define BM25_B 0.75

typedef struct {
  int n_columns;
  double average[];  /* tokens per row, per column */
} RankData;

/* jb_rank(table, weight of column 0, weight of column 1, …): BM25 of a
 * row, summed over the columns with their weights.  Without BM25's inverse
 * document frequency: every row found holds every term, and FTS5's bm25()
 * spends a pass over each term's whole list to count it, which at a million
 * rows costs more than the search itself.  Higher is better. */
static void
rank_function (const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
               int n_args, sqlite3_value **args)
{
  RankData *data = api->xGetAuxdata (fts, 0);
  int n_columns = api->xColumnCount (fts);

  if (data == NULL)
    {
      sqlite3_int64 n_rows = 0;
      data = g_malloc0 (sizeof (RankData) + sizeof (double) * n_columns);
      data->n_columns = n_columns;
      api->xRowCount (fts, &n_rows);
      for (int c = 0; c < n_columns; c++)
        {
          sqlite3_int64 total = 0;
          api->xColumnTotalSize (fts, c, &total);
          data->average[c] = n_rows > 0 ? MAX (1.0, (double) total / n_rows) : 1.0;
        }
      if (api->xSetAuxdata (fts, data, g_free) != SQLITE_OK)
        {
          sqlite3_result_error_nomem (ctx);
          return;
        }
    }

  /* Matches per phrase and column, for the few phrases of a search. */
  int n_phrases = MIN (api->xPhraseCount (fts), JB_SEARCH_MAX_TERMS);
  int n_inst = 0;
  guint16 tf[JB_SEARCH_MAX_TERMS][64] = { { 0 } };
  if (api->xInstCount (fts, &n_inst) != SQLITE_OK)
    {
      sqlite3_result_error (ctx, "jb_rank: cannot read the matches", -1);
      return;
    }
  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;
      if (api->xInst (fts, i, &phrase, &column, &offset) == SQLITE_OK && phrase < n_phrases &&
          column < 64 && tf[phrase][column] < G_MAXUINT16)
        tf[phrase][column]++;
    }

  double score = 0;
  for (int c = 0; c < MIN (n_columns, 64); c++)
    {
      /* FTS5 gives the arguments after the table's. */
      double weight = c < n_args ? sqlite3_value_double (args[c]) : 1.0;
      int length = -1;
      for (int p = 0; p < n_phrases; p++)
        {
          if (tf[p][c] == 0)
            continue;
          if (length < 0 && api->xColumnSize (fts, c, &length) != SQLITE_OK)
            length = 0;
          double norm = BM25_K1 * (1 - BM25_B + BM25_B * length / data->average[c]);
          score += weight * tf[p][c] * (BM25_K1 + 1) / (tf[p][c] + norm);
        }
    }
  sqlite3_result_double (ctx, score);
}

char *
jb_store_rank_sql (const JbKind *kind)
{
  GString *sql = g_string_new (NULL);
  g_string_append_printf (sql, "jb_rank(%s_search", kind->name);
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & JB_FIELD_SEARCHED)
      g_string_append_printf (sql, ", %.1f", search_weight (kind, i));
  g_string_append (sql, ")");
  return g_string_free (sql, FALSE);
}

/* ---- sort keys ----------------------------------------------------------- */

/* Text sorts as Chinese readers expect it, by pinyin (ICU's "zh"
 * collation, the order of the zh_CN locale), Latin letters without regard
 * to case or width.  The key of the first characters is enough to order
 * rows (the row id breaks ties) and keeps the indexes small. */
#define SORT_KEY_MAX 48

static UCollator *
collator_open (void)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollator *collator = ucol_open ("zh", &status);
  if (U_FAILURE (status))
    {
      ucol_close (collator);
      return NULL;
    }
  ucol_setStrength (collator, UCOL_PRIMARY);
  return collator;
}

const char *
jb_store_collation_version (void)
{
  /* Stores open in several threads. */
  static const char *version;
  if (g_once_init_enter (&version))
    {
      UCollator *collator = collator_open ();
      UVersionInfo info;
      char text[U_MAX_VERSION_STRING_LENGTH] = "none";
      if (collator)
        {
          ucol_getVersion (collator, info);
          u_versionToString (info, text);
          ucol_close (collator);
        }
      g_once_init_leave (&version, g_strdup_printf ("icu %s", text));
    }
  return version;
}

/* jb_sort_key(text): a blob that sorts as the text reads; an empty blob for
 * NULL, before every text. */
static void
sort_key_function (sqlite3_context *ctx, int n_args, sqlite3_value **args)
{
  UCollator *collator = sqlite3_user_data (ctx);
  const char *text = (const char *) sqlite3_value_text (args[0]);
  guint8 key[SORT_KEY_MAX];
  int32_t length = 0;

  if (text != NULL && collator != NULL)
    {
      UCharIterator iter;
      UErrorCode status = U_ZERO_ERROR;
      uint32_t state[2] = { 0, 0 };
      uiter_setUTF8 (&iter, text, sqlite3_value_bytes (args[0]));
      length = ucol_nextSortKeyPart (collator, &iter, state, key, sizeof key, &status);
      if (U_FAILURE (status))
        length = 0;
    }
  else if (text != NULL)
    {
      /* Without ICU's data: code points, which is at least stable. */
      length = MIN (sqlite3_value_bytes (args[0]), SORT_KEY_MAX);
      memcpy (key, text, length);
    }
  sqlite3_result_blob (ctx, key, length, SQLITE_TRANSIENT);
}

/* The SQL of @field's sort key for a row of @kind as @alias: a value that
 * is never NULL (unset values come first), ordered as the table shows the
 * field.  References sort by the title of the record they point to, which
 * the query joins as "r". */
char *
jb_store_sort_sql (const JbKind *kind, const JbField *f, const char *alias)
{
  switch (f->type)
    {
    case JB_TYPE_TEXT:
    case JB_TYPE_LONG_TEXT:
      return g_strdup_printf ("jb_sort_key(%s%s)", alias, f->name);
    case JB_TYPE_DATE:
      return g_strdup_printf ("coalesce(%s%s, '')", alias, f->name);
    case JB_TYPE_INT:
      return g_strdup_printf ("coalesce(%s%s, %" G_GINT64_FORMAT ")", alias, f->name,
                              MIN (f->min, 0) - 1);
    case JB_TYPE_MONEY:
    case JB_TYPE_BOOL:
      return g_strdup_printf ("coalesce(%s%s, -1)", alias, f->name);
    case JB_TYPE_ENUM:
      {
        /* Choices in their natural order (the workflow), as jb-kind.c lists them. */
        GString *sql = g_string_new (NULL);
        g_string_append_printf (sql, "CASE %s%s", alias, f->name);
        for (guint v = 0; v < f->enumeration->n_values; v++)
          g_string_append_printf (sql, " WHEN '%s' THEN %u", f->enumeration->values[v].code, v);
        g_string_append (sql, " ELSE -1 END");
        return g_string_free (sql, FALSE);
      }
    case JB_TYPE_REF:
      {
        const JbKind *target = jb_store_ref_target (f);
        g_assert (target->fields[jb_kind_title_index (target)].type != JB_TYPE_REF);
        return g_strdup_printf ("jb_sort_key(r.%s)", target->title);
      }
    default:
      g_assert_not_reached ();
    }
}

/* ---- sets of rows -------------------------------------------------------- */

void
jb_rowid_set_add (JbRowidSet *set, gint64 id)
{
  if (id < 0)
    return;
  if (id >= set->size)
    {
      gint64 size = MAX (MAX (set->size * 2, id + 1), 4096);
      size = (size + 7) & ~(gint64) 7;
      set->bits = g_realloc (set->bits, size / 8);
      memset (set->bits + set->size / 8, 0, (size - set->size) / 8);
      set->size = size;
    }
  if (!(set->bits[id / 8] & (1u << (id % 8))))
    set->count++;
  set->bits[id / 8] |= 1u << (id % 8);
}

void
jb_rowid_set_free (JbRowidSet *set)
{
  if (set)
    g_free (set->bits);
  g_free (set);
}

/* jb_in_set(set, id): whether @id is in the set bound as a pointer. */
static void
in_set_function (sqlite3_context *ctx, int n_args, sqlite3_value **args)
{
  const JbRowidSet *set = sqlite3_value_pointer (args[0], JB_ROWID_SET);
  gint64 id = sqlite3_value_int64 (args[1]);
  sqlite3_result_int (ctx, set && id >= 0 && id < set->size &&
                           (set->bits[id / 8] & (1u << (id % 8))));
}

/* jb_add_to_set(set, id): adds @id to the set bound as a pointer; true. */
static void
add_to_set_function (sqlite3_context *ctx, int n_args, sqlite3_value **args)
{
  JbRowidSet *set = sqlite3_value_pointer (args[0], JB_ROWID_SET);
  if (set)
    jb_rowid_set_add (set, sqlite3_value_int64 (args[1]));
  sqlite3_result_int (ctx, 1);
}

/* ---- the text of a search ------------------------------------------------ */

char *
jb_store_match_text (JbSearch *search)
{
  if (search == NULL || jb_search_is_empty (search))
    return NULL;
  /* Every term quoted, so that nothing the user types is query syntax; a
   * CJK term becomes a phrase of bigrams in the tokenizer. */
  GString *match = g_string_new (NULL);
  for (guint i = 0; i < jb_search_get_n_terms (search); i++)
    {
      gboolean prefix;
      const char *term = jb_search_get_term (search, i, &prefix);
      g_string_append (match, i ? " \"" : "\"");
      for (const char *p = term; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append (match, prefix ? "\"*" : "\"");
    }
  return g_string_free (match, FALSE);
}

/* ---- registration -------------------------------------------------------- */

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return api;
}

gboolean
jb_store_search_register (JbStore *self, GError **error)
{
  static fts5_tokenizer tokenizer = { tokenizer_create, tokenizer_delete, tokenizer_tokenize };
  fts5_api *api = get_fts5_api (self->db);

  if (api == NULL || api->iVersion < 2)
    {
      g_set_error_literal (error, JB_STORE_ERROR, JB_STORE_ERROR_OPEN,
                           _("This SQLite library has no full-text search (FTS5), which "
                             "Jiebang needs."));
      return FALSE;
    }
  /* SQLite owns the collator from here, closing it with the connection. */
  if (sqlite3_create_function_v2 (self->db, "jb_sort_key", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  collator_open (), sort_key_function, NULL, NULL,
                                  (void (*) (void *)) ucol_close) != SQLITE_OK ||
      api->xCreateTokenizer (api, "jiebang", NULL, &tokenizer, NULL) != SQLITE_OK ||
      api->xCreateFunction (api, "jb_rank", NULL, rank_function, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "jb_in_set", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                               in_set_function, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "jb_add_to_set", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                               NULL, add_to_set_function, NULL, NULL) != SQLITE_OK)
    return jb_store_fail (self, error);
  return TRUE;
}

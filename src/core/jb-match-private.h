/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-private.h: what matching (jb-match*.c) asks of the store
 * (jb-store-match.c, where its SQL lives). */
#pragma once

#include "jb-match-weights.h"
#include "jb-match.h"
#include "jb-stats.h"

G_BEGIN_DECLS

/* jb-match-words.c */
typedef struct {
  const char *phrase;  /* an everyday phrase, found anywhere in a demand's text */
  const char *terms;   /* the technical terms it stands for, space-separated */
} JbMatchSynonym;

/* Characters that make a pair of characters no word. */
extern const char jb_match_particles[];
/* Words that say nothing about a subject, NULL-terminated. */
extern const char *const jb_match_stop_words[];
/* Ended by phrase NULL. */
extern const JbMatchSynonym jb_match_synonyms[];

/* jb-match-terms.c: a subject's words as a query. */
typedef struct {
  char *text;       /* as the index holds it */
  double weight;    /* from the subject's fields */
  guint count;      /* occurrences in the subject */
  double idf;       /* how rare it is among the records searched */
  double score;     /* weight × idf: how telling it is */
  gboolean selected;
} JbMatchTerm;

typedef struct {
  GHashTable *terms;     /* text → JbMatchTerm */
  GPtrArray *texts;      /* the subject's texts, heaviest first */
  GPtrArray *selected;   /* JbMatchTerm: those looked up, most telling first */
  double self_score;     /* the sum of their scores */
} JbMatchQuery;

/* How many records hold @term; -1 and @error when the index could not be
 * asked. */
typedef gint64 (*JbMatchDfFunc) (const char *term, gpointer user_data, GError **error);

JbMatchQuery *jb_match_query_new    (void);
void          jb_match_query_free   (JbMatchQuery *q);
/* The terms of @text, each counting @weight once (and the terms of the
 * everyday phrases it holds, @synonym_share of it). */
void          jb_match_query_add    (JbMatchQuery *q, const char *text, double weight,
                                     double synonym_share);
/* Picks the most telling terms among @n_rows records (JbMatchWeights'
 * max_terms, max_df_share, max_df_floor). */
gboolean      jb_match_query_select (JbMatchQuery *q, gint64 n_rows, const JbMatchWeights *w,
                                     JbMatchDfFunc df, gpointer user_data, GError **error);
/* Adds the subject's terms that @text holds to the set @found (those
 * selected, and the others, for showing what is shared). */
void          jb_match_query_find   (JbMatchQuery *q, const char *text, GHashTable *found);
/* The scores of the selected terms in @found over the subject's own: 0 to 1. */
double        jb_match_query_share  (JbMatchQuery *q, GHashTable *found);
/* The runs of the subject's text made of the terms in @found (固态 态电
 * 电池 → 固态电池), most telling first, at most @max. */
GStrv         jb_match_query_shared (JbMatchQuery *q, GHashTable *found, guint max);
/* Terms as a search, for highlighting them. */
JbSearch     *jb_match_terms_search (const char * const *terms);

/* Registers jb_match_rank() with the full-text search of the store's
 * connection (again: harmless). */
gboolean   jb_store_match_register   (JbStore      *self,
                                      GError      **error);
/* A number that changes whenever another connection commits. */
gint64     jb_store_match_data_version (JbStore    *self);

/* A column of a kind's search index and what a term found in it counts. */
typedef struct {
  const char *field;
  double weight;
} JbMatchColumn;

typedef struct {
  gint64 id;
  double score;   /* BM25, summed over the terms and columns, with their weights */
} JbMatchHit;

/* How many records of @kind (a demand or an achievement) hold @term, a
 * token as the index has it, in any searched field. */
gint64     jb_store_match_count      (JbStore             *self,
                                      JbKindId             kind,
                                      const char          *term,
                                      GError             **error);
/* The @limit records of @kind that score best for @terms (each with its
 * weight) in @columns, best first: JbMatchHit elements. */
GArray    *jb_store_match_search     (JbStore             *self,
                                      JbKindId             kind,
                                      const JbMatchColumn *columns,
                                      guint                n_columns,
                                      const char * const  *terms,
                                      const double        *weights,
                                      guint                n_terms,
                                      double               k1,
                                      double               b,
                                      guint                limit,
                                      GCancellable        *cancellable,
                                      GError             **error);

/* The owner and industry field of the achievement @id. */
gboolean   jb_store_match_owner      (JbStore    *self,
                                      JbKindId    kind,
                                      gint64      id,
                                      gint64     *owner_id,
                                      char      **industry,
                                      GError    **error);

/* A solver's track record. */
typedef struct _JbMatchRecord JbMatchRecord;
struct _JbMatchRecord {
  gint64 selected, selected_in_field;   /* solutions selected (in the demand's field) */
  gint64 signed_deals, signed_in_field; /* deals signed as the supply side */
};

gboolean   jb_store_match_record     (JbStore       *self,
                                      gint64         organization_id,
                                      const char    *industry,
                                      JbMatchRecord *record,
                                      GError       **error);

/* What a solution found by its words tells about its solver. */
typedef struct {
  gint64 solver_id;
  gint64 demand_id;
  char *status;
  char *industry;   /* its demand's */
  char *title;
} JbMatchSolution;

void       jb_match_solution_clear   (JbMatchSolution *solution);
gboolean   jb_store_match_solution   (JbStore         *self,
                                      gint64           id,
                                      JbMatchSolution *solution,
                                      GError         **error);

/* The experts of an organization: JbRecord (person), with their notes. */
GPtrArray *jb_store_match_experts    (JbStore    *self,
                                      gint64      organization_id,
                                      GError    **error);
/* The titles and summaries of an organization's newest achievements and
 * solutions (not invitations), at most @limit of each, into @texts as
 * title, summary, title, summary… (summaries may be NULL); achievements'
 * industries into @industries. */
gboolean   jb_store_match_organization_texts (JbStore    *self,
                                              gint64      organization_id,
                                              guint       limit,
                                              GPtrArray  *texts,
                                              GPtrArray  *industries,
                                              GError    **error);
/* The number of awards a person received. */
gint64     jb_store_match_awards     (JbStore    *self,
                                      gint64      person_id);

/* A decision in a demand's history. */
typedef struct {
  char *demand_uuid;
  char *kind;          /* the kind of record decided on */
  char *target_uuid;
  char *action;        /* "invited", "dismissed", "restored" */
  char *at;
  char *value;         /* invited: the record created; dismissed: the reason */
} JbMatchDecision;

void       jb_match_decision_free    (JbMatchDecision *decision);
/* The decisions on the demand @demand_uuid, or (@demand_uuid NULL) those
 * about the record @target_uuid from every demand; oldest first. */
GPtrArray *jb_store_match_decisions  (JbStore    *self,
                                      const char *demand_uuid,
                                      const char *target_uuid,
                                      GError    **error);
/* Writes a decision on the demand into its history (in the caller's
 * transaction, if any). */
gboolean   jb_store_match_decide     (JbStore    *self,
                                      const char *demand_uuid,
                                      const char *kind,
                                      const char *target_uuid,
                                      const char *action,
                                      const char *value,
                                      GError    **error);
/* What answered a subject already, not through an invitation, into
 * @answered[kind of the other side] (id → the id of the solution or deal):
 * for a demand, the achievements deals of it came from and the
 * organizations that sent a solution; for an achievement, the demands of
 * its deals; for an organization, the demands its solutions answer. */
gboolean   jb_store_match_answered   (JbStore    *self,
                                      JbKindId    kind,
                                      gint64      id,
                                      GHashTable *answered[JB_N_KINDS],
                                      GError    **error);

/* jb-store-stats.c: the records of @kind in the period's scope (event),
 * labelled "@what (@description)". */
JbFilter  *jb_store_stats_scope_filter (const JbStatsPeriod *period,
                                        JbKindId             kind,
                                        const char          *what,
                                        const char          *description);
/* jb-store-invitations.c: JB_TABLE_INVITATIONS. */
JbStatsTable *jb_store_match_invitations_table (JbStore             *self,
                                                const JbStatsPeriod *period,
                                                const char          *description,
                                                GError             **error);

/* The columns of @kind's index (an achievement's or a demand's) where a
 * term counts, with their weights, into @out (room for 4). */
void           jb_match_columns         (const JbMatchWeights *w, JbKindId kind,
                                         JbMatchColumn *out, guint *n);
/* The index of @record's field @name (which must exist). */
guint          jb_match_field           (JbRecord *record, const char *name);

/* jb-match.c: one run of a matcher, shared by its files. */
typedef struct {
  JbMatcher *matcher;
  JbStore *store;
  const JbMatchWeights *w;
  gboolean include_dismissed;
  guint limit;
  char *today;
  GCancellable *cancellable;
  JbMatches *matches;
  JbMatchQuery *q;
  JbRecord *subject;
  const char *industry;       /* the subject's, for records "in the field" */
  GHashTable *organizations;  /* id → JbRecord, loaded once a run */
  GHashTable *records;        /* organization id → JbMatchRecord */
  GHashTable *decisions;      /* uuid of the other side → JbMatchState */
  /* per kind of the other side: id → the id of the solution or deal that
   * answered without an invitation (jb_store_match_answered()) */
  GHashTable *answered[JB_N_KINDS];
} JbMatchRun;

/* The latest decisions on a pair (a demand and a record). */
typedef struct {
  gboolean invited;
  char *invited_at;
  char *created_uuid;
  gboolean dismissed;
  char *dismissed_at;
  char *reason;
} JbMatchState;

/* The organization @id, loaded once a run; NULL when it does not exist. */
JbRecord      *jb_match_run_organization (JbMatchRun *run, gint64 id);
/* Its record in the subject's field; NULL and @error when the store fails. */
const JbMatchRecord *jb_match_run_record (JbMatchRun *run, gint64 id, GError **error);
/* Selects the query's terms against the index of @kind. */
gboolean       jb_match_run_select      (JbMatchRun *run, JbKindId kind, GError **error);
/* The best w->candidates records of @kind for the selected terms. */
GArray        *jb_match_run_search      (JbMatchRun *run, JbKindId kind,
                                         const JbMatchColumn *columns, guint n_columns,
                                         GError **error);
/* The share of the subject's terms that a search hit's score stands for. */
double         jb_match_run_share       (JbMatchRun *run, double score,
                                         const JbMatchColumn *columns, guint n_columns);
/* Points for that share. */
double         jb_match_run_terms_points (JbMatchRun *run, double share);
JbMatchResult *jb_match_result_new      (JbKindId kind, JbRecord *record);
/* Sums the facets into the score. */
void           jb_match_result_total    (JbMatchResult *result);
/* jb-match-decide.c: reads the decisions and answers on the run's subject. */
gboolean       jb_match_decisions_load  (JbMatchRun *run, GError **error);
/* Marks @result with the decisions on it (by the uuid of the pair's other
 * side, @key); TRUE when it is to be shown. */
gboolean       jb_match_run_decide      (JbMatchRun *run, JbMatchResult *result,
                                         const char *key);
/* Sorts @results best first and keeps the first run->limit to show. */
void           jb_match_run_keep_best   (JbMatchRun *run, GPtrArray *results);
/* The terms a result shares, as the subject writes them, into its terms,
 * highlight and terms reason ("Shares %s", or for @notes "Notes mention %s"). */
void           jb_match_result_set_terms (JbMatchRun *run, JbMatchResult *result,
                                          GHashTable *found, gboolean notes);

/* An achievement found by its words. */
typedef struct {
  gint64 id;
  gint64 owner_id;
  char *industry;
  double share;     /* jb_match_run_share() */
} JbMatchCandidate;

void           jb_match_candidate_clear (JbMatchCandidate *candidate);

/* The best scores shown so far: what a record must beat to be shown. */
typedef struct {
  guint limit;
  GArray *scores;   /* double, best first, at most limit */
} JbMatchTop;

JbMatchTop     jb_match_top_init        (guint limit);
void           jb_match_top_add         (JbMatchTop *top, double score);
/* The score to beat: the limit-th best, or -G_MAXDOUBLE while fewer. */
double         jb_match_top_bar         (const JbMatchTop *top);
void           jb_match_top_clear       (JbMatchTop *top);

/* jb-match-reverse.c: the demands for an achievement or organization. */
gboolean       jb_match_run_reverse     (JbMatchRun *run, JbRecord *subject, GError **error);

/* jb-match-solvers.c: for a demand, organizations and then people, from
 * the achievements found (JbMatchCandidate, their owners not the demand's)
 * and the demand's words. */
gboolean       jb_match_run_solvers     (JbMatchRun *run, JbRecord *demand,
                                         GArray *achievements, GError **error);

/* jb-match-facets.c: each facet's points into @out, and with @explain its
 * reason; @out is left alone when the facet says nothing. */
void jb_match_facet_industry  (JbFacetScore *out, const char *a, const char *b,
                               const JbMatchWeights *w, gboolean explain);
void jb_match_facet_region    (JbFacetScore *out, const char *a, const char *b,
                               const JbMatchWeights *w, gboolean explain);
/* @trl 0: unknown.  With @expired_counts, a deadline past takes points away
 * (a demand offered to an achievement). */
void jb_match_facet_readiness (JbFacetScore *out, int trl, const char *deadline,
                               const char *today, gboolean expired_counts,
                               const JbMatchWeights *w, gboolean explain);
/* @asking -1: unknown; @investment ≤ 0: unknown. */
void jb_match_facet_price     (JbFacetScore *out, gint64 asking, gint64 investment,
                               const JbMatchWeights *w, gboolean explain);
void jb_match_facet_mode      (JbFacetScore *out, const char *coop_mode,
                               const char *transfer_mode, const JbMatchWeights *w,
                               gboolean explain);
void jb_match_facet_record    (JbFacetScore *out, const JbMatchRecord *record,
                               const char *industry, const JbMatchWeights *w,
                               gboolean explain);

G_END_DECLS

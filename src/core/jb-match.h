/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match.h: matching (以需找技) — for a demand, the technology achievements,
 * organizations and experts most likely to answer it; for an achievement or
 * an organization, the demands it could answer.  Ranked, and explained.
 *
 * How: the subject's own words become the query.  Its title, keywords,
 * problem, key technology and goal (an achievement's title and summary; an
 * organization's achievements and solutions) are cut into terms by the
 * search's tokenizer (jb-tokenizer.h: Chinese character pairs, Latin words,
 * codes); each term weighs by the field it came from (title above keywords
 * above the long texts) and by how rare it is among the records searched.
 * The most telling terms are looked up in the full-text index of the other
 * side (BM25, the record's title above its summary), and the best few
 * hundred found are re-ranked by facets: industry field, region (the same
 * province, then the Yangtze River Delta), readiness (TRL) against the
 * deadline, asking price against the intended investment, cooperation mode
 * against transfer mode, and the solver's track record.  Organizations
 * score by their matching achievements, their solutions to similar demands
 * (selected ones above others) and their record; experts by their
 * organization's score and their own notes.
 *
 * Every weight is in one place, jb-match-weights.c, with what it means.
 * A result's score is the sum of its facets' points, each with a sentence
 * saying why, and the terms it shares with the subject, for highlighting.
 *
 * Decisions: a suggestion is invited (a solution from that solver, status
 * "invited", or a deal intention from an achievement, created prefilled) or
 * dismissed with a reason.  Both are kept in the demand's history; a
 * dismissed suggestion is hidden from then on, from both sides, until it is
 * restored.
 *
 * Threads: a JbMatcher reads through a JbStore, on the store's thread.  A
 * window computes matches off its main thread with a JbMatchWorker, which
 * opens its own store on the same file (jb_match_worker_run_async()); a
 * result is plain data, safe to hand to the main thread.  Invite, dismiss
 * and restore write through the window's own store, whose "changed" signal
 * says when to ask the worker again. */
#pragma once

#include <gio/gio.h>

#include "jb-search.h"
#include "jb-store.h"

G_BEGIN_DECLS

/* What makes up a match's score, each with its points and its reason. */
typedef enum {
  JB_FACET_TERMS,         /* the words shared with the subject */
  JB_FACET_INDUSTRY,      /* the same industry field */
  JB_FACET_REGION,        /* the same province; both in the Yangtze River Delta */
  JB_FACET_READINESS,     /* TRL against the time left before the deadline */
  JB_FACET_PRICE,         /* asking price against the intended investment */
  JB_FACET_MODE,          /* cooperation mode against transfer mode */
  JB_FACET_RECORD,        /* selected solutions and signed deals */
  JB_FACET_ORGANIZATION,  /* an expert: the score of their organization */
  JB_N_FACETS
} JbFacet;

typedef struct _JbMatchWeights JbMatchWeights;

/* The facet's name for people: "Shared terms", "Industry field"… */
const char *jb_facet_label (JbFacet facet);
/* The facet's name for scripts: "terms", "industry"… (not translated). */
const char *jb_facet_name  (JbFacet facet);

typedef struct {
  double points;  /* added to the score (negative: taken away); 0 when it says nothing */
  char *reason;   /* why, in the user's language; NULL when it says nothing */
} JbFacetScore;

typedef enum {
  JB_DECISION_NONE,
  JB_DECISION_INVITED,    /* still suggested, marked: the invitation made */
  JB_DECISION_DISMISSED,  /* listed only with include_dismissed */
  JB_DECISION_ANSWERED,   /* not through an invitation: a solution of theirs
                           * answers the demand, or a deal came from it */
} JbDecision;

typedef struct {
  JbKindId kind;          /* achievement, organization, person, or demand */
  gint64 id;
  char *uuid;
  char *title;            /* its title or name */
  char *context;          /* the line under it: owner, organization…; may be NULL */
  double score;           /* the sum of the facets' points */
  JbFacetScore facets[JB_N_FACETS];
  /* The terms it shares with the subject, as they are written in the
   * subject's text (固态电池, 电解液), most telling first. */
  GStrv terms;
  /* For a person: their organization (0: none).  For an organization: its
   * best matching achievement (0: none), which an invitation may start from. */
  gint64 via_id;
  JbDecision decision;
  char *decided_at;       /* ISO timestamp of the latest decision */
  char *dismiss_reason;   /* JB_DECISION_DISMISSED */
  JbKindId created_kind;  /* INVITED, ANSWERED: the solution or deal */
  gint64 created_id;      /* 0 when it was deleted since */
  JbSearch *highlight;    /* the terms as a search, for jb_search_highlight() */
} JbMatchResult;

void      jb_match_result_free    (JbMatchResult *result);
/* The reasons of the facets that say something, joined: "Shares 固态电池,
 * 电解液; same industry field (New energy); …". */
char     *jb_match_result_explain (const JbMatchResult *result);

/* What matching found for one subject. */
typedef struct {
  JbKindId subject_kind;
  gint64 subject_id;
  char *subject_title;
  /* The subject's terms that were looked up, most telling first (for
   * highlighting the subject's own text). */
  JbSearch *query;
  /* JbMatchResult, best first, per kind: for a demand, achievement,
   * organization and person; for an achievement or organization, demand.
   * NULL for the other kinds. */
  GPtrArray *results[JB_N_KINDS];
} JbMatches;

void      jb_matches_free         (JbMatches *matches);
/* The results of @kind (never NULL: an empty array when there are none). */
GPtrArray *jb_matches_get         (JbMatches *matches,
                                   JbKindId   kind);

typedef struct {
  guint limit;                    /* results per kind; 0: 10 */
  const char *today;              /* ISO date for deadlines; NULL: today */
  gboolean include_dismissed;     /* list dismissed suggestions too, marked */
  /* NULL: jb_match_weights_default(); else it must outlive the run (a
   * worker's run too: the worker copies the options, not the weights). */
  const JbMatchWeights *weights;
} JbMatchOptions;

#define JB_TYPE_MATCHER (jb_matcher_get_type ())
G_DECLARE_FINAL_TYPE (JbMatcher, jb_matcher, JB, MATCHER, GObject)

/* A matcher reading through @store, used on the store's thread.  It keeps
 * what it learnt about the index (how common each term is) until another
 * connection or the store writes. */
JbMatcher *jb_matcher_new         (JbStore              *store);
/* The matches of the demand, achievement or organization @id.  A subject
 * of another kind, or one that does not exist, is an error. */
JbMatches *jb_matcher_run         (JbMatcher            *self,
                                   JbKindId              kind,
                                   gint64                id,
                                   const JbMatchOptions *options,
                                   GCancellable         *cancellable,
                                   GError              **error);

/* ---- off the main thread ------------------------------------------------- */

#define JB_TYPE_MATCH_WORKER (jb_match_worker_get_type ())
G_DECLARE_FINAL_TYPE (JbMatchWorker, jb_match_worker, JB, MATCH_WORKER, GObject)

/* A worker for the database file at @path: each run happens in a thread of
 * GLib's pool, one at a time, through a store and a matcher of the
 * worker's own (opened by the first run, kept for the next ones). */
JbMatchWorker *jb_match_worker_new        (const char           *path);
void           jb_match_worker_run_async  (JbMatchWorker        *self,
                                           JbKindId              kind,
                                           gint64                id,
                                           const JbMatchOptions *options,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
JbMatches     *jb_match_worker_run_finish (JbMatchWorker        *self,
                                           GAsyncResult         *result,
                                           GError              **error);

/* ---- decisions ------------------------------------------------------------ */

typedef enum {
  JB_INVITE_SOLUTION,  /* a solution from the solver, status "invited" */
  JB_INVITE_DEAL,      /* a deal at the stage "intention" (achievements only) */
} JbInvitation;

/* Invites the achievement, organization or person (an expert, through
 * their organization) @id of @kind to answer the demand @demand_id: creates
 * the solution or deal, prefilled (solver, title, summary and TRL from an
 * achievement; parties, event and manager for a deal), and notes the
 * invitation in the demand's history, in one transaction.  Returns the new
 * record. */
JbRecord  *jb_match_invite        (JbStore      *store,
                                   gint64        demand_id,
                                   JbKindId      kind,
                                   gint64        id,
                                   JbInvitation  as,
                                   GError      **error);
/* Dismisses the suggestion of @kind @id for the demand (from either side),
 * with @reason (may be NULL), in the demand's history: hidden from then on. */
gboolean   jb_match_dismiss       (JbStore      *store,
                                   gint64        demand_id,
                                   JbKindId      kind,
                                   gint64        id,
                                   const char   *reason,
                                   GError      **error);
/* Takes a dismissal back: the suggestion shows again. */
gboolean   jb_match_restore       (JbStore      *store,
                                   gint64        demand_id,
                                   JbKindId      kind,
                                   gint64        id,
                                   GError      **error);
/* A decision of a demand's history (jb_store_history()) for people:
 * "Invited 华东理工大学 (solution “…”)", "Dismissed 某公司: too far".  NULL
 * for an entry that is no decision. */
char      *jb_match_describe_history (JbStore              *store,
                                      const JbHistoryEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbMatchResult, jb_match_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbMatches, jb_matches_free)

G_END_DECLS

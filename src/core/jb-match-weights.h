/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-weights.h: the numbers that decide matching (jb-match.h).  Their
 * values, and why they are what they are, are in jb-match-weights.c — the
 * one place to tune matching.  The structure is public so that the quality
 * benchmark can switch a part off and measure what it is worth. */
#pragma once

#include "jb-match.h"

G_BEGIN_DECLS

/* How well a demand's cooperation mode and an achievement's transfer mode
 * go together. */
typedef struct {
  const char *coop_mode;      /* a demand's (jb_enum_coop_mode) */
  const char *transfer_mode;  /* an achievement's (jb_enum_transfer_mode) */
  double fit;                 /* 1: the same deal; 0.5: close; -1: at odds */
} JbModeFit;

struct _JbMatchWeights {
  /* ---- the words ---- */
  /* A term of the subject weighs by the field it comes from. */
  double demand_title, demand_keywords, demand_key_technology, demand_problem, demand_goal;
  double achievement_title, achievement_summary;
  double solution_title, solution_summary;
  /* A term counts in a record found by the column it is found in. */
  double column_title, column_keywords, column_summary, column_demand_title;
  /* BM25's saturation of repeated terms and its preference for short texts. */
  double bm25_k1, bm25_b;
  /* The most telling terms looked up, at most, among the heaviest
   * max_asked (each asked of the index how common it is). */
  guint max_terms, max_asked;
  /* A term in more than this share of the records says nothing — unless
   * fewer than max_df_floor hold it (a handful of records tells no share). */
  double max_df_share;
  gint64 max_df_floor;
  /* Records found by the words, then re-ranked by the facets. */
  guint candidates;
  /* Points for the words: a record that finds this share of what the
   * subject would find in itself gets all of terms_points. */
  double terms_points, terms_full_share;
  /* A record that finds less than this share is no match, whatever its
   * facets say. */
  double min_share;
  /* Terms added for a word of the subject's from jb-match-words.c (the
   * common words people use for a technical term), as a share of its weight;
   * 0 switches them off. */
  double synonym_share;

  /* ---- the facets ---- */
  double industry_points;         /* the same industry field */
  double region_province_points;  /* the same province */
  double region_delta_points;     /* both in 沪苏浙皖 */
  double readiness_points;        /* ready in time (±, see readiness_*) */
  /* The TRL needed to be of use within so many months of the deadline:
   * readiness_trl[i] for at most readiness_months[i] months, the last entry
   * for more (or no deadline: readiness says nothing then). */
  int readiness_months[3];
  int readiness_trl[4];
  /* Of readiness_points: ready, one level short, two, three or more. */
  double readiness_shortfall[4];
  double price_points;            /* within the investment … */
  double price_tolerance;         /* … as many off at this many times it */
  double mode_points;             /* × JbModeFit.fit */
  const JbModeFit *mode_fits;     /* ended by coop_mode NULL */
  double record_points;           /* a solver with a record this long or more … */
  double record_full;             /* … gets all record_points: selected solutions … */
  double record_deal;             /* … + this × signed deals, each in the demand's
                                   * field counting … */
  double record_in_field;         /* … this many times more */

  /* ---- organizations and people ---- */
  /* An organization's evidence (its achievements found, its solutions to
   * similar demands) counts the best whole, the next decayed by this much
   * each, so that many weak ones do not beat one strong. */
  double evidence_decay;
  /* A solution counts by its status: selected above shortlisted above
   * submitted above declined. */
  double solution_selected, solution_shortlisted, solution_submitted, solution_declined;
  /* An expert: this share of their organization's score … */
  double person_organization_share;
  /* … and their notes' words, as a share of terms_points … */
  double person_notes_share;
  /* … and their awards, all record_points from this many. */
  double person_awards_full;
  /* The experts of the best so many organizations are looked at (or of
   * twice as many as shown, if more). */
  guint person_organizations;

  /* ---- the other way: the demands for an achievement or organization ---- */
  /* An organization's words: its newest achievements and solutions, at
   * most so many of each. */
  guint organization_texts;
  double expired_points;          /* a deadline already past (taken away) */
};

const JbMatchWeights *jb_match_weights_default (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-weights.c: every number of matching (jb-match.h), in one place.
 *
 * A match's score is a sum of points: up to 60 for the words it shares with
 * the subject, and a few points up or down for each facet.  The words
 * dominate on purpose: a facet re-ranks the records that the words found
 * (an achievement of the right field in the next province beats one of
 * another field next door), but no facet makes a record on another subject
 * look relevant.  The facets are worth, at most, about as much as each
 * other, in the order in which technology managers say they decide:
 * field, then readiness and price, then region and cooperation mode, then
 * the solver's record.
 *
 * The values were set on the development half of the labelled set
 * (tests/match-set/, README "Matching") and checked on the other half. */
#include "config.h"

#include "jb-match-weights.h"

/* A demand asks for a transfer, a licence, joint or commissioned
 * development, or equity; an achievement's owner offers a transfer, a
 * licence, equity or joint implementation. */
static const JbModeFit mode_fits[] = {
  { "transfer", "transfer", 1.0 },
  { "transfer", "licensing", 0.5 },    /* an exclusive licence often does */
  { "licensing", "licensing", 1.0 },
  { "licensing", "transfer", 0.5 },
  { "joint", "joint", 1.0 },
  { "commissioned", "joint", 0.5 },    /* the owner develops it further, for the buyer */
  { "equity", "equity", 1.0 },
  { "equity", "joint", 0.5 },
  { "joint", "transfer", -1.0 },       /* wants a partner; offered a sale */
  { "commissioned", "transfer", -1.0 },
  { NULL }
};

static const JbMatchWeights defaults = {
  /* Title above keywords above the long texts, as the search ranks them
   * (jb-store-search.c): a demand's title names what it needs; its long
   * texts describe it in many words, most of them not the point. */
  .demand_title = 3.0,
  .demand_keywords = 2.0,
  .demand_key_technology = 1.0,
  .demand_problem = 1.0,
  .demand_goal = 1.0,
  .achievement_title = 3.0,
  .achievement_summary = 1.0,
  .solution_title = 3.0,
  .solution_summary = 1.0,
  /* Where a record found holds the term: its title, or its summary. */
  .column_title = 3.0,
  .column_keywords = 2.0,
  .column_summary = 1.0,
  .column_demand_title = 2.0,   /* a solution: the title of the demand it answered */
  .bm25_k1 = 1.2,
  .bm25_b = 0.75,
  /* Beyond 32 terms a demand's long texts add words that find everything. */
  .max_terms = 32,
  .max_asked = 64,
  /* 电池 in a tenth of all achievements still tells; 技术 in half does not. */
  .max_df_share = 0.2,
  .max_df_floor = 10,
  /* Enough to hold the records of the right subject that the facets may
   * reorder; more costs time for records no one reads. */
  .candidates = 300,
  .terms_points = 60.0,
  /* In proportion: records of one subject differ by a few words, which a
   * cap would hide (the labelled set lost a third of its recall@10 with a
   * cap at a third). */
  .terms_full_share = 1.0,
  /* One common word in a long text is chance. */
  .min_share = 0.04,
  .synonym_share = 0.5,

  .industry_points = 6.0,
  .region_province_points = 3.0,
  .region_delta_points = 1.5,
  .readiness_points = 3.0,
  /* Within six months only what is near production (TRL 7) helps, within a
   * year a pilot (6), within two a prototype (5); later, anything from 4. */
  .readiness_months = { 6, 12, 24 },
  .readiness_trl = { 7, 6, 5, 4 },
  /* One level short may catch up in time; three cannot. */
  .readiness_shortfall = { 1.0, 0.5, 0.0, -1.0 },
  .price_points = 3.0,
  .price_tolerance = 2.0,
  .mode_points = 2.0,
  .mode_fits = mode_fits,
  .record_points = 3.0,
  .record_full = 6.0,
  /* A signed contract says more than a selected solution; either in the
   * demand's own field says more again. */
  .record_deal = 2.0,
  .record_in_field = 1.0,

  .evidence_decay = 0.5,
  .solution_selected = 1.0,
  .solution_shortlisted = 0.8,
  .solution_submitted = 0.6,
  .solution_declined = 0.4,
  .person_organization_share = 0.7,
  .person_notes_share = 0.5,
  .person_awards_full = 2.0,
  .person_organizations = 20,
  .organization_texts = 30,

  .expired_points = 6.0,
};

const JbMatchWeights *
jb_match_weights_default (void)
{
  return &defaults;
}

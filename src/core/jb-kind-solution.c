/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-solution.c: solutions (解决方案) that solvers submit to a demand;
 * selecting one takes the demand up (揭榜). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-date.h"
#include "jb-kind-private.h"

/* "invited": a solver asked to answer (jb-match.h), not yet a solution
 * received — the figures do not count it.  Last: a new solution entered by
 * hand takes the first status (jb_rules_prefill()), and it has come in. */
JB_ENUM (jb_enum_solution_status,
         { "submitted", N_("Submitted") },
         { "shortlisted", N_("Shortlisted") },
         { "selected", N_("Selected"), JB_VALUE_SELECTED },
         { "declined", N_("Declined") },
         { "withdrawn", N_("Withdrawn") },
         { "invited", N_("Invited"), JB_VALUE_INVITED });

static const JbField fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  REF ("demand_id", N_("Demand"), REQ | LIST | FIND | CHILDREN, JB_KIND_DEMAND),
  REF ("solver_id", N_("Solver"), REQ | LIST | FIND, JB_KIND_ORGANIZATION),
  LONG ("summary", N_("Summary"), 0),
  DATE ("submitted", N_("Submitted on"), LIST),
  CHOICE ("status", N_("Status"), REQ | LIST, jb_enum_solution_status),
  INT ("score", N_("Score"), LIST, 0, 100),
  LONG ("feedback", N_("Feedback to the solver"), 0),
  INT ("trl", N_("Readiness level"), LIST, 1, 9),
  LONG ("notes", N_("Notes"), 0),
};

static void
prefill (JbStore *store, JbRecord *record)
{
  /* An invitation has not been submitted yet. */
  if (!jb_record_is_set (record, jb_rules_field (record, "submitted")) &&
      !jb_enum_has_flag (&jb_enum_solution_status, jb_record_get_text_by_name (record, "status"),
                         JB_VALUE_INVITED))
    {
      g_autofree char *today = jb_date_today ();
      jb_record_set_text_by_name (record, "submitted", today);
    }
}

/* Selecting a solution means its demand has been taken up (揭榜): a demand
 * not yet matched moves to matched. */
static gboolean
after_save (JbStore *store, JbRecord *record, GError **error)
{
  if (!jb_enum_has_flag (&jb_enum_solution_status, jb_record_get_text_by_name (record, "status"),
                         JB_VALUE_SELECTED))
    return TRUE;
  g_autoptr (JbRecord) demand =
    jb_store_load (store, JB_KIND_DEMAND, jb_record_get_int_by_name (record, "demand_id"), error);
  if (demand == NULL)
    return FALSE;
  if (!jb_enum_has_flag (&jb_enum_demand_status, jb_record_get_text_by_name (demand, "status"),
                         JB_VALUE_UNMATCHED))
    return TRUE;
  jb_record_set_text_by_name (demand, "status", "matched");
  return jb_store_save (store, demand, JB_SAVE_ANY_STATUS, error);
}

static const char *const in_event[] = { "demand_id.event_id", NULL };

static const JbKindTexts texts = {
  N_("Search solutions by title, demand or solver"),
  N_("_New Solution"),
  N_("No Solutions Yet"),
  N_("The answers that solvers submit to published demands: score them, give the solver "
     "feedback, and select the one that takes the demand up."),
};

static const JbKindOps ops = {
  .prefill = prefill,
  .after_save = after_save,
};

const JbKind jb_kind_solution = {
  JB_KIND_SOLUTION, "solution", N_("Solution"), N_("Solutions"),
  fields, G_N_ELEMENTS (fields), "title", in_event, NULL, &texts, &ops,
};

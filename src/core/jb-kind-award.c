/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-award.c: awards (奖项) handed out at an event to an organization, a
 * person or a solution. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-kind-private.h"

JB_ENUM (jb_enum_award_category,
         { "best_enterprise", N_("Best Open Innovation Enterprise") },
         { "best_solution", N_("Best Solution") },
         { "best_agency", N_("Excellent Service Agency") },
         { "craftsmanship", N_("Craftsmanship Award") },
         { "organization", N_("Excellent Organization Award") },
         { "other", N_("Other") });

static const JbField fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  REF ("event_id", N_("Event"), REQ | LIST | FIND, JB_KIND_EVENT),
  CHOICE ("category", N_("Category"), REQ | LIST | NO_DEFAULT, jb_enum_award_category),
  REF ("organization_id", N_("Organization"), LIST | FIND, JB_KIND_ORGANIZATION),
  REF ("person_id", N_("Person"), LIST | FIND, JB_KIND_PERSON),
  REF ("solution_id", N_("Solution"), LIST | FIND, JB_KIND_SOLUTION),
  DATE ("awarded_on", N_("Date"), LIST),
  LONG ("notes", N_("Notes"), 0),
};

static void
check (JbRecord *record, GPtrArray *problems)
{
  if (!jb_record_is_set (record, jb_rules_field (record, "organization_id")) &&
      !jb_record_is_set (record, jb_rules_field (record, "person_id")) &&
      !jb_record_is_set (record, jb_rules_field (record, "solution_id")))
    jb_problem_add (problems, (int) jb_rules_field (record, "organization_id"),
                    _("An award goes to an organization, a person or a solution."));
}

/* Awarded on the day of the event, unless said otherwise. */
static const JbInherit inherited[] = {
  { "event_id", "awarded_on", "start_date" },
  { NULL }
};

static void
prefill (JbStore *store, JbRecord *record)
{
  jb_rules_inherit_all (store, record, inherited);
}

static const char *const in_event[] = { "event_id", NULL };

static const JbKindTexts texts = {
  N_("Search awards by title, event or recipient"),
  N_("_New Award"),
  N_("No Awards Yet"),
  N_("The awards handed out at an event, to an organization, a person or a solution."),
};

static const JbKindOps ops = {
  .check = check,
  .prefill = prefill,
};

const JbKind jb_kind_award = {
  JB_KIND_AWARD, "award", N_("Award"), N_("Awards"),
  fields, G_N_ELEMENTS (fields), "title", in_event, NULL, &texts, &ops,
};

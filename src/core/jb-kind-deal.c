/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-deal.c: deals (合作), cooperation from the first intention to the
 * signed technology contract.  Which stages count as signed is the flag
 * JB_VALUE_SIGNED on the stages below: the rules here, the figures and the
 * tables' filters all read it. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-kind-private.h"

JB_ENUM (jb_enum_deal_stage,
         { "intention", N_("Intention") },
         { "negotiating", N_("Negotiating") },
         { "signed", N_("Signed"), JB_VALUE_SIGNED },
         { "executing", N_("Executing"), JB_VALUE_SIGNED },
         { "completed", N_("Completed"), JB_VALUE_SIGNED },
         { "terminated", N_("Terminated") });

/* The contract types as registered in China (技术合同登记). */
JB_ENUM (jb_enum_contract_type,
         { "development", N_("Technology development") },
         { "transfer", N_("Technology transfer") },
         { "licensing", N_("Technology licensing") },
         { "consulting", N_("Technology consulting") },
         { "service", N_("Technology service") });

/* The contract amount and, apart from it, the technology transaction amount
 * registered with the authorities (技术交易额), on which brokers are paid. */
static const JbField fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  REF ("demand_id", N_("Demand"), LIST | FIND | CHILDREN, JB_KIND_DEMAND),
  REF ("solution_id", N_("Solution"), CHILDREN, JB_KIND_SOLUTION),
  REF ("achievement_id", N_("Achievement"), CHILDREN, JB_KIND_ACHIEVEMENT),
  REF ("event_id", N_("Event"), 0, JB_KIND_EVENT),
  REF ("demand_side_id", N_("Demand side"), REQ | LIST | FIND, JB_KIND_ORGANIZATION),
  REF ("supply_side_id", N_("Supply side"), REQ | LIST | FIND, JB_KIND_ORGANIZATION),
  CHOICE ("stage", N_("Stage"), REQ | LIST, jb_enum_deal_stage),
  CHOICE ("contract_type", N_("Contract type"), LIST, jb_enum_contract_type),
  MONEY ("contract_amount", N_("Contract amount"), LIST),
  MONEY ("transaction_amount", N_("Registered transaction amount"), 0),
  DATE ("signed_on", N_("Signing date"), LIST),
  TEXT ("registration", N_("Contract registration number"), FIND),
  REF ("manager_id", N_("Technology manager"), 0, JB_KIND_PERSON),
  LONG ("notes", N_("Notes"), 0),
};

/* A signed contract has an amount and a date. */
static void
check (JbRecord *record, GPtrArray *problems)
{
  if (!jb_enum_has_flag (&jb_enum_deal_stage, jb_record_get_text_by_name (record, "stage"),
                         JB_VALUE_SIGNED))
    return;
  guint amount = jb_rules_field (record, "contract_amount");
  guint date = jb_rules_field (record, "signed_on");
  if (!jb_record_is_set (record, amount))
    jb_problem_add (problems, (int) amount, _("A signed deal needs its contract amount."));
  if (!jb_record_is_set (record, date))
    jb_problem_add (problems, (int) date, _("A signed deal needs its signing date."));
}

/* A deal comes from a solution, a demand or an achievement: the parties, the
 * event, the technology manager and a title follow from them. */
static const JbInherit inherited[] = {
  { "solution_id", "demand_id", "demand_id" },
  { "solution_id", "supply_side_id", "solver_id" },
  { "solution_id", "title", "title" },
  /* The demand, perhaps just taken from the solution. */
  { "demand_id", "demand_side_id", "owner_id" },
  { "demand_id", "event_id", "event_id" },
  { "demand_id", "manager_id", "manager_id" },
  { "demand_id", "title", "title" },
  { "achievement_id", "supply_side_id", "owner_id" },
  { "achievement_id", "event_id", "roadshow_id" },
  { "achievement_id", "title", "title" },
  { NULL }
};

static void
prefill (JbStore *store, JbRecord *record)
{
  jb_rules_inherit_all (store, record, inherited);
}

/* Brokered at the event itself, or for one of its demands. */
static const char *const in_event[] = { "event_id", "demand_id.event_id", NULL };

static const JbKindTexts texts = {
  N_("Search deals by title, demand, parties or registration number"),
  N_("_New Deal"),
  N_("No Deals Yet"),
  N_("Cooperation from the first intention to the signed technology contract: its amount, "
     "its registration and its payments."),
};

static const JbKindOps ops = {
  .check = check,
  .prefill = prefill,
};

const JbKind jb_kind_deal = {
  JB_KIND_DEAL, "deal", N_("Deal"), N_("Deals"),
  fields, G_N_ELEMENTS (fields), "title", in_event, NULL, &texts, &ops,
};

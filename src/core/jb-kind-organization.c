/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-organization.c: organizations (单位) — enterprises, institutes,
 * universities, agencies…: the owners of demands and the solvers. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-credit-code.h"
#include "jb-kind-private.h"

static const JbField fields[] = {
  TEXT ("name", N_("Name"), REQ | LIST | FIND | UNIQUE),
  CHOICE ("kind", N_("Kind"), REQ | LIST, jb_enum_org_kind),
  CHOICE ("province", N_("Province"), LIST, jb_enum_province),
  TEXT ("city", N_("City"), LIST | FIND),
  TEXT ("district", N_("District"), LIST | FIND),
  TEXT ("credit_code", N_("Unified social credit code"), LIST | FIND | UNIQUE),
  BOOL ("alliance", N_("Member of the Large Enterprise Innovation Alliance"), LIST),
  TEXT ("contact", N_("Contact"), FIND),
  TEXT ("phone", N_("Phone"), 0),
  TEXT ("email", N_("E-mail"), 0),
  TEXT ("address", N_("Address"), 0),
  LONG ("notes", N_("Notes"), 0),
};

static void
check (JbRecord *record, GPtrArray *problems)
{
  const char *code = jb_record_get_text_by_name (record, "credit_code");
  g_autofree char *message = NULL;
  if (code && !jb_credit_code_is_valid (code, &message))
    jb_problem_add (problems, (int) jb_rules_field (record, "credit_code"), "%s", message);
  jb_rules_check_email (record, problems);
}

/* An organization belongs to an event as the owner of its demands. */
static const char *const in_event[] = { "<demand.owner_id", NULL };

static const JbKindTexts texts = {
  N_("Search organizations by name, place, credit code or contact"),
  N_("_New Organization"),
  N_("No Organizations Yet"),
  N_("Enterprises, research institutes, universities, service agencies and government "
     "departments: the owners of demands and the solvers who take them up."),
};

static const JbKindOps ops = {
  .check = check,
};

const JbKind jb_kind_organization = {
  JB_KIND_ORGANIZATION, "organization", N_("Organization"), N_("Organizations"),
  fields, G_N_ELEMENTS (fields), "name", in_event, NULL, &texts, &ops,
};

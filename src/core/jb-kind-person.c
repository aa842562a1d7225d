/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-person.c: people (人员) — technology managers, experts, contacts. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-kind-private.h"

JB_ENUM (jb_enum_person_role,
         { "manager", N_("Technology manager") },
         { "expert", N_("Expert") },
         { "contact", N_("Contact") });

static const JbField fields[] = {
  TEXT ("name", N_("Full name"), REQ | LIST | FIND),
  CHOICE ("role", N_("Role"), REQ | LIST, jb_enum_person_role),
  REF ("organization_id", N_("Organization"), LIST | FIND, JB_KIND_ORGANIZATION),
  TEXT ("phone", N_("Phone"), LIST),
  TEXT ("email", N_("E-mail"), LIST),
  TEXT ("certificate", N_("Certificate number"), FIND),
  LONG ("notes", N_("Notes"), 0),
};

/* A person belongs to an event as the technology manager of its demands. */
static const char *const in_event[] = { "<demand.manager_id", NULL };

static const JbKindTexts texts = {
  N_("Search people by name, organization or certificate"),
  N_("_New Person"),
  N_("No People Yet"),
  N_("Technology managers, experts and contacts, each with their organization."),
};

static const JbKindOps ops = {
  .check = jb_rules_check_email,
};

const JbKind jb_kind_person = {
  JB_KIND_PERSON, "person", N_("Person"), N_("People"),
  fields, G_N_ELEMENTS (fields), "name", in_event, NULL, &texts, &ops,
};

/* jb-kind.c: the field tables of every record kind (see jb-kind.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-kind.h"

#define ENUM(sym, ...) \
  static const JbEnumValue sym##_values[] = { __VA_ARGS__ }; \
  const JbEnum sym = { #sym, sym##_values, G_N_ELEMENTS (sym##_values) }

ENUM (jb_enum_org_kind,
      { "enterprise", N_("Enterprise") },
      { "institute", N_("Research institute") },
      { "university", N_("University") },
      { "agency", N_("Service agency") },
      { "government", N_("Government department") },
      { "investor", N_("Investor") },
      { "other", N_("Other") });

/* The Yangtze River Delta first: that is where most of our users work. */
ENUM (jb_enum_province,
      { "shanghai", N_("Shanghai") },
      { "jiangsu", N_("Jiangsu") },
      { "zhejiang", N_("Zhejiang") },
      { "anhui", N_("Anhui") },
      { "beijing", N_("Beijing") },
      { "tianjin", N_("Tianjin") },
      { "hebei", N_("Hebei") },
      { "shanxi", N_("Shanxi") },
      { "neimenggu", N_("Inner Mongolia") },
      { "liaoning", N_("Liaoning") },
      { "jilin", N_("Jilin") },
      { "heilongjiang", N_("Heilongjiang") },
      { "fujian", N_("Fujian") },
      { "jiangxi", N_("Jiangxi") },
      { "shandong", N_("Shandong") },
      { "henan", N_("Henan") },
      { "hubei", N_("Hubei") },
      { "hunan", N_("Hunan") },
      { "guangdong", N_("Guangdong") },
      { "guangxi", N_("Guangxi") },
      { "hainan", N_("Hainan") },
      { "chongqing", N_("Chongqing") },
      { "sichuan", N_("Sichuan") },
      { "guizhou", N_("Guizhou") },
      { "yunnan", N_("Yunnan") },
      { "xizang", N_("Tibet") },
      { "shaanxi", N_("Shaanxi") },
      { "gansu", N_("Gansu") },
      { "qinghai", N_("Qinghai") },
      { "ningxia", N_("Ningxia") },
      { "xinjiang", N_("Xinjiang") },
      { "taiwan", N_("Taiwan") },
      { "hongkong", N_("Hong Kong") },
      { "macao", N_("Macao") },
      { "overseas", N_("Outside China") });

ENUM (jb_enum_industry,
      { "new_energy", N_("New energy") },
      { "new_materials", N_("New materials") },
      { "ai", N_("Artificial intelligence") },
      { "ic", N_("Integrated circuits") },
      { "electronics", N_("Electronic information") },
      { "biomedicine", N_("Biomedicine") },
      { "medical_devices", N_("Medical devices") },
      { "equipment", N_("High-end equipment") },
      { "automotive", N_("Intelligent vehicles") },
      { "aerospace", N_("Aerospace") },
      { "energy_saving", N_("Energy saving and environment") },
      { "chemicals", N_("Chemicals") },
      { "agriculture", N_("Modern agriculture") },
      { "digital", N_("Digital economy") },
      { "other", N_("Other") });

ENUM (jb_enum_person_role,
      { "manager", N_("Technology manager") },
      { "expert", N_("Expert") },
      { "contact", N_("Contact") });

ENUM (jb_enum_event_kind,
      { "challenge", N_("Challenge") },
      { "session", N_("Session") },
      { "roadshow", N_("Roadshow") },
      { "matchmaking", N_("Matchmaking meeting") },
      { "forum", N_("Forum") });

ENUM (jb_enum_coop_mode,
      { "transfer", N_("Technology transfer") },
      { "licensing", N_("Licensing") },
      { "joint", N_("Joint development") },
      { "commissioned", N_("Commissioned development") },
      { "equity", N_("Technology equity") },
      { "other", N_("Other") });

ENUM (jb_enum_demand_status,
      { "draft", N_("Draft") },
      { "review", N_("Under review") },
      { "published", N_("Published") },
      { "matched", N_("Matched") },
      { "cooperating", N_("Cooperating") },
      { "closed", N_("Closed") },
      { "withdrawn", N_("Withdrawn") });

ENUM (jb_enum_solution_status,
      { "submitted", N_("Submitted") },
      { "shortlisted", N_("Shortlisted") },
      { "selected", N_("Selected") },
      { "declined", N_("Declined") },
      { "withdrawn", N_("Withdrawn") });

ENUM (jb_enum_ip_form,
      { "patent", N_("Patent") },
      { "software", N_("Software copyright") },
      { "know_how", N_("Know-how") },
      { "design", N_("Integrated circuit layout") },
      { "variety", N_("Plant variety") },
      { "other", N_("Other") });

ENUM (jb_enum_transfer_mode,
      { "transfer", N_("Transfer") },
      { "licensing", N_("Licensing") },
      { "equity", N_("Equity") },
      { "joint", N_("Joint implementation") });

ENUM (jb_enum_deal_stage,
      { "intention", N_("Intention") },
      { "negotiating", N_("Negotiating") },
      { "signed", N_("Signed") },
      { "executing", N_("Executing") },
      { "completed", N_("Completed") },
      { "terminated", N_("Terminated") });

ENUM (jb_enum_contract_type,
      { "development", N_("Technology development") },
      { "transfer", N_("Technology transfer") },
      { "licensing", N_("Technology licensing") },
      { "consulting", N_("Technology consulting") },
      { "service", N_("Technology service") });

ENUM (jb_enum_award_category,
      { "best_enterprise", N_("Best Open Innovation Enterprise") },
      { "best_solution", N_("Best Solution") },
      { "best_agency", N_("Excellent Service Agency") },
      { "craftsmanship", N_("Craftsmanship Award") },
      { "organization", N_("Excellent Organization Award") },
      { "other", N_("Other") });

#define REQ JB_FIELD_REQUIRED
#define LIST JB_FIELD_LISTED
#define FIND JB_FIELD_SEARCHED
#define UNIQUE JB_FIELD_UNIQUE

#define TEXT(n, l, f)       { n, JB_TYPE_TEXT, l, f, NULL, 0, 0, 0, 0 }
#define LONG(n, l, f)       { n, JB_TYPE_LONG_TEXT, l, f, NULL, 0, 0, 0, 0 }
#define INT(n, l, f, lo, hi) { n, JB_TYPE_INT, l, f, NULL, 0, lo, hi, 0 }
#define MONEY(n, l, f)      { n, JB_TYPE_MONEY, l, f, NULL, 0, 0, 0, 0 }
#define DATE(n, l, f)       { n, JB_TYPE_DATE, l, f, NULL, 0, 0, 0, 0 }
#define CHOICE(n, l, f, e)  { n, JB_TYPE_ENUM, l, f, &e, 0, 0, 0, 0 }
#define REF(n, l, f, k)     { n, JB_TYPE_REF, l, f, NULL, k, 0, 0, 0 }
#define BOOL(n, l, f)       { n, JB_TYPE_BOOL, l, f, NULL, 0, 0, 0, 0 }

static const JbField organization_fields[] = {
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
};

static const JbField person_fields[] = {
  TEXT ("name", N_("Full name"), REQ | LIST | FIND),
  CHOICE ("role", N_("Role"), REQ | LIST, jb_enum_person_role),
  REF ("organization_id", N_("Organization"), LIST | FIND, JB_KIND_ORGANIZATION),
  TEXT ("phone", N_("Phone"), LIST),
  TEXT ("email", N_("E-mail"), LIST),
  TEXT ("certificate", N_("Certificate number"), FIND),
};

static const JbField event_fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  CHOICE ("kind", N_("Kind"), REQ | LIST, jb_enum_event_kind),
  REF ("parent_id", N_("Part of"), LIST, JB_KIND_EVENT),
  DATE ("start_date", N_("Start date"), LIST),
  DATE ("end_date", N_("End date"), 0),
  TEXT ("venue", N_("Venue"), LIST | FIND),
  REF ("organizer_id", N_("Organizer"), LIST | FIND, JB_KIND_ORGANIZATION),
};

static const JbField demand_fields[] = {
  TEXT ("code", N_("Code"), LIST | FIND | UNIQUE),
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  REF ("owner_id", N_("Owner"), REQ | LIST | FIND, JB_KIND_ORGANIZATION),
  REF ("event_id", N_("Event"), 0, JB_KIND_EVENT),
  CHOICE ("industry", N_("Industry field"), LIST, jb_enum_industry),
  TEXT ("keywords", N_("Keywords"), FIND),
  CHOICE ("province", N_("Province"), LIST, jb_enum_province),
  TEXT ("city", N_("City"), FIND),
  TEXT ("district", N_("District"), FIND),
  LONG ("problem", N_("Problem"), 0),
  LONG ("key_technology", N_("Key technology"), 0),
  LONG ("goal", N_("Expected goal"), 0),
  LONG ("indicators", N_("Technical indicators"), 0),
  MONEY ("investment", N_("Intended investment"), LIST),
  CHOICE ("coop_mode", N_("Cooperation mode"), 0, jb_enum_coop_mode),
  DATE ("deadline", N_("Deadline"), LIST),
  CHOICE ("status", N_("Status"), REQ | LIST, jb_enum_demand_status),
  REF ("manager_id", N_("Technology manager"), 0, JB_KIND_PERSON),
  BOOL ("confidential", N_("Confidential"), 0),
};

static const JbField solution_fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  REF ("demand_id", N_("Demand"), REQ | LIST | FIND, JB_KIND_DEMAND),
  REF ("solver_id", N_("Solver"), REQ | LIST | FIND, JB_KIND_ORGANIZATION),
  LONG ("summary", N_("Summary"), 0),
  DATE ("submitted", N_("Submitted on"), LIST),
  CHOICE ("status", N_("Status"), REQ | LIST, jb_enum_solution_status),
  INT ("score", N_("Score"), LIST, 0, 100),
  LONG ("feedback", N_("Feedback to the solver"), 0),
  INT ("trl", N_("Readiness level"), LIST, 1, 9),
};

static const JbField achievement_fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  REF ("owner_id", N_("Owner"), REQ | LIST | FIND, JB_KIND_ORGANIZATION),
  CHOICE ("industry", N_("Industry field"), LIST, jb_enum_industry),
  INT ("trl", N_("Readiness level"), LIST, 1, 9),
  CHOICE ("ip_form", N_("Form of IP"), LIST, jb_enum_ip_form),
  TEXT ("patents", N_("Patent numbers"), FIND),
  CHOICE ("transfer_mode", N_("Transfer mode"), LIST, jb_enum_transfer_mode),
  MONEY ("asking_price", N_("Asking price"), LIST),
  REF ("roadshow_id", N_("Roadshow"), 0, JB_KIND_EVENT),
  LONG ("summary", N_("Summary"), 0),
};

static const JbField deal_fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  REF ("demand_id", N_("Demand"), LIST | FIND, JB_KIND_DEMAND),
  REF ("solution_id", N_("Solution"), 0, JB_KIND_SOLUTION),
  REF ("achievement_id", N_("Achievement"), 0, JB_KIND_ACHIEVEMENT),
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
};

static const JbField payment_fields[] = {
  REF ("deal_id", N_("Deal"), REQ | LIST | FIND | JB_FIELD_PART_OF, JB_KIND_DEAL),
  TEXT ("milestone", N_("Milestone"), LIST | FIND),
  DATE ("due_date", N_("Due date"), REQ | LIST),
  MONEY ("amount", N_("Amount"), REQ | LIST),
  BOOL ("received", N_("Received"), LIST),
  DATE ("received_on", N_("Received on"), 0),
};

static const JbField award_fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  REF ("event_id", N_("Event"), REQ | LIST | FIND, JB_KIND_EVENT),
  CHOICE ("category", N_("Category"), REQ | LIST, jb_enum_award_category),
  REF ("organization_id", N_("Organization"), LIST | FIND, JB_KIND_ORGANIZATION),
  REF ("person_id", N_("Person"), LIST | FIND, JB_KIND_PERSON),
  REF ("solution_id", N_("Solution"), LIST | FIND, JB_KIND_SOLUTION),
  DATE ("awarded_on", N_("Date"), LIST),
};

#define KIND(k, n, l, p, f, t) [k] = { k, n, l, p, f, G_N_ELEMENTS (f), t }

static const JbKind kinds[JB_N_KINDS] = {
  KIND (JB_KIND_ORGANIZATION, "organization", N_("Organization"), N_("Organizations"),
        organization_fields, 0),
  KIND (JB_KIND_PERSON, "person", N_("Person"), N_("People"), person_fields, 0),
  KIND (JB_KIND_EVENT, "event", N_("Event"), N_("Events"), event_fields, 0),
  KIND (JB_KIND_DEMAND, "demand", N_("Demand"), N_("Demands"), demand_fields, 1),
  KIND (JB_KIND_SOLUTION, "solution", N_("Solution"), N_("Solutions"), solution_fields, 0),
  KIND (JB_KIND_ACHIEVEMENT, "achievement", N_("Technology achievement"),
        N_("Technology achievements"), achievement_fields, 0),
  KIND (JB_KIND_DEAL, "deal", N_("Deal"), N_("Deals"), deal_fields, 0),
  KIND (JB_KIND_PAYMENT, "payment", N_("Payment"), N_("Payments"), payment_fields, 1),
  KIND (JB_KIND_AWARD, "award", N_("Award"), N_("Awards"), award_fields, 0),
};

const JbKind *
jb_kind_get (JbKindId kind)
{
  g_return_val_if_fail (kind < JB_N_KINDS, NULL);
  return &kinds[kind];
}

const JbKind *
jb_kind_by_name (const char *name)
{
  for (guint i = 0; i < JB_N_KINDS; i++)
    if (g_strcmp0 (kinds[i].name, name) == 0)
      return &kinds[i];
  return NULL;
}

int
jb_kind_field_index (const JbKind *kind, const char *field_name)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, field_name) == 0)
      return (int) i;
  return -1;
}

const JbField *
jb_kind_field (const JbKind *kind, const char *field_name)
{
  int i = jb_kind_field_index (kind, field_name);
  return i < 0 ? NULL : &kind->fields[i];
}

int
jb_enum_index (const JbEnum *enumeration, const char *code)
{
  for (guint i = 0; code != NULL && i < enumeration->n_values; i++)
    if (strcmp (enumeration->values[i].code, code) == 0)
      return (int) i;
  return -1;
}

const char *
jb_enum_label (const JbEnum *enumeration, const char *code)
{
  int i = jb_enum_index (enumeration, code);
  return i < 0 ? NULL : _(enumeration->values[i].label);
}

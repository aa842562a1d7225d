/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-demand.c: innovation demands (需求), the heart of Jiebang: what an
 * enterprise needs solved, its status workflow from draft to closed, and its
 * code (JB-2026-0001). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "jb-kind-private.h"
#include "jb-rules.h"

JB_ENUM (jb_enum_coop_mode,
         { "transfer", N_("Technology transfer") },
         { "licensing", N_("Licensing") },
         { "joint", N_("Joint development") },
         { "commissioned", N_("Commissioned development") },
         { "equity", N_("Technology equity") },
         { "other", N_("Other") });

#define PUBLISHED JB_VALUE_PUBLISHED
#define MATCHED (JB_VALUE_PUBLISHED | JB_VALUE_MATCHED)
JB_ENUM (jb_enum_demand_status,
         { "draft", N_("Draft"), JB_VALUE_UNMATCHED },
         { "review", N_("Under review"), JB_VALUE_UNMATCHED },
         { "published", N_("Published"), PUBLISHED | JB_VALUE_UNMATCHED },
         { "matched", N_("Matched"), MATCHED },
         { "cooperating", N_("Cooperating"), MATCHED },
         { "closed", N_("Closed"), MATCHED },
         { "withdrawn", N_("Withdrawn") });

static const JbField fields[] = {
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
  LONG ("notes", N_("Notes"), 0),
};

/* How many keywords jb_keywords_split() finds in @text, without building
 * them: the words between separators that are more than ASCII spaces. */
static guint
count_keywords (const char *text)
{
  static const char *seps[] = { "，", "、", "；", ";", "," };
  guint n = 0;
  gboolean word = FALSE;

  for (const char *p = text ? text : ""; *p;)
    {
      gsize sep = 0;
      /* Each separator starts with one of these bytes. */
      gboolean maybe = *p == ',' || *p == ';' || *p == seps[0][0] || *p == seps[1][0];
      for (guint i = 0; maybe && i < G_N_ELEMENTS (seps) && sep == 0; i++)
        if (strncmp (p, seps[i], strlen (seps[i])) == 0)
          sep = strlen (seps[i]);
      if (sep)
        {
          n += word;
          word = FALSE;
          p += sep;
          continue;
        }
      word = word || !g_ascii_isspace (*p);
      p++;
    }
  return n + word;
}

static void
check (JbRecord *record, GPtrArray *problems)
{
  if (count_keywords (jb_record_get_text_by_name (record, "keywords")) > JB_MAX_KEYWORDS)
    jb_problem_add (problems, (int) jb_rules_field (record, "keywords"),
                    _("At most %d keywords, please."), JB_MAX_KEYWORDS);
}

/* The workflow: draft → review → published → matched → cooperating → closed.
 * A demand may also step back one stage (to correct a slip), be withdrawn from
 * any stage before closed, and a withdrawn demand may start again as a draft. */
static const char *workflow[] = { "draft", "review", "published", "matched", "cooperating",
                                  "closed" };

static int
workflow_index (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (workflow); i++)
    if (g_strcmp0 (workflow[i], status) == 0)
      return (int) i;
  return -1;
}

gboolean
jb_demand_status_can_move (const char *from, const char *to)
{
  if (g_strcmp0 (from, to) == 0)
    return TRUE;
  if (g_strcmp0 (to, "withdrawn") == 0)
    return g_strcmp0 (from, "closed") != 0;
  if (g_strcmp0 (from, "withdrawn") == 0)
    return g_strcmp0 (to, "draft") == 0;
  int a = workflow_index (from), b = workflow_index (to);
  return a >= 0 && b >= 0 && (b == a + 1 || b == a - 1);
}

static void
check_change (JbRecord *before, JbRecord *after, GPtrArray *problems)
{
  const char *from = jb_record_get_text_by_name (before, "status");
  const char *to = jb_record_get_text_by_name (after, "status");
  const JbEnum *e = &jb_enum_demand_status;
  if (jb_demand_status_can_move (from, to))
    return;
  /* Skipping ahead (publishing a draft) is the usual slip: name the step. */
  int a = workflow_index (from), b = workflow_index (to);
  if (a >= 0 && b > a + 1)
    jb_problem_add (problems, (int) jb_rules_field (after, "status"),
                    _("A demand cannot move from “%s” to “%s” at once: first move it to “%s”."),
                    jb_enum_label (e, from), jb_enum_label (e, to),
                    jb_enum_label (e, workflow[a + 1]));
  else
    jb_problem_add (problems, (int) jb_rules_field (after, "status"),
                    _("A demand cannot move from “%s” to “%s”."),
                    jb_enum_label (e, from), jb_enum_label (e, to));
}

/* A demand is where its owner is, unless said otherwise. */
static const JbInherit inherited[] = {
  { "owner_id", "province", "province" },
  { "owner_id", "city", "city" },
  { "owner_id", "district", "district" },
  { NULL }
};

static void
prefill (JbStore *store, JbRecord *record)
{
  jb_rules_inherit_all (store, record, inherited);
}

/* Demands entered here get a code when the user gives none: JB-2026-0001,
 * JB-2026-0002…  Imported demands keep exactly what their file says. */
static void
assign (JbStore *store, JbRecord *record)
{
  if (jb_record_get_text_by_name (record, "code"))
    return;
  /* localtime_r, not GDateTime: it looks the time zone up once per process,
   * not once per demand of an import. */
  time_t t = time (NULL);
  struct tm tm;
  localtime_r (&t, &tm);
  g_autofree char *prefix = g_strdup_printf ("JB-%d-", tm.tm_year + 1900);
  g_autofree char *code = jb_store_next_code (store, JB_KIND_DEMAND, "code", prefix, 4);
  jb_record_set_text_by_name (record, "code", code);
}

static const char *const in_event[] = { "event_id", NULL };

static const JbKindTexts texts = {
  N_("Search demands by title, code, owner, keywords or place"),
  N_("_New Demand"),
  N_("Welcome to Jiebang"),
  N_("Jiebang keeps the innovation demands that enterprises publish, the solutions that "
     "answer them and the deals that follow, in one place on your computer. Start with a "
     "demand; its owner is chosen from your organizations."),
};

static const JbKindOps ops = {
  .check = check,
  .check_change = check_change,
  .prefill = prefill,
  .assign = assign,
};

const JbKind jb_kind_demand = {
  JB_KIND_DEMAND, "demand", N_("Demand"), N_("Demands"),
  fields, G_N_ELEMENTS (fields), "title", in_event, NULL, &texts, &ops,
};

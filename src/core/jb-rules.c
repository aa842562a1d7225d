/* jb-rules.c: per-kind rules (see jb-rules.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-credit-code.h"
#include "jb-date.h"
#include "jb-rules.h"

GStrv
jb_keywords_split (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *s = g_strdup (text ? text : "");
  static const char *seps[] = { "，", "、", "；", ";" };

  for (guint i = 0; i < G_N_ELEMENTS (seps); i++)
    {
      g_auto (GStrv) parts = g_strsplit (s, seps[i], -1);
      g_free (s);
      s = g_strjoinv (",", parts);
    }
  g_auto (GStrv) parts = g_strsplit (s, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

char *
jb_keywords_normalize (const char *text)
{
  g_auto (GStrv) words = jb_keywords_split (text);
  if (words[0] && words[1] == NULL)
    {
      /* One "word" with spaces inside: "电池 储能　快充". */
      g_autofree char *spaced = g_strdup (words[0]);
      g_strdelimit (spaced, "\t", ' ');
      g_auto (GStrv) ideo = g_strsplit (spaced, "\u3000", -1);
      g_autofree char *joined = g_strjoinv (" ", ideo);
      g_auto (GStrv) parts = g_strsplit (joined, " ", -1);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      for (guint i = 0; parts[i]; i++)
        if (*g_strstrip (parts[i]))
          g_strv_builder_add (builder, parts[i]);
      g_strfreev (words);
      words = g_strv_builder_end (builder);
    }
  return words[0] ? g_strjoinv ("、", words) : NULL;
}

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

static int
field (JbRecord *record, const char *name)
{
  return jb_kind_field_index (jb_record_get_kind (record), name);
}

static void
check_dates_in_order (JbRecord *record, const char *first, const char *second,
                      GPtrArray *problems)
{
  const char *a = jb_record_get_text_by_name (record, first);
  const char *b = jb_record_get_text_by_name (record, second);
  if (a && b && strcmp (b, a) < 0)
    jb_problem_add (problems, field (record, second), _("This date comes before %s."),
                    _(jb_kind_field (jb_record_get_kind (record), first)->label));
}

static void
check_email (JbRecord *record, GPtrArray *problems)
{
  const char *email = jb_record_get_text_by_name (record, "email");
  const char *at = email ? strchr (email, '@') : NULL;
  if (email && (at == NULL || at == email || strchr (at, '.') == NULL || strchr (email, ' ')))
    jb_problem_add (problems, field (record, "email"),
                    _("“%s” is not an e-mail address."), email);
}

void
jb_rules_check (JbRecord *record, GPtrArray *problems)
{
  switch (jb_record_get_kind_id (record))
    {
    case JB_KIND_ORGANIZATION:
      {
        const char *code = jb_record_get_text_by_name (record, "credit_code");
        g_autofree char *message = NULL;
        if (code && !jb_credit_code_is_valid (code, &message))
          jb_problem_add (problems, field (record, "credit_code"), "%s", message);
        check_email (record, problems);
      }
      break;
    case JB_KIND_PERSON:
      check_email (record, problems);
      break;
    case JB_KIND_EVENT:
      check_dates_in_order (record, "start_date", "end_date", problems);
      break;
    case JB_KIND_DEMAND:
      {
        if (count_keywords (jb_record_get_text_by_name (record, "keywords")) > JB_MAX_KEYWORDS)
          jb_problem_add (problems, field (record, "keywords"),
                          _("At most %d keywords, please."), JB_MAX_KEYWORDS);
      }
      break;
    case JB_KIND_DEAL:
      {
        const char *stage = jb_record_get_text_by_name (record, "stage");
        gboolean signed_ = g_strcmp0 (stage, "signed") == 0 ||
                           g_strcmp0 (stage, "executing") == 0 ||
                           g_strcmp0 (stage, "completed") == 0;
        if (signed_ && !jb_record_is_set (record, field (record, "contract_amount")))
          jb_problem_add (problems, field (record, "contract_amount"),
                          _("A signed deal needs its contract amount."));
        if (signed_ && !jb_record_is_set (record, field (record, "signed_on")))
          jb_problem_add (problems, field (record, "signed_on"),
                          _("A signed deal needs its signing date."));
      }
      break;
    case JB_KIND_AWARD:
      if (!jb_record_is_set (record, field (record, "organization_id")) &&
          !jb_record_is_set (record, field (record, "person_id")) &&
          !jb_record_is_set (record, field (record, "solution_id")))
        jb_problem_add (problems, field (record, "organization_id"),
                        _("An award goes to an organization, a person or a solution."));
      break;
    case JB_KIND_PAYMENT:
      if (jb_record_get_int_by_name (record, "received") &&
          !jb_record_is_set (record, field (record, "received_on")))
        jb_problem_add (problems, field (record, "received_on"),
                        _("Enter the date the payment was received."));
      break;
    case JB_KIND_SOLUTION:
    case JB_KIND_ACHIEVEMENT:
    case JB_N_KINDS:
      break;
    }
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

void
jb_rules_check_change (JbRecord *before, JbRecord *after, GPtrArray *problems)
{
  if (jb_record_get_kind_id (after) != JB_KIND_DEMAND)
    return;
  const char *from = jb_record_get_text_by_name (before, "status");
  const char *to = jb_record_get_text_by_name (after, "status");
  const JbEnum *e = &jb_enum_demand_status;
  if (!jb_demand_status_can_move (from, to))
    jb_problem_add (problems, field (after, "status"),
                    _("A demand cannot move from “%s” to “%s”."),
                    jb_enum_label (e, from), jb_enum_label (e, to));
}

/* Copies @from's field @src into @record's field @dst, unless already set. */
static void
inherit (JbRecord *record, const char *dst, JbRecord *from, const char *src)
{
  const JbKind *kind = jb_record_get_kind (record);
  int d = jb_kind_field_index (kind, dst);
  int s = jb_kind_field_index (jb_record_get_kind (from), src);
  if (d < 0 || s < 0 || jb_record_is_set (record, d) || !jb_record_is_set (from, s))
    return;
  switch (kind->fields[d].type)
    {
    case JB_TYPE_TEXT:
    case JB_TYPE_LONG_TEXT:
    case JB_TYPE_DATE:
    case JB_TYPE_ENUM:
      jb_record_set_text (record, d, jb_record_get_text (from, s));
      break;
    default:
      jb_record_set_int (record, d, jb_record_get_int (from, s));
      jb_record_set_ref_name (record, d, jb_record_get_ref_name (from, s));
      break;
    }
}

/* The record @record's reference @field points at, or NULL. */
static JbRecord *
follow (JbStore *store, JbRecord *record, const char *field)
{
  int i = jb_kind_field_index (jb_record_get_kind (record), field);
  if (i < 0 || !jb_record_is_set (record, i))
    return NULL;
  return jb_store_load (store, jb_record_get_kind (record)->fields[i].ref_kind,
                        jb_record_get_int (record, i), NULL);
}

void
jb_rules_prefill (JbStore *store, JbRecord *record)
{
  const JbKind *kind = jb_record_get_kind (record);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (f->type == JB_TYPE_ENUM && (f->flags & JB_FIELD_REQUIRED) && !jb_record_is_set (record, i))
        jb_record_set_text (record, i, f->enumeration->values[0].code);
    }

  switch (kind->id)
    {
    case JB_KIND_DEAL:
      {
        g_autoptr (JbRecord) solution = follow (store, record, "solution_id");
        if (solution)
          {
            inherit (record, "demand_id", solution, "demand_id");
            inherit (record, "supply_side_id", solution, "solver_id");
            inherit (record, "title", solution, "title");
          }
        g_autoptr (JbRecord) demand = follow (store, record, "demand_id");
        if (demand)
          {
            inherit (record, "demand_side_id", demand, "owner_id");
            inherit (record, "event_id", demand, "event_id");
            inherit (record, "manager_id", demand, "manager_id");
            inherit (record, "title", demand, "title");
          }
        g_autoptr (JbRecord) achievement = follow (store, record, "achievement_id");
        if (achievement)
          {
            inherit (record, "supply_side_id", achievement, "owner_id");
            inherit (record, "event_id", achievement, "roadshow_id");
            inherit (record, "title", achievement, "title");
          }
      }
      break;
    case JB_KIND_SOLUTION:
      if (!jb_record_is_set (record, jb_kind_field_index (kind, "submitted")))
        {
          g_autofree char *today = jb_date_today ();
          jb_record_set_text_by_name (record, "submitted", today);
        }
      break;
    case JB_KIND_AWARD:
      {
        g_autoptr (JbRecord) event = follow (store, record, "event_id");
        if (event)
          inherit (record, "awarded_on", event, "start_date");
      }
      break;
    case JB_KIND_DEMAND:
      {
        g_autoptr (JbRecord) owner = follow (store, record, "owner_id");
        if (owner)
          {
            inherit (record, "province", owner, "province");
            inherit (record, "city", owner, "city");
            inherit (record, "district", owner, "district");
          }
      }
      break;
    default:
      break;
    }
}

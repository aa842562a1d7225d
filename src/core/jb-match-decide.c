/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-decide.c: what a technology manager decides about a suggestion
 * (jb-match.h) — invite, dismiss, restore — kept in the demand's history,
 * and how those decisions mark the suggestions of later runs. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-match-private.h"

/* ---- reading them back -------------------------------------------------------- */

gboolean
jb_match_decisions_load (JbMatchRun *run, GError **error)
{
  JbRecord *s = run->subject;
  JbKindId kind = jb_record_get_kind_id (s);
  gboolean demand = kind == JB_KIND_DEMAND;
  g_autoptr (GPtrArray) rows = jb_store_match_decisions (run->store,
                                                         demand ? jb_record_get_uuid (s) : NULL,
                                                         demand ? NULL : jb_record_get_uuid (s),
                                                         error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      JbMatchDecision *d = rows->pdata[i];
      const char *key = demand ? d->target_uuid : d->demand_uuid;
      if (key == NULL)
        continue;
      JbMatchState *state = g_hash_table_lookup (run->decisions, key);
      if (state == NULL)
        {
          state = g_new0 (JbMatchState, 1);
          g_hash_table_insert (run->decisions, g_strdup (key), state);
        }
      /* Oldest first: the last word counts. */
      if (g_str_equal (d->action, "invited"))
        {
          state->invited = TRUE;
          g_free (state->invited_at);
          state->invited_at = g_strdup (d->at);
          g_free (state->created_uuid);
          state->created_uuid = g_strdup (d->value);
        }
      else if (g_str_equal (d->action, "dismissed"))
        {
          state->dismissed = TRUE;
          g_free (state->dismissed_at);
          state->dismissed_at = g_strdup (d->at);
          g_free (state->reason);
          state->reason = g_strdup (d->value);
        }
      else if (g_str_equal (d->action, "restored"))
        state->dismissed = FALSE;
    }
  return jb_store_match_answered (run->store, kind, jb_record_get_id (s), run->answered, error);
}

/* The solution or deal with @uuid: its kind and id, or FALSE. */
static gboolean
find_created (JbStore *store, const char *uuid, JbKindId *kind, gint64 *id)
{
  static const JbKindId kinds[] = { JB_KIND_SOLUTION, JB_KIND_DEAL };
  for (guint i = 0; uuid && i < G_N_ELEMENTS (kinds); i++)
    if ((*id = jb_store_id_for_uuid (store, kinds[i], uuid)) > 0)
      {
        *kind = kinds[i];
        return TRUE;
      }
  return FALSE;
}

gboolean
jb_match_run_decide (JbMatchRun *run, JbMatchResult *r, const char *key)
{
  JbMatchState *s = g_hash_table_lookup (run->decisions, key);
  if (s && s->dismissed)
    {
      r->decision = JB_DECISION_DISMISSED;
      r->decided_at = g_strdup (s->dismissed_at);
      r->dismiss_reason = g_strdup (s->reason);
      return run->include_dismissed;
    }
  if (s && s->invited)
    {
      r->decision = JB_DECISION_INVITED;
      r->decided_at = g_strdup (s->invited_at);
      find_created (run->store, s->created_uuid, &r->created_kind, &r->created_id);
      return TRUE;
    }
  gint64 *answer = g_hash_table_lookup (run->answered[r->kind], &r->id);
  if (answer)
    {
      r->decision = JB_DECISION_ANSWERED;
      /* Organizations answer with solutions; achievements lead to deals. */
      r->created_kind = r->kind == JB_KIND_ORGANIZATION ||
                        jb_record_get_kind_id (run->subject) == JB_KIND_ORGANIZATION
                        ? JB_KIND_SOLUTION : JB_KIND_DEAL;
      r->created_id = *answer;
    }
  return TRUE;
}

/* ---- deciding ------------------------------------------------------------------- */

/* What a candidate of each kind that can answer a demand puts into the
 * solution inviting it: the solver (0 if it has none) and the notes. */
typedef gint64 (*AnswerFunc) (JbRecord *target, JbRecord *solution, char **notes);

static gint64
answer_of_achievement (JbRecord *target, JbRecord *solution, char **notes)
{
  const char *title = jb_record_get_title (target);
  /* The achievement is what the solver would offer. */
  jb_record_set_text_by_name (solution, "title", title);
  jb_record_set_text_by_name (solution, "summary", jb_record_get_text_by_name (target, "summary"));
  if (jb_record_is_set (target, jb_match_field (target, "trl")))
    jb_record_set_int_by_name (solution, "trl", jb_record_get_int_by_name (target, "trl"));
  *notes = g_strdup_printf (_("Invited through matching, for the achievement “%s”."), title);
  return jb_record_get_int_by_name (target, "owner_id");
}

static gint64
answer_of_person (JbRecord *target, JbRecord *solution, char **notes)
{
  *notes = g_strdup_printf (_("Invited through matching: the expert %s."),
                            jb_record_get_title (target));
  return jb_record_get_int_by_name (target, "organization_id");
}

static gint64
answer_of_organization (JbRecord *target, JbRecord *solution, char **notes)
{
  *notes = g_strdup (_("Invited through matching."));
  return jb_record_get_id (target);
}

static const AnswerFunc answer_of[JB_N_KINDS] = {
  [JB_KIND_ACHIEVEMENT] = answer_of_achievement,
  [JB_KIND_ORGANIZATION] = answer_of_organization,
  [JB_KIND_PERSON] = answer_of_person,
};

static gboolean
check_kind (JbKindId kind, GError **error)
{
  if (kind < JB_N_KINDS && answer_of[kind])
    return TRUE;
  g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
               _("Only achievements, organizations and experts answer demands."));
  return FALSE;
}

/* The solution or deal that invites @target to answer @demand, unsaved. */
static JbRecord *
invitation_new (JbStore *store, JbRecord *demand, JbRecord *target, JbInvitation as,
                GError **error)
{
  JbKindId kind = jb_record_get_kind_id (target);
  const char *title = jb_record_get_title (target);

  if (as == JB_INVITE_DEAL)
    {
      if (kind != JB_KIND_ACHIEVEMENT)
        {
          g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID,
                       _("A deal intention starts from a technology achievement."));
          return NULL;
        }
      JbRecord *deal = jb_record_new (JB_KIND_DEAL);
      jb_record_set_int_by_name (deal, "demand_id", jb_record_get_id (demand));
      jb_record_set_int_by_name (deal, "achievement_id", jb_record_get_id (target));
      jb_record_set_text_by_name (deal, "stage", "intention");
      /* Parties, event, technology manager and title, as a deal from a
       * demand and an achievement has them (jb-kind-deal.c). */
      jb_kind_get (JB_KIND_DEAL)->ops->prefill (store, deal);
      return deal;
    }

  g_autofree char *notes = NULL;
  JbRecord *solution = jb_record_new (JB_KIND_SOLUTION);
  gint64 solver = answer_of[kind] (target, solution, &notes);
  if (solver == 0)
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID,
                   _("%s belongs to no organization that could answer: add one to the person, "
                     "or invite an organization."), title);
      g_object_unref (solution);
      return NULL;
    }
  jb_record_set_int_by_name (solution, "demand_id", jb_record_get_id (demand));
  jb_record_set_int_by_name (solution, "solver_id", solver);
  if (!jb_record_get_title (solution))
    jb_record_set_text_by_name (solution, "title", jb_record_get_title (demand));
  jb_record_set_text_by_name (solution, "status", "invited");
  jb_record_set_text_by_name (solution, "notes", notes);
  jb_kind_get (JB_KIND_SOLUTION)->ops->prefill (store, solution);
  return solution;
}

/* The demand and the record decided on, or FALSE. */
static gboolean
load_pair (JbStore *store, gint64 demand_id, JbKindId kind, gint64 id, JbRecord **demand,
           JbRecord **target, GError **error)
{
  if (!check_kind (kind, error))
    return FALSE;
  *demand = jb_store_load (store, JB_KIND_DEMAND, demand_id, error);
  if (*demand == NULL)
    return FALSE;
  *target = jb_store_load (store, kind, id, error);
  if (*target == NULL)
    {
      g_clear_object (demand);
      return FALSE;
    }
  return TRUE;
}

/* The latest invitation of @target_uuid among a demand's decisions (or
 * NULL), and whether it stands dismissed. */
static JbMatchDecision *
latest (GPtrArray *rows, const char *target_uuid, gboolean *dismissed)
{
  JbMatchDecision *invited = NULL;
  *dismissed = FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      JbMatchDecision *d = rows->pdata[i];
      if (g_strcmp0 (d->target_uuid, target_uuid) != 0)
        continue;
      if (g_str_equal (d->action, "invited"))
        invited = d;
      else
        *dismissed = g_str_equal (d->action, "dismissed");
    }
  return invited;
}

JbRecord *
jb_match_invite (JbStore *store, gint64 demand_id, JbKindId kind, gint64 id, JbInvitation as,
                 GError **error)
{
  g_autoptr (JbRecord) demand = NULL;
  g_autoptr (JbRecord) target = NULL;
  if (!load_pair (store, demand_id, kind, id, &demand, &target, error))
    return NULL;

  /* An invitation whose solution or deal still exists is not sent twice. */
  g_autoptr (GPtrArray) rows = jb_store_match_decisions (store, jb_record_get_uuid (demand), NULL,
                                                         error);
  if (rows == NULL)
    return NULL;
  gboolean dismissed;
  JbMatchDecision *before = latest (rows, jb_record_get_uuid (target), &dismissed);
  JbKindId created_kind;
  gint64 created_id;
  if (before && find_created (store, before->value, &created_kind, &created_id))
    {
      g_autofree char *heading = jb_record_get_heading (target);
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID,
                   _("%s was already invited to answer this demand."), heading);
      return NULL;
    }

  g_autoptr (JbRecord) created = invitation_new (store, demand, target, as, error);
  if (created == NULL || !jb_store_begin (store, error))
    return NULL;
  gboolean ok = jb_store_save (store, created, JB_SAVE_DEFAULT, error) &&
                jb_store_match_decide (store, jb_record_get_uuid (demand),
                                       jb_kind_get (kind)->name, jb_record_get_uuid (target),
                                       "invited", jb_record_get_uuid (created), error);
  /* Inviting what was dismissed takes the dismissal back. */
  if (ok && dismissed)
    ok = jb_store_match_decide (store, jb_record_get_uuid (demand), jb_kind_get (kind)->name,
                                jb_record_get_uuid (target), "restored", NULL, error);
  if (!ok)
    {
      jb_store_rollback (store);
      return NULL;
    }
  if (!jb_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&created);
}

static gboolean
decide (JbStore *store, gint64 demand_id, JbKindId kind, gint64 id, const char *action,
        const char *reason, GError **error)
{
  g_autoptr (JbRecord) demand = NULL;
  g_autoptr (JbRecord) target = NULL;
  if (!load_pair (store, demand_id, kind, id, &demand, &target, error))
    return FALSE;
  g_autoptr (GPtrArray) rows = jb_store_match_decisions (store, jb_record_get_uuid (demand), NULL,
                                                         error);
  if (rows == NULL)
    return FALSE;
  gboolean dismissed;
  latest (rows, jb_record_get_uuid (target), &dismissed);
  /* Nothing to write: the history says it already. */
  if (dismissed == g_str_equal (action, "dismissed"))
    return TRUE;
  if (reason && *reason == '\0')
    reason = NULL;
  if (!jb_store_begin (store, error))
    return FALSE;
  if (!jb_store_match_decide (store, jb_record_get_uuid (demand), jb_kind_get (kind)->name,
                              jb_record_get_uuid (target), action, reason, error))
    {
      jb_store_rollback (store);
      return FALSE;
    }
  return jb_store_commit (store, error);
}

gboolean
jb_match_dismiss (JbStore *store, gint64 demand_id, JbKindId kind, gint64 id, const char *reason,
                  GError **error)
{
  return decide (store, demand_id, kind, id, "dismissed", reason, error);
}

gboolean
jb_match_restore (JbStore *store, gint64 demand_id, JbKindId kind, gint64 id, GError **error)
{
  return decide (store, demand_id, kind, id, "restored", NULL, error);
}

/* ---- history ---------------------------------------------------------------------- */

/* What names the record of @kind_name with @uuid, or that it is gone. */
static char *
heading_of (JbStore *store, const char *kind_name, const char *uuid)
{
  const JbKind *kind = jb_kind_by_name (kind_name);
  gint64 id = kind && uuid ? jb_store_id_for_uuid (store, kind->id, uuid) : 0;
  g_autoptr (JbRecord) record = id ? jb_store_load (store, kind->id, id, NULL) : NULL;
  return record ? jb_record_get_heading (record) : g_strdup (_("a record since deleted"));
}

char *
jb_match_describe_history (JbStore *store, const JbHistoryEntry *entry)
{
  g_autofree char *target = NULL;
  if (g_strcmp0 (entry->action, "invited") != 0 && g_strcmp0 (entry->action, "dismissed") != 0 &&
      g_strcmp0 (entry->action, "restored") != 0)
    return NULL;
  target = heading_of (store, entry->field, entry->old_value);
  if (g_str_equal (entry->action, "invited"))
    {
      JbKindId kind;
      gint64 id;
      if (!find_created (store, entry->new_value, &kind, &id))
        return g_strdup_printf (_("Invited %s (since deleted)"), target);
      g_autoptr (JbRecord) created = jb_store_load (store, kind, id, NULL);
      g_autofree char *heading = created ? jb_record_get_heading (created) : g_strdup ("?");
      g_autofree char *what = g_utf8_strdown (_(jb_kind_get (kind)->label), -1);
      /* TRANSLATORS: who was invited; the kind and title of what it created */
      return g_strdup_printf (_("Invited %s: %s “%s”"), target, what, heading);
    }
  if (g_str_equal (entry->action, "dismissed"))
    return entry->new_value
           /* TRANSLATORS: a suggestion dismissed, and the reason given */
           ? g_strdup_printf (_("Dismissed %s: %s"), target, entry->new_value)
           : g_strdup_printf (_("Dismissed %s"), target);
  return g_strdup_printf (_("Restored %s to the suggestions"), target);
}

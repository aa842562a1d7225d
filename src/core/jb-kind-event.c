/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-event.c: events (活动) — challenges and their sessions, roadshows,
 * matchmaking meetings and forums.  A session is part of a challenge (or of a
 * larger session), and no event may end up inside itself. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-kind-private.h"

JB_ENUM (jb_enum_event_kind,
         { "challenge", N_("Challenge") },
         { "session", N_("Session") },
         { "roadshow", N_("Roadshow") },
         { "matchmaking", N_("Matchmaking meeting") },
         { "forum", N_("Forum") });

static const JbField fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  CHOICE ("kind", N_("Kind"), REQ | LIST, jb_enum_event_kind),
  REF ("parent_id", N_("Part of"), LIST, JB_KIND_EVENT),
  DATE ("start_date", N_("Start date"), LIST),
  DATE ("end_date", N_("End date"), 0),
  TEXT ("venue", N_("Venue"), LIST | FIND),
  REF ("organizer_id", N_("Organizer"), LIST | FIND, JB_KIND_ORGANIZATION),
  LONG ("notes", N_("Notes"), 0),
};

static void
check (JbRecord *record, GPtrArray *problems)
{
  jb_rules_dates_in_order (record, "start_date", "end_date", problems);
}

/* A session belongs to a challenge (or a larger session) — when that is
 * recorded at all: files from elsewhere may hold a session alone.  The walk
 * up the parents has no depth limit: a cycle of any length is refused, or
 * the file could no longer be exported (an event would come before itself). */
static void
check_store (JbStore *store, JbRecord *record, GPtrArray *problems)
{
  guint parent_field = jb_rules_field (record, "parent_id");
  gint64 id = jb_record_get_id (record);

  if (!jb_record_is_set (record, parent_field))
    return;
  gint64 parent = jb_record_get_int (record, parent_field);
  if (g_strcmp0 (jb_record_get_text_by_name (record, "kind"), "session") == 0)
    {
      g_autoptr (JbRecord) p = jb_store_load (store, JB_KIND_EVENT, parent, NULL);
      const char *kind = p ? jb_record_get_text_by_name (p, "kind") : NULL;
      if (p && g_strcmp0 (kind, "challenge") != 0 && g_strcmp0 (kind, "session") != 0)
        jb_problem_add (problems, (int) parent_field,
                        _("A session belongs to a challenge (or to a larger session)."));
    }
  if (id == 0)
    return;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (gint64 e = parent; e > 0; e = jb_store_get_ref (store, JB_KIND_EVENT, e, "parent_id"))
    {
      if (e == id)
        {
          jb_problem_add (problems, (int) parent_field,
                          _("An event cannot be part of itself or of one of its sessions."));
          return;
        }
      /* A cycle above this event (left by an older version) ends the walk. */
      if (!g_hash_table_add (seen, g_memdup2 (&e, sizeof e)))
        return;
    }
}

static const char *const in_event[] = { ".", NULL };

/* What happened at an event or at its sessions. */
static const JbKindId event_parts[] = {
  JB_KIND_DEMAND, JB_KIND_SOLUTION, JB_KIND_DEAL, JB_KIND_AWARD, JB_KIND_ACHIEVEMENT,
  JB_N_KINDS,
};

static const JbKindTexts texts = {
  N_("Search events by title, venue or organizer"),
  N_("_New Event"),
  N_("No Events Yet"),
  N_("Challenges and their sessions, roadshows, matchmaking meetings and forums."),
};

static const JbKindOps ops = {
  .check = check,
  .check_store = check_store,
};

const JbKind jb_kind_event = {
  JB_KIND_EVENT, "event", N_("Event"), N_("Events"),
  fields, G_N_ELEMENTS (fields), "title", in_event, event_parts, &texts, &ops,
};

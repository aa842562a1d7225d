/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-achievement.c: technology achievements (科技成果), the supply side:
 * readiness, intellectual property, how they may be transferred. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-kind-private.h"

JB_ENUM (jb_enum_ip_form,
         { "patent", N_("Patent") },
         { "software", N_("Software copyright") },
         { "know_how", N_("Know-how") },
         { "design", N_("Integrated circuit layout") },
         { "variety", N_("Plant variety") },
         { "other", N_("Other") });

JB_ENUM (jb_enum_transfer_mode,
         { "transfer", N_("Transfer") },
         { "licensing", N_("Licensing") },
         { "equity", N_("Equity") },
         { "joint", N_("Joint implementation") });

static const JbField fields[] = {
  TEXT ("title", N_("Title"), REQ | LIST | FIND),
  REF ("owner_id", N_("Owner"), REQ | LIST | FIND, JB_KIND_ORGANIZATION),
  CHOICE ("industry", N_("Industry field"), LIST, jb_enum_industry),
  INT ("trl", N_("Readiness level"), LIST, 1, 9),
  CHOICE ("ip_form", N_("Form of IP"), LIST, jb_enum_ip_form),
  TEXT ("patents", N_("Patent numbers"), FIND),
  CHOICE ("transfer_mode", N_("Transfer mode"), LIST, jb_enum_transfer_mode),
  MONEY ("asking_price", N_("Asking price"), LIST),
  REF ("roadshow_id", N_("Roadshow"), 0, JB_KIND_EVENT),
  /* Searched: the matching of demands (jb-match.h) reads what an
   * achievement does in its summary, in the words of those who made it. */
  LONG ("summary", N_("Summary"), FIND),
  LONG ("notes", N_("Notes"), 0),
};

/* Presented at a roadshow of the event. */
static const char *const in_event[] = { "roadshow_id", NULL };

static const JbKindTexts texts = {
  N_("Search achievements by title, owner, patent number or summary"),
  N_("_New Achievement"),
  N_("No Technology Achievements Yet"),
  N_("The supply side: achievements ready for transfer, their readiness, their "
     "intellectual property and the roadshows where they were presented."),
};

static const JbKindOps ops = { NULL };

const JbKind jb_kind_achievement = {
  JB_KIND_ACHIEVEMENT, "achievement", N_("Technology achievement"),
  N_("Technology achievements"),
  fields, G_N_ELEMENTS (fields), "title", in_event, NULL, &texts, &ops,
};

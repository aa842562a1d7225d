/* SPDX-License-Identifier: GPL-3.0-or-later */
/* team-harness.h: several clients saving to one team database at once, for
 * test-team (a few) and bench-team (ten clients of a thousand saves). */
#pragma once

#include "jb-store.h"
#include "pg-test-util.h"

G_BEGIN_DECLS

typedef struct {
  guint saved;      /* saves that went through */
  guint conflicts;  /* saves refused with JB_STORE_ERROR_CONFLICT, tried again */
  guint errors;     /* any other failure */
  double seconds;
} TeamHarnessResult;

/* Makes five demands through @seed, then runs @clients threads, each with a
 * replica of its own in @dir of the team database @conninfo, each making
 * @edits saves that read a demand's investment, add one and save (a lost
 * update would lose one), trying again after a conflict. */
void     team_harness_run   (JbStore *seed, const char *conninfo, const char *dir, guint clients,
                             guint edits, TeamHarnessResult *result);
/* Whether the team database @db on @server holds what @result says: the
 * investments add up to the saves, and the history has a row for each,
 * with who.  FALSE with @error saying what differs. */
gboolean team_harness_check (PgTestServer *server, const char *db,
                             const TeamHarnessResult *result, GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the exchange tests: a store in a temporary folder, and
 * exports and imports as bytes. */
#pragma once

#include "jb-exchange.h"

typedef struct {
  char *dir;
  JbStore *store;
} Fixture;

void      fixture_set_up      (Fixture *f, gconstpointer data);
void      fixture_tear_down   (Fixture *f, gconstpointer data);
/* Another store in the fixture's folder (closed by the caller). */
JbStore  *fixture_open_other  (Fixture *f, const char *name);

/* Writes @xml to <dir>/in.xml and returns that path. */
char     *write_input         (Fixture *f, GBytes *xml);
gboolean  import_bytes        (Fixture *f, JbStore *store, GBytes *xml, JbImportSummary *summary,
                               GError **error);
GBytes   *export_bytes        (JbStore *store, GArray *demand_ids);
/* Everything a failed import must leave as it was: every record with its
 * times, and the count of history entries. */
GBytes   *fingerprint         (JbStore *store);
/* @n more demands (and an organization for them), quickly. */
void      populate_more       (JbStore *store, guint n);

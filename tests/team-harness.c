/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Several clients on one team database at once (see team-harness.h). */
#include <glib.h>
#include <string.h>

#include "team-harness.h"

typedef struct {
  const char *conninfo;
  const char *dir;
  guint n;           /* this client */
  guint edits;       /* to make */
  GPtrArray *uuids;  /* the demands they edit */
  TeamHarnessResult result;
} Client;

static gpointer
client_run (gpointer data)
{
  Client *c = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("client%u.db", c->n);
  g_autofree char *replica = g_build_filename (c->dir, name, NULL);
  g_autoptr (JbStore) store = jb_store_open_team (c->conninfo, replica, NULL, NULL, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("client %u: %s\n", c->n, error->message);
      c->result.errors++;
      return NULL;
    }
  GRand *rand = g_rand_new_with_seed (c->n);
  while (c->result.saved < c->edits)
    {
      const char *uuid = c->uuids->pdata[g_rand_int_range (rand, 0, (int) c->uuids->len)];
      g_autoptr (JbRecord) r = jb_store_load_by_uuid (store, JB_KIND_DEMAND, uuid, &error);
      if (r == NULL)
        {
          g_printerr ("client %u: %s\n", c->n, error->message);
          c->result.errors++;
          break;
        }
      jb_record_set_int_by_name (r, "investment", jb_record_get_int_by_name (r, "investment") + 1);
      if (jb_store_save (store, r, JB_SAVE_DEFAULT, &error))
        c->result.saved++;
      else if (g_error_matches (error, JB_STORE_ERROR, JB_STORE_ERROR_CONFLICT))
        c->result.conflicts++;
      else
        {
          g_printerr ("client %u: %s\n", c->n, error->message);
          c->result.errors++;
          break;
        }
      g_clear_error (&error);
    }
  g_rand_free (rand);
  return NULL;
}

static char *
add_demand (JbStore *store, guint i)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  g_autofree char *name = g_strdup_printf ("共享需求单位 %u", i);
  jb_record_set_text_by_name (org, "name", name);
  jb_record_set_text_by_name (org, "kind", "enterprise");
  g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
  g_autofree char *title = g_strdup_printf ("共享需求 %u", i);
  if (!jb_store_save (store, org, JB_SAVE_DEFAULT, &error))
    g_error ("%s", error->message);
  jb_record_set_text_by_name (d, "title", title);
  jb_record_set_text_by_name (d, "status", "draft");
  jb_record_set_int_by_name (d, "owner_id", jb_record_get_id (org));
  jb_record_set_int_by_name (d, "investment", 0);
  if (!jb_store_save (store, d, JB_SAVE_DEFAULT, &error))
    g_error ("%s", error->message);
  return g_strdup (jb_record_get_uuid (d));
}

void
team_harness_run (JbStore *seed, const char *conninfo, const char *dir, guint clients,
                  guint edits, TeamHarnessResult *result)
{
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (uuids, add_demand (seed, i));
  Client *c = g_new0 (Client, clients);
  GThread **threads = g_new0 (GThread *, clients);
  gint64 start = g_get_monotonic_time ();
  for (guint i = 0; i < clients; i++)
    {
      c[i] = (Client) { conninfo, dir, i, edits, uuids, { 0 } };
      threads[i] = g_thread_new ("client", client_run, &c[i]);
    }
  memset (result, 0, sizeof *result);
  for (guint i = 0; i < clients; i++)
    {
      g_thread_join (threads[i]);
      result->saved += c[i].result.saved;
      result->conflicts += c[i].result.conflicts;
      result->errors += c[i].result.errors;
    }
  result->seconds = (g_get_monotonic_time () - start) / 1e6;
  g_free (c);
  g_free (threads);
}

gboolean
team_harness_check (PgTestServer *server, const char *db, const TeamHarnessResult *result,
                    GError **error)
{
  g_autofree char *sum = NULL, *rows = NULL;
  if (!pg_test_server_psql (server, db, "SELECT sum(investment) FROM demand", &sum, error) ||
      !pg_test_server_psql (server, db, "SELECT count(*) FROM jb_history WHERE action = "
                                        "'changed' AND field = 'investment' AND who IS NOT NULL",
                            &rows, error))
    return FALSE;
  guint64 n_sum = g_ascii_strtoull (sum, NULL, 10), n_rows = g_ascii_strtoull (rows, NULL, 10);
  if (n_sum != result->saved || n_rows != result->saved)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%u saves, but the investments add up to %s and the history has %s rows",
                   result->saved, sum, rows);
      return FALSE;
    }
  return TRUE;
}

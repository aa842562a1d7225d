/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-cli-match.c: jiebang --match (see jb-cli.h): the matches of a demand,
 * an achievement or an organization as tab-separated lines, for scripts. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-cli-private.h"
#include "jb-match.h"

/* Finds the subject: a demand by code or number; an achievement or
 * organization by number with @kind_name; any of the three by uuid. */
static gboolean
find_subject (JbStore *store, const char *subject, const char *kind_name, JbKindId *kind,
              gint64 *id)
{
  static const JbKindId kinds[] = { JB_KIND_DEMAND, JB_KIND_ACHIEVEMENT, JB_KIND_ORGANIZATION };
  const JbKind *named = kind_name ? jb_kind_by_name (kind_name) : NULL;
  char *end;
  gint64 number = g_ascii_strtoll (subject, &end, 10);
  gboolean is_number = *subject && *end == '\0' && number > 0;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (named && named->id != kinds[i])
        continue;
      *kind = kinds[i];
      if (is_number)
        {
          g_autoptr (JbRecord) record = jb_store_load (store, kinds[i], number, NULL);
          if (record)
            {
              *id = number;
              return TRUE;
            }
        }
      if (kinds[i] == JB_KIND_DEMAND)
        {
          const char *fields[] = { "code" };
          const char *values[] = { subject };
          if ((*id = jb_store_find (store, JB_KIND_DEMAND, fields, values, 1, NULL)) > 0)
            return TRUE;
        }
      if ((*id = jb_store_id_for_uuid (store, kinds[i], subject)) > 0)
        return TRUE;
      /* A bare number names a demand unless --kind says otherwise. */
      if (named == NULL && is_number)
        break;
    }
  return FALSE;
}

/* A cell: no tabs or line breaks inside. */
static void
append_cell (GString *line, const char *text)
{
  g_string_append_c (line, '\t');
  for (const char *p = text ? text : ""; *p; p++)
    g_string_append_c (line, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

static void
append_number (GString *line, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  /* A point, whatever the locale: for scripts. */
  append_cell (line, g_ascii_formatd (buf, sizeof buf, "%.1f", value));
}

static const char *const decisions[] = {
  [JB_DECISION_NONE] = "",
  [JB_DECISION_INVITED] = "invited",
  [JB_DECISION_DISMISSED] = "dismissed",
  [JB_DECISION_ANSWERED] = "answered",
};

int
jb_cli_match (const char *db_path, const char *subject, const char *kind_name, int limit)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *default_path = db_path ? NULL : jb_store_default_path ();

  if (kind_name && !g_strv_contains ((const char * const[]) { "demand", "achievement",
                                                              "organization", NULL },
                                     kind_name))
    {
      g_printerr (_("Only a demand, an achievement or an organization is matched, not "
                    "“%s”.\n"), kind_name);
      return 1;
    }
  g_autoptr (JbStore) store = jb_store_open (db_path ? db_path : default_path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  JbKindId kind;
  gint64 id;
  if (!find_subject (store, subject, kind_name, &kind, &id))
    {
      g_printerr (_("No demand, achievement or organization “%s” in the database: give a "
                    "demand's code or number, or an id.\n"), subject);
      return 1;
    }

  g_autoptr (JbMatcher) matcher = jb_matcher_new (store);
  JbMatchOptions options = { .limit = limit > 0 ? (guint) limit : 10 };
  g_autoptr (JbMatches) matches = jb_matcher_run (matcher, kind, id, &options, NULL, &error);
  if (matches == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The header names columns for scripts: not translated. */
  g_autoptr (GString) line = g_string_new ("kind\trank\tscore\tid\ttitle\tdetail\tshared");
  for (guint f = 0; f < JB_N_FACETS; f++)
    g_string_append_printf (line, "\t%s", jb_facet_name (f));
  g_string_append (line, "\tdecision\treasons\n");
  g_print ("%s", line->str);
  static const JbKindId order[] = { JB_KIND_ACHIEVEMENT, JB_KIND_ORGANIZATION, JB_KIND_PERSON,
                                    JB_KIND_DEMAND };
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      GPtrArray *results = jb_matches_get (matches, order[k]);
      for (guint i = 0; i < results->len; i++)
        {
          JbMatchResult *r = results->pdata[i];
          g_string_assign (line, jb_kind_get (r->kind)->name);
          g_string_append_printf (line, "\t%u", i + 1);
          append_number (line, r->score);
          g_string_append_printf (line, "\t%" G_GINT64_FORMAT, r->id);
          append_cell (line, r->title);
          append_cell (line, r->context);
          g_autofree char *shared = r->terms ? g_strjoinv (",", r->terms) : NULL;
          append_cell (line, shared);
          for (guint f = 0; f < JB_N_FACETS; f++)
            append_number (line, r->facets[f].points);
          append_cell (line, decisions[r->decision]);
          g_autofree char *reasons = jb_match_result_explain (r);
          append_cell (line, reasons);
          g_print ("%s\n", line->str);
        }
    }
  return 0;
}

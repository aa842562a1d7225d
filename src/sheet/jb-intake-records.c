/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake-records.c: a row's records saved: its organization found by
 * credit code, then by exact name, else created; a record already in the
 * database (a demand by code, else by owner and title) updated with the
 * row's values (see jb-intake-run.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-intake-run.h"
#include "jb-sheet-private.h"
#include "jb-rules.h"

/* The rules a save applies without the database (jb_record_validate():
 * the fields' and the kind's), as problems of columns. */
gboolean
jb_intake_check_record (JbIntakeRun *run, JbRecord *record, const int *columns)
{
  g_autoptr (GPtrArray) problems = jb_problems_new ();
  jb_record_validate (record, problems);
  for (guint i = 0; i < problems->len; i++)
    {
      JbProblem *p = g_ptr_array_index (problems, i);
      int column = p->field >= 0 ? columns[p->field] : -1;
      const JbKind *kind = jb_record_get_kind (record);
      if (column < 0 && p->field >= 0)
        /* TRANSLATORS: a problem with a field no column fills: "Owner: is missing" */
        jb_intake_add_problem (run, -1, FALSE, _("%s: %s"), _(kind->fields[p->field].label), p->message);
      else
        jb_intake_add_problem (run, column, FALSE, "%s", p->message);
    }
  return problems->len == 0;
}

/* Saves @record; the store checks every rule.  Only when it refuses are the
 * rules asked again, field by field, to name the columns at fault: one
 * check per row, not two. */
static gboolean
save (JbIntakeRun *run, JbRecord *record, const int *columns, const char *what)
{
  g_autoptr (GError) local = NULL;
  JbSaveFlags flags = JB_SAVE_BULK | JB_SAVE_ANY_STATUS;
  if (jb_record_get_id (record) == 0)
    {
      /* A new record's creation is its created time, as for an exchange
       * file: no history row for each of 100 000 rows.  (Changes to saved
       * records keep their history.) */
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *now = jb_timestamp_now ();
      jb_record_set_uuid (record, uuid);
      jb_record_set_times (record, now, now);
      flags |= JB_SAVE_KEEP_TIMES;
    }
  if (jb_store_save (run->store, record, flags, &local))
    return TRUE;
  if (local->domain == JB_STORE_ERROR && run->fatal == NULL &&
      (local->code == JB_STORE_ERROR_FAILED || local->code == JB_STORE_ERROR_BUSY ||
       local->code == JB_STORE_ERROR_READ_ONLY))
    run->fatal = g_error_copy (local);
  /* A refused bulk save may have given the record an id or a code: no
   * matter to the rules of its fields. */
  if (jb_intake_check_record (run, record, columns))
    /* TRANSLATORS: "the demand “…” was refused: what is wrong" */
    jb_intake_add_problem (run, -1, FALSE, _("%s was refused: %s"), what, local->message);
  return FALSE;
}

static gint64
find (JbIntakeRun *run, JbKindId kind, const char *f1, const char *v1, const char *f2, const char *v2)
{
  const char *fields[2] = { f1, f2 };
  const char *values[2] = { v1, v2 };
  g_autoptr (GError) local = NULL;
  gint64 id = jb_store_find (run->store, kind, fields, values, f2 ? 2 : 1, &local);
  if (id < 0 && run->fatal == NULL)
    run->fatal = g_steal_pointer (&local);
  return MAX (id, 0);
}

/* Copies into @dst every field @src sets (all when @overwrite, else only
 * those @dst lacks); TRUE if anything changed. */
static gboolean
merge (JbRecord *dst, JbRecord *src, gboolean overwrite)
{
  const JbKind *kind = jb_record_get_kind (dst);
  gboolean changed = FALSE;
  for (guint i = 0; i < kind->n_fields; i++)
    {
      if (!jb_record_is_set (src, i) || (!overwrite && jb_record_is_set (dst, i)) ||
          jb_record_equal_field (dst, src, i))
        continue;
      switch (kind->fields[i].type)
        {
        case JB_TYPE_TEXT:
        case JB_TYPE_LONG_TEXT:
        case JB_TYPE_DATE:
        case JB_TYPE_ENUM:
          jb_record_set_text (dst, i, jb_record_get_text (src, i));
          break;
        default:
          jb_record_set_int (dst, i, jb_record_get_int (src, i));
          break;
        }
      changed = TRUE;
    }
  return changed;
}

/* Keys kept in memory at most (about 100 bytes each; as many as the
 * exchange import keeps ids): past them the database is asked every row. */
#define MAX_KEYS 200000

/* An organization as the row gives it: found (and completed with what the
 * row adds) or created.  Returns its id, 0 if the row has a problem or names
 * none. */
static gint64
resolve_organization (JbIntakeRun *run, JbRecord *org, const int *columns, JbRecord **stored)
{
  const char *name = jb_record_get_text_by_name (org, "name");
  const char *code = jb_record_get_text_by_name (org, "credit_code");
  if (name == NULL && code == NULL)
    return 0;
  g_autofree char *key = code ? g_strconcat ("code:", code, NULL)
                              : g_strconcat ("name:", name, NULL);
  gpointer cached = g_hash_table_lookup (run->orgs, key);
  if (cached && stored == NULL)
    return GPOINTER_TO_SIZE (cached);

  gint64 id = cached ? (gint64) GPOINTER_TO_SIZE (cached) : 0;
  if (id == 0 && code)
    id = find (run, JB_KIND_ORGANIZATION, "credit_code", code, NULL, NULL);
  if (id == 0 && name)
    id = find (run, JB_KIND_ORGANIZATION, "name", name, NULL, NULL);
  if (run->fatal)
    return 0;
  const char *what = name ? name : code;
  g_autofree char *label = g_strdup_printf (_("The organization “%s”"), what);
  if (id)
    {
      g_autoptr (JbRecord) saved = jb_store_load (run->store, JB_KIND_ORGANIZATION, id, NULL);
      if (saved == NULL)
        return 0;
      const char *saved_code = jb_record_get_text_by_name (saved, "credit_code");
      if (!cached && code && saved_code && strcmp (code, saved_code) != 0)
        jb_intake_add_problem (run, columns[jb_kind_field_index (run->org_kind, "credit_code")], TRUE,
                     _("%s has the credit code %s in the database, kept; the sheet says %s."),
                     jb_record_get_title (saved), saved_code, code);
      /* Only what the database lacks: the row may be older than the record. */
      if (!cached && merge (saved, org, FALSE))
        {
          if (!save (run, saved, columns, label))
            return 0;
          run->summary.updated++;
        }
      if (stored)
        *stored = g_object_ref (saved);
    }
  else
    {
      if (name == NULL)
        {
          jb_intake_add_problem (run, columns[jb_kind_field_index (run->org_kind, "credit_code")], FALSE,
                       _("No organization has the credit code %s: give its name too."), code);
          return 0;
        }
      jb_rules_prefill (run->store, org);
      if (!save (run, org, columns, label))
        return 0;
      id = jb_record_get_id (org);
      run->summary.created++;
      if (stored)
        *stored = g_object_ref (org);
    }
  /* Bounded like the keys below: past that, the database is asked. */
  if (g_hash_table_size (run->orgs) >= MAX_KEYS)
    return id;
  g_hash_table_insert (run->orgs, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) id));
  if (code && name)
    g_hash_table_insert (run->orgs, g_strconcat ("name:", name, NULL),
                         GSIZE_TO_POINTER ((gsize) id));
  return id;
}

/* How a row finds the record it updates, per kind: the first of these
 * pairs of fields whose values the row has all decides ("owner_id" and
 * "organization_id" hold the row's organization).  Organizations are found
 * by credit code, then by name (jb_intake_store_row()). */
static const char *const match_keys[JB_N_KINDS][2][2] = {
  [JB_KIND_DEMAND] = { { "code", NULL }, { "owner_id", "title" } },
  [JB_KIND_ACHIEVEMENT] = { { "owner_id", "title" } },
  [JB_KIND_PERSON] = { { "name", "organization_id" }, { "name", "phone" } },
};

/* The values of the first key of match_keys the row has whole; FALSE if none. */
static gboolean
match_key (JbIntakeRun *run, JbRecord *record, const char *const **fields, char **values)
{
  const char *org_field = run->org_ref >= 0 ? run->kind->fields[run->org_ref].name : NULL;
  for (guint k = 0; k < G_N_ELEMENTS (match_keys[0]); k++)
    {
      const char *const *key = match_keys[run->kind->id][k];
      gboolean whole = key[0] != NULL;
      for (guint i = 0; whole && i < 2 && key[i]; i++)
        {
          if (g_strcmp0 (key[i], org_field) == 0)
            values[i] = jb_record_is_set (record, run->org_ref)
              ? g_strdup_printf ("%" G_GINT64_FORMAT, jb_record_get_int (record, run->org_ref))
              : NULL;
          else
            values[i] = g_strdup (jb_record_get_text_by_name (record, key[i]));
          whole = values[i] != NULL;
        }
      if (whole)
        {
          *fields = key;
          return TRUE;
        }
      g_clear_pointer (&values[0], g_free);
      g_clear_pointer (&values[1], g_free);
    }
  return FALSE;
}

/* The record the row updates, 0 if it is new. */
static gint64
existing_record (JbIntakeRun *run, JbRecord *record)
{
  const char *const *fields = NULL;
  g_auto (GStrv) values = g_new0 (char *, 3);
  if (!match_key (run, record, &fields, values))
    return 0;
  const char *v0 = values[0], *v1 = values[1];
  if (run->keys)
    {
      char *key = g_strjoin ("\x1f", fields[0], v0, fields[1], v1, NULL);
      if (g_hash_table_contains (run->keys, key))
        g_free (key);
      else if (g_hash_table_size (run->keys) >= MAX_KEYS)
        {
          g_free (key);
          g_clear_pointer (&run->keys, g_hash_table_unref);
        }
      else
        {
          g_hash_table_add (run->keys, key);
          return 0;  /* new to the run, and the table had nothing */
        }
    }
  return find (run, run->kind->id, fields[0], v0, fields[1], v1);
}

/* Saves the row's record (and organization); *@update: it was in the
 * database already.  FALSE if the row has a problem. */
gboolean
jb_intake_store_row (JbIntakeRun *run, gboolean *update, JbRecord **org_out)
{
  JbRecord *record = run->record;
  g_autofree char *title = g_strdup (jb_record_get_title (record));
  *update = FALSE;

  if (run->kind->id == JB_KIND_ORGANIZATION)
    {
      /* The row is the organization itself. */
      const char *name = jb_record_get_text_by_name (record, "name");
      const char *code = jb_record_get_text_by_name (record, "credit_code");
      gint64 id = code ? find (run, JB_KIND_ORGANIZATION, "credit_code", code, NULL, NULL) : 0;
      if (id == 0 && name)
        id = find (run, JB_KIND_ORGANIZATION, "name", name, NULL, NULL);
      if (id)
        {
          g_autoptr (JbRecord) saved = jb_store_load (run->store, JB_KIND_ORGANIZATION, id, NULL);
          *update = TRUE;
          if (saved && !merge (saved, record, TRUE))
            {
              run->summary.unchanged++;
              jb_record_assign (record, saved);
              return TRUE;
            }
          if (saved == NULL)
            return FALSE;
          jb_record_assign (record, saved);
        }
      else
        {
          jb_rules_prefill (run->store, record);
        }
      g_autofree char *label = g_strdup_printf (_("The organization “%s”"), title ? title : "");
      if (!save (run, record, run->field_column, label))
        return FALSE;
      if (id)
        run->summary.updated++;
      else
        run->summary.created++;
      return TRUE;
    }

  if (run->org_record)
    {
      JbRecord *stored = NULL;
      guint before = run->row_problems->len;
      gint64 org = resolve_organization (run, run->org_record, run->org_column,
                                         org_out ? &stored : NULL);
      if (org_out)
        *org_out = stored;
      if (run->row_problems->len > before || run->fatal)
        return FALSE;
      if (org)
        jb_record_set_int (record, run->org_ref, org);
    }

  gint64 id = existing_record (run, record);
  if (run->fatal)
    return FALSE;
  const char *kind_label = _(run->kind->label);
  g_autofree char *label = g_strdup_printf (_("%s “%s”"), kind_label, title ? title : "");
  if (id)
    {
      g_autoptr (JbRecord) saved = jb_store_load (run->store, run->kind->id, id, NULL);
      *update = TRUE;
      if (saved == NULL)
        return FALSE;
      if (!merge (saved, record, TRUE))
        {
          run->summary.unchanged++;
          jb_record_assign (record, saved);
          return TRUE;
        }
      jb_record_assign (record, saved);
    }
  else
    jb_rules_prefill (run->store, record);
  if (!save (run, record, run->field_column, label))
    return FALSE;
  if (id)
    run->summary.updated++;
  else
    run->summary.created++;
  return TRUE;
}


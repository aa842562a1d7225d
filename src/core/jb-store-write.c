/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-store-write.c: checking, saving and deleting records, all or nothing,
 * and the history of every change (see jb-store.c for the whole store). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "jb-date.h"
#include "jb-rules.h"
#include "jb-store-private.h"

static gboolean
row_exists (JbStore *self, const char *table, gint64 id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", table);
  sqlite3_stmt *stmt = jb_store_cached (self, sql, NULL);
  gboolean found = FALSE;
  if (stmt)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
    }
  return found;
}

/* The title of another record of the same kind whose unique field holds the
 * same value, or NULL. */
static char *
unique_clash (JbStore *self, JbRecord *record, guint field)
{
  const JbKind *kind = jb_record_get_kind (record);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1 AND id != ?2",
                                          kind->title, kind->name,
                                          kind->fields[field].name);
  sqlite3_stmt *stmt = jb_store_cached (self, sql, NULL);
  char *title = NULL;
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, jb_record_get_text (record, field), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, jb_record_get_id (record));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return title;
}

/* A new record that brings its own id (an import) may not take the id of
 * any record, of whatever kind: an id names one record everywhere (the
 * exchange format refers by id alone). */
static void
check_id_free (JbStore *self, JbRecord *record, JbSaveFlags flags, GPtrArray *problems)
{
  const char *uuid = jb_record_get_uuid (record);
  if (jb_record_get_id (record) != 0 || uuid == NULL)
    return;
  JbKindId k = 0;
  gint64 id = 0;
  if ((flags & JB_SAVE_BULK) && (flags & JB_SAVE_IDS_DISTINCT) && self->bulk)
    {
      for (guint i = 0; i < JB_N_KINDS && id == 0; i++)
        if (self->bulk_mark[i] > 0 && (id = jb_store_id_for_uuid (self, i, uuid)) != 0)
          k = i;
    }
  else
    id = jb_store_any_for_uuid (self, uuid, &k);
  if (id == 0)
    return;
  g_autoptr (JbRecord) other = jb_store_load (self, k, id, NULL);
  g_autofree char *heading = other ? jb_record_get_heading (other) : g_strdup ("");
  g_autofree char *what = g_utf8_strdown (_(jb_kind_get (k)->label), -1);
  /* TRANSLATORS: "The id 6f1c… is already the id of the organization “甲”." */
  jb_problem_add (problems, -1, _("The id %s is already the id of the %s “%s”."), uuid, what,
                  heading);
}

static gboolean
check_record (JbStore *self, JbRecord *record, JbSaveFlags flags, GPtrArray *problems,
              GError **error)
{
  const JbKind *kind = jb_record_get_kind (record);

  check_id_free (self, record, flags, problems);
  jb_record_validate (record, problems);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (!jb_record_is_set (record, i))
        continue;
      if (f->type == JB_TYPE_REF)
        {
          gint64 target = jb_record_get_int (record, i);
          /* A bulk save leaves this to the foreign key, and asks here only
           * when the table refused the row (explain_refusal()). */
          if (target > 0 && !(flags & JB_SAVE_BULK) &&
              !row_exists (self, jb_store_ref_target (f)->name, target))
            jb_problem_add (problems, (int) i, _("The chosen %s no longer exists."),
                            _(jb_store_ref_target (f)->label));
          if (f->ref_kind == kind->id && target == jb_record_get_id (record))
            jb_problem_add (problems, (int) i, _("A record cannot refer to itself."));
        }
      /* The same for unique fields and the UNIQUE constraint. */
      if ((f->flags & JB_FIELD_UNIQUE) && !(flags & JB_SAVE_BULK))
        {
          g_autofree char *other = unique_clash (self, record, i);
          if (other)
            jb_problem_add (problems, (int) i, _("Already taken by “%s”."), other);
        }
    }

  if (kind->ops->check_store)
    kind->ops->check_store (self, record, problems);

  if (jb_record_get_id (record) != 0 && !(flags & JB_SAVE_ANY_STATUS))
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (JbRecord) before = jb_store_load (self, kind->id, jb_record_get_id (record),
                                                   &local);
      if (before == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      jb_rules_check_change (before, record, problems);
    }
  return TRUE;
}

gboolean
jb_store_check (JbStore *self, JbRecord *record, GPtrArray *problems, GError **error)
{
  return check_record (self, record, JB_SAVE_DEFAULT, problems, error);
}

gboolean
jb_store_history_add (JbStore *self, const char *kind, const char *uuid, const char *at,
                      const char *action, const char *field, const char *old_value,
                      const char *new_value, GError **error)
{
  sqlite3_stmt *stmt = self->history_insert;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, new_value, -1, SQLITE_STATIC);
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE || jb_store_fail (self, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

static gboolean
add_history (JbStore *self, JbRecord *record, const char *at, const char *action,
             const char *field, const char *old_value, const char *new_value, GError **error)
{
  return jb_store_history_add (self, jb_record_get_kind (record)->name,
                               jb_record_get_uuid (record), at, action, field, old_value,
                               new_value, error);
}

static char *
problems_to_message (const JbKind *kind, GPtrArray *problems)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      JbProblem *p = g_ptr_array_index (problems, i);
      if (s->len)
        g_string_append_c (s, '\n');
      if (p->field >= 0)
        g_string_append_printf (s, "%s: ", _(kind->fields[p->field].label));
      g_string_append (s, p->message);
    }
  return g_string_free (s, FALSE);
}

/* Sets @error to what every check of a save finds wrong with @record, as
 * the message of a refused save; FALSE (and @error untouched) if nothing. */
static gboolean
explain_refusal (JbStore *self, JbRecord *record, JbSaveFlags flags, GError **error)
{
  g_autoptr (GPtrArray) problems = jb_problems_new ();
  if (!check_record (self, record, flags & ~JB_SAVE_BULK, problems, NULL) || problems->len == 0)
    return FALSE;
  g_autofree char *message = problems_to_message (jb_record_get_kind (record), problems);
  g_clear_error (error);
  g_set_error_literal (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID, message);
  return TRUE;
}

static gboolean
write_record (JbStore *self, JbRecord *record, JbSaveFlags flags, GError **error)
{
  const JbKind *kind = jb_record_get_kind (record);
  gboolean is_new = jb_record_get_id (record) == 0;
  g_autoptr (JbRecord) before = NULL;
  g_autofree char *now = NULL;

  if (!is_new && !(before = jb_store_load (self, kind->id, jb_record_get_id (record), error)))
    return FALSE;
  /* On a team database another connection of this replica (the window's
   * worker that pulls) may have brought someone else's save after this
   * store read the record: written over, that save would be lost. */
  if (before && !(flags & JB_SAVE_KEEP_TIMES) &&
      !jb_store_team_check_read (self, kind->id, jb_record_get_uuid (before), error))
    return FALSE;
  if (is_new && !(flags & JB_SAVE_AS_FILED) && kind->ops->assign)
    kind->ops->assign (self, record);

  if (!(flags & JB_SAVE_KEEP_TIMES) || !jb_record_get_uuid (record))
    {
      g_autofree char *uuid = g_uuid_string_random ();
      jb_record_set_uuid (record, before ? jb_record_get_uuid (before) : uuid);
    }
  if (!(flags & JB_SAVE_KEEP_TIMES) || !jb_record_get_created (record) ||
      !jb_record_get_updated (record))
    {
      now = jb_timestamp_now ();
      jb_record_set_times (record, before ? jb_record_get_created (before) : now, now);
    }

  sqlite3_stmt *stmt = jb_store_write_statement (self, kind, is_new, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, jb_record_get_uuid (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, jb_record_get_created (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, jb_record_get_updated (record), -1, SQLITE_STATIC);
  jb_store_bind_fields (record, stmt, N_RECORD_COLS);
  if (!is_new)
    sqlite3_bind_int64 (stmt, (int) kind->n_fields + 4, jb_record_get_id (record));
  int rc = sqlite3_step (stmt);
  gboolean ok = rc == SQLITE_DONE || jb_store_fail (self, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (!ok)
    {
      /* A bulk save left references and unique fields to the constraints:
       * when one of them speaks, say what any other save would have said. */
      if ((flags & JB_SAVE_BULK) &&
          (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_FOREIGNKEY))
        explain_refusal (self, record, flags, error);
      return FALSE;
    }

  gint64 id = is_new ? sqlite3_last_insert_rowid (self->db) : jb_record_get_id (record);
  if (self->bulk && !jb_store_bulk_note (self, kind->id, id, error))
    return FALSE;
  g_autoptr (JbRecord) after = NULL;
  if (is_new && (flags & JB_SAVE_BULK) &&
      kind->fields[jb_kind_title_index (kind)].type != JB_TYPE_REF)
    {
      /* The new row holds what was bound, and its 'created' history row
       * needs only the title: no reload (a bulk save fills in no reference
       * titles).  Changes still reload, for the titles they record. */
      jb_record_set_id (record, id);
      after = g_object_ref (record);
    }
  else if (!(after = jb_store_load (self, kind->id, id, error)))
    return FALSE;

  /* An import keeps the record's own created time, which jb_store_history()
   * shows as its creation: no row needed. */
  if (is_new && !(flags & JB_SAVE_KEEP_TIMES))
    ok = add_history (self, after, jb_record_get_updated (after), "created", NULL, NULL,
                      jb_record_get_title (after), error);
  for (guint i = 0; ok && before && i < kind->n_fields; i++)
    if (!jb_record_equal_field (before, after, i))
      {
        g_autofree char *old_value = jb_record_field_to_string (before, i);
        g_autofree char *new_value = jb_record_field_to_string (after, i);
        ok = add_history (self, after, jb_record_get_updated (after), "changed",
                          kind->fields[i].name, old_value, new_value, error);
      }
  if (ok)
    jb_record_assign (record, after);
  return ok;
}

/* What a save means for other records, in the same transaction.  Imports
 * skip this: the file already holds the consequences. */
static gboolean
apply_consequences (JbStore *self, JbRecord *record, GError **error)
{
  const JbKindOps *ops = jb_record_get_kind (record)->ops;
  return ops->after_save == NULL || ops->after_save (self, record, error);
}

static gboolean save_record (JbStore *self, JbRecord *record, JbSaveFlags flags,
                             GError **error);

gboolean
jb_store_save (JbStore *self, JbRecord *record, JbSaveFlags flags, GError **error)
{
  /* What the save reads for itself (its checks, the copy it writes over,
   * consequences) is not a read of the caller's (jb_store_team_note_read()). */
  self->saving++;
  g_autoptr (GError) local = NULL;
  gboolean ok = save_record (self, record, flags, &local);
  /* A team database had a unique value of this save from someone else, and
   * the replica now has it too (the refused commit pulled): saved again,
   * the checks refuse a value the user typed at its field, as for a local
   * clash, and a code the store gave (assign()) is given anew after theirs.
   * A few times: others may keep taking the next code meanwhile. */
  for (guint again = 0; !ok && again < 5 &&
       g_error_matches (local, JB_STORE_ERROR, JB_STORE_ERROR_TAKEN); again++)
    {
      g_clear_error (&local);
      ok = save_record (self, record, flags, &local);
    }
  self->saving--;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

static gboolean
save_record (JbStore *self, JbRecord *record, JbSaveFlags flags, GError **error)
{
  g_autoptr (GPtrArray) problems = jb_problems_new ();

  if (!check_record (self, record, flags, problems, error))
    return FALSE;
  if (problems->len > 0)
    {
      /* A bulk save checked less: the message names every problem all the same. */
      if ((flags & JB_SAVE_BULK) && explain_refusal (self, record, flags, error))
        return FALSE;
      g_autofree char *message = problems_to_message (jb_record_get_kind (record), problems);
      g_set_error_literal (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID, message);
      return FALSE;
    }

  /* Work on a copy so that a failed save leaves the caller's record as it
   * was; a bulk caller drops both the record and its transaction then. */
  g_autoptr (JbRecord) work = (flags & JB_SAVE_BULK) ? g_object_ref (record)
                                                     : jb_record_copy (record);
  gboolean own = !(flags & JB_SAVE_BULK) || self->depth == 0;
  /* A bulk save in the caller's transaction leaves the search index to its
   * commit; any other write brings the index up to date first. */
  if (own ? self->bulk && !jb_store_bulk_finish (self, NULL, NULL, NULL, error)
          : !jb_store_bulk_begin (self, jb_record_get_kind_id (record), error))
    return FALSE;
  if (own && !jb_store_begin (self, error))
    return FALSE;
  if (!write_record (self, work, flags, error) ||
      (!(flags & JB_SAVE_AS_FILED) && !apply_consequences (self, work, error)))
    {
      if (own)
        jb_store_rollback (self);
      return FALSE;
    }
  self->changed_kinds |= 1u << jb_record_get_kind_id (record);
  if (own && !jb_store_commit (self, error))
    return FALSE;
  jb_record_assign (record, work);
  return TRUE;
}

/* "Demands (3), People (1)": who still points at the record, or NULL. */
static char *
describe_references (JbStore *self, JbKindId target, gint64 id)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      gint64 count = 0;
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          if (f->type != JB_TYPE_REF || f->ref_kind != target || (f->flags & JB_FIELD_PART_OF))
            continue;
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?1 AND id != ?2",
                                                  kind->name, f->name);
          sqlite3_stmt *stmt = jb_store_prepare (self, sql, FALSE, NULL);
          if (stmt == NULL)
            continue;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, k == target ? id : 0);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            count += sqlite3_column_int64 (stmt, 0);
          sqlite3_finalize (stmt);
        }
      if (count > 0)
        /* TRANSLATORS: a kind of record and how many of them, e.g. "Demands (3)" */
        g_string_append_printf (s, s->len ? _(", %s (%lld)") : _("%s (%lld)"),
                                _(kind->plural), (long long) count);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

gboolean
jb_store_delete (JbStore *self, JbKindId kind_id, gint64 id, GError **error)
{
  const JbKind *kind = jb_kind_get (kind_id);
  g_autoptr (JbRecord) before = jb_store_load (self, kind_id, id, error);
  if (before == NULL)
    return FALSE;

  if (self->bulk && !jb_store_bulk_finish (self, NULL, NULL, NULL, error))
    return FALSE;
  g_autofree char *users = describe_references (self, kind_id, id);
  if (users)
    {
      g_autofree char *heading = jb_record_get_heading (before);
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_REFERENCED,
                   _("“%s” cannot be deleted while other records refer to it: %s. "
                     "Change or delete those first."),
                   heading, users);
      return FALSE;
    }

  if (!jb_store_begin (self, error))
    return FALSE;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", kind->name);
  g_autofree char *now = jb_timestamp_now ();
  sqlite3_stmt *stmt = jb_store_prepare (self, sql, FALSE, error);
  gboolean ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = sqlite3_step (stmt) == SQLITE_DONE || jb_store_fail (self, error);
    }
  sqlite3_finalize (stmt);
  ok = ok && add_history (self, before, now, "deleted", NULL, jb_record_get_title (before), NULL,
                          error);
  if (!ok)
    {
      jb_store_rollback (self);
      return FALSE;
    }
  self->changed_kinds |= 1u << kind_id;
  /* Parts (a deal's payments) go with it. */
  for (guint k = 0; k < JB_N_KINDS; k++)
    for (guint i = 0; i < jb_kind_get (k)->n_fields; i++)
      if (jb_kind_get (k)->fields[i].ref_kind == kind_id &&
          (jb_kind_get (k)->fields[i].flags & JB_FIELD_PART_OF))
        self->changed_kinds |= 1u << k;
  return jb_store_commit (self, error);
}

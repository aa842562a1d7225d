/* jb-store-query.c: the store's lists: search words, filters, a record's
 * related records, payment totals (see jb-store.c for the whole store). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-rules.h"
#include "jb-store-private.h"

/* The words of a search.  g_strsplit_set() works on bytes, which would cut
 * Chinese characters whose UTF-8 holds a delimiter's byte, so the ideographic
 * space becomes a plain one first. */
static GStrv
jb_store_split_query (const char *query)
{
  g_auto (GStrv) parts = g_strsplit (query ? query : "", "\u3000", -1);
  g_autofree char *spaced = g_strjoinv (" ", parts);
  return g_strsplit_set (spaced, " \t\n", -1);
}

/* "%word%" for LIKE, with the user's own % _ and \ taken literally. */
static char *
like_pattern (const char *word)
{
  GString *s = g_string_new ("%");
  for (const char *p = word; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/* Steps @stmt (a select_sql() query) to its end: the rows as records. */
GPtrArray *
jb_store_collect_rows (JbStore *self, const JbKind *kind, sqlite3_stmt *stmt, GError **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, jb_store_row_to_record (kind, stmt));
  if (rc != SQLITE_DONE)
    {
      jb_store_fail (self, error);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }
  return rows;
}

/* The event EVENT (a parameter, numbered when used) and its sessions, at any
 * depth. */
#define EVENTS "(WITH RECURSIVE ev(id) AS (SELECT EVENT UNION SELECT e.id FROM event e " \
               "JOIN ev ON e.parent_id = ev.id) SELECT id FROM ev)"

/* How a record of each kind belongs to an event. */
static const char *
event_clause (JbKindId kind)
{
#define DEMANDS "(SELECT id FROM demand WHERE event_id IN " EVENTS ")"
#define DEALS "(SELECT id FROM deal WHERE event_id IN " EVENTS \
              " OR demand_id IN " DEMANDS ")"
  switch (kind)
    {
    case JB_KIND_DEMAND:
    case JB_KIND_AWARD:
      return "t.event_id IN " EVENTS;
    case JB_KIND_SOLUTION:
      return "t.demand_id IN " DEMANDS;
    case JB_KIND_DEAL:
      return "(t.event_id IN " EVENTS " OR t.demand_id IN " DEMANDS ")";
    case JB_KIND_PAYMENT:
      return "t.deal_id IN " DEALS;
    case JB_KIND_ACHIEVEMENT:
      return "t.roadshow_id IN " EVENTS;
    case JB_KIND_EVENT:
      return "t.id IN " EVENTS;
    case JB_KIND_ORGANIZATION:
      return "t.id IN (SELECT owner_id FROM demand WHERE id IN " DEMANDS ")";
    case JB_KIND_PERSON:
      return "t.id IN (SELECT manager_id FROM demand WHERE id IN " DEMANDS ")";
    case JB_N_KINDS:
    default:
      g_assert_not_reached ();
    }
#undef DEALS
#undef DEMANDS
}

/* Appends the filter's conditions; each binds one parameter, numbered from
 * @first.  Returns FALSE for a condition on a field the kind does not have. */
gboolean
jb_store_append_filter (GString *sql, const JbKind *kind, JbFilter *filter, guint first, gboolean *where)
{
  for (guint i = 0; filter && i < jb_filter_get_n_conditions (filter); i++)
    {
      JbMatch match;
      const char *field, *value;
      jb_filter_get_condition (filter, i, &match, &field, &value);
      const JbField *f = field ? jb_kind_field (kind, field) : NULL;
      guint n = first + i;

      g_string_append (sql, *where ? " AND " : " WHERE ");
      *where = TRUE;
      switch (match)
        {
        case JB_MATCH_EQUALS:
        case JB_MATCH_FROM:
        case JB_MATCH_UNTIL:
          /* "created" is a UTC timestamp: compare its date. */
          if (f == NULL && match != JB_MATCH_EQUALS && g_strcmp0 (field, "created") == 0)
            {
              g_string_append_printf (sql, match == JB_MATCH_FROM ? "t.created >= ?%u"
                                      : "t.created < date(?%u, '+1 day')", n);
              break;
            }
          if (f == NULL)
            return FALSE;
          g_string_append_printf (sql, "t.%s %s ?%u", f->name,
                                  match == JB_MATCH_EQUALS ? "=" :
                                  match == JB_MATCH_FROM ? ">=" : "<=", n);
          break;
        case JB_MATCH_IN_EVENT:
        case JB_MATCH_AT_EVENT:
          {
            g_autoptr (GString) clause = g_string_new (event_clause (kind->id));
            g_autofree char *param = g_strdup_printf ("?%u", n);
            if (match == JB_MATCH_AT_EVENT)
              g_string_replace (clause, EVENTS, "(SELECT EVENT)", 0);
            g_string_replace (clause, "EVENT", param, 0);
            g_string_append (sql, clause->str);
          }
          break;
        case JB_MATCH_OVERDUE:
          if (kind->id != JB_KIND_PAYMENT)
            return FALSE;
          g_string_append_printf (sql, "coalesce(t.received, 0) = 0 AND t.due_date < ?%u", n);
          break;
        case JB_MATCH_SIGNED:
          if (kind->id != JB_KIND_DEAL)
            return FALSE;
          /* Always true, so that the parameter is used. */
          g_string_append_printf (sql, "t.stage IN ('signed', 'executing', 'completed') "
                                       "AND coalesce(?%u, 1)", n);
          break;
        case JB_MATCH_IN:
        case JB_MATCH_NOT_IN:
          if (f == NULL)
            return FALSE;
          g_string_append_printf (sql, match == JB_MATCH_IN
                                  ? "instr(',' || ?%u || ',', ',' || t.%s || ',') > 0"
                                  : "(t.%2$s IS NULL OR instr(',' || ?%1$u || ',', ',' || t.%2$s || ',') = 0)",
                                  n, f->name);
          break;
        case JB_MATCH_IDS:
          g_string_append_printf (sql, "instr(',' || ?%u || ',', ',' || t.id || ',') > 0", n);
          break;
        case JB_MATCH_UNPAID:
          if (kind->id != JB_KIND_PAYMENT)
            return FALSE;
          g_string_append_printf (sql, "coalesce(t.received, 0) = 0 AND coalesce(?%u, 1)", n);
          break;
        case JB_MATCH_DEAL_SIGNED_UNTIL:
          if (kind->id != JB_KIND_PAYMENT)
            return FALSE;
          g_string_append_printf (sql, "t.deal_id IN (SELECT id FROM deal WHERE stage IN "
                                       "('signed', 'executing', 'completed') AND signed_on <= ?%u)", n);
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
jb_store_list (JbStore *self, JbKindId kind_id, const char *query, GError **error)
{
  return jb_store_list_filtered (self, kind_id, NULL, query, error);
}

GPtrArray *
jb_store_list_filtered (JbStore *self, JbKindId kind_id, JbFilter *filter, const char *query,
                        GError **error)
{
  const JbKind *kind = jb_kind_get (kind_id);
  g_autoptr (GString) sql = jb_store_select_sql (kind, JB_FIELD_LISTED);
  g_auto (GStrv) words = jb_store_split_query (query);
  guint n_words = 0;
  gboolean where = FALSE;

  g_return_val_if_fail (filter == NULL || jb_filter_get_kind (filter) == kind_id, NULL);

  /* LIKE, not full-text search: FTS tokenizers miss one- and two-character
   * Chinese words, which are most of them (电, 电池, 芯片). */
  for (guint w = 0; words[w]; w++)
    {
      if (*words[w] == '\0')
        continue;
      g_string_append (sql, n_words == 0 ? " WHERE (" : " AND (");
      where = TRUE;
      gboolean first = TRUE;
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          if (!(f->flags & JB_FIELD_SEARCHED))
            continue;
          if (f->type == JB_TYPE_REF)
            {
              const JbKind *target = jb_store_ref_target (f);
              g_string_append_printf (sql,
                                      "%s t.%s IN (SELECT id FROM %s WHERE %s LIKE ?%u ESCAPE '\\')",
                                      first ? "" : " OR", f->name, target->name,
                                      target->fields[target->title_field].name, n_words + 1);
            }
          else
            g_string_append_printf (sql, "%s t.%s LIKE ?%u ESCAPE '\\'", first ? "" : " OR",
                                    f->name, n_words + 1);
          first = FALSE;
        }
      g_string_append (sql, ")");
      n_words++;
    }
  if (!jb_store_append_filter (sql, kind, filter, n_words + 1, &where))
    {
      g_set_error (error, JB_STORE_ERROR, JB_STORE_ERROR_FAILED,
                   "a filter does not fit the records of kind %s", kind->name);
      return NULL;
    }
  g_string_append (sql, " ORDER BY t.id DESC");

  sqlite3_stmt *stmt = jb_store_prepare (self, sql->str, FALSE, error);
  if (stmt == NULL)
    return NULL;
  guint n = 0;
  for (guint w = 0; words[w]; w++)
    if (*words[w])
      sqlite3_bind_text (stmt, (int) ++n, like_pattern (words[w]), -1, g_free);
  for (guint i = 0; filter && i < jb_filter_get_n_conditions (filter); i++)
    {
      JbMatch match;
      const char *field, *value;
      jb_filter_get_condition (filter, i, &match, &field, &value);
      sqlite3_bind_text (stmt, (int) ++n, value, -1, SQLITE_TRANSIENT);
    }

  GPtrArray *rows = jb_store_collect_rows (self, kind, stmt, error);
  sqlite3_finalize (stmt);
  return rows;
}

/* ---- related records ---------------------------------------------------- */

GPtrArray *
jb_store_list_referring (JbStore *self, JbKindId kind_id, const char *field, gint64 id,
                         GError **error)
{
  const JbKind *kind = jb_kind_get (kind_id);
  const JbField *f = jb_kind_field (kind, field);
  g_return_val_if_fail (f != NULL && f->type == JB_TYPE_REF, NULL);

  g_autoptr (GString) sql = jb_store_select_sql (kind, JB_FIELD_LISTED);
  g_string_append_printf (sql, " WHERE t.%s = ?1 ORDER BY t.id DESC", f->name);
  sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  GPtrArray *rows = jb_store_collect_rows (self, kind, stmt, error);
  sqlite3_reset (stmt);
  return rows;
}

gboolean
jb_store_payment_totals (JbStore *self, gint64 deal_id, const char *today,
                         JbPaymentTotals *totals, GError **error)
{
  sqlite3_stmt *stmt = jb_store_statement (
    self,
    "SELECT coalesce(sum(CASE WHEN received = 1 THEN amount END), 0),"
    "       coalesce(sum(CASE WHEN coalesce(received, 0) = 0 THEN amount END), 0),"
    "       count(CASE WHEN coalesce(received, 0) = 0 AND due_date < ?2 THEN 1 END),"
    "       coalesce(sum(CASE WHEN coalesce(received, 0) = 0 AND due_date < ?2 THEN amount END), 0)"
    " FROM payment WHERE deal_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  gboolean ok = sqlite3_step (stmt) == SQLITE_ROW || jb_store_fail (self, error);
  if (ok)
    {
      totals->received = sqlite3_column_int64 (stmt, 0);
      totals->outstanding = sqlite3_column_int64 (stmt, 1);
      totals->n_overdue = (guint) sqlite3_column_int64 (stmt, 2);
      totals->overdue = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  return ok;
}

gint64
jb_store_find (JbStore *self, JbKindId kind, const char * const *fields,
               const char * const *values, guint n, GError **error)
{
  const JbKind *k = jb_kind_get (kind);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_string_printf (sql, "SELECT id FROM %s WHERE ", k->name);
  for (guint i = 0; i < n; i++)
    {
      /* Names come from the kind's table, never from the caller's text. */
      const JbField *f = jb_kind_field (k, fields[i]);
      g_return_val_if_fail (f != NULL, -1);
      g_string_append_printf (sql, "%s%s = ?%u", i ? " AND " : "", f->name, i + 1);
    }
  /* No ORDER BY id: SQLite would walk the table in id order instead of
   * using the index on the fields; the index gives the lowest id first. */
  g_string_append (sql, " LIMIT 1");
  sqlite3_stmt *stmt = jb_store_statement (self, sql->str, error);
  if (stmt == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    {
      const JbField *f = jb_kind_field (k, fields[i]);
      if (f->type == JB_TYPE_REF || f->type == JB_TYPE_INT || f->type == JB_TYPE_MONEY ||
          f->type == JB_TYPE_BOOL)
        sqlite3_bind_int64 (stmt, (int) i + 1, g_ascii_strtoll (values[i], NULL, 10));
      else
        sqlite3_bind_text (stmt, (int) i + 1, values[i], -1, SQLITE_TRANSIENT);
    }
  gint64 id = 0;
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    id = jb_store_fail (self, error) ? 0 : -1;
  sqlite3_reset (stmt);
  return id;
}

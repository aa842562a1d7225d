/* jb-store-query.c: the store's lists: filters, whole lists (through
 * jb-query.h, which also searches), a record's related records, payment
 * totals (see jb-store.c for the whole store). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-query.h"
#include "jb-rules.h"
#include "jb-store-private.h"

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

static gboolean
collect_row (JbRecord *record, gpointer user_data, GError **error)
{
  g_ptr_array_add (user_data, g_object_ref (record));
  return TRUE;
}

GPtrArray *
jb_store_list_filtered (JbStore *self, JbKindId kind_id, JbFilter *filter, const char *query,
                        GError **error)
{
  g_return_val_if_fail (filter == NULL || jb_filter_get_kind (filter) == kind_id, NULL);

  /* The table's query (jb-query.h), newest first. */
  g_autoptr (JbQuery) q = jb_query_new (self, kind_id);
  jb_query_set_filter (q, filter);
  jb_query_set_search (q, query);
  jb_query_set_order (q, "id", TRUE);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  if (!jb_query_foreach (q, collect_row, rows, error))
    g_clear_pointer (&rows, g_ptr_array_unref);
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

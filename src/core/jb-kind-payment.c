/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-payment.c: the milestones and payments of a deal (part of it:
 * deleted with it): when each is due, whether it came in, what is overdue. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jb-date.h"
#include "jb-kind-private.h"
#include "jb-money.h"

static const JbField fields[] = {
  REF ("deal_id", N_("Deal"), REQ | LIST | FIND | JB_FIELD_PART_OF | CHILDREN, JB_KIND_DEAL),
  TEXT ("milestone", N_("Milestone"), LIST | FIND),
  DATE ("due_date", N_("Due date"), REQ | LIST),
  MONEY ("amount", N_("Amount"), REQ | LIST),
  BOOL ("received", N_("Received"), LIST),
  DATE ("received_on", N_("Received on"), 0),
  LONG ("notes", N_("Notes"), 0),
};

static void
check (JbRecord *record, GPtrArray *problems)
{
  guint on = jb_rules_field (record, "received_on");
  if (jb_record_get_int_by_name (record, "received") && !jb_record_is_set (record, on))
    jb_problem_add (problems, (int) on, _("Enter the date the payment was received."));
}

/* A payment without a milestone is named by its amount and date. */
static char *
heading (JbRecord *record)
{
  if (!jb_record_is_set (record, jb_rules_field (record, "amount")))
    return g_strdup (_("New payment"));
  g_autofree char *amount = jb_money_format (jb_record_get_int_by_name (record, "amount"));
  g_autofree char *due = jb_date_format (jb_record_get_text_by_name (record, "due_date"));
  /* TRANSLATORS: a payment without a milestone: its amount and due date */
  return g_strdup_printf (_("Payment of %s due %s"), amount, due ? due : "—");
}

static char *
describe (JbRecord *row, const char *today, gboolean *alarming)
{
  const char *due = jb_record_get_text_by_name (row, "due_date");
  g_autofree char *date = jb_date_format (due);

  *alarming = FALSE;
  if (jb_record_get_int_by_name (row, "received"))
    return g_strdup (_("received"));
  if (due && g_strcmp0 (due, today) < 0)
    {
      *alarming = TRUE;
      /* TRANSLATORS: a payment not received by its due date %s */
      return g_strdup_printf (_("overdue since %s"), date);
    }
  /* TRANSLATORS: a payment's due date */
  return g_strdup_printf (_("due %s"), date);
}

static void
add_not_received (JbFilter *filter)
{
  jb_filter_add (filter, JB_MATCH_NOT_IN, "received", "1");
}

JbFilter *
jb_payment_overdue_filter (const char *today, const char *label)
{
  JbFilter *filter = jb_filter_new (JB_KIND_PAYMENT, label);
  add_not_received (filter);
  jb_filter_add (filter, JB_MATCH_BEFORE, "due_date", today);
  return filter;
}

static JbSummaryLine *
line_new (char *text, gboolean alarming)
{
  JbSummaryLine *line = g_new0 (JbSummaryLine, 1);
  line->text = text;
  line->alarming = alarming;
  return line;
}

/* A deal's payments: received, outstanding, and what of it is overdue. */
static GPtrArray *
summarize (JbStore *store, JbRecord *deal, const char *today)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_summary_line_free);
  char id[32];
  g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, jb_record_get_id (deal));

  g_autoptr (JbFilter) received = jb_filter_new (JB_KIND_PAYMENT, NULL);
  jb_filter_add (received, JB_MATCH_EQUALS, "deal_id", id);
  jb_filter_add (received, JB_MATCH_EQUALS, "received", "1");
  g_autoptr (JbFilter) outstanding = jb_filter_new (JB_KIND_PAYMENT, NULL);
  jb_filter_add (outstanding, JB_MATCH_EQUALS, "deal_id", id);
  add_not_received (outstanding);
  g_autoptr (JbFilter) overdue = jb_payment_overdue_filter (today, NULL);
  jb_filter_add (overdue, JB_MATCH_EQUALS, "deal_id", id);

  gint64 n_in, in, n_out, out, n_late, late;
  if (!jb_store_sum (store, received, "amount", &n_in, &in, NULL) ||
      !jb_store_sum (store, outstanding, "amount", &n_out, &out, NULL) ||
      !jb_store_sum (store, overdue, "amount", &n_late, &late, NULL))
    return lines;

  g_autofree char *in_text = jb_money_format (in);
  g_autofree char *out_text = jb_money_format (out);
  g_ptr_array_add (lines, line_new (g_strdup_printf (_("Received %s, outstanding %s"),
                                                     in_text, out_text), FALSE));
  if (n_late > 0)
    {
      g_autofree char *late_text = jb_money_format (late);
      g_ptr_array_add (lines, line_new (g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                      "%u payment overdue: %s",
                                                                      "%u payments overdue: %s",
                                                                      (gulong) n_late),
                                                         (guint) n_late, late_text),
                                        TRUE));
    }
  return lines;
}

static const char *const in_event[] = { "deal_id.event_id", "deal_id.demand_id.event_id", NULL };

static const JbKindTexts texts = {
  N_("Search payments by deal or milestone"),
  N_("_New Payment"),
  N_("No Payments Yet"),
  N_("The milestones and payments of signed deals: when each is due, and whether it came in."),
};

static const JbKindOps ops = {
  .check = check,
  .heading = heading,
  .describe = describe,
  .summarize = summarize,
};

const JbKind jb_kind_payment = {
  JB_KIND_PAYMENT, "payment", N_("Payment"), N_("Payments"),
  fields, G_N_ELEMENTS (fields), "milestone", in_event, NULL, &texts, &ops,
};

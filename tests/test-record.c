/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Records: field rules that need no database. */
#include <glib.h>
#include <string.h>

#include "jb-record.h"
#include "jb-rules.h"

static gboolean
has_problem (GPtrArray *problems, JbRecord *record, const char *field, const char *text)
{
  int index = jb_kind_field_index (jb_record_get_kind (record), field);
  for (guint i = 0; i < problems->len; i++)
    {
      JbProblem *p = g_ptr_array_index (problems, i);
      if (p->field == index && (text == NULL || strstr (p->message, text)))
        return TRUE;
    }
  return FALSE;
}

static void
test_required (void)
{
  g_autoptr (JbRecord) demand = jb_record_new (JB_KIND_DEMAND);
  g_autoptr (GPtrArray) problems = jb_problems_new ();

  jb_record_validate (demand, problems);
  g_assert_true (has_problem (problems, demand, "title", "required"));
  g_assert_true (has_problem (problems, demand, "owner_id", "required"));
  g_assert_true (has_problem (problems, demand, "status", "required"));
  g_assert_false (has_problem (problems, demand, "problem", NULL));

  g_ptr_array_set_size (problems, 0);
  jb_record_set_text_by_name (demand, "title", "固态电池电解质界面稳定性");
  jb_record_set_int_by_name (demand, "owner_id", 1);
  jb_record_set_text_by_name (demand, "status", "draft");
  jb_record_validate (demand, problems);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_field_types (void)
{
  g_autoptr (JbRecord) demand = jb_record_new (JB_KIND_DEMAND);
  g_autoptr (GPtrArray) problems = jb_problems_new ();

  jb_record_set_text_by_name (demand, "title", "一行\n两行");
  jb_record_set_text_by_name (demand, "deadline", "2026-02-30");
  jb_record_set_text_by_name (demand, "status", "finished");
  jb_record_set_int_by_name (demand, "investment", -1);
  jb_record_set_text_by_name (demand, "keywords", "电池、储能，快充;固态; 隔膜, 正极");
  jb_record_validate (demand, problems);
  g_assert_true (has_problem (problems, demand, "title", "one line"));
  g_assert_true (has_problem (problems, demand, "deadline", "not a date"));
  g_assert_true (has_problem (problems, demand, "status", "not one of"));
  g_assert_true (has_problem (problems, demand, "investment", "negative"));
  g_assert_true (has_problem (problems, demand, "keywords", "5"));

  g_autoptr (JbRecord) solution = jb_record_new (JB_KIND_SOLUTION);
  g_ptr_array_set_size (problems, 0);
  jb_record_set_int_by_name (solution, "score", 101);
  jb_record_set_int_by_name (solution, "trl", 0);
  jb_record_validate (solution, problems);
  g_assert_true (has_problem (problems, solution, "score", "0 to 100"));
  g_assert_true (has_problem (problems, solution, "trl", "1 to 9"));
}

static void
test_organization_rules (void)
{
  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  g_autoptr (GPtrArray) problems = jb_problems_new ();

  jb_record_set_text_by_name (org, "name", "上海锅炉厂有限公司");
  jb_record_set_text_by_name (org, "kind", "enterprise");
  jb_record_set_text_by_name (org, "credit_code", "91350100M000100Y44");
  jb_record_set_text_by_name (org, "email", "not-an-address");
  jb_record_validate (org, problems);
  g_assert_true (has_problem (problems, org, "credit_code", "check character"));
  g_assert_true (has_problem (problems, org, "email", "e-mail"));

  g_ptr_array_set_size (problems, 0);
  jb_record_set_text_by_name (org, "credit_code", "91350100M000100Y43");
  jb_record_set_text_by_name (org, "email", "info@example.com");
  jb_record_validate (org, problems);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_deal_and_award_rules (void)
{
  g_autoptr (JbRecord) deal = jb_record_new (JB_KIND_DEAL);
  g_autoptr (GPtrArray) problems = jb_problems_new ();
  jb_record_set_text_by_name (deal, "stage", "signed");
  jb_record_validate (deal, problems);
  g_assert_true (has_problem (problems, deal, "contract_amount", "contract amount"));
  g_assert_true (has_problem (problems, deal, "signed_on", "signing date"));

  g_ptr_array_set_size (problems, 0);
  jb_record_set_text_by_name (deal, "stage", "intention");
  jb_record_validate (deal, problems);
  g_assert_false (has_problem (problems, deal, "contract_amount", NULL));

  g_autoptr (JbRecord) award = jb_record_new (JB_KIND_AWARD);
  g_ptr_array_set_size (problems, 0);
  jb_record_validate (award, problems);
  g_assert_true (has_problem (problems, award, "organization_id", "organization, a person"));
}

static void
test_workflow (void)
{
  g_assert_true (jb_demand_status_can_move ("draft", "review"));
  g_assert_true (jb_demand_status_can_move ("review", "published"));
  g_assert_true (jb_demand_status_can_move ("published", "review"));
  g_assert_true (jb_demand_status_can_move ("cooperating", "closed"));
  g_assert_true (jb_demand_status_can_move ("published", "withdrawn"));
  g_assert_true (jb_demand_status_can_move ("withdrawn", "draft"));
  g_assert_false (jb_demand_status_can_move ("draft", "closed"));
  g_assert_false (jb_demand_status_can_move ("draft", "matched"));
  g_assert_false (jb_demand_status_can_move ("closed", "withdrawn"));
  g_assert_false (jb_demand_status_can_move ("withdrawn", "published"));
}

static void
test_keywords (void)
{
  g_auto (GStrv) k = jb_keywords_split (" 电池、储能，快充;  ;solid state ");
  g_assert_cmpuint (g_strv_length (k), ==, 4);
  g_assert_cmpstr (k[0], ==, "电池");
  g_assert_cmpstr (k[3], ==, "solid state");
}

static void
test_format_field (void)
{
  g_autoptr (JbRecord) demand = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (demand, "status", "published");
  jb_record_set_int_by_name (demand, "investment", 1234500);
  int status = jb_kind_field_index (jb_record_get_kind (demand), "status");
  int investment = jb_kind_field_index (jb_record_get_kind (demand), "investment");
  g_autofree char *a = jb_record_format_field (demand, status);
  g_autofree char *b = jb_record_field_to_string (demand, investment);
  g_assert_cmpstr (a, ==, "Published");
  g_assert_cmpstr (b, ==, "12345");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/record/required", test_required);
  g_test_add_func ("/record/field-types", test_field_types);
  g_test_add_func ("/record/organization", test_organization_rules);
  g_test_add_func ("/record/deal-award", test_deal_and_award_rules);
  g_test_add_func ("/record/workflow", test_workflow);
  g_test_add_func ("/record/keywords", test_keywords);
  g_test_add_func ("/record/format", test_format_field);
  return g_test_run ();
}

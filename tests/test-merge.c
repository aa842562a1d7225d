/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An open form whose record changes underneath (issue 9, item 12), driven
 * through the window: another page's action, another connection and a
 * deletion while the user edits, and the related records beside a form
 * following the records added through its +.  Runs under Xvfb. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ui-test-util.h"
#include "test-util.h"
#include "jb-field-editor.h"
#include "jb-money.h"
#include "jb-picker.h"
#include "jb-record-browser.h"
#include "jb-window.h"

typedef UiTestFixture Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  ui_test_fixture_set_up (f, "jb-merge-XXXXXX", "merge.db", FALSE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  ui_test_fixture_tear_down (f);
}

static JbRecordEditor *
editor_of (Fixture *f, JbKindId kind)
{
  return ui_test_editor_of (f->window, kind);
}

static GtkWidget *
input (Fixture *f, JbKindId kind, const char *field)
{
  return ui_test_input (f->window, kind, field);
}

static void
type_text (Fixture *f, JbKindId kind, const char *field, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (input (f, kind, field)), text);
  ui_test_pump ();
}

static const char *
text_of (Fixture *f, JbKindId kind, const char *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (input (f, kind, field)));
}

static void
choose (Fixture *f, JbKindId kind, const char *field, const char *label)
{
  ui_test_choose (f->window, kind, field, label);
}

static void
save (Fixture *f, JbKindId kind)
{
  jb_window_show_page (f->window, kind);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "save", NULL);
  ui_test_pump ();
}

/* Opens the record in its page's form, as its link beside another does. */
static void
open_record (Fixture *f, JbKindId kind, gint64 id)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "open-record",
                                  g_variant_new ("(ux)", (guint32) kind, id));
  ui_test_pump ();
  g_assert_cmpint (jb_record_editor_get_id (editor_of (f, kind)), ==, id);
}

static gint64
saved (JbStore *store, JbRecord *record)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_save (store, record, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return jb_record_get_id (record);
}

static gint64
new_org (Fixture *f, const char *name, const char *kind)
{
  g_autoptr (JbRecord) r = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (r, "name", name);
  jb_record_set_text_by_name (r, "kind", kind);
  jb_record_set_text_by_name (r, "province", "shanghai");
  return saved (f->store, r);
}

static gint64
new_demand (Fixture *f, gint64 owner, const char *title)
{
  g_autoptr (JbRecord) r = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (r, "title", title);
  jb_record_set_int_by_name (r, "owner_id", owner);
  jb_record_set_text_by_name (r, "status", "published");
  jb_record_set_text_by_name (r, "industry", "new_energy");
  return saved (f->store, r);
}

static JbRecord *
load (Fixture *f, JbKindId kind, gint64 id)
{
  g_autoptr (GError) error = NULL;
  JbRecord *r = jb_store_load (f->store, kind, id, &error);
  g_assert_no_error (error);
  return r;
}

/* The notice above the form, if it is shown: its text. */
static const char *
notice_text (Fixture *f, JbKindId kind)
{
  GtkWidget *editor = GTK_WIDGET (editor_of (f, kind));
  GtkWidget *button = ui_test_find_actionable (editor, "editor.keep-mine", NULL);
  g_assert_nonnull (button);
  GtkWidget *notice = gtk_widget_get_parent (gtk_widget_get_parent (button));
  if (!gtk_widget_get_visible (notice))
    return NULL;
  GtkWidget *label = gtk_widget_get_first_child (notice);
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
press (Fixture *f, JbKindId kind, const char *action)
{
  GtkWidget *button = ui_test_find_actionable (GTK_WIDGET (editor_of (f, kind)), action, NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  ui_test_click (button);
}

/* The case: a solution selected on its page marks its demand
 * matched while the demand's form is open with another edit; saving the
 * form keeps both. */
static void
test_selection_kept (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f, "上海锅炉厂有限公司", "enterprise");
  new_org (f, "上海交通大学", "university");
  gint64 demand = new_demand (f, owner, "电站锅炉智能运维");
  g_autoptr (JbRecord) solution = jb_record_new (JB_KIND_SOLUTION);
  jb_record_set_text_by_name (solution, "title", "基于数字孪生的锅炉运维方案");
  jb_record_set_int_by_name (solution, "demand_id", demand);
  jb_record_set_int_by_name (solution, "solver_id", owner + 1);
  jb_record_set_text_by_name (solution, "status", "submitted");
  gint64 solution_id = saved (f->store, solution);

  /* The demand's form, with an edit the user has not saved. */
  open_record (f, JB_KIND_DEMAND, demand);
  type_text (f, JB_KIND_DEMAND, "keywords", "锅炉 运维 数字孪生");
  g_assert_true (jb_record_editor_is_dirty (editor_of (f, JB_KIND_DEMAND)));

  /* Selecting the solution on its page. */
  open_record (f, JB_KIND_SOLUTION, solution_id);
  choose (f, JB_KIND_SOLUTION, "status", _("Selected"));
  save (f, JB_KIND_SOLUTION);
  g_autoptr (JbRecord) matched = load (f, JB_KIND_DEMAND, demand);
  g_assert_cmpstr (jb_record_get_text_by_name (matched, "status"), ==, "matched");

  /* The demand's form shows the new status and still holds the edit. */
  jb_window_show_page (f->window, JB_KIND_DEMAND);
  ui_test_pump ();
  g_assert_cmpstr (jb_picker_get_text (JB_PICKER (input (f, JB_KIND_DEMAND, "status"))), ==,
                   _("Matched"));
  g_assert_cmpstr (text_of (f, JB_KIND_DEMAND, "keywords"), ==, "锅炉 运维 数字孪生");
  g_assert_true (jb_record_editor_is_dirty (editor_of (f, JB_KIND_DEMAND)));
  g_assert_null (notice_text (f, JB_KIND_DEMAND));

  save (f, JB_KIND_DEMAND);
  g_assert_false (jb_record_editor_is_dirty (editor_of (f, JB_KIND_DEMAND)));
  g_autoptr (JbRecord) both = load (f, JB_KIND_DEMAND, demand);
  g_assert_cmpstr (jb_record_get_text_by_name (both, "status"), ==, "matched");
  g_assert_cmpstr (jb_record_get_text_by_name (both, "keywords"), ==, "锅炉 运维 数字孪生");

  /* An unrelated save writes no field the user did not change: the history
   * has the keywords and nothing else from the form. */
  g_autoptr (GPtrArray) history = jb_store_history (f->store, jb_record_get_uuid (both), NULL);
  guint from_form = 0;
  for (guint i = 0; i < history->len; i++)
    {
      JbHistoryEntry *e = g_ptr_array_index (history, i);
      if (g_strcmp0 (e->action, "changed") == 0 && g_strcmp0 (e->field, "status") != 0)
        {
          g_assert_cmpstr (e->field, ==, "keywords");
          from_form++;
        }
    }
  g_assert_cmpuint (from_form, ==, 1);
}

/* Both changed the same field: the user's value stays, the other is shown;
 * "Use Their Values" takes it, "Keep Mine" and a save write the user's.  A
 * change by another program (no signal) is caught at the save. */
static void
test_conflict (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f, "上海锅炉厂有限公司", "enterprise");
  gint64 demand = new_demand (f, owner, "电站锅炉智能运维");

  open_record (f, JB_KIND_DEMAND, demand);
  type_text (f, JB_KIND_DEMAND, "title", "锅炉智能运维（我的标题）");

  /* Another page changes the title and the city. */
  g_autoptr (JbRecord) theirs = load (f, JB_KIND_DEMAND, demand);
  jb_record_set_text_by_name (theirs, "title", "锅炉智能运维（他们的标题）");
  jb_record_set_text_by_name (theirs, "city", "上海");
  saved (f->store, theirs);

  const char *text = notice_text (f, JB_KIND_DEMAND);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, _("Title")));
  g_assert_nonnull (strstr (text, "锅炉智能运维（他们的标题）"));
  g_assert_nonnull (strstr (text, "锅炉智能运维（我的标题）"));
  g_assert_cmpstr (text_of (f, JB_KIND_DEMAND, "title"), ==, "锅炉智能运维（我的标题）");
  g_assert_cmpstr (text_of (f, JB_KIND_DEMAND, "city"), ==, "上海");
  ui_test_check_names (GTK_WIDGET (editor_of (f, JB_KIND_DEMAND)));

  press (f, JB_KIND_DEMAND, "editor.take-theirs");
  g_assert_null (notice_text (f, JB_KIND_DEMAND));
  g_assert_cmpstr (text_of (f, JB_KIND_DEMAND, "title"), ==, "锅炉智能运维（他们的标题）");
  g_assert_false (jb_record_editor_is_dirty (editor_of (f, JB_KIND_DEMAND)));

  /* Again, from another connection: nothing tells the window. */
  type_text (f, JB_KIND_DEMAND, "title", "第二次我的标题");
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) other = jb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr (JbRecord) elsewhere = jb_store_load (other, JB_KIND_DEMAND, demand, &error);
  g_assert_no_error (error);
  jb_record_set_text_by_name (elsewhere, "title", "第二次他们的标题");
  jb_record_set_text_by_name (elsewhere, "district", "闵行区");
  saved (other, elsewhere);
  g_assert_null (notice_text (f, JB_KIND_DEMAND));

  save (f, JB_KIND_DEMAND);
  g_autoptr (JbRecord) refused = load (f, JB_KIND_DEMAND, demand);
  g_assert_cmpstr (jb_record_get_text_by_name (refused, "title"), ==, "第二次他们的标题");
  g_assert_nonnull (notice_text (f, JB_KIND_DEMAND));
  g_assert_nonnull (strstr (notice_text (f, JB_KIND_DEMAND), "第二次他们的标题"));
  g_assert_cmpstr (text_of (f, JB_KIND_DEMAND, "district"), ==, "闵行区");

  press (f, JB_KIND_DEMAND, "editor.keep-mine");
  g_assert_null (notice_text (f, JB_KIND_DEMAND));
  save (f, JB_KIND_DEMAND);
  g_autoptr (JbRecord) mine = load (f, JB_KIND_DEMAND, demand);
  g_assert_cmpstr (jb_record_get_text_by_name (mine, "title"), ==, "第二次我的标题");
  g_assert_cmpstr (jb_record_get_text_by_name (mine, "district"), ==, "闵行区");
  g_assert_cmpstr (jb_record_get_text_by_name (mine, "city"), ==, "上海");
}

/* Deleted while open with an edit: the form says so and saves as new. */
static void
test_deleted (Fixture *f, gconstpointer data)
{
  gint64 org = new_org (f, "上海某研究所", "institute");
  g_autoptr (JbRecord) before = load (f, JB_KIND_ORGANIZATION, org);
  open_record (f, JB_KIND_ORGANIZATION, org);
  type_text (f, JB_KIND_ORGANIZATION, "name", "上海某研究所（改名）");

  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_delete (f->store, JB_KIND_ORGANIZATION, org, &error));
  g_assert_no_error (error);
  jb_window_show_page (f->window, JB_KIND_ORGANIZATION);
  ui_test_pump ();
  g_assert_nonnull (notice_text (f, JB_KIND_ORGANIZATION));
  g_assert_cmpstr (text_of (f, JB_KIND_ORGANIZATION, "name"), ==, "上海某研究所（改名）");

  press (f, JB_KIND_ORGANIZATION, "editor.save-as-new");
  g_autoptr (GPtrArray) rows = jb_store_list (f->store, JB_KIND_ORGANIZATION, NULL, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  JbRecord *again = g_ptr_array_index (rows, 0);
  /* A new record (SQLite may give it the same row id). */
  g_assert_cmpstr (jb_record_get_uuid (again), !=, jb_record_get_uuid (before));
  g_assert_cmpstr (jb_record_get_title (again), ==, "上海某研究所（改名）");
  g_assert_cmpint (jb_record_editor_get_id (editor_of (f, JB_KIND_ORGANIZATION)), ==,
                   jb_record_get_id (again));
  g_assert_null (notice_text (f, JB_KIND_ORGANIZATION));
}

/* A label below @widget whose text is @text. */
static GtkWidget *
find_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found)
        return found;
    }
  return NULL;
}

/* A deal's payments beside its form count the ones added through its +. */
static void
test_related_follow (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f, "上海锅炉厂有限公司", "enterprise");
  gint64 solver = new_org (f, "上海交通大学", "university");
  g_autoptr (JbRecord) deal = jb_record_new (JB_KIND_DEAL);
  jb_record_set_text_by_name (deal, "title", "锅炉运维技术开发合同");
  jb_record_set_int_by_name (deal, "demand_side_id", owner);
  jb_record_set_int_by_name (deal, "supply_side_id", solver);
  jb_record_set_text_by_name (deal, "stage", "negotiating");
  gint64 deal_id = saved (f->store, deal);

  open_record (f, JB_KIND_DEAL, deal_id);
  GtkWidget *editor = GTK_WIDGET (editor_of (f, JB_KIND_DEAL));
  g_autofree char *none = g_strdup_printf (_("%s (%u)"), _("Payments"), 0u);
  g_assert_nonnull (find_label (editor, none));

  for (guint n = 1; n <= 2; n++)
    {
      jb_window_show_page (f->window, JB_KIND_DEAL);
      g_autoptr (GVariant) target = g_variant_ref_sink (g_variant_new ("(usx)",
                                                                       (guint32) JB_KIND_PAYMENT,
                                                                       "deal_id", deal_id));
      GtkWidget *add = ui_test_find_actionable (editor, "win.new-related", target);
      g_assert_nonnull (add);
      ui_test_click (add);
      type_text (f, JB_KIND_PAYMENT, "milestone", n == 1 ? "首付款" : "二期款");
      type_text (f, JB_KIND_PAYMENT, "due_date", "2026-01-15");
      type_text (f, JB_KIND_PAYMENT, "amount", "50000元");
      gtk_check_button_set_active (GTK_CHECK_BUTTON (input (f, JB_KIND_PAYMENT, "received")),
                                   TRUE);
      type_text (f, JB_KIND_PAYMENT, "received_on", "2026-01-10");
      save (f, JB_KIND_PAYMENT);
      g_assert_cmpint (jb_store_count (f->store, JB_KIND_PAYMENT), ==, n);

      /* Back on the deal, without opening it again. */
      jb_window_show_page (f->window, JB_KIND_DEAL);
      ui_test_pump ();
      g_autofree char *count = g_strdup_printf (_("%s (%u)"), _("Payments"), n);
      g_assert_nonnull (find_label (editor, count));
      g_autofree char *in = jb_money_format (n * 50000 * 100);
      g_autofree char *out = jb_money_format (0);
      g_autofree char *received = g_strdup_printf (_("Received %s, outstanding %s"), in, out);
      g_assert_nonnull (find_label (editor, received));
    }
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add ("/merge/" path, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("selection-kept", test_selection_kept);
  ADD ("conflict", test_conflict);
  ADD ("deleted", test_deleted);
  ADD ("related-follow", test_related_follow);
  return g_test_run ();
}

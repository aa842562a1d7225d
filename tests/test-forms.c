/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The forms help as the user fills them in: an amount's example means what
 * it says in the unit shown, and a new record follows the records it is
 * linked to.  Runs under Xvfb, in English and in Chinese. */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ui-test-util.h"
#include "test-util.h"
#include "jb-field-editor.h"
#include "jb-money.h"
#include "jb-picker.h"
#include "jb-window.h"

typedef struct {
  UiTestFixture ui;
  GHashTable *ids;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  ui_test_fixture_set_up (&f->ui, "jb-forms-XXXXXX", "forms.db", TRUE);
  f->ids = test_ids_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_hash_table_unref (f->ids);
  ui_test_fixture_tear_down (&f->ui);
}

/* A record of @kind kept as @name: "field", "value" pairs up to NULL. */
static void
add (Fixture *f, const char *name, JbKindId kind, ...)
{
  va_list ap;
  va_start (ap, kind);
  test_add_record (f->ui.store, f->ids, name, kind, NULL, JB_SAVE_DEFAULT, ap);
  va_end (ap);
}

static GtkWidget *
input (Fixture *f, JbKindId kind, const char *field)
{
  return ui_test_input (f->ui.window, kind, field);
}

static void
choose (Fixture *f, JbKindId kind, const char *field, const char *label)
{
  ui_test_choose (f->ui.window, kind, field, label);
}

static void
win_action (Fixture *f, const char *action)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->ui.window), action, NULL);
  ui_test_pump ();
}

static JbRecord *
only_record (Fixture *f, JbKindId kind)
{
  g_autoptr (GPtrArray) rows = jb_store_list (f->ui.store, kind, NULL, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  return jb_store_load (f->ui.store, kind, jb_record_get_id (g_ptr_array_index (rows, 0)), NULL);
}

/* The amounts an example shows, as one would type them: "e.g. 12.5 or
 * 125000 yuan" and "例如 12.5 或 125000元" give "12.5" and "125000 yuan" or
 * "125000元". */
static GStrv
examples_of (const char *placeholder)
{
  g_auto (GStrv) words = g_strsplit (placeholder, " ", -1);
  g_autoptr (GStrvBuilder) examples = g_strv_builder_new ();
  for (guint i = 0; words[i]; i++)
    if (g_ascii_isdigit (words[i][0]))
      {
        gboolean unit = words[i + 1] && g_strcmp0 (words[i + 1], "yuan") == 0;
        g_autofree char *example = unit ? g_strconcat (words[i], " yuan", NULL)
                                        : g_strdup (words[i]);
        g_strv_builder_add (examples, example);
      }
  return g_strv_builder_end (examples);
}

/* Under zh_CN a demand's money is asked in 万元: the example beside it must
 * not say 125000, which would be saved as 125000万元.  Whichever unit is
 * shown, each example typed as shown is saved as 12.5万元. */
static void
test_money_example (Fixture *f, gconstpointer data)
{
  add (f, "owner", JB_KIND_ORGANIZATION, "name", "上海锅炉厂有限公司", "kind", "enterprise",
       NULL);
  jb_window_show_page (f->ui.window, JB_KIND_DEMAND);
  win_action (f, "new-record");
  gtk_editable_set_text (GTK_EDITABLE (input (f, JB_KIND_DEMAND, "title")), "余热深度回收");
  choose (f, JB_KIND_DEMAND, "owner_id", "上海锅炉厂有限公司");

  GtkWidget *amount = input (f, JB_KIND_DEMAND, "investment");
  JbPicker *unit = JB_PICKER (gtk_widget_get_next_sibling (amount));
  g_assert_cmpint (jb_picker_get_key (unit), ==, jb_money_default_unit ());
  const char *other = jb_money_default_unit () == JB_MONEY_WAN ? _("yuan") : _("10k yuan");
  guint tried = 0;
  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          g_assert_true (jb_picker_pick_text (unit, other));
          ui_test_pump ();
        }
      const char *placeholder = gtk_entry_get_placeholder_text (GTK_ENTRY (amount));
      g_test_message ("%s: %s", jb_picker_get_text (unit), placeholder);
      g_auto (GStrv) examples = examples_of (placeholder);
      g_assert_cmpuint (g_strv_length (examples), ==, 2);
      for (guint i = 0; examples[i]; i++, tried++)
        {
          gtk_editable_set_text (GTK_EDITABLE (amount), examples[i]);
          win_action (f, "save");
          g_autoptr (JbRecord) demand = only_record (f, JB_KIND_DEMAND);
          g_assert_cmpint (jb_record_get_int_by_name (demand, "investment"), ==,
                           125000 * JB_FEN_PER_YUAN);
          /* Another value between examples, so that each is saved. */
          gtk_editable_set_text (GTK_EDITABLE (amount), "");
          win_action (f, "save");
        }
    }
  g_assert_cmpuint (tried, ==, 4);
}

/* A deal made on the deals page names its demand, event, parties and title
 * from the solution chosen, as one made from the solution does; choosing
 * another solution names its solver; what the user set stays. */
static void
test_new_deal_follows_links (Fixture *f, gconstpointer data)
{
  add (f, "enterprise", JB_KIND_ORGANIZATION, "name", "宁德时代未来能源(上海)研究院",
       "kind", "enterprise", NULL);
  add (f, "institute", JB_KIND_ORGANIZATION, "name", "上海市农业科学院", "kind", "institute",
       NULL);
  add (f, "university", JB_KIND_ORGANIZATION, "name", "上海交通大学", "kind", "university",
       NULL);
  add (f, "session", JB_KIND_EVENT, "title", "闵行专场", "kind", "session", NULL);
  add (f, "demand", JB_KIND_DEMAND, "title", "固态电池电解质研发", "owner_id", "@enterprise",
       "event_id", "@session", "status", "published", NULL);
  add (f, "first", JB_KIND_SOLUTION, "title", "硫化物固态电解质方案", "demand_id", "@demand",
       "solver_id", "@institute", "status", "submitted", NULL);
  add (f, "second", JB_KIND_SOLUTION, "title", "氧化物固态电解质方案", "demand_id", "@demand",
       "solver_id", "@university", "status", "submitted", NULL);

  jb_window_show_page (f->ui.window, JB_KIND_DEAL);
  win_action (f, "new-record");
  choose (f, JB_KIND_DEAL, "solution_id", "硫化物固态电解质方案");
  g_assert_cmpstr (jb_picker_get_text (JB_PICKER (input (f, JB_KIND_DEAL, "demand_id"))), ==,
                   "固态电池电解质研发");
  g_assert_cmpstr (jb_picker_get_text (JB_PICKER (input (f, JB_KIND_DEAL, "supply_side_id"))),
                   ==, "上海市农业科学院");

  /* Another solution: its solver, its title. */
  choose (f, JB_KIND_DEAL, "solution_id", "氧化物固态电解质方案");
  g_assert_cmpstr (jb_picker_get_text (JB_PICKER (input (f, JB_KIND_DEAL, "supply_side_id"))),
                   ==, "上海交通大学");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input (f, JB_KIND_DEAL, "title"))), ==,
                   "氧化物固态电解质方案");

  /* The user's own title and supply side stay when the solution changes. */
  gtk_editable_set_text (GTK_EDITABLE (input (f, JB_KIND_DEAL, "title")), "固态电解质联合开发");
  choose (f, JB_KIND_DEAL, "supply_side_id", "上海交通大学");
  choose (f, JB_KIND_DEAL, "solution_id", "硫化物固态电解质方案");
  win_action (f, "save");

  g_autoptr (JbRecord) deal = only_record (f, JB_KIND_DEAL);
  g_assert_cmpstr (jb_record_get_text_by_name (deal, "title"), ==, "固态电解质联合开发");
  g_assert_cmpint (jb_record_get_int_by_name (deal, "solution_id"), ==,
                   test_id_of (f->ids, "first"));
  g_assert_cmpint (jb_record_get_int_by_name (deal, "demand_id"), ==,
                   test_id_of (f->ids, "demand"));
  g_assert_cmpint (jb_record_get_int_by_name (deal, "event_id"), ==,
                   test_id_of (f->ids, "session"));
  g_assert_cmpint (jb_record_get_int_by_name (deal, "demand_side_id"), ==,
                   test_id_of (f->ids, "enterprise"));
  g_assert_cmpint (jb_record_get_int_by_name (deal, "supply_side_id"), ==,
                   test_id_of (f->ids, "university"));
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add ("/forms/" path, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("money-example", test_money_example);
  ADD ("new-deal-follows-links", test_new_deal_follows_links);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole challenge cycle without a mouse, as a screen-reader user runs it:
 * only key presses (XTest), each control found by the name a screen reader
 * says, from an empty database to the dashboard; refused input and unsaved
 * edits at the end.  What a screen reader is told is checked on every page.
 * Runs under Xvfb, in English and in Chinese. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ui-test-util.h"
#include "test-util.h"
#include "jb-date.h"
#include "jb-stats.h"
#include "jb-field-editor.h"
#include "jb-record-browser.h"
#include "jb-window.h"

typedef struct {
  UiTestFixture ui;
  GtkWindow *win;
} Fixture;

/* What the user types, in the language of the run. */
typedef struct {
  const char *owner, *owner_search, *solver, *solver_search, *manager, *challenge, *session,
             *session_search, *demand, *demand_search, *solution, *milestone_1, *milestone_2,
             *award, *amount, *province, *province_search;
} Words;

static const Words english = {
  "Shanghai Boiler Works", "boiler", "Jiaotong University", "jiaotong", "Wang Fang",
  "Innovation Challenge 2022", "Minhang Session", "minhang", "Boiler predictive maintenance",
  "predictive", "Digital twin maintenance", "First payment", "Final payment",
  "Best solution 2022", "260000", "Shanghai", "shang",
};

static const Words chinese = {
  "上海锅炉厂有限公司", "锅炉", "上海交通大学", "交通", "王芳", "中国创新挑战赛",
  "中国创新挑战赛（闵行专场）", "闵行", "电站锅炉智能运维", "智能运维",
  "基于数字孪生的锅炉运维方案", "首付款", "尾款", "最佳解决方案奖", "26", "上海", "上海",
};

static const Words *words;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  ui_test_fixture_set_up (&f->ui, "jb-keys-XXXXXX", "keys.db", TRUE);
  f->win = GTK_WINDOW (f->ui.window);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  ui_test_fixture_tear_down (&f->ui);
}

/* ---- what the user hears and presses ------------------------------------ */

static const char *
label (JbKindId kind, const char *field)
{
  const JbKind *k = jb_kind_get (kind);
  int i = jb_kind_field_index (k, field);
  g_assert_cmpint (i, >=, 0);
  return _(k->fields[i].label);
}

/* "Owner: 上海锅炉厂有限公司", as a picker is named. */
static char *
choice_name (const char *title, const char *value)
{
  return g_strdup_printf (_("%s: %s"), title, value);
}

static void
press (Fixture *f, const char *keys)
{
  ui_test_press (f->win, keys);
}

static void
expect_focus (Fixture *f, const char *name)
{
  g_autofree char *now = ui_test_focus_name (f->win);
  if (g_strcmp0 (now, name) != 0)
    g_error ("the focus is on “%s”, not on “%s”", now, name);
}

static void
tab_to (Fixture *f, const char *name)
{
  ui_test_tab_to (f->win, name, FALSE, 60);
}

/* Tab to the control whose name starts with @prefix (a picker, whatever it
 * holds). */
static void
tab_to_prefix (Fixture *f, const char *prefix)
{
  g_autoptr (GString) seen = g_string_new (NULL);
  for (guint n = 0; n < 60; n++)
    {
      g_autofree char *now = ui_test_focus_name (f->win);
      if (g_str_has_prefix (now, prefix))
        return;
      g_string_append_printf (seen, "\n  %s", now);
      press (f, "Tab");
    }
  g_error ("Tab did not reach “%s…”; the focus went through:%s", prefix, seen->str);
}

/* Tab to the field and type into it, replacing what it held. */
static void
fill (Fixture *f, JbKindId kind, const char *field, const char *text)
{
  tab_to (f, label (kind, field));
  press (f, "<Control>a");
  ui_test_type (f->win, text);
}

/* On a picker: open it, find @choice (typing @search if it has a search
 * field), choose it with Return, and hear the picker say it. */
static void
choose_here (Fixture *f, const char *title, const char *choice, const char *search)
{
  g_autofree char *chosen = choice_name (title, choice);
  press (f, "space");
  GtkWidget *focus = ui_test_focus (f->win);
  g_assert_nonnull (focus);
  if (GTK_IS_SEARCH_ENTRY (focus))
    {
      ui_test_type (f->win, search ? search : choice);
      press (f, "Down");
    }
  else
    press (f, "Home");
  for (guint n = 0; n < 40; n++)
    {
      g_autofree char *now = ui_test_focus_name (f->win);
      if (g_strcmp0 (now, choice) == 0)
        break;
      press (f, "Down");
    }
  expect_focus (f, choice);
  press (f, "Return");
  expect_focus (f, chosen);
}

static void
choose (Fixture *f, JbKindId kind, const char *field, const char *choice, const char *search)
{
  g_autofree char *prefix = choice_name (label (kind, field), "");
  tab_to_prefix (f, prefix);
  choose_here (f, label (kind, field), choice, search);
}

static JbRecord *
only (Fixture *f, JbKindId kind, const char *field, const char *value)
{
  g_autoptr (GPtrArray) rows = jb_store_list (f->ui.store, kind, NULL, NULL);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (jb_record_get_text_by_name (rows->pdata[i], field), value) == 0)
      return jb_store_load (f->ui.store, kind, jb_record_get_id (rows->pdata[i]), NULL);
  g_error ("no %s with %s “%s”", jb_kind_get (kind)->name, field, value);
}

static char *
mnemonic_free (const char *label_text)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (const char *p = label_text; *p; p++)
    {
      if (g_str_has_prefix (p, "(_") && p[2] && p[3] == ')')
        {
          p += 3;
          continue;
        }
      if (*p != '_')
        g_string_append_c (s, *p);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The name of the button that starts a new record of @kind ("New Demand"). */
static char *
new_button (JbKindId kind)
{
  return mnemonic_free (_(jb_kind_get (kind)->texts->new_label));
}

/* The + beside a group of related records: "New Solution here". */
static char *
plus_button (JbKindId kind)
{
  return g_strdup_printf (_("New %s here"), _(jb_kind_get (kind)->label));
}

/* The message dialog shown, with the keyboard's focus. */
static GtkWindow *
shown_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          g_assert_cmpuint (ui_test_check_names (GTK_WIDGET (w)), >=, 3);
          return w;
        }
    }
  g_error ("no dialog shown");
}

static void
check_names (Fixture *f)
{
  g_assert_cmpuint (ui_test_check_names (GTK_WIDGET (f->ui.window)), >, 10);
}

static void
save (Fixture *f, JbKindId kind)
{
  press (f, "<Control>s");
  g_assert_false (jb_record_editor_is_dirty (jb_record_browser_get_editor (
    jb_window_get_browser (f->ui.window, kind))));
}

/* ---- the cycle ---------------------------------------------------------- */

static void
organizations (Fixture *f)
{
  /* A new user starts on the welcome, its first button focused. */
  g_autofree char *new_demand = new_button (JB_KIND_DEMAND);
  expect_focus (f, new_demand);
  /* An empty page welcomes with its one button. */
  press (f, "<Alt>7");
  g_autofree char *new_org = new_button (JB_KIND_ORGANIZATION);
  expect_focus (f, new_org);
  check_names (f);
  press (f, "Return");
  expect_focus (f, label (JB_KIND_ORGANIZATION, "name"));
  ui_test_type (f->win, words->owner);
  choose (f, JB_KIND_ORGANIZATION, "kind", _("Enterprise"), NULL);
  choose (f, JB_KIND_ORGANIZATION, "province", _(words->province), words->province_search);
  /* Shift+Tab goes back through the form, as Tab goes forward. */
  g_autofree char *kind = choice_name (label (JB_KIND_ORGANIZATION, "kind"), _("Enterprise"));
  ui_test_tab_to (f->win, kind, TRUE, 4);
  ui_test_tab_to (f->win, label (JB_KIND_ORGANIZATION, "name"), TRUE, 4);
  check_names (f);
  save (f, JB_KIND_ORGANIZATION);
  expect_focus (f, label (JB_KIND_ORGANIZATION, "name"));

  press (f, "<Control>n");
  expect_focus (f, label (JB_KIND_ORGANIZATION, "name"));
  ui_test_type (f->win, words->solver);
  choose (f, JB_KIND_ORGANIZATION, "kind", _("University"), NULL);
  save (f, JB_KIND_ORGANIZATION);

  g_autoptr (JbRecord) owner = only (f, JB_KIND_ORGANIZATION, "name", words->owner);
  g_assert_cmpstr (jb_record_get_text_by_name (owner, "kind"), ==, "enterprise");
  g_assert_cmpstr (jb_record_get_text_by_name (owner, "province"), ==, "shanghai");
  g_autoptr (JbRecord) solver = only (f, JB_KIND_ORGANIZATION, "name", words->solver);
  g_assert_cmpstr (jb_record_get_text_by_name (solver, "kind"), ==, "university");
}

static void
people (Fixture *f)
{
  press (f, "<Alt>8");
  g_autofree char *new_person = new_button (JB_KIND_PERSON);
  expect_focus (f, new_person);
  press (f, "Return");
  expect_focus (f, label (JB_KIND_PERSON, "name"));
  ui_test_type (f->win, words->manager);
  choose (f, JB_KIND_PERSON, "role", _("Technology manager"), NULL);
  choose (f, JB_KIND_PERSON, "organization_id", words->owner, words->owner_search);
  save (f, JB_KIND_PERSON);
  g_autoptr (JbRecord) manager = only (f, JB_KIND_PERSON, "name", words->manager);
  g_assert_cmpstr (jb_record_get_text_by_name (manager, "role"), ==, "manager");
  g_assert_cmpint (jb_record_get_int_by_name (manager, "organization_id"), >, 0);

  /* A slip, saved with the Save button: the button goes grey, the focus
   * goes to the record's row. */
  press (f, "<Control>n");
  ui_test_type (f->win, "Zhang");
  g_autofree char *save_button = mnemonic_free (_("_Save"));
  ui_test_tab_to (f->win, save_button, TRUE, 3);
  press (f, "Return");
  g_autofree char *row = ui_test_focus_name (f->win);
  g_assert_nonnull (strstr (row, "Zhang"));

  /* Deleted from the table: the dialog offers Cancel first; after Delete the
   * focus is on the record that took its place. */
  press (f, "Delete");
  GtkWindow *dialog = shown_dialog ();
  g_autofree char *cancel = mnemonic_free (_("_Cancel"));
  g_autofree char *delete = mnemonic_free (_("_Delete"));
  g_autofree char *first = ui_test_focus_name (dialog);
  g_assert_cmpstr (first, ==, cancel);
  ui_test_tab_to (dialog, delete, FALSE, 3);
  ui_test_press (dialog, "Return");
  g_assert_cmpint (jb_store_count (f->ui.store, JB_KIND_PERSON), ==, 1);
  g_autofree char *next = ui_test_focus_name (f->win);
  g_assert_nonnull (strstr (next, words->manager));
}

static void
events (Fixture *f)
{
  press (f, "<Alt>6");
  press (f, "Return");
  expect_focus (f, label (JB_KIND_EVENT, "title"));
  ui_test_type (f->win, words->challenge);
  choose (f, JB_KIND_EVENT, "kind", _("Challenge"), NULL);
  fill (f, JB_KIND_EVENT, "start_date", "2022-09-01");
  save (f, JB_KIND_EVENT);

  press (f, "<Control>n");
  expect_focus (f, label (JB_KIND_EVENT, "title"));
  ui_test_type (f->win, words->session);
  choose (f, JB_KIND_EVENT, "kind", _("Session"), NULL);
  choose (f, JB_KIND_EVENT, "parent_id", words->challenge, NULL);
  fill (f, JB_KIND_EVENT, "start_date", "2022-12-15");
  save (f, JB_KIND_EVENT);
  g_autoptr (JbRecord) challenge = only (f, JB_KIND_EVENT, "title", words->challenge);
  g_autoptr (JbRecord) session = only (f, JB_KIND_EVENT, "title", words->session);
  g_assert_cmpint (jb_record_get_int_by_name (session, "parent_id"), ==,
                   jb_record_get_id (challenge));
  g_assert_cmpstr (jb_record_get_text_by_name (session, "start_date"), ==, "2022-12-15");
}

static void
demand (Fixture *f)
{
  press (f, "<Alt>2");
  check_names (f);
  press (f, "Return");
  expect_focus (f, label (JB_KIND_DEMAND, "title"));
  ui_test_type (f->win, words->demand);
  choose (f, JB_KIND_DEMAND, "owner_id", words->owner, words->owner_search);
  choose (f, JB_KIND_DEMAND, "event_id", words->session, words->session_search);
  choose (f, JB_KIND_DEMAND, "manager_id", words->manager, NULL);
  fill (f, JB_KIND_DEMAND, "investment", words->amount);
  fill (f, JB_KIND_DEMAND, "deadline", "2023-03-31");
  save (f, JB_KIND_DEMAND);
  g_autoptr (JbRecord) draft = only (f, JB_KIND_DEMAND, "title", words->demand);
  g_assert_cmpstr (jb_record_get_text_by_name (draft, "status"), ==, "draft");
  g_assert_cmpint (jb_record_get_int_by_name (draft, "investment"), ==, 260000 * 100);

  /* Draft → under review → published, a step and a save each. */
  const char *steps[] = { N_("Under review"), N_("Published") };
  const char *codes[] = { "review", "published" };
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      choose (f, JB_KIND_DEMAND, "status", _(steps[i]), NULL);
      save (f, JB_KIND_DEMAND);
      g_autoptr (JbRecord) now = only (f, JB_KIND_DEMAND, "title", words->demand);
      g_assert_cmpstr (jb_record_get_text_by_name (now, "status"), ==, codes[i]);
    }
}

static void
solution (Fixture *f)
{
  /* From the demand's related records: + gives a solution to it. */
  g_autofree char *plus = plus_button (JB_KIND_SOLUTION);
  tab_to (f, plus);
  press (f, "Return");
  expect_focus (f, label (JB_KIND_SOLUTION, "title"));
  ui_test_type (f->win, words->solution);
  choose (f, JB_KIND_SOLUTION, "solver_id", words->solver, words->solver_search);
  fill (f, JB_KIND_SOLUTION, "score", "92");
  save (f, JB_KIND_SOLUTION);
  check_names (f);

  choose (f, JB_KIND_SOLUTION, "status", _("Selected"), NULL);
  save (f, JB_KIND_SOLUTION);
  g_autoptr (JbRecord) selected = only (f, JB_KIND_SOLUTION, "title", words->solution);
  g_assert_cmpstr (jb_record_get_text_by_name (selected, "status"), ==, "selected");
  g_assert_cmpint (jb_record_get_int_by_name (selected, "score"), ==, 92);
  g_autoptr (JbRecord) matched = only (f, JB_KIND_DEMAND, "title", words->demand);
  g_assert_cmpstr (jb_record_get_text_by_name (matched, "status"), ==, "matched");
}

static void
deal (Fixture *f)
{
  g_autofree char *plus = plus_button (JB_KIND_DEAL);
  tab_to (f, plus);
  press (f, "Return");
  choose (f, JB_KIND_DEAL, "stage", _("Signed"), NULL);
  choose (f, JB_KIND_DEAL, "contract_type", _("Technology development"), NULL);
  fill (f, JB_KIND_DEAL, "contract_amount", words->amount);
  fill (f, JB_KIND_DEAL, "signed_on", "2022-11-20");
  save (f, JB_KIND_DEAL);
  check_names (f);
  g_autoptr (JbRecord) signed_deal = only (f, JB_KIND_DEAL, "title", words->solution);
  g_assert_cmpstr (jb_record_get_text_by_name (signed_deal, "stage"), ==, "signed");
  g_assert_cmpint (jb_record_get_int_by_name (signed_deal, "contract_amount"), ==, 260000 * 100);
  g_assert_cmpstr (jb_record_get_text_by_name (signed_deal, "signed_on"), ==, "2022-11-20");
}

static void
payments (Fixture *f)
{
  /* Two payments of the deal: one received, one overdue. */
  g_autofree char *plus = plus_button (JB_KIND_PAYMENT);
  const char *milestones[] = { words->milestone_1, words->milestone_2 };
  const char *due[] = { "2022-12-01", "2023-06-30" };
  for (guint i = 0; i < 2; i++)
    {
      press (f, "<Alt>4");
      press (f, "F6");  /* from the table to the form */
      tab_to (f, plus);
      press (f, "Return");
      expect_focus (f, label (JB_KIND_PAYMENT, "milestone"));
      ui_test_type (f->win, milestones[i]);
      fill (f, JB_KIND_PAYMENT, "due_date", due[i]);
      fill (f, JB_KIND_PAYMENT, "amount", i == 0 ? "78000" : "182000");
      /* In yuan, whichever unit the language starts with. */
      g_autofree char *unit = g_strdup_printf (_("Unit of %s"), label (JB_KIND_PAYMENT, "amount"));
      g_autofree char *unit_prefix = choice_name (unit, "");
      tab_to_prefix (f, unit_prefix);
      choose_here (f, unit, _("yuan"), NULL);
      if (i == 0)
        {
          tab_to (f, label (JB_KIND_PAYMENT, "received"));
          press (f, "space");
          fill (f, JB_KIND_PAYMENT, "received_on", "2022-12-05");
        }
      save (f, JB_KIND_PAYMENT);
    }
  g_autoptr (JbRecord) first = only (f, JB_KIND_PAYMENT, "milestone", words->milestone_1);
  g_assert_cmpint (jb_record_get_int_by_name (first, "amount"), ==, 78000 * 100);
  g_assert_cmpint (jb_record_get_int_by_name (first, "received"), ==, 1);
  g_autoptr (JbRecord) second = only (f, JB_KIND_PAYMENT, "milestone", words->milestone_2);
  g_assert_false (jb_record_get_int_by_name (second, "received"));
}

static void
award (Fixture *f)
{
  press (f, "<Alt>6");
  /* The challenge's row: the table's rows are read with their columns. */
  for (guint n = 0; n < 3; n++)
    {
      g_autofree char *now = ui_test_focus_name (f->win);
      if (strstr (now, words->challenge) && !strstr (now, words->session))
        break;
      press (f, "Down");
    }
  press (f, "Return");  /* to its form */
  g_autofree char *plus = plus_button (JB_KIND_AWARD);
  tab_to (f, plus);
  press (f, "Return");
  expect_focus (f, label (JB_KIND_AWARD, "title"));
  ui_test_type (f->win, words->award);
  choose (f, JB_KIND_AWARD, "category", _("Best Solution"), NULL);
  choose (f, JB_KIND_AWARD, "solution_id", words->solution, NULL);
  save (f, JB_KIND_AWARD);
  g_autoptr (JbRecord) prize = only (f, JB_KIND_AWARD, "title", words->award);
  g_assert_cmpstr (jb_record_get_text_by_name (prize, "category"), ==, "best_solution");
  g_assert_cmpstr (jb_record_get_text_by_name (prize, "awarded_on"), ==, "2022-09-01");
}

static guint
rows_of (Fixture *f, JbKindId kind)
{
  return g_list_model_get_n_items (jb_record_browser_get_rows (jb_window_get_browser (f->ui.window,
                                                                                      kind)));
}

static void
dashboard (Fixture *f)
{
  press (f, "<Alt>1");
  check_names (f);
  /* All time: the deal was signed years ago. */
  g_autofree char *period = choice_name (_("Period"), "");
  tab_to_prefix (f, period);
  choose_here (f, _("Period"), _("All time"), NULL);
  g_autofree char *signed_deals = g_strdup_printf (_("%s: %s"), jb_figure_label (JB_FIGURE_SIGNED),
                                                   "1");
  tab_to (f, signed_deals);
  press (f, "Return");
  /* The records behind the figure, the focus on the first. */
  g_assert_cmpuint (rows_of (f, JB_KIND_DEAL), ==, 1);
  g_autofree char *row = ui_test_focus_name (f->win);
  g_assert_nonnull (strstr (row, words->solution));

  /* The main menu (F10): the payments not received by their due date. */
  press (f, "F10");
  g_autofree char *overdue = mnemonic_free (_("_Overdue Payments"));
  for (guint n = 0; n < 12; n++)
    {
      g_autofree char *now = ui_test_focus_name (f->win);
      if (g_strcmp0 (now, overdue) == 0)
        break;
      press (f, "Down");
    }
  expect_focus (f, overdue);
  press (f, "Return");
  g_assert_cmpuint (rows_of (f, JB_KIND_PAYMENT), ==, 1);
  g_autoptr (JbRecord) late = g_list_model_get_item (jb_record_browser_get_rows (
    jb_window_get_browser (f->ui.window, JB_KIND_PAYMENT)), 0);
  g_assert_cmpstr (jb_record_get_text_by_name (late, "milestone"), ==, words->milestone_2);
}

static void
search (Fixture *f)
{
  press (f, "<Alt>2");
  press (f, "<Control>f");
  expect_focus (f, _(jb_kind_get (JB_KIND_DEMAND)->texts->search));
  ui_test_type (f->win, words->demand_search);
  g_assert_cmpuint (rows_of (f, JB_KIND_DEMAND), ==, 1);
  ui_test_type (f->win, "zzz");
  g_assert_cmpuint (rows_of (f, JB_KIND_DEMAND), ==, 0);
  press (f, "<Control>a");
  press (f, "BackSpace");
  g_assert_cmpuint (rows_of (f, JB_KIND_DEMAND), ==, 1);
}

static const char *
error_at (Fixture *f, JbKindId kind, const char *field)
{
  GtkWidget *fe = jb_record_editor_get_field (jb_record_browser_get_editor (
    jb_window_get_browser (f->ui.window, kind)), field);
  return jb_field_editor_get_error (JB_FIELD_EDITOR (fe));
}

static void
refused_input (Fixture *f)
{
  /* No title, no owner, a negative amount and a day that does not exist:
   * all four said at once, the focus on the first. */
  press (f, "<Control>n");
  expect_focus (f, label (JB_KIND_DEMAND, "title"));
  fill (f, JB_KIND_DEMAND, "investment", "-5");
  fill (f, JB_KIND_DEMAND, "deadline", "2026-02-30");
  press (f, "<Control>s");
  g_assert_cmpint (jb_store_count (f->ui.store, JB_KIND_DEMAND), ==, 1);
  const char *fields[] = { "title", "owner_id", "investment", "deadline" };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (error_at (f, JB_KIND_DEMAND, fields[i]) == NULL)
      g_error ("no error at %s", fields[i]);
  expect_focus (f, label (JB_KIND_DEMAND, "title"));
}

static void
unsaved_edits (Fixture *f)
{
  /* The refused demand is still there, unsaved: going to another page keeps
   * it, and the sidebar says so. */
  press (f, "<Alt>7");
  g_autofree char *marked = g_strdup_printf (_("%s, unsaved changes"), _("Demands"));
  g_assert_nonnull (ui_test_find_named (GTK_WIDGET (f->ui.window), marked));
  /* Back from the table to the sidebar. */
  press (f, "<Shift>F6");
  expect_focus (f, _("Organizations"));
  for (guint n = 0; n < 5; n++)
    press (f, "Up");
  expect_focus (f, marked);
  press (f, "Return");
  g_assert_true (jb_record_editor_is_dirty (jb_record_browser_get_editor (
    jb_window_get_browser (f->ui.window, JB_KIND_DEMAND))));

  /* Closing asks; Discard closes without a word on the terminal (criticals
   * are fatal here) once nothing but GTK holds the window. */
  GtkWidget *window = GTK_WIDGET (f->ui.window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_clear_object (&f->ui.window);
  gtk_window_close (f->win);
  ui_test_pump ();
  GtkWindow *dialog = shown_dialog ();
  g_autofree char *discard = mnemonic_free (_("_Discard"));
  ui_test_tab_to (dialog, discard, FALSE, 4);
  ui_test_press (dialog, "Return");
  ui_test_pump ();
  g_assert_null (window);
  f->win = NULL;
}

static void
test_cycle (Fixture *f, gconstpointer data)
{
  words = ui_test_is_chinese () ? &chinese : &english;
  organizations (f);
  people (f);
  events (f);
  demand (f);
  solution (f);
  deal (f);
  payments (f);
  award (f);
  dashboard (f);
  search (f);
  refused_input (f);
  unsaved_edits (f);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add ("/keyboard/cycle", Fixture, NULL, fixture_set_up, test_cycle, fixture_tear_down);
  return g_test_run ();
}

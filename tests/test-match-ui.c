/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Matching through the window (jb-match-view.c): a demand with known
 * answers shows them in the order the core ranks them, each row named by
 * who it is, its score and why; inviting from a row makes the draft
 * solution in the store and offers to open it; dismissing one with a
 * reason hides it and writes the reason into the demand's history; an
 * achievement's form lists the demand it could answer; the dashboard
 * counts the invitation.  Runs under Xvfb, in English and in Chinese. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdarg.h>
#include <string.h>

#include "ui-test-util.h"
#include "test-util.h"
#include "jb-dashboard.h"
#include "jb-field-editor.h"
#include "jb-match-view.h"
#include "jb-record-browser.h"
#include "jb-stats-table-view.h"
#include "jb-window.h"

typedef struct {
  UiTestFixture ui;
  GHashTable *ids;
} Fixture;

static gint64
id_of (Fixture *f, const char *name)
{
  return test_id_of (f->ids, name);
}

/* Saves a record of @kind with "field", "value" pairs (NULL-terminated)
 * through the core; a value "@name" is the id of an earlier record. */
static void
add (Fixture *f, const char *name, JbKindId kind, ...)
{
  va_list ap;
  va_start (ap, kind);
  test_add_record (f->ui.store, f->ids, name, kind, NULL, JB_SAVE_ANY_STATUS, ap);
  va_end (ap);
}

/* A demand for solid-state batteries, two achievements that share its
 * words (one with every facet for it, one against), one that does not, an
 * organization with a record in the field and an expert. */
static void
build (Fixture *f)
{
  add (f, "owner", JB_KIND_ORGANIZATION, "name", "闵行某电池企业", "kind", "enterprise",
       "province", "shanghai", NULL);
  add (f, "tongji", JB_KIND_ORGANIZATION, "name", "同济某大学", "kind", "university",
       "province", "shanghai", NULL);
  add (f, "beijing", JB_KIND_ORGANIZATION, "name", "北方某研究院", "kind", "institute",
       "province", "beijing", NULL);
  add (f, "farm", JB_KIND_ORGANIZATION, "name", "某农业大学", "kind", "university",
       "province", "jiangsu", NULL);
  add (f, "solver", JB_KIND_ORGANIZATION, "name", "某储能科技公司", "kind", "enterprise",
       "province", "zhejiang", NULL);
  add (f, "demand", JB_KIND_DEMAND, "code", "T-001", "title", "固态电池电解质界面稳定性",
       "owner_id", "@owner", "industry", "new_energy", "keywords", "固态电池、电解质",
       "province", "shanghai", "problem", "我们的固态电池循环几十次后电解质界面阻抗升高。",
       "goal", "界面稳定，循环寿命翻倍", "investment", "100000000", "coop_mode", "transfer",
       "deadline", "2099-05-01", "status", "published", NULL);
  add (f, "best", JB_KIND_ACHIEVEMENT, "title", "固态电池电解质界面修饰技术",
       "owner_id", "@tongji", "industry", "new_energy", "trl", "8", "transfer_mode", "transfer",
       "asking_price", "80000000",
       "summary", "针对固态电池电解质界面阻抗高的问题，采用原子层沉积修饰界面，循环寿命提高一倍。",
       NULL);
  add (f, "far", JB_KIND_ACHIEVEMENT, "title", "固态电池电解质界面修饰方法",
       "owner_id", "@beijing", "industry", "new_materials", "trl", "3", "transfer_mode", "joint",
       "asking_price", "500000000",
       "summary", "针对固态电池电解质界面阻抗高的问题，采用原子层沉积修饰界面，循环寿命提高一倍。",
       NULL);
  add (f, "rice", JB_KIND_ACHIEVEMENT, "title", "耐盐碱水稻新品种",
       "owner_id", "@farm", "industry", "agriculture", "summary", "盐碱地水稻高产栽培。", NULL);
  add (f, "other_demand", JB_KIND_DEMAND, "title", "固态电池电解质量产工艺",
       "owner_id", "@owner", "industry", "new_energy", "status", "closed", NULL);
  add (f, "solution", JB_KIND_SOLUTION, "title", "硫化物固态电解质界面改性方案",
       "demand_id", "@other_demand", "solver_id", "@solver", "status", "selected", NULL);
  add (f, "expert", JB_KIND_PERSON, "name", "张教授", "role", "expert",
       "organization_id", "@tongji", "notes", "研究方向：固态电池界面化学。", NULL);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->ui.store = test_tmp_store ("jb-match-ui-XXXXXX", "match.db", &f->ui.dir, &f->ui.path);
  f->ids = test_ids_new ();
  build (f);
  f->ui.window = ui_test_window_open (f->ui.store, FALSE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  ui_test_fixture_tear_down (&f->ui);
  g_hash_table_unref (f->ids);
}

static JbRecordEditor *
editor_of (Fixture *f, JbKindId kind)
{
  return ui_test_editor_of (f->ui.window, kind);
}

/* Waits for the worker's answer: the view asks in an idle and hears back
 * from a thread, so idle alone is not enough. */
static void
wait_for_matches (JbMatchView *view)
{
  ui_test_pump ();
  while (jb_match_view_is_busy (view))
    g_main_context_iteration (NULL, TRUE);
  ui_test_pump ();
}

/* Shows the record @name of @kind in its page and waits for its matches. */
static JbMatchView *
open_record (Fixture *f, JbKindId kind, const char *name)
{
  jb_window_show_page (f->ui.window, kind);
  jb_record_browser_reveal (jb_window_get_browser (f->ui.window, kind), id_of (f, name));
  ui_test_pump ();
  g_assert_cmpint (jb_record_editor_get_id (editor_of (f, kind)), ==, id_of (f, name));
  JbMatchView *view = JB_MATCH_VIEW (ui_test_find_type (GTK_WIDGET (editor_of (f, kind)),
                                                   JB_TYPE_MATCH_VIEW));
  g_assert_nonnull (view);
  wait_for_matches (view);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  return view;
}

/* What the core ranks for the subject, with the view's options. */
static JbMatches *
core_matches (Fixture *f, JbMatchView *view, JbKindId kind, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbMatcher) matcher = jb_matcher_new (f->ui.store);
  JbMatchOptions options;
  jb_match_view_get_options (view, &options);
  JbMatches *matches = jb_matcher_run (matcher, kind, id, &options, NULL, &error);
  g_assert_no_error (error);
  return matches;
}

static void
assert_same_order (JbMatchView *view, JbMatches *matches, JbKindId kind)
{
  g_autoptr (GArray) shown = jb_match_view_get_shown (view, kind);
  GPtrArray *expected = jb_matches_get (matches, kind);
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpint (g_array_index (shown, gint64, i), ==,
                     ((JbMatchResult *) g_ptr_array_index (expected, i))->id);
}

static gboolean
contains (const char *haystack, const char *needle)
{
  return haystack && strstr (haystack, needle) != NULL;
}

/* Whether a label below @widget has @text in it. */
static gboolean
shows_text (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && contains (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, text))
      return TRUE;
  return FALSE;
}

/* The demand's history, opened as a person would to read it (a closed
 * expander holds no child). */
static GtkWidget *
history_of (Fixture *f)
{
  GtkWidget *history = ui_test_find_type (GTK_WIDGET (editor_of (f, JB_KIND_DEMAND)),
                                     g_type_from_name ("JbHistoryView"));
  g_assert_nonnull (history);
  gtk_expander_set_expanded (GTK_EXPANDER (ui_test_find_type (history, GTK_TYPE_EXPANDER)), TRUE);
  ui_test_pump ();
  return history;
}

static void
test_demand_matches (Fixture *f, gconstpointer data)
{
  JbMatchView *view = open_record (f, JB_KIND_DEMAND, "demand");
  g_autoptr (JbMatches) matches = core_matches (f, view, JB_KIND_DEMAND, id_of (f, "demand"));

  /* The known answer comes first; the rice does not come at all. */
  g_autoptr (GArray) achievements = jb_match_view_get_shown (view, JB_KIND_ACHIEVEMENT);
  g_assert_cmpuint (achievements->len, >=, 2);
  g_assert_cmpint (g_array_index (achievements, gint64, 0), ==, id_of (f, "best"));
  g_assert_null (jb_match_view_find_row (view, JB_KIND_ACHIEVEMENT, id_of (f, "rice")));
  assert_same_order (view, matches, JB_KIND_ACHIEVEMENT);
  assert_same_order (view, matches, JB_KIND_ORGANIZATION);
  assert_same_order (view, matches, JB_KIND_PERSON);
  g_assert_nonnull (jb_match_view_find_row (view, JB_KIND_PERSON, id_of (f, "expert")));

  /* A row says who, the score and why; its facets in words. */
  GtkWidget *row = jb_match_view_find_row (view, JB_KIND_ACHIEVEMENT, id_of (f, "best"));
  g_autofree char *name = ui_test_accessible_name (GTK_ACCESSIBLE (row));
  const JbMatchResult *best = g_ptr_array_index (jb_matches_get (matches, JB_KIND_ACHIEVEMENT),
                                                 0);
  g_autofree char *score = g_strdup_printf (_("Score %.1f"), best->score);
  g_assert_true (contains (name, "固态电池电解质界面修饰技术"));
  g_assert_true (contains (name, best->facets[JB_FACET_INDUSTRY].reason));
  g_assert_true (contains (name, "固态电池"));
  /* Its title opens it, named by who and the score. */
  g_autofree char *open = g_strdup_printf (_("%s, score %.1f"), "固态电池电解质界面修饰技术",
                                           best->score);
  g_assert_nonnull (ui_test_find_named (row, open));
  g_assert_true (shows_text (row, score));
  ui_test_check_names (GTK_WIDGET (view));

  /* The buttons of a row are named after its candidate. */
  g_autofree char *invite = g_strdup_printf (_("Invite %s"), "固态电池电解质界面修饰技术");
  g_autofree char *dismiss = g_strdup_printf (_("Dismiss %s…"), "固态电池电解质界面修饰技术");
  g_assert_nonnull (ui_test_find_named (row, invite));
  g_assert_nonnull (ui_test_find_named (row, dismiss));

  /* Saved with other words, the demand is matched again: the rice now. */
  JbRecordEditor *editor = editor_of (f, JB_KIND_DEMAND);
  const char *fields[][2] = {
    { "title", "耐盐碱水稻新品种推广" }, { "keywords", "水稻、盐碱地" },
    { "problem", "盐碱地水稻产量低。" }, { "goal", "盐碱地水稻高产。" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *in = jb_field_editor_get_input (JB_FIELD_EDITOR (
        jb_record_editor_get_field (editor, fields[i][0])));
      if (GTK_IS_TEXT_VIEW (in))
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (in)), fields[i][1], -1);
      else
        gtk_editable_set_text (GTK_EDITABLE (in), fields[i][1]);
    }
  g_assert_true (jb_record_editor_save (editor));
  wait_for_matches (view);
  g_autoptr (GArray) again = jb_match_view_get_shown (view, JB_KIND_ACHIEVEMENT);
  g_assert_cmpuint (again->len, >=, 1);
  g_assert_cmpint (g_array_index (again, gint64, 0), ==, id_of (f, "rice"));
  g_autoptr (JbMatches) after = core_matches (f, view, JB_KIND_DEMAND, id_of (f, "demand"));
  assert_same_order (view, after, JB_KIND_ACHIEVEMENT);
}

static void
test_invite (Fixture *f, gconstpointer data)
{
  JbMatchView *view = open_record (f, JB_KIND_DEMAND, "demand");
  gint64 demand = id_of (f, "demand");
  gint64 solver = id_of (f, "solver");

  GtkWidget *button = ui_test_find_actionable (GTK_WIDGET (view), "match.invite",
                                               g_variant_new ("(uxu)",
                                                              (guint32) JB_KIND_ORGANIZATION,
                                                              solver,
                                                              (guint32) JB_INVITE_SOLUTION));
  g_assert_nonnull (button);
  ui_test_click (button);

  /* A draft solution from that solver for the demand, in the store. */
  g_autoptr (GPtrArray) solutions = jb_store_list_referring (f->ui.store, JB_KIND_SOLUTION,
                                                             "demand_id", demand, NULL);
  g_assert_cmpuint (solutions->len, ==, 1);
  g_autoptr (JbRecord) solution = jb_store_load (f->ui.store, JB_KIND_SOLUTION,
                                                 jb_record_get_id (solutions->pdata[0]), NULL);
  g_assert_cmpint (jb_record_get_int_by_name (solution, "solver_id"), ==, solver);
  g_assert_cmpstr (jb_record_get_text_by_name (solution, "status"), ==, "invited");

  /* The focus is on the offer to open it; opening it shows it. */
  GtkWidget *open = ui_test_focus (GTK_WINDOW (f->ui.window));
  g_assert_nonnull (open);
  g_assert_true (GTK_IS_ACTIONABLE (open));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==,
                   "win.open-record");
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));
  guint32 kind;
  gint64 id;
  g_variant_get (target, "(ux)", &kind, &id);
  g_assert_cmpuint (kind, ==, JB_KIND_SOLUTION);
  g_assert_cmpint (id, ==, jb_record_get_id (solution));

  /* The row now says it was invited, after the worker has looked again. */
  wait_for_matches (view);
  GtkWidget *row = jb_match_view_find_row (view, JB_KIND_ORGANIZATION, solver);
  g_assert_nonnull (row);
  g_assert_null (ui_test_find_actionable (row, "match.invite",
                                          g_variant_new ("(uxu)", (guint32) JB_KIND_ORGANIZATION,
                                                         solver, (guint32) JB_INVITE_SOLUTION)));

  /* The history of the demand says so. */
  GtkWidget *history = history_of (f);
  /* Before, it held only "Created": the solver's name comes with the invitation. */
  g_assert_true (shows_text (history, "某储能科技公司"));

  ui_test_click (open);
  g_assert_cmpint (jb_record_editor_get_id (editor_of (f, JB_KIND_SOLUTION)), ==,
                   jb_record_get_id (solution));

  /* From an achievement, a deal intention too. */
  jb_window_show_page (f->ui.window, JB_KIND_DEMAND);
  wait_for_matches (view);
  gint64 best = id_of (f, "best");
  ui_test_click (ui_test_find_actionable (GTK_WIDGET (view), "match.invite",
                                          g_variant_new ("(uxu)", (guint32) JB_KIND_ACHIEVEMENT,
                                                         best, (guint32) JB_INVITE_DEAL)));
  g_autoptr (GPtrArray) deals = jb_store_list_referring (f->ui.store, JB_KIND_DEAL, "demand_id",
                                                         demand, NULL);
  g_assert_cmpuint (deals->len, ==, 1);
  g_autoptr (JbRecord) deal = jb_store_load (f->ui.store, JB_KIND_DEAL,
                                             jb_record_get_id (deals->pdata[0]), NULL);
  g_assert_cmpint (jb_record_get_int_by_name (deal, "achievement_id"), ==, best);
  g_assert_cmpstr (jb_record_get_text_by_name (deal, "stage"), ==, "intention");

  /* The dashboard counts it. */
  JbDashboard *dashboard = JB_DASHBOARD (ui_test_find_type (GTK_WIDGET (f->ui.window),
                                                       JB_TYPE_DASHBOARD));
  g_assert_nonnull (dashboard);
  ui_test_pump ();
  JbStatsTableView *table = JB_STATS_TABLE_VIEW (ui_test_find_type (GTK_WIDGET (dashboard),
                                                               JB_TYPE_STATS_TABLE_VIEW));
  g_assert_nonnull (table);
  g_autofree char *asked = g_strdup_printf (_("%s: %s"), _("Solutions asked for"), "1");
  g_assert_nonnull (ui_test_find_named (GTK_WIDGET (jb_stats_table_view_get_list (table)),
                                        asked));
  g_autofree char *intentions = g_strdup_printf (_("%s: %s"), _("Deal intentions"), "1");
  g_assert_nonnull (ui_test_find_named (GTK_WIDGET (jb_stats_table_view_get_list (table)),
                                        intentions));
  ui_test_check_names (GTK_WIDGET (table));
}

static GtkDialog *
find_dialog (JbWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_DIALOG (w);
    }
  return NULL;
}

static void
test_dismiss (Fixture *f, gconstpointer data)
{
  JbMatchView *view = open_record (f, JB_KIND_DEMAND, "demand");
  gint64 far = id_of (f, "far");
  const char *reason = ui_test_is_chinese () ? "北京太远，且只做联合开发" : "Too far, joint only";

  GtkWidget *row = jb_match_view_find_row (view, JB_KIND_ACHIEVEMENT, far);
  g_assert_nonnull (row);
  GtkWidget *button = ui_test_find_actionable (row, "match.dismiss",
                                               g_variant_new ("(ux)",
                                                              (guint32) JB_KIND_ACHIEVEMENT,
                                                              far));
  g_assert_nonnull (button);
  ui_test_click (button);
  GtkDialog *dialog = find_dialog (f->ui.window);
  g_assert_nonnull (dialog);
  ui_test_check_names (GTK_WIDGET (dialog));
  /* The focus on the first common reason. */
  g_autofree char *focused = ui_test_focus_name (GTK_WINDOW (dialog));
  g_assert_cmpstr (focused, ==, _("Not in the field"));
  /* No reason, no dismissal. */
  GtkWidget *confirm = ui_test_find_button (GTK_WIDGET (dialog), _("_Dismiss"));
  g_assert_false (gtk_widget_is_sensitive (confirm));
  GtkWidget *entry = ui_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), reason);
  g_assert_true (gtk_widget_is_sensitive (confirm));
  ui_test_click (ui_test_find_button (GTK_WIDGET (dialog), _("_Dismiss")));
  g_assert_null (find_dialog (f->ui.window));

  /* Gone at once, and still gone when the worker has looked again. */
  g_assert_null (jb_match_view_find_row (view, JB_KIND_ACHIEVEMENT, far));
  wait_for_matches (view);
  g_assert_null (jb_match_view_find_row (view, JB_KIND_ACHIEVEMENT, far));
  g_assert_nonnull (jb_match_view_find_row (view, JB_KIND_ACHIEVEMENT, id_of (f, "best")));

  /* In the store's history with its reason, and in the history shown. */
  g_autoptr (JbRecord) demand = jb_store_load (f->ui.store, JB_KIND_DEMAND, id_of (f, "demand"),
                                               NULL);
  g_autoptr (GPtrArray) history = jb_store_history (f->ui.store, jb_record_get_uuid (demand), NULL);
  gboolean kept = FALSE;
  for (guint i = 0; i < history->len; i++)
    {
      JbHistoryEntry *e = history->pdata[i];
      kept |= g_strcmp0 (e->action, "dismissed") == 0 && g_strcmp0 (e->new_value, reason) == 0;
    }
  g_assert_true (kept);
  g_autofree char *line = g_strdup_printf (_("Dismissed %s: %s"), "固态电池电解质界面修饰方法",
                                           reason);
  g_assert_true (shows_text (history_of (f), line));

  /* Undo brings it back. */
  GtkWidget *undo = ui_test_focus (GTK_WINDOW (f->ui.window));
  g_assert_true (GTK_IS_ACTIONABLE (undo));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (undo)), ==, "match.restore");
  ui_test_click (undo);
  wait_for_matches (view);
  g_assert_nonnull (jb_match_view_find_row (view, JB_KIND_ACHIEVEMENT, far));
}

static void
test_reverse (Fixture *f, gconstpointer data)
{
  JbMatchView *view = open_record (f, JB_KIND_ACHIEVEMENT, "best");
  g_autoptr (JbMatches) matches = core_matches (f, view, JB_KIND_ACHIEVEMENT, id_of (f, "best"));
  g_autoptr (GArray) demands = jb_match_view_get_shown (view, JB_KIND_DEMAND);
  gboolean listed = FALSE;
  for (guint i = 0; i < demands->len; i++)
    listed |= g_array_index (demands, gint64, i) == id_of (f, "demand");
  g_assert_true (listed);
  assert_same_order (view, matches, JB_KIND_DEMAND);
  ui_test_check_names (GTK_WIDGET (view));

  /* The organization's form too. */
  view = open_record (f, JB_KIND_ORGANIZATION, "tongji");
  g_assert_nonnull (jb_match_view_find_row (view, JB_KIND_DEMAND, id_of (f, "demand")));

  /* Kinds that matching does not serve show nothing. */
  jb_window_show_page (f->ui.window, JB_KIND_PERSON);
  jb_record_browser_reveal (jb_window_get_browser (f->ui.window, JB_KIND_PERSON),
                            id_of (f, "expert"));
  ui_test_pump ();
  GtkWidget *none = ui_test_find_type (GTK_WIDGET (editor_of (f, JB_KIND_PERSON)),
                                  JB_TYPE_MATCH_VIEW);
  g_assert_false (gtk_widget_get_visible (none));
}

/* A dismissal hides the pair from both sides: the achievement's form,
 * not shown while it happened, no longer lists the demand when it is. */
static void
test_both_sides (Fixture *f, gconstpointer data)
{
  gint64 demand = id_of (f, "demand");
  gint64 far = id_of (f, "far");
  JbMatchView *reverse = open_record (f, JB_KIND_ACHIEVEMENT, "far");
  g_assert_nonnull (jb_match_view_find_row (reverse, JB_KIND_DEMAND, demand));

  JbMatchView *view = open_record (f, JB_KIND_DEMAND, "demand");
  GtkWidget *row = jb_match_view_find_row (view, JB_KIND_ACHIEVEMENT, far);
  ui_test_click (ui_test_find_actionable (row, "match.dismiss",
                                          g_variant_new ("(ux)", (guint32) JB_KIND_ACHIEVEMENT,
                                                         far)));
  GtkDialog *dialog = find_dialog (f->ui.window);
  g_assert_nonnull (dialog);
  /* A common reason, chosen. */
  GtkWidget *choice = ui_test_find_named (GTK_WIDGET (dialog), _("Too far away"));
  g_assert_nonnull (choice);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (choice), TRUE);
  ui_test_click (ui_test_find_button (GTK_WIDGET (dialog), _("_Dismiss")));
  g_assert_null (jb_match_view_find_row (view, JB_KIND_ACHIEVEMENT, far));

  jb_window_show_page (f->ui.window, JB_KIND_ACHIEVEMENT);
  wait_for_matches (reverse);
  g_assert_null (jb_match_view_find_row (reverse, JB_KIND_DEMAND, demand));
  g_autofree char *line = g_strdup_printf (_("Dismissed %s: %s"), "固态电池电解质界面修饰方法",
                                           _("Too far away"));
  jb_window_show_page (f->ui.window, JB_KIND_DEMAND);
  g_assert_true (shows_text (history_of (f), line));
}

static void
test_keyboard (Fixture *f, gconstpointer data)
{
  JbMatchView *view = open_record (f, JB_KIND_DEMAND, "demand");
  g_autofree char *invite = g_strdup_printf (_("Invite %s"), "固态电池电解质界面修饰技术");
  g_autofree char *dismiss = g_strdup_printf (_("Dismiss %s…"), "固态电池电解质界面修饰技术");

  /* From the form's first field, Tab reaches the first row's buttons and
   * Shift+Tab goes back. */
  gtk_widget_grab_focus (jb_record_editor_get_first_field (editor_of (f, JB_KIND_DEMAND), FALSE));
  ui_test_pump ();
  ui_test_tab_to (GTK_WINDOW (f->ui.window), dismiss, FALSE, 120);
  ui_test_tab_to (GTK_WINDOW (f->ui.window), invite, TRUE, 4);
  g_assert_true (gtk_widget_is_ancestor (ui_test_focus (GTK_WINDOW (f->ui.window)),
                                         GTK_WIDGET (view)));
  /* A change elsewhere rebuilds the rows: the focus stays on the same
   * button of the same row. */
  g_autoptr (JbRecord) rice = jb_store_load (f->ui.store, JB_KIND_ACHIEVEMENT, id_of (f, "rice"),
                                             NULL);
  jb_record_set_text_by_name (rice, "summary", "盐碱地水稻高产栽培，亩产提高两成。");
  g_assert_true (jb_store_save (f->ui.store, rice, JB_SAVE_DEFAULT, NULL));
  wait_for_matches (view);
  g_autofree char *still = ui_test_focus_name (GTK_WINDOW (f->ui.window));
  g_assert_cmpstr (still, ==, invite);

  /* Enter on Invite invites (GTK shows the press a moment first). */
  ui_test_press (GTK_WINDOW (f->ui.window), "Return");
  guint n = 0;
  while (n == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      g_autoptr (GPtrArray) solutions = jb_store_list_referring (f->ui.store, JB_KIND_SOLUTION,
                                                                 "demand_id", id_of (f, "demand"),
                                                                 NULL);
      n = solutions->len;
    }
  g_assert_cmpuint (n, ==, 1);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add ("/match-ui/" path, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("demand", test_demand_matches);
  ADD ("invite", test_invite);
  ADD ("dismiss", test_dismiss);
  ADD ("reverse", test_reverse);
  ADD ("both-sides", test_both_sides);
  ADD ("keyboard", test_keyboard);
  return g_test_run ();
}

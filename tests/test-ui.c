/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window driven as a person would: typing into the real widgets, pressing
 * the real buttons' actions, answering the real dialogs; the store tells
 * whether it worked.  Runs under Xvfb. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "ui-test-util.h"
#include "test-util.h"
#include "jb-environment.h"
#include "jb-exchange-dialog.h"
#include "jb-sheet.h"
#include "jb-exchange.h"
#include "jb-sidebar.h"
#include "jb-field-editor.h"
#include "jb-intake-dialog.h"
#include "sheet-test-util.h"
#include "jb-money.h"
#include "jb-picker.h"
#include "jb-record-browser.h"
#include "jb-record-columns.h"
#include "jb-window.h"

typedef UiTestFixture Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  ui_test_fixture_set_up (f, "jb-ui-XXXXXX", "ui.db", TRUE);
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
}

static void
choose (Fixture *f, JbKindId kind, const char *field, const char *label)
{
  ui_test_choose (f->window, kind, field, label);
}

static gboolean
shows_error (Fixture *f, JbKindId kind, const char *field)
{
  return gtk_widget_has_css_class (input (f, kind, field), "error");
}

static void
win_action (Fixture *f, const char *action)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->window), action, NULL);
  ui_test_pump ();
}

static void
save (Fixture *f, JbKindId kind)
{
  jb_window_show_page (f->window, kind);
  win_action (f, "save");
}

/* The dialog on top of the window, if any. */
static GtkDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_DIALOG (w);
    }
  return NULL;
}

static char *
dialog_text (GtkDialog *dialog)
{
  g_autofree char *text = NULL, *secondary = NULL;
  g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
  return g_strconcat (text, "\n", secondary, NULL);
}

static void
answer (int response)
{
  GtkDialog *dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, response);
  ui_test_pump ();
}

/* Presses the dialog's button labelled @label (with its mnemonic), as a
 * person would. */
static void
press_dialog_button (const char *label)
{
  GtkDialog *dialog = find_dialog ();
  g_assert_nonnull (dialog);
  GtkWidget *button = ui_test_find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  ui_test_click (button);
}

static JbRecord *
only_record (Fixture *f, JbKindId kind)
{
  g_autoptr (GPtrArray) rows = jb_store_list (f->store, kind, NULL, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  return jb_store_load (f->store, kind, jb_record_get_id (g_ptr_array_index (rows, 0)), NULL);
}

static void
new_organization (Fixture *f, const char *name, const char *credit_code)
{
  jb_window_show_page (f->window, JB_KIND_ORGANIZATION);
  win_action (f, "new-record");
  type_text (f, JB_KIND_ORGANIZATION, "name", name);
  choose (f, JB_KIND_ORGANIZATION, "kind", _("Research institute"));
  choose (f, JB_KIND_ORGANIZATION, "province", _("Shanghai"));
  type_text (f, JB_KIND_ORGANIZATION, "credit_code", credit_code);
  save (f, JB_KIND_ORGANIZATION);
}

static guint
rows_shown (Fixture *f, JbKindId kind, const char *query)
{
  GtkSearchEntry *entry = jb_record_browser_get_search_entry (jb_window_get_browser (f->window,
                                                                                   kind));
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  ui_test_pump ();
  return g_list_model_get_n_items (jb_record_browser_get_rows (jb_window_get_browser (f->window,
                                                                                      kind)));
}

static gboolean
collect_first_cells (guint row, const JbCell *cells, guint n, gpointer data, GError **error)
{
  g_ptr_array_add (data, g_strdup (cells[0].text));
  return TRUE;
}

static void
test_organization_credit_code (Fixture *f, gconstpointer data)
{
  /* A typing error in the check character is refused at the field. */
  new_organization (f, "宁德时代未来能源(上海)研究院", "91350100M000100Y44");
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 0);
  g_assert_true (shows_error (f, JB_KIND_ORGANIZATION, "credit_code"));
  g_assert_false (shows_error (f, JB_KIND_ORGANIZATION, "name"));
  g_assert_true (jb_record_editor_is_dirty (editor_of (f, JB_KIND_ORGANIZATION)));

  type_text (f, JB_KIND_ORGANIZATION, "credit_code", "91350100M000100Y43");
  save (f, JB_KIND_ORGANIZATION);
  g_autoptr (JbRecord) org = only_record (f, JB_KIND_ORGANIZATION);
  g_assert_cmpstr (jb_record_get_text_by_name (org, "name"), ==, "宁德时代未来能源(上海)研究院");
  g_assert_cmpstr (jb_record_get_text_by_name (org, "kind"), ==, "institute");
  g_assert_cmpstr (jb_record_get_text_by_name (org, "province"), ==, "shanghai");
  g_assert_false (shows_error (f, JB_KIND_ORGANIZATION, "credit_code"));
  g_assert_false (jb_record_editor_is_dirty (editor_of (f, JB_KIND_ORGANIZATION)));
  g_assert_cmpuint (rows_shown (f, JB_KIND_ORGANIZATION, "宁德"), ==, 1);
}

static void
test_demand_create_find_edit_delete (Fixture *f, gconstpointer data)
{
  new_organization (f, "上海锅炉厂有限公司", "");
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);

  jb_window_show_page (f->window, JB_KIND_DEMAND);
  win_action (f, "new-record");
  type_text (f, JB_KIND_DEMAND, "title", "电站锅炉固态电池储能调峰");
  choose (f, JB_KIND_DEMAND, "owner_id", "上海锅炉厂有限公司");
  choose (f, JB_KIND_DEMAND, "industry", _("New energy"));
  type_text (f, JB_KIND_DEMAND, "keywords", "储能、调峰");
  type_text (f, JB_KIND_DEMAND, "investment", "12.5万");
  type_text (f, JB_KIND_DEMAND, "deadline", "2023/3/31");
  save (f, JB_KIND_DEMAND);

  g_autoptr (JbRecord) d = only_record (f, JB_KIND_DEMAND);
  g_assert_cmpstr (jb_record_get_text_by_name (d, "title"), ==, "电站锅炉固态电池储能调峰");
  g_assert_cmpint (jb_record_get_int_by_name (d, "investment"), ==, 125000 * 100);
  g_assert_cmpstr (jb_record_get_text_by_name (d, "deadline"), ==, "2023-03-31");
  g_assert_cmpstr (jb_record_get_text_by_name (d, "status"), ==, "draft");
  g_assert_cmpstr (jb_record_get_text_by_name (d, "industry"), ==, "new_energy");

  /* found in the table, as one types: one, two and three characters */
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, ""), ==, 1);
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, "电"), ==, 1);
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, "电池"), ==, 1);
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, "锅炉厂"), ==, 1);
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, "芯片"), ==, 0);
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, ""), ==, 1);

  /* edit: move to review; the store and the row follow */
  choose (f, JB_KIND_DEMAND, "status", _("Under review"));
  save (f, JB_KIND_DEMAND);
  g_autoptr (JbRecord) d2 = only_record (f, JB_KIND_DEMAND);
  g_assert_cmpstr (jb_record_get_text_by_name (d2, "status"), ==, "review");
  g_autoptr (JbRecord) row = g_list_model_get_item (
    jb_record_browser_get_rows (jb_window_get_browser (f->window, JB_KIND_DEMAND)), 0);
  g_assert_cmpstr (jb_record_get_text_by_name (row, "status"), ==, "review");

  /* the owner cannot go while it owns the demand */
  jb_window_show_page (f->window, JB_KIND_ORGANIZATION);
  gtk_widget_activate_action (GTK_WIDGET (editor_of (f, JB_KIND_ORGANIZATION)), "editor.delete",
                              NULL);
  ui_test_pump ();
  answer (GTK_RESPONSE_ACCEPT);
  GtkDialog *refusal = find_dialog ();
  g_assert_nonnull (refusal);
  g_autofree char *why = dialog_text (refusal);
  g_autofree char *users = g_strdup_printf (_("%s (%lld)"), _("Demands"), 1LL);
  g_assert_nonnull (strstr (why, users));
  answer (GTK_RESPONSE_CLOSE);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);

  /* delete the demand from the table, with confirmation */
  jb_window_show_page (f->window, JB_KIND_DEMAND);
  gtk_widget_activate_action (GTK_WIDGET (jb_window_get_browser (f->window, JB_KIND_DEMAND)),
                              "browser.delete", NULL);
  ui_test_pump ();
  answer (GTK_RESPONSE_CANCEL);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (jb_window_get_browser (f->window, JB_KIND_DEMAND)),
                              "browser.delete", NULL);
  ui_test_pump ();
  answer (GTK_RESPONSE_ACCEPT);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 0);
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, ""), ==, 0);
}

static void
test_invalid_input_changes_nothing (Fixture *f, gconstpointer data)
{
  new_organization (f, "威高(上海)国际研究院", "");
  jb_window_show_page (f->window, JB_KIND_DEMAND);
  win_action (f, "new-record");
  type_text (f, JB_KIND_DEMAND, "title", "高端医疗器械材料");
  choose (f, JB_KIND_DEMAND, "owner_id", "威高(上海)国际研究院");
  save (f, JB_KIND_DEMAND);
  g_autoptr (JbRecord) before = only_record (f, JB_KIND_DEMAND);

  struct { const char *field; const char *text; } bad[] = {
    { "title", "" },
    { "investment", "-5" },
    { "investment", "十二万" },
    { "deadline", "2023-02-30" },
    { "keywords", "一、二、三、四、五、六" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      type_text (f, JB_KIND_DEMAND, bad[i].field, bad[i].text);
      save (f, JB_KIND_DEMAND);
      g_assert_true (shows_error (f, JB_KIND_DEMAND, bad[i].field));
      g_autoptr (JbRecord) after = only_record (f, JB_KIND_DEMAND);
      g_assert_cmpstr (jb_record_get_updated (after), ==, jb_record_get_updated (before));
      g_assert_cmpstr (jb_record_get_text_by_name (after, "title"), ==, "高端医疗器械材料");
      gtk_widget_activate_action (GTK_WIDGET (editor_of (f, JB_KIND_DEMAND)), "editor.revert",
                                  NULL);
      ui_test_pump ();
      g_assert_false (shows_error (f, JB_KIND_DEMAND, bad[i].field));
    }

  /* a missing owner is refused at the owner field */
  win_action (f, "new-record");
  type_text (f, JB_KIND_DEMAND, "title", "没有单位的需求");
  save (f, JB_KIND_DEMAND);
  g_assert_true (shows_error (f, JB_KIND_DEMAND, "owner_id"));
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (editor_of (f, JB_KIND_DEMAND)), "editor.revert", NULL);
}

static void
test_closing_keeps_edits (Fixture *f, gconstpointer data)
{
  new_organization (f, "上海市农业科学院", "");
  g_autoptr (JbRecord) org = only_record (f, JB_KIND_ORGANIZATION);

  /* Cancel: the window stays, with the edit. */
  type_text (f, JB_KIND_ORGANIZATION, "city", "上海");
  gtk_window_close (GTK_WINDOW (f->window));
  ui_test_pump ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  answer (GTK_RESPONSE_CANCEL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_true (jb_record_editor_is_dirty (editor_of (f, JB_KIND_ORGANIZATION)));

  /* Save: the edit is in the store and the window goes. */
  gtk_window_close (GTK_WINDOW (f->window));
  ui_test_pump ();
  press_dialog_button (_("_Save"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_autoptr (JbRecord) saved = only_record (f, JB_KIND_ORGANIZATION);
  g_assert_cmpint (jb_record_get_id (saved), ==, jb_record_get_id (org));
  g_assert_cmpstr (jb_record_get_text_by_name (saved, "city"), ==, "上海");
}

static void
test_switching_records_asks (Fixture *f, gconstpointer data)
{
  new_organization (f, "梧笛技术转移咨询", "");
  new_organization (f, "迈坦技术转移咨询", "");
  JbRecordBrowser *browser = jb_window_get_browser (f->window, JB_KIND_ORGANIZATION);
  gint64 current = jb_record_editor_get_id (editor_of (f, JB_KIND_ORGANIZATION));
  g_assert_cmpint (current, >, 0);

  type_text (f, JB_KIND_ORGANIZATION, "contact", "王老师");
  /* choose the other row: the editor asks first */
  GListModel *rows = jb_record_browser_get_rows (browser);
  g_autoptr (JbRecord) other = g_list_model_get_item (rows, 0);
  if (jb_record_get_id (other) == current)
    g_set_object (&other, g_list_model_get_item (rows, 1));
  jb_record_browser_select (browser, jb_record_get_id (other));
  ui_test_pump ();
  answer (GTK_RESPONSE_CANCEL);
  g_assert_cmpint (jb_record_editor_get_id (editor_of (f, JB_KIND_ORGANIZATION)), ==, current);
  g_assert_true (jb_record_editor_is_dirty (editor_of (f, JB_KIND_ORGANIZATION)));

  jb_record_browser_select (browser, jb_record_get_id (other));
  ui_test_pump ();
  press_dialog_button (_("_Discard"));
  g_assert_cmpint (jb_record_editor_get_id (editor_of (f, JB_KIND_ORGANIZATION)), ==,
                   jb_record_get_id (other));
  g_autoptr (JbRecord) untouched = jb_store_load (f->store, JB_KIND_ORGANIZATION, current, NULL);
  g_assert_null (jb_record_get_text_by_name (untouched, "contact"));
}

/* The focus stops of the window's Tab chain (Shift+Tab if @backward), from
 * where the focus is round to it again. */
static GPtrArray *
tab_chain (Fixture *f, gboolean backward)
{
  GPtrArray *stops = g_ptr_array_new ();
  GtkWidget *start = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (start);
  for (guint n = 0; n < 500; n++)
    {
      /* As the keys would: a table handles Tab itself (test-keyboard presses
       * it there). */
      GtkWidget *table = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                                  GTK_TYPE_COLUMN_VIEW);
      if (table)
        jb_record_columns_tab_out (GTK_COLUMN_VIEW (table), backward);
      else
        g_signal_emit_by_name (f->window, "move-focus",
                               backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_nonnull (focus);
      if (focus == start)
        return stops;
      /* A stop reached twice before the start: Tab is stuck in a loop. */
      if (g_ptr_array_find (stops, focus, NULL))
        {
          g_autoptr (GString) seen = g_string_new (NULL);
          for (guint i = 0; i < stops->len; i++)
            {
              GtkWidget *w = stops->pdata[i];
              while (!ui_test_is_presented (w))
                w = gtk_widget_get_parent (w);
              g_autofree char *name = ui_test_accessible_name (GTK_ACCESSIBLE (w));
              g_string_append_printf (seen, "\n  %s “%s”", G_OBJECT_TYPE_NAME (w), name);
            }
          g_autofree char *start_name = ui_test_accessible_name (GTK_ACCESSIBLE (start));
          g_error ("%s loops without coming back to %s “%s”:%s",
                   backward ? "Shift+Tab" : "Tab", G_OBJECT_TYPE_NAME (start), start_name,
                   seen->str);
        }
      g_ptr_array_add (stops, focus);
    }
  g_error ("the Tab chain does not come round");
}

/* Every control of every page: named as it should be for a screen reader,
 * reached by Tab and by Shift+Tab (each field of the form), and the sidebar
 * never (F6 goes there). */
static void
test_accessible_names (Fixture *f, gconstpointer data)
{
  g_autofree char *sample = g_build_filename (JB_SOURCE_ROOT, "data", "sample",
                                              "jiebang-sample.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_exchange_import (f->store, file, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ui_test_pump ();

  for (int page = -1; page < JB_N_KINDS; page++)
    {
      GtkWidget *editor = NULL;
      if (page < 0)
        g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-page",
                                        g_variant_new_string ("dashboard"));
      else
        {
          /* A record with its related records and history. */
          JbRecordBrowser *browser = jb_window_get_browser (f->window, page);
          g_autoptr (JbRecord) first = g_list_model_get_item (jb_record_browser_get_rows (browser),
                                                              0);
          jb_window_show_page (f->window, page);
          jb_record_browser_select (browser, jb_record_get_id (first));
          jb_record_browser_focus_region (browser, JB_BROWSER_REGION_LIST);
          editor = GTK_WIDGET (jb_record_browser_get_editor (browser));
        }
      ui_test_pump ();
      guint named = ui_test_check_names (GTK_WIDGET (f->window));
      g_assert_cmpuint (named, >, 20);

      g_autoptr (GPtrArray) forward = tab_chain (f, FALSE);
      g_autoptr (GPtrArray) backward = tab_chain (f, TRUE);
      g_test_message ("%s: %u named, %u Tab stops",
                      page < 0 ? "dashboard" : jb_kind_get (page)->name, named, forward->len);
      g_assert_cmpuint (forward->len, ==, backward->len);
      for (guint i = 0; i < forward->len; i++)
        {
          GtkWidget *stop = forward->pdata[i];
          g_assert_true (g_ptr_array_find (backward, stop, NULL));
          g_assert_false (gtk_widget_get_ancestor (stop, JB_TYPE_SIDEBAR));
          /* What a screen reader says there (an entry's, not its text's). */
          while (!ui_test_is_presented (stop))
            stop = gtk_widget_get_parent (stop);
          g_autofree char *name = ui_test_accessible_name (GTK_ACCESSIBLE (stop));
          if (*name == '\0' || strchr (name, '_') || g_str_has_prefix (name, "Gtk"))
            g_error ("Tab stops at %s named “%s”", G_OBJECT_TYPE_NAME (stop), name);
        }
      for (GtkWidget *fe = editor; fe; fe = NULL)
        {
          const JbKind *kind = jb_kind_get (page);
          for (guint i = 0; i < kind->n_fields; i++)
            {
              GtkWidget *field = jb_record_editor_get_field (JB_RECORD_EDITOR (editor),
                                                             kind->fields[i].name);
              GtkWidget *in = jb_field_editor_get_input (JB_FIELD_EDITOR (field));
              gboolean reached = FALSE;
              for (guint k = 0; k < forward->len && !reached; k++)
                reached = forward->pdata[k] == in ||
                          gtk_widget_is_ancestor (forward->pdata[k], in);
              if (!reached)
                g_error ("Tab does not reach the field %s of %s", kind->fields[i].name,
                         kind->name);
            }
        }
    }

  /* A check box can be ticked by a screen reader: it has an action. */
  GtkWidget *alliance = input (f, JB_KIND_ORGANIZATION, "alliance");
  gboolean was = gtk_check_button_get_active (GTK_CHECK_BUTTON (alliance));
  g_assert_true (gtk_widget_activate_action (alliance, "checkbox.toggle", NULL));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (alliance)) != was);
  g_assert_true (jb_record_editor_is_dirty (editor_of (f, JB_KIND_ORGANIZATION)));
  gtk_widget_activate_action (GTK_WIDGET (editor_of (f, JB_KIND_ORGANIZATION)), "editor.revert",
                              NULL);
}

/* A column's width the user gives is kept, and given again to a new window. */
static void
test_column_widths (Fixture *f, gconstpointer data)
{
  JbRecordBrowser *browser = jb_window_get_browser (f->window, JB_KIND_PAYMENT);
  GtkColumnView *view = GTK_COLUMN_VIEW (ui_test_find_type (GTK_WIDGET (browser), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr (GtkColumnViewColumn) milestone = g_list_model_get_item (columns, 1);
  g_assert_cmpint (jb_record_columns_field (milestone), ==,
                   jb_kind_field_index (jb_kind_get (JB_KIND_PAYMENT), "milestone"));
  gtk_column_view_column_set_fixed_width (milestone, 333);

  g_autoptr (JbWindow) again = g_object_ref_sink (jb_window_new (NULL, f->store));
  JbRecordBrowser *other = jb_window_get_browser (again, JB_KIND_PAYMENT);
  GtkColumnView *view2 = GTK_COLUMN_VIEW (ui_test_find_type (GTK_WIDGET (other), GTK_TYPE_COLUMN_VIEW));
  g_autoptr (GtkColumnViewColumn) milestone2 =
    g_list_model_get_item (gtk_column_view_get_columns (view2), 1);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (milestone2), ==, 333);
  /* The amount's column fits its values: the settings had none for it. */
  g_autoptr (GtkColumnViewColumn) amount = g_list_model_get_item (columns, 3);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (amount), >, 40);
  gtk_window_destroy (GTK_WINDOW (again));
}

static void
test_chinese_interface (Fixture *f, gconstpointer data)
{
  GtkWidget *fe = jb_record_editor_get_field (editor_of (f, JB_KIND_DEMAND), "owner_id");
  g_assert_true (JB_IS_FIELD_EDITOR (fe));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "揭榜");
  g_assert_cmpint (jb_money_default_unit (), ==, JB_MONEY_WAN);
  g_autofree char *amount = jb_money_format (49600000 * G_GINT64_CONSTANT (100));
  g_assert_cmpstr (amount, ==, "4,960万元");

  new_organization (f, "闵行区科学技术委员会", "");
  jb_window_show_page (f->window, JB_KIND_DEMAND);
  win_action (f, "new-record");
  type_text (f, JB_KIND_DEMAND, "title", "芯片封装散热");
  choose (f, JB_KIND_DEMAND, "owner_id", "闵行区科学技术委员会");
  choose (f, JB_KIND_DEMAND, "industry", "集成电路");
  type_text (f, JB_KIND_DEMAND, "investment", "30"); /* read in 万元 here */
  save (f, JB_KIND_DEMAND);
  g_autoptr (JbRecord) d = only_record (f, JB_KIND_DEMAND);
  g_assert_cmpint (jb_record_get_int_by_name (d, "investment"), ==, 300000 * 100);
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, "芯片"), ==, 1);
}

static gint64
only_id (Fixture *f, JbKindId kind)
{
  g_autoptr (JbRecord) r = only_record (f, kind);
  return jb_record_get_id (r);
}

/* Presses the + beside the group of @kind in the related records of the
 * record shown on the page of @parent. */
static void
new_related (Fixture *f, JbKindId parent, JbKindId kind, const char *field, gint64 id)
{
  g_autoptr (GVariant) target = g_variant_ref_sink (g_variant_new ("(usx)", (guint32) kind,
                                                                   field, id));
  jb_window_show_page (f->window, parent);
  GtkWidget *add = ui_test_find_actionable (GTK_WIDGET (editor_of (f, parent)),
                                            "win.new-related", target);
  g_assert_nonnull (add);
  ui_test_click (add);
}

/* demand → solution → selection → deal → payment → award, through the window. */
static void
test_challenge_cycle (Fixture *f, gconstpointer data)
{
  new_organization (f, "上海锅炉厂有限公司", "");
  gint64 boiler = only_id (f, JB_KIND_ORGANIZATION);
  jb_window_show_page (f->window, JB_KIND_EVENT);
  win_action (f, "new-record");
  type_text (f, JB_KIND_EVENT, "title", "中国创新挑战赛（闵行专场）");
  choose (f, JB_KIND_EVENT, "kind", _("Session"));
  type_text (f, JB_KIND_EVENT, "start_date", "2022-12-15");
  save (f, JB_KIND_EVENT);
  gint64 event = only_id (f, JB_KIND_EVENT);

  jb_window_show_page (f->window, JB_KIND_DEMAND);
  win_action (f, "new-record");
  type_text (f, JB_KIND_DEMAND, "title", "电站锅炉智能运维");
  choose (f, JB_KIND_DEMAND, "owner_id", "上海锅炉厂有限公司");
  choose (f, JB_KIND_DEMAND, "event_id", "中国创新挑战赛（闵行专场）");
  choose (f, JB_KIND_DEMAND, "status", _("Published"));
  save (f, JB_KIND_DEMAND);
  gint64 demand = only_id (f, JB_KIND_DEMAND);

  /* the solver */
  jb_window_show_page (f->window, JB_KIND_ORGANIZATION);
  win_action (f, "new-record");
  type_text (f, JB_KIND_ORGANIZATION, "name", "上海交通大学");
  choose (f, JB_KIND_ORGANIZATION, "kind", _("University"));
  save (f, JB_KIND_ORGANIZATION);

  /* a solution to the demand, from the demand's page */
  new_related (f, JB_KIND_DEMAND, JB_KIND_SOLUTION, "demand_id", demand);
  type_text (f, JB_KIND_SOLUTION, "title", "基于数字孪生的锅炉运维方案");
  choose (f, JB_KIND_SOLUTION, "solver_id", "上海交通大学");
  type_text (f, JB_KIND_SOLUTION, "score", "92");
  type_text (f, JB_KIND_SOLUTION, "trl", "6");
  save (f, JB_KIND_SOLUTION);
  gint64 solution = only_id (f, JB_KIND_SOLUTION);

  /* selecting it takes the demand up */
  choose (f, JB_KIND_SOLUTION, "status", _("Selected"));
  save (f, JB_KIND_SOLUTION);
  g_autoptr (JbRecord) matched = only_record (f, JB_KIND_DEMAND);
  g_assert_cmpstr (jb_record_get_text_by_name (matched, "status"), ==, "matched");

  /* a deal from the solution: demand and both parties come along */
  new_related (f, JB_KIND_SOLUTION, JB_KIND_DEAL, "solution_id", solution);
  choose (f, JB_KIND_DEAL, "stage", _("Signed"));
  choose (f, JB_KIND_DEAL, "contract_type", _("Technology development"));
  save (f, JB_KIND_DEAL);
  g_assert_true (shows_error (f, JB_KIND_DEAL, "contract_amount")); /* signed needs an amount */
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEAL), ==, 0);
  type_text (f, JB_KIND_DEAL, "contract_amount", "26");
  g_assert_true (jb_picker_pick_text (JB_PICKER (gtk_widget_get_next_sibling (
    input (f, JB_KIND_DEAL, "contract_amount"))), _("10k yuan")));
  type_text (f, JB_KIND_DEAL, "signed_on", "2022-11-20");
  save (f, JB_KIND_DEAL);
  g_autoptr (JbRecord) deal = only_record (f, JB_KIND_DEAL);
  g_assert_cmpstr (jb_record_get_text_by_name (deal, "title"), ==, "基于数字孪生的锅炉运维方案");
  g_assert_cmpint (jb_record_get_int_by_name (deal, "demand_id"), ==, demand);
  g_assert_cmpint (jb_record_get_int_by_name (deal, "demand_side_id"), ==, boiler);
  g_assert_cmpint (jb_record_get_int_by_name (deal, "event_id"), ==, event);
  g_assert_cmpint (jb_record_get_int_by_name (deal, "contract_amount"), ==, 260000 * 100);

  /* a payment of the deal, overdue */
  new_related (f, JB_KIND_DEAL, JB_KIND_PAYMENT, "deal_id", jb_record_get_id (deal));
  type_text (f, JB_KIND_PAYMENT, "milestone", "首付款");
  type_text (f, JB_KIND_PAYMENT, "due_date", "2022-12-01");
  type_text (f, JB_KIND_PAYMENT, "amount", "78000元");
  save (f, JB_KIND_PAYMENT);
  g_autoptr (JbRecord) payment = only_record (f, JB_KIND_PAYMENT);
  g_assert_cmpint (jb_record_get_int_by_name (payment, "amount"), ==, 78000 * 100);
  win_action (f, "show-overdue");
  g_assert_cmpuint (g_list_model_get_n_items (jb_record_browser_get_rows (
    jb_window_get_browser (f->window, JB_KIND_PAYMENT))), ==, 1);

  /* an award at the event, to the solution */
  new_related (f, JB_KIND_EVENT, JB_KIND_AWARD, "event_id", event);
  type_text (f, JB_KIND_AWARD, "title", "最佳解决方案奖");
  choose (f, JB_KIND_AWARD, "category", _("Best Solution"));
  choose (f, JB_KIND_AWARD, "solution_id", "基于数字孪生的锅炉运维方案");
  save (f, JB_KIND_AWARD);
  g_autoptr (JbRecord) award = only_record (f, JB_KIND_AWARD);
  g_assert_cmpstr (jb_record_get_text_by_name (award, "awarded_on"), ==, "2022-12-15");
  g_assert_cmpint (jb_record_get_int_by_name (award, "solution_id"), ==, solution);

  /* one click from the deal back to its demand: the arrow beside the field */
  jb_window_show_page (f->window, JB_KIND_DEAL);
  g_autoptr (GVariant) to_demand = g_variant_ref_sink (g_variant_new ("(ux)",
                                                                      (guint32) JB_KIND_DEMAND,
                                                                      demand));
  ui_test_click (ui_test_find_actionable (GTK_WIDGET (editor_of (f, JB_KIND_DEAL)),
                                          "win.open-record", to_demand));
  g_assert_cmpint (jb_record_editor_get_id (editor_of (f, JB_KIND_DEMAND)), ==, demand);
}

static gboolean
focus_is_in (Fixture *f, GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The window's shortcuts, pressed on the keyboard as a person would. */
static void
test_window_shortcuts (Fixture *f, gconstpointer data)
{
  static const char *pages[] = { "dashboard", "demands", "solutions", "deals", "payments",
                                 "events", "organizations", "people", "achievements",
                                 "awards" };
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (
    jb_window_get_browser (f->window, JB_KIND_DEMAND))));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *key = g_strdup_printf ("<Alt>%u", (i + 1) % 10);
      ui_test_press (GTK_WINDOW (f->window), key);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, pages[i]);
    }

  /* Ctrl+N: a new organization, typed into at once; Ctrl+S saves it. */
  ui_test_press (GTK_WINDOW (f->window), "<Alt>7");
  ui_test_press (GTK_WINDOW (f->window), "<Control>n");
  g_assert_cmpint (jb_record_editor_get_id (editor_of (f, JB_KIND_ORGANIZATION)), ==, 0);
  g_assert_true (focus_is_in (f, input (f, JB_KIND_ORGANIZATION, "name")));
  type_text (f, JB_KIND_ORGANIZATION, "name", "清丞新材料科技");
  ui_test_press (GTK_WINDOW (f->window), "<Control>s");
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);
  g_assert_false (jb_record_editor_is_dirty (editor_of (f, JB_KIND_ORGANIZATION)));

  /* Ctrl+F: the search field of the page shown. */
  ui_test_press (GTK_WINDOW (f->window), "<Control>f");
  g_assert_true (focus_is_in (f, GTK_WIDGET (jb_record_browser_get_search_entry (
    jb_window_get_browser (f->window, JB_KIND_ORGANIZATION)))));

  /* Ctrl+I and Ctrl+E: the file choosers of import and export. */
  const char *choosers[] = { "<Control>i", "<Control>e" };
  for (guint i = 0; i < G_N_ELEMENTS (choosers); i++)
    {
      ui_test_press (GTK_WINDOW (f->window), choosers[i]);
      GtkWidget *chooser = ui_test_shown_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
      g_assert_nonnull (chooser);
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
      ui_test_pump ();
      g_assert_null (ui_test_shown_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
    }
}

/* The picker below @widget that chooses @title. */
static GtkWidget *
find_picker (GtkWidget *widget, const char *title)
{
  if (JB_IS_PICKER (widget) && g_strcmp0 (jb_picker_get_title (JB_PICKER (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_picker (c, title);
      if (found)
        return found;
    }
  return NULL;
}

/* Waits for the intake dialog's worker. */
static void
wait_intake (JbIntakeDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (jb_intake_dialog_is_busy (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (jb_intake_dialog_is_busy (dialog));
  ui_test_pump ();
}

/* A district's summary sheet through Import: its columns found, a value
 * outside the choices mapped by the user, the preview, a refused import
 * that changes nothing and whose rejected rows are saved, then the import. */
static void
test_spreadsheet_import (Fixture *f, gconstpointer data)
{
  static const char *const title[] = { "2023年企业创新需求征集汇总表", NULL };
  static const char *const header[] = { "序号", "需求名称", "需求单位名称", "拟投入资金（万元）",
                                        "合作方式", "附件说明", NULL };
  static const char *const row1[] = { "#1", "储能电池热失控预警", "上海锅炉厂有限公司", "#50",
                                      "委托研发", "见附件一", NULL };
  static const char *const row2[] = { "#2", "高端医疗器械材料", "威高(上海)国际研究院", "十二万",
                                      "共建实验室", "", NULL };
  static const char *const *const rows[] = { title, header, row1, row2, NULL };
  TestSheet sheet = { "汇总表", rows, 6 };
  g_autofree char *path = g_build_filename (f->dir, "汇总表.xlsx", NULL);
  write_xlsx (path, &sheet, 1);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  JbIntakeDialog *dialog = jb_intake_dialog_new (GTK_WINDOW (f->window), f->store, file);
  wait_intake (dialog);
  g_assert_cmpuint (jb_intake_dialog_get_n_preview_rows (dialog), ==, 2);
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (dialog), _("_Import")));
  ui_test_check_names (GTK_WIDGET (dialog));
  /* 需求名称 is column B: found as the title. */
  JbPicker *title_column = jb_intake_dialog_get_column_picker (dialog, 1);
  g_assert_cmpstr (jb_picker_get_text (title_column), ==, _("Title"));

  /* 十二万 is no amount: the import is refused and changes nothing. */
  ui_test_click (ui_test_find_button (GTK_WIDGET (dialog), _("_Import")));
  wait_intake (dialog);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 0);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 0);
  GtkWidget *rejected = ui_test_find_button (GTK_WIDGET (dialog), _("Save _Rejected Rows…"));
  g_assert_true (gtk_widget_get_visible (rejected));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_pump ();

  /* Corrected, with 共建实验室 mapped to joint development by the user. */
  static const char *const row2_ok[] = { "#2", "高端医疗器械材料", "威高(上海)国际研究院", "#12",
                                         "共建实验室", "", NULL };
  static const char *const *const rows_ok[] = { title, header, row1, row2_ok, NULL };
  TestSheet fixed = { "汇总表", rows_ok, 6 };
  write_xlsx (path, &fixed, 1);
  dialog = jb_intake_dialog_new (GTK_WINDOW (f->window), f->store, file);
  wait_intake (dialog);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” in %s, %u row",
                                                         "“%s” in %s, %u rows", 1),
                                            "共建实验室", _("Cooperation mode"), 1u);
  GtkWidget *choice = find_picker (GTK_WIDGET (dialog), label);
  g_assert_nonnull (choice);
  g_assert_true (jb_picker_pick_text (JB_PICKER (choice), _("Joint development")));
  wait_intake (dialog);
  ui_test_click (ui_test_find_button (GTK_WIDGET (dialog), _("_Import")));
  wait_intake (dialog);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 2);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 2);
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, "医疗器械"), ==, 1);
  g_autoptr (GPtrArray) found = jb_store_list (f->store, JB_KIND_DEMAND, "医疗器械", NULL);
  g_autoptr (JbRecord) medical = jb_store_load (f->store, JB_KIND_DEMAND,
                                                jb_record_get_id (g_ptr_array_index (found, 0)),
                                                NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (medical, "coop_mode"), ==, "joint");
  g_assert_cmpint (jb_record_get_int_by_name (medical, "investment"), ==, 120000 * 100);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_autofree char *backup = g_strconcat (f->path, ".before-import", NULL);
  g_remove (backup);
  g_remove (path);
}

static void
on_finished (JbExchangeDialog *dialog, gboolean success, int *outcome)
{
  *outcome = success ? 1 : 0;
}

/* Runs the dialog until the worker thread is done; returns TRUE on success. */
static gboolean
run_exchange (JbExchangeDialog *dialog)
{
  int outcome = -1;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);
  while (outcome < 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (outcome, >=, 0);
  return outcome == 1;
}

static void
test_sample_import_and_export (Fixture *f, gconstpointer data)
{
  /* The welcome page's Load Sample Data. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "load-sample", NULL);
  GtkWindow *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && !dialog; i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (JB_IS_EXCHANGE_DIALOG (w))
        dialog = GTK_WINDOW (w);
    }
  g_assert_nonnull (dialog);
  /* Its Cancel has the focus, not the message (which showed all selected). */
  g_assert_true (GTK_IS_BUTTON (gtk_window_get_focus (dialog)));
  g_assert_true (run_exchange (JB_EXCHANGE_DIALOG (dialog)));
  gtk_window_destroy (dialog);
  ui_test_pump ();

  /* The seed's figures: 206 demands in the year, 62 at the Minhang session. */
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 206);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_SOLUTION), ==, 101);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_AWARD), ==, 11);
  g_assert_cmpuint (rows_shown (f, JB_KIND_DEMAND, ""), ==, 206);
  g_assert_cmpuint (rows_shown (f, JB_KIND_ORGANIZATION, "宁德时代"), ==, 1);

  /* Export the demands shown after a search, then everything. */
  g_autofree char *some = g_build_filename (f->dir, "some.xml", NULL);
  g_autofree char *all = g_build_filename (f->dir, "all.xml", NULL);
  g_autoptr (GFile) some_file = g_file_new_for_path (some);
  g_autoptr (GFile) all_file = g_file_new_for_path (all);
  guint shown = rows_shown (f, JB_KIND_DEMAND, "锅炉");
  g_assert_cmpuint (shown, >, 0);
  g_autoptr (GArray) ids =
    jb_record_browser_get_shown_ids (jb_window_get_browser (f->window, JB_KIND_DEMAND));
  g_assert_cmpuint (ids->len, ==, shown);
  /* The table as shown, as CSV: BOM, the columns' titles, one line per row. */
  g_autofree char *csv = g_build_filename (f->dir, "table.csv", NULL);
  g_autoptr (GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_record_browser_export_csv (jb_window_get_browser (f->window, JB_KIND_DEMAND),
                                               csv_file, &error));
  g_assert_no_error (error);
  g_autofree char *csv_text = NULL;
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "\xEF\xBB\xBF"));
  g_autofree char *first_title = g_strconcat ("\xEF\xBB\xBF", _("Code"), ",", _("Title"), ",", NULL);
  g_assert_true (g_str_has_prefix (csv_text, first_title));
  g_auto (GStrv) lines = g_strsplit (csv_text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, shown + 2); /* header, rows, "" after the last CRLF */
  g_assert_nonnull (strstr (csv_text, "锅炉"));
  g_remove (csv);
  /* The same as .xlsx, read back: the rows, and amounts under their unit. */
  g_autofree char *xlsx = g_build_filename (f->dir, "table.xlsx", NULL);
  g_autoptr (GFile) xlsx_file = g_file_new_for_path (xlsx);
  g_assert_true (jb_record_browser_export_xlsx (jb_window_get_browser (f->window,
                                                                       JB_KIND_DEMAND),
                                                xlsx_file, &error));
  g_assert_no_error (error);
  g_autoptr (JbWorkbook) workbook = jb_workbook_open (xlsx_file, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) xlsx_rows = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (jb_workbook_read_sheet (workbook, 0, collect_first_cells, xlsx_rows, NULL,
                                         &error));
  g_assert_cmpuint (xlsx_rows->len, ==, shown + 1);
  g_assert_cmpstr (g_ptr_array_index (xlsx_rows, 0), ==, _("Code"));
  g_remove (xlsx);

  JbExchangeDialog *d1 = jb_exchange_dialog_export (GTK_WINDOW (f->window), f->store, some_file,
                                                    ids);
  g_assert_true (run_exchange (d1));
  gtk_window_destroy (GTK_WINDOW (d1));
  JbExchangeDialog *d2 = jb_exchange_dialog_export (GTK_WINDOW (f->window), f->store, all_file,
                                                    NULL);
  g_assert_true (run_exchange (d2));
  gtk_window_destroy (GTK_WINDOW (d2));

  g_autofree char *some_text = NULL, *all_text = NULL;
  g_assert_true (g_file_get_contents (some, &some_text, NULL, NULL));
  g_assert_true (g_file_get_contents (all, &all_text, NULL, NULL));
  guint n_some = 0, n_all = 0;
  for (const char *p = some_text; (p = strstr (p, "<demand id=")); p++)
    n_some++;
  for (const char *p = all_text; (p = strstr (p, "<demand id=")); p++)
    n_all++;
  g_assert_cmpuint (n_some, ==, shown);
  g_assert_cmpuint (n_all, ==, 206);

  /* A broken file is refused with its line, and changes nothing. */
  g_autofree char *bad = g_build_filename (f->dir, "bad.xml", NULL);
  g_assert_true (g_file_set_contents (bad, "<?xml version=\"1.0\"?>\n"
                                      "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">\n"
                                      "<demand id=\"x\">\n", -1, NULL));
  g_autoptr (GFile) bad_file = g_file_new_for_path (bad);
  JbExchangeDialog *d3 = jb_exchange_dialog_import (GTK_WINDOW (f->window), f->store, bad_file);
  g_assert_false (run_exchange (d3));
  g_assert_nonnull (strstr (jb_exchange_dialog_get_message (d3), "bad.xml:"));
  gtk_window_destroy (GTK_WINDOW (d3));
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 206);

  const char *leftovers[] = { some, all, bad };
  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    g_remove (leftovers[i]);
  g_autofree char *backup = g_strconcat (f->path, ".before-import", NULL);
  g_remove (backup);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  jb_exchange_init ();
#define ADD(path, fn) g_test_add ("/ui/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("organization-credit-code", test_organization_credit_code);
  ADD ("demand-create-find-edit-delete", test_demand_create_find_edit_delete);
  ADD ("invalid-input-changes-nothing", test_invalid_input_changes_nothing);
  ADD ("closing-keeps-edits", test_closing_keeps_edits);
  ADD ("switching-records-asks", test_switching_records_asks);
  ADD ("accessible-names", test_accessible_names);
  ADD ("column-widths", test_column_widths);
  /* Registered in the Chinese run only, where it must run (no skipping). */
  if (ui_test_is_chinese ())
    ADD ("chinese-interface", test_chinese_interface);
  ADD ("sample-import-and-export", test_sample_import_and_export);
  ADD ("challenge-cycle", test_challenge_cycle);
  ADD ("window-shortcuts", test_window_shortcuts);
  ADD ("spreadsheet-import", test_spreadsheet_import);
  return g_test_run ();
}

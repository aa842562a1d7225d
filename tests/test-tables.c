/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tables backed by the store (JbQueryModel): sorting by a column title,
 * searching with the words in bold, a search that finds nothing, editing the
 * selected row while the table is sorted by the field edited, deleting the
 * selected row, and a reference picker that searches the store.  The rows'
 * order is checked against the records as the store holds them, sorted here
 * by their values.  Runs under Xvfb, in English and in Chinese. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ui-test-util.h"
#include "test-util.h"
#include "jb-field-editor.h"
#include "jb-picker.h"
#include "jb-query-model.h"
#include "jb-record-browser.h"
#include "jb-record-columns.h"
#include "jb-window.h"

#define N_DEMANDS 30
/* More organizations than a picker lists at once (200). */
#define N_ORGS 260
#define RARE_ORG "宁波储能电池材料有限公司"

typedef struct {
  UiTestFixture ui;
  gint64 rare_org;
} Fixture;

static JbRecord *
save_new (JbStore *store, JbRecord *record)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_save (store, record, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return record;
}

/* Organizations, and demands of which every third is about batteries (电池),
 * each with its own intended investment, in no order. */
static void
fill_store (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  gint64 first_org = 0;
  g_assert_true (jb_store_begin (f->ui.store, &error));
  for (guint i = 0; i <= N_ORGS; i++)
    {
      g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
      g_autofree char *name = i == N_ORGS ? g_strdup (RARE_ORG)
                                          : g_strdup_printf ("测试企业%03u号", i);
      jb_record_set_text_by_name (org, "name", name);
      jb_record_set_text_by_name (org, "kind", "enterprise");
      save_new (f->ui.store, org);
      if (i == 0)
        first_org = jb_record_get_id (org);
      if (i == N_ORGS)
        f->rare_org = jb_record_get_id (org);
    }
  for (guint i = 0; i < N_DEMANDS; i++)
    {
      g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
      g_autofree char *title = g_strdup_printf (i % 3 == 0 ? "第%u号固态电池储能需求"
                                                           : "第%u号精密加工需求", i);
      jb_record_set_text_by_name (d, "title", title);
      jb_record_set_int_by_name (d, "owner_id", first_org + i % 5);
      jb_record_set_text_by_name (d, "status", "published");
      /* Distinct amounts out of the order of entry: 1万 to 30万. */
      jb_record_set_int_by_name (d, "investment", (gint64) ((i * 7) % N_DEMANDS + 1) * 1000000);
      save_new (f->ui.store, d);
    }
  g_assert_true (jb_store_commit (f->ui.store, &error));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->ui.store = test_tmp_store ("jb-tables-XXXXXX", "tables.db", &f->ui.dir, &f->ui.path);
  fill_store (f);
  f->ui.window = ui_test_window_open (f->ui.store, FALSE);
  jb_window_show_page (f->ui.window, JB_KIND_DEMAND);
  /* Search at once: the tests wait for idle, not for a typist's pause. */
  JbRecordBrowser *browser = jb_window_get_browser (f->ui.window, JB_KIND_DEMAND);
  g_object_set (jb_record_browser_get_search_entry (browser), "search-delay", 0, NULL);
  ui_test_pump ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  ui_test_fixture_tear_down (&f->ui);
}

/* The label or cell below @widget, shown, whose text is @text. */
static GtkWidget *
find_text (GtkWidget *widget, const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if ((GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0) ||
      (GTK_IS_INSCRIPTION (widget) &&
       g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_text (c, text);
      if (found)
        return found;
    }
  return NULL;
}

static void
painted (GdkFrameClock *clock, gboolean *done)
{
  *done = TRUE;
}

/* Until @widget's window has drawn a frame: the list view binds the rows it
 * shows while it lays them out, on the frame clock, not when idle. */
static void
wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean done = FALSE;
  g_assert_nonnull (clock);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted), &done);
  gtk_widget_queue_allocate (widget);
  gtk_widget_queue_draw (widget);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  ui_test_pump ();
}

static JbRecordBrowser *
demands (Fixture *f)
{
  return jb_window_get_browser (f->ui.window, JB_KIND_DEMAND);
}

static GtkColumnView *
table (Fixture *f)
{
  return GTK_COLUMN_VIEW (ui_test_find_type (GTK_WIDGET (demands (f)), GTK_TYPE_COLUMN_VIEW));
}

/* Clicks @field's column title (as gtk_column_view_sort_by_column() does). */
static void
sort_by (Fixture *f, const char *field, GtkSortType order)
{
  GtkColumnView *view = table (f);
  GListModel *columns = gtk_column_view_get_columns (view);
  int index = jb_kind_field_index (jb_kind_get (JB_KIND_DEMAND), field);
  for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
      if (jb_record_columns_field (column) == index)
        {
          gtk_column_view_sort_by_column (view, column, order);
          ui_test_pump ();
          wait_frame (GTK_WIDGET (view));
          return;
        }
    }
  g_error ("no column %s", field);
}

static GListModel *
rows (Fixture *f)
{
  return jb_record_browser_get_rows (demands (f));
}

static gint64
row_id (Fixture *f, guint i)
{
  g_autoptr (JbRecord) row = g_list_model_get_item (rows (f), i);
  g_assert_nonnull (row);
  return jb_record_get_id (row);
}

static guint
selected (Fixture *f)
{
  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows (f)));
}

static void
search (Fixture *f, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (jb_record_browser_get_search_entry (demands (f))), text);
  ui_test_pump ();
  wait_frame (GTK_WIDGET (table (f)));
}

static int
by_investment (gconstpointer a, gconstpointer b)
{
  JbRecord *x = *(JbRecord **) a, *y = *(JbRecord **) b;
  gint64 i = jb_record_get_int_by_name (x, "investment");
  gint64 j = jb_record_get_int_by_name (y, "investment");
  return i < j ? -1 : i > j;
}

static int
by_code (gconstpointer a, gconstpointer b)
{
  return strcmp (jb_record_get_text_by_name (*(JbRecord **) a, "code"),
                 jb_record_get_text_by_name (*(JbRecord **) b, "code"));
}

/* The table's rows are the store's records in @compare's order (reversed
 * when @descending). */
static void
assert_order (Fixture *f, GCompareFunc compare, gboolean descending)
{
  g_autoptr (GPtrArray) records = jb_store_list (f->ui.store, JB_KIND_DEMAND, NULL, NULL);
  g_ptr_array_sort (records, compare);
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, records->len);
  for (guint i = 0; i < records->len; i++)
    {
      JbRecord *expected = records->pdata[descending ? records->len - 1 - i : i];
      g_assert_cmpint (row_id (f, i), ==, jb_record_get_id (expected));
    }
}

static void
test_sort_by_column (Fixture *f, gconstpointer data)
{
  sort_by (f, "investment", GTK_SORT_ASCENDING);
  assert_order (f, by_investment, FALSE);
  sort_by (f, "investment", GTK_SORT_DESCENDING);
  assert_order (f, by_investment, TRUE);
  sort_by (f, "code", GTK_SORT_ASCENDING);
  assert_order (f, by_code, FALSE);
  /* The rows shown are those of the order: the first row's cells. */
  g_autoptr (JbRecord) first = g_list_model_get_item (rows (f), 0);
  g_autofree char *code = jb_record_format_field (first, 0);
  GtkWidget *cell = find_text (GTK_WIDGET (table (f)), code);
  g_assert_nonnull (cell);
}

/* The cells below @widget that show @word, and whether each shows it bold. */
static void
count_bold (GtkWidget *widget, const char *word, guint *cells, guint *bold)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) &&
      strstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), word))
    {
      (*cells)++;
      PangoAttrList *attrs = gtk_inscription_get_attributes (GTK_INSCRIPTION (widget));
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      guint start = strstr (text, word) - text;
      g_autoptr (PangoAttrIterator) it = attrs ? pango_attr_list_get_iterator (attrs) : NULL;
      do
        {
          int s, e;
          if (it == NULL)
            break;
          pango_attr_iterator_range (it, &s, &e);
          PangoAttribute *weight = pango_attr_iterator_get (it, PANGO_ATTR_WEIGHT);
          if (weight && (guint) s <= start && (guint) e >= start + strlen (word) &&
              ((PangoAttrInt *) weight)->value == PANGO_WEIGHT_BOLD)
            {
              (*bold)++;
              break;
            }
        }
      while (pango_attr_iterator_next (it));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    count_bold (c, word, cells, bold);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  GtkWidget *no_results = NULL;

  search (f, "电池");
  guint n = g_list_model_get_n_items (rows (f));
  g_assert_cmpuint (n, ==, N_DEMANDS / 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JbRecord) row = g_list_model_get_item (rows (f), i);
      g_assert_nonnull (strstr (jb_record_get_title (row), "电池"));
    }
  guint cells = 0, bold = 0;
  count_bold (GTK_WIDGET (table (f)), "电池", &cells, &bold);
  g_assert_cmpuint (cells, >, 0);
  g_assert_cmpuint (bold, ==, cells);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record",
                                                         "%u records", n), n);
  g_assert_nonnull (find_text (GTK_WIDGET (demands (f)), count));

  /* Nothing found: the table says so, and nothing is bold any more. */
  search (f, "量子通信");
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 0);
  no_results = find_text (GTK_WIDGET (demands (f)), _("No records match the search."));
  g_assert_nonnull (no_results);

  search (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, N_DEMANDS);
  g_assert_false (gtk_widget_get_mapped (no_results));
  cells = bold = 0;
  count_bold (GTK_WIDGET (table (f)), "电池", &cells, &bold);
  g_assert_cmpuint (cells, >, 0);
  g_assert_cmpuint (bold, ==, 0);
}

static GtkWidget *
input (Fixture *f, const char *field)
{
  JbRecordEditor *editor = jb_record_browser_get_editor (demands (f));
  GtkWidget *fe = jb_record_editor_get_field (editor, field);
  g_assert_nonnull (fe);
  return jb_field_editor_get_input (JB_FIELD_EDITOR (fe));
}

static void
select_row (Fixture *f, guint i)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows (f)), i, TRUE);
  ui_test_pump ();
  g_assert_cmpint (jb_record_editor_get_id (jb_record_browser_get_editor (demands (f))), ==,
                   row_id (f, i));
}

/* Sorted by investment, the cheapest demand becomes the dearest: its row
 * goes to the end and the selection and the form go with it. */
static void
test_edit_sorted_row (Fixture *f, gconstpointer data)
{
  sort_by (f, "investment", GTK_SORT_ASCENDING);
  select_row (f, 0);
  gint64 id = row_id (f, 0);

  gtk_editable_set_text (GTK_EDITABLE (input (f, "investment")), "999万");
  g_action_group_activate_action (G_ACTION_GROUP (f->ui.window), "save", NULL);
  ui_test_pump ();

  g_autoptr (JbRecord) saved = jb_store_load (f->ui.store, JB_KIND_DEMAND, id, NULL);
  g_assert_cmpint (jb_record_get_int_by_name (saved, "investment"), ==, 9990000 * 100);
  assert_order (f, by_investment, FALSE);
  g_assert_cmpint (row_id (f, N_DEMANDS - 1), ==, id);
  g_assert_cmpuint (selected (f), ==, N_DEMANDS - 1);
  g_assert_cmpint (jb_record_editor_get_id (jb_record_browser_get_editor (demands (f))), ==, id);

  /* And across a new order. */
  sort_by (f, "code", GTK_SORT_DESCENDING);
  assert_order (f, by_code, TRUE);
  g_assert_cmpint (row_id (f, selected (f)), ==, id);
}

static GtkDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_DIALOG (w);
    }
  return NULL;
}

static void
test_delete_selected_row (Fixture *f, gconstpointer data)
{
  sort_by (f, "investment", GTK_SORT_DESCENDING);
  select_row (f, 2);
  gint64 gone = row_id (f, 2);
  gint64 next = row_id (f, 3);

  gtk_widget_activate_action (GTK_WIDGET (demands (f)), "browser.delete", NULL);
  ui_test_pump ();
  GtkDialog *dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  ui_test_pump ();

  g_assert_cmpint (jb_store_count (f->ui.store, JB_KIND_DEMAND), ==, N_DEMANDS - 1);
  g_assert_null (jb_store_load (f->ui.store, JB_KIND_DEMAND, gone, NULL));
  assert_order (f, by_investment, TRUE);
  /* The row that took its place is selected and in the form. */
  g_assert_cmpuint (selected (f), ==, 2);
  g_assert_cmpint (row_id (f, 2), ==, next);
  g_assert_cmpint (jb_record_editor_get_id (jb_record_browser_get_editor (demands (f))), ==, next);
}

static guint
list_rows (GtkWidget *list)
{
  guint n = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    n += GTK_IS_LIST_BOX_ROW (c);
  return n;
}

/* The owner's list: a page of organizations, the rest found by typing. */
static void
test_picker_searches (Fixture *f, gconstpointer data)
{
  /* A demand's owner shows at once, loaded by its id. */
  select_row (f, 0);
  g_autoptr (JbRecord) first = g_list_model_get_item (rows (f), 0);
  JbPicker *owner = JB_PICKER (input (f, "owner_id"));
  g_assert_cmpint (jb_picker_get_key (owner), ==, jb_record_get_int_by_name (first, "owner_id"));
  g_assert_cmpstr (jb_picker_get_text (owner), ==,
                   jb_record_get_ref_name (first, jb_kind_field_index (
                     jb_kind_get (JB_KIND_DEMAND), "owner_id")));

  ui_test_click (GTK_WIDGET (owner));
  GtkWidget *popover = jb_picker_get_popover (owner);
  g_assert_true (gtk_widget_get_mapped (popover));
  GtkWidget *list = ui_test_find_type (popover, GTK_TYPE_LIST_BOX);
  g_assert_cmpuint (list_rows (list), <, N_ORGS);
  g_assert_cmpuint (list_rows (list), >, 0);
  g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u more: type to narrow the list.",
                                                        "%u more: type to narrow the list.",
                                                        N_ORGS + 1 - list_rows (list)),
                                           N_ORGS + 1 - list_rows (list));
  g_assert_nonnull (find_text (popover, more));

  GtkWidget *entry = jb_picker_get_search_entry (owner);
  gtk_editable_set_text (GTK_EDITABLE (entry), "储能电池");
  ui_test_pump ();
  g_assert_cmpuint (list_rows (list), ==, 1);
  g_assert_nonnull (find_text (popover, RARE_ORG));
  g_signal_emit_by_name (entry, "activate");
  ui_test_pump ();
  g_assert_false (gtk_widget_get_mapped (popover));
  g_assert_cmpint (jb_picker_get_key (owner), ==, f->rare_org);

  g_action_group_activate_action (G_ACTION_GROUP (f->ui.window), "save", NULL);
  ui_test_pump ();
  g_autoptr (JbRecord) saved = jb_store_load (f->ui.store, JB_KIND_DEMAND, jb_record_get_id (first),
                                              NULL);
  g_assert_cmpint (jb_record_get_int_by_name (saved, "owner_id"), ==, f->rare_org);

  /* Nothing found: the list says so. */
  ui_test_click (GTK_WIDGET (owner));
  gtk_editable_set_text (GTK_EDITABLE (entry), "量子通信");
  ui_test_pump ();
  g_assert_cmpuint (list_rows (list), ==, 0);
  g_autofree char *nothing = g_strdup_printf (_("Nothing matches “%s”."), "量子通信");
  g_assert_nonnull (find_text (popover, nothing));
  gtk_popover_popdown (GTK_POPOVER (popover));
  ui_test_pump ();
}

/* A consumer of the model's changes: ids kept by position as a list view
 * would, from what items-changed tells. */
static void
mirror_changed (GListModel *model, guint position, guint removed, guint added, GArray *mirror)
{
  g_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr (JbRecord) row = g_list_model_get_item (model, position + i);
      gint64 id = jb_record_get_id (row);
      g_array_insert_val (mirror, position + i, id);
    }
}

static gboolean
collect_id (JbRecord *record, gpointer data, GError **error)
{
  gint64 id = jb_record_get_id (record);
  g_array_append_val ((GArray *) data, id);
  return TRUE;
}

/* More rows than the pages kept: a refresh tells of every row, in parts
 * (JbQueryModel), and gives back the rows shown as the same objects. */
static void
test_model_refresh (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_begin (f->ui.store, &error));
  for (guint i = 0; i < 2500; i++)
    {
      g_autoptr (JbRecord) d = jb_record_new (JB_KIND_DEMAND);
      g_autofree char *title = g_strdup_printf ("批量需求%u", i);
      jb_record_set_text_by_name (d, "title", title);
      jb_record_set_int_by_name (d, "owner_id", f->rare_org);
      jb_record_set_text_by_name (d, "status", "draft");
      save_new (f->ui.store, d);
    }
  g_assert_true (jb_store_commit (f->ui.store, &error));

  g_autoptr (JbQuery) query = jb_query_new (f->ui.store, JB_KIND_DEMAND);
  jb_query_set_order (query, "id", FALSE);
  g_autoptr (JbQueryModel) model = jb_query_model_new (query);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, N_DEMANDS + 2500);
  g_autoptr (GArray) mirror = g_array_new (FALSE, FALSE, sizeof (gint64));
  mirror_changed (G_LIST_MODEL (model), 0, 0, n, mirror);
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed), mirror);

  /* The view is in the middle; a row before it goes, a row is added. */
  g_autoptr (JbRecord) shown = g_list_model_get_item (G_LIST_MODEL (model), 1500);
  gint64 first = g_array_index (mirror, gint64, 0);
  g_assert_true (jb_store_delete (f->ui.store, JB_KIND_DEMAND, g_array_index (mirror, gint64, 7),
                                  &error));
  g_autoptr (JbRecord) late = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (late, "title", "最后一条需求");
  jb_record_set_int_by_name (late, "owner_id", f->rare_org);
  jb_record_set_text_by_name (late, "status", "draft");
  save_new (f->ui.store, late);
  jb_query_model_refresh (model, TRUE);

  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_true (jb_query_foreach (query, collect_id, ids, &error));
  g_assert_cmpuint (mirror->len, ==, ids->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, ids->len);
  g_assert_cmpmem (mirror->data, mirror->len * sizeof (gint64), ids->data,
                   ids->len * sizeof (gint64));
  g_assert_cmpint (g_array_index (mirror, gint64, 0), ==, first);
  g_assert_cmpint (g_array_index (mirror, gint64, ids->len - 1), ==, jb_record_get_id (late));
  /* The row shown moved up by one, the same object. */
  g_autoptr (JbRecord) again = g_list_model_get_item (G_LIST_MODEL (model), 1499);
  g_assert_true (again == shown);
  g_assert_cmpuint (jb_query_model_position_of (model, jb_record_get_id (shown)), ==, 1499);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add ("/tables/" path, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("sort-by-column", test_sort_by_column);
  ADD ("search", test_search);
  ADD ("edit-sorted-row", test_edit_sorted_row);
  ADD ("delete-selected-row", test_delete_selected_row);
  ADD ("picker-searches", test_picker_searches);
  ADD ("model-refresh", test_model_refresh);
  return g_test_run ();
}

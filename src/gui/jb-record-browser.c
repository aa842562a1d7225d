/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record-browser.c: the records of one kind, searched in the store as the
 * user types, sorted by the table's columns, edited beside the table.
 *
 * Data flows one way: store → JbQuery (search, filter, the column view's
 * order, all in SQL) → JbQueryModel (a page of rows at a time) → selection →
 * view.  Only the rows shown, and a few pages around them, are in memory; the
 * count, the table and its export come from the same query. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-csv.h"
#include "jb-file.h"
#include "jb-xlsx.h"
#include "jb-query-model.h"
#include "jb-record-browser.h"
#include "jb-record-columns.h"

struct _JbRecordBrowser {
  GtkWidget parent_instance;

  JbStore *store;
  const JbKind *kind;
  JbQuery *query;        /* NULL until there is a store */
  JbQueryModel *rows;
  GtkSingleSelection *selection;
  JbRecordEditor *editor;
  GtkColumnView *view;
  gulong store_changed_id;
  gboolean syncing;      /* selection changes made by code, not the user */
  gboolean creating;     /* the user asked for a new record: no more welcome */
  guint last_selected;   /* the row selected before the last refresh */

  GtkStack *stack;
  GtkPaned *paned;
  GtkSearchEntry *search_entry;
  GtkScrolledWindow *scroller;
  GtkLabel *no_results;
  GtkLabel *count_label;
  GtkButton *new_button;
  GtkButton *empty_new_button;
  GtkLabel *empty_title;
  GtkLabel *empty_description;
  GtkBox *empty_buttons;
  GtkWidget *filter_bar;
  GtkLabel *filter_label;
  JbFilter *filter;      /* besides the search words; NULL: none */
};

G_DEFINE_FINAL_TYPE (JbRecordBrowser, jb_record_browser, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_KIND, N_PROPS };

/* ---- rows ----------------------------------------------------------------- */

static guint
position_of (JbRecordBrowser *self, gint64 id)
{
  return self->rows ? jb_query_model_position_of (self->rows, id) : GTK_INVALID_LIST_POSITION;
}

/* Makes the selection show what the editor holds, without asking anything. */
static void
sync_selection (JbRecordBrowser *self)
{
  guint pos = position_of (self, jb_record_editor_get_id (self->editor));
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, pos);
  self->syncing = FALSE;
  if (pos != GTK_INVALID_LIST_POSITION)
    jb_record_columns_scroll_to (self->view, pos);
}

/* The focus where one goes on: the record's row in the table (else the
 * first), the search field of an empty table, the welcome's first button;
 * or the form's first field (with @unset: the first the record leaves
 * empty, after a new record was prefilled). */
static void
focus_region (JbRecordBrowser *self, JbBrowserRegion region, gboolean unset)
{
  if (region == JB_BROWSER_REGION_EDITOR &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    {
      GtkWidget *field = jb_record_editor_get_first_field (self->editor, unset);
      if (field)
        gtk_widget_grab_focus (field);
      return;
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->empty_new_button));
      return;
    }
  guint pos = gtk_single_selection_get_selected (self->selection);
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = 0;
  if (!jb_record_columns_focus_row (self->view, pos))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
jb_record_browser_focus_region (JbRecordBrowser *self, JbBrowserRegion region)
{
  focus_region (self, region, FALSE);
}

/* Whether the keyboard focus is nowhere (its widget was hidden or made
 * insensitive, like Save after saving). */
static gboolean
focus_lost (JbRecordBrowser *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  return root && (focus == NULL || !gtk_widget_is_sensitive (focus) ||
                  !gtk_widget_get_mapped (focus));
}

/* The welcome ("empty") or the table and form ("list"), and only it to
 * screen readers. */
static void
show_part (JbRecordBrowser *self, const char *part)
{
  jb_a11y_stack_show (self->stack, gtk_stack_get_child_by_name (self->stack, part));
}

static void show_rows (JbRecordBrowser *self);

/* Counts and shows the rows again, the selection on the record the editor
 * holds wherever it now stands.  @keep_rows: rows as they were keep their
 * widgets (not after a new search: their cells show other words in bold). */
static void
refresh_rows (JbRecordBrowser *self, gboolean keep_rows)
{
  if (self->rows == NULL)
    return;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  jb_query_set_search (self->query, text);
  jb_query_set_filter (self->query, self->filter);
  jb_record_columns_set_search (self->view, jb_query_get_search (self->query));

  /* Unselected first: GtkSingleSelection would look for its item among all
   * the rows, fetching every page. */
  self->last_selected = gtk_single_selection_get_selected (self->selection);
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  jb_query_model_refresh (self->rows, keep_rows);
  self->syncing = FALSE;
  show_rows (self);
}

/* The selection, the welcome or the table, the count: as the rows are. */
static void
show_rows (JbRecordBrowser *self)
{
  sync_selection (self);

  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  gboolean searching = !jb_search_is_empty (jb_query_get_search (self->query));
  /* Not over a form with unsaved changes: the last record deleted by
   * someone else while being edited stays in its form, to save as new. */
  gboolean empty = !searching && self->filter == NULL && n == 0 && !self->creating &&
                   jb_query_model_get_error (self->rows) == NULL &&
                   !jb_record_editor_is_dirty (self->editor);
  gboolean was_empty = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
  show_part (self, empty ? "empty" : "list");
  /* The welcome's button had the focus (Load Sample Data): the table has it. */
  if (was_empty && !empty && gtk_widget_get_mapped (GTK_WIDGET (self)) && focus_lost (self))
    focus_region (self, JB_BROWSER_REGION_LIST, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->no_results), n == 0 && (searching || self->filter));

  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record",
                                                         "%u records", n), n);
  gtk_label_set_text (self->count_label, count);
}

static void
refresh (JbRecordBrowser *self)
{
  refresh_rows (self, TRUE);
}

static void
on_search_changed (JbRecordBrowser *self)
{
  refresh_rows (self, FALSE);
}

/* A column's title clicked: the rows in its order, from the store (its
 * index), never sorted in memory. */
static void
on_sort_changed (JbRecordBrowser *self)
{
  int field;
  gboolean descending;
  if (self->query == NULL)
    return;
  if (jb_record_columns_get_order (self->view, &field, &descending))
    jb_query_set_order (self->query, self->kind->fields[field].name, descending);
  else
    jb_query_set_order (self->query, NULL, FALSE);
  refresh (self);
  /* The view keeps its top row where it went; a new order is read from
   * its start (or at the record selected, which refresh() showed). */
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION &&
      g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    jb_record_columns_scroll_to (self->view, 0);
}

static void
on_store_changed (JbRecordBrowser *self, guint kinds)
{
  guint shown = 1u << self->kind->id;
  /* Rows show the names of the records they refer to. */
  for (guint i = 0; i < self->kind->n_fields; i++)
    if (self->kind->fields[i].type == JB_TYPE_REF)
      shown |= 1u << self->kind->fields[i].ref_kind;
  if (kinds & shown)
    refresh (self);
}

typedef struct {
  JbRecordBrowser *self;
  gint64 id;
} Switch;

static void
switch_after_leave (gboolean may_leave, gpointer data)
{
  Switch *sw = data;
  JbRecordBrowser *self = sw->self;

  if (may_leave)
    {
      jb_record_editor_load (self->editor, sw->id);
      if (sw->id == 0)
        {
          self->creating = TRUE;
          show_part (self, "list");
          focus_region (self, JB_BROWSER_REGION_EDITOR, TRUE);
        }
    }
  sync_selection (self);
  g_object_unref (self);
  g_free (sw);
}

void
jb_record_browser_select (JbRecordBrowser *self, gint64 id)
{
  Switch *sw = g_new0 (Switch, 1);
  sw->self = g_object_ref (self);
  sw->id = id;
  jb_record_editor_confirm_leave (self->editor, switch_after_leave, sw);
}

static void
on_selection_changed (JbRecordBrowser *self)
{
  JbRecord *row = gtk_single_selection_get_selected_item (self->selection);
  if (self->syncing || row == NULL || jb_record_get_id (row) == jb_record_editor_get_id (self->editor))
    return;
  jb_record_browser_select (self, jb_record_get_id (row));
}

static void
on_editor_saved (JbRecordBrowser *self, gint64 id)
{
  refresh (self);
  if (focus_lost (self))
    focus_region (self, JB_BROWSER_REGION_LIST, FALSE);
}

/* After a delete, the record that took its place in the table. */
static void
on_editor_deleted (JbRecordBrowser *self, gint64 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  if (n > 0 && self->last_selected != GTK_INVALID_LIST_POSITION)
    {
      guint pos = MIN (self->last_selected, n - 1);
      g_autoptr (JbRecord) row = g_list_model_get_item (G_LIST_MODEL (self->rows), pos);
      jb_record_browser_select (self, jb_record_get_id (row));
    }
  focus_region (self, JB_BROWSER_REGION_LIST, FALSE);
}

/* Return on a row: to its form. */
static void
on_row_activated (JbRecordBrowser *self, guint pos)
{
  focus_region (self, JB_BROWSER_REGION_EDITOR, FALSE);
}

void
jb_record_browser_set_filter (JbRecordBrowser *self, JbFilter *filter)
{
  g_return_if_fail (filter == NULL || jb_filter_get_kind (filter) == self->kind->id);

  g_clear_pointer (&self->filter, jb_filter_unref);
  self->filter = filter ? jb_filter_ref (filter) : NULL;
  gtk_label_set_text (self->filter_label, filter ? jb_filter_get_label (filter) : "");
  gtk_widget_set_visible (self->filter_bar, filter != NULL);
  refresh (self);
}

void
jb_record_browser_reveal (JbRecordBrowser *self, gint64 id)
{
  /* A record hidden by the search or a filter: show everything. */
  if (position_of (self, id) == GTK_INVALID_LIST_POSITION)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      jb_record_browser_set_filter (self, NULL);
    }
  jb_record_browser_select (self, id);
}

typedef struct {
  JbRecordBrowser *self;
  JbRecord *record;
} NewRecord;

static void
new_after_leave (gboolean may_leave, gpointer data)
{
  NewRecord *nr = data;
  if (may_leave)
    {
      nr->self->creating = TRUE;
      jb_record_editor_load_new (nr->self->editor, nr->record);
      show_part (nr->self, "list");
      sync_selection (nr->self);
      focus_region (nr->self, JB_BROWSER_REGION_EDITOR, TRUE);
    }
  g_object_unref (nr->self);
  g_object_unref (nr->record);
  g_free (nr);
}

void
jb_record_browser_new_record (JbRecordBrowser *self, JbRecord *record)
{
  NewRecord *nr = g_new0 (NewRecord, 1);
  nr->self = g_object_ref (self);
  nr->record = g_object_ref (record);
  jb_record_editor_confirm_leave (self->editor, new_after_leave, nr);
}

/* ---- the table as CSV ---------------------------------------------------- */

typedef struct {
  GOutputStream *out;
  GArray *fields;      /* per column shown: the field index */
  GCancellable *cancellable;
} CsvSink;

static gboolean
csv_row (JbRecord *row, gpointer data, GError **error)
{
  CsvSink *sink = data;
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < sink->fields->len; c++)
    g_ptr_array_add (cells, jb_record_format_field (row, g_array_index (sink->fields, guint, c)));
  return jb_csv_write_row (sink->out, (const char * const *) cells->pdata, cells->len,
                           sink->cancellable, error);
}

/* The columns as the user arranged them: titles and field indexes. */
static GStrv
shown_columns (JbRecordBrowser *self, GArray *fields)
{
  GListModel *columns = gtk_column_view_get_columns (self->view);
  g_autoptr (GStrvBuilder) header = g_strv_builder_new ();
  for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
      int field = jb_record_columns_field (column);
      if (field < 0 || !gtk_column_view_column_get_visible (column))
        continue;
      g_strv_builder_add (header, gtk_column_view_column_get_title (column));
      guint f = (guint) field;
      g_array_append_val (fields, f);
    }
  return g_strv_builder_end (header);
}

typedef struct {
  JbRecordBrowser *self;
  GArray *fields;
  char **titles;
} CsvJob;

/* Every row the table shows, streamed from its query: a million rows take
 * no more memory than a hundred. */
static gboolean
write_csv (GOutputStream *file_out, gpointer data, GCancellable *cancellable, GError **error)
{
  CsvJob *job = data;
  g_autoptr (GOutputStream) out = g_buffered_output_stream_new_sized (file_out, 64 * 1024);
  CsvSink sink = { out, job->fields, cancellable };
  gboolean ok = jb_csv_write_bom (out, cancellable, error) &&
                jb_csv_write_row (out, (const char * const *) job->titles, -1, cancellable,
                                  error) &&
                jb_query_foreach (job->self->query, csv_row, &sink, error);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (out), FALSE);
  return ok && g_output_stream_close (out, cancellable, error);
}

gboolean
jb_record_browser_export_csv (JbRecordBrowser *self, GFile *file, GError **error)
{
  g_autoptr (GArray) fields = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto (GStrv) titles = shown_columns (self, fields);
  g_return_val_if_fail (self->query != NULL, FALSE);
  CsvJob job = { self, fields, titles };
  return jb_file_write_atomically (file, write_csv, &job, NULL, error);
}

/* The rows in turn for the workbook, a thousand at a time from the query. */
typedef struct {
  JbQuery *query;
  GPtrArray *chunk;
  guint start;
  GError *error;
} XlsxSource;

#define XLSX_CHUNK 1000

static JbRecord *
xlsx_row (guint i, gpointer data)
{
  XlsxSource *src = data;
  if (src->chunk == NULL || i < src->start || i >= src->start + src->chunk->len)
    {
      if (src->chunk && src->chunk->len < XLSX_CHUNK && i >= src->start + src->chunk->len)
        return NULL;
      g_clear_pointer (&src->chunk, g_ptr_array_unref);
      src->start = i;
      src->chunk = jb_query_fetch (src->query, i, XLSX_CHUNK, src->error ? NULL : &src->error);
      if (src->chunk == NULL || src->chunk->len == 0)
        return NULL;
    }
  return g_object_ref (src->chunk->pdata[i - src->start]);
}

gboolean
jb_record_browser_export_xlsx (JbRecordBrowser *self, GFile *file, GError **error)
{
  g_autoptr (GArray) fields = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto (GStrv) titles = shown_columns (self, fields);
  g_return_val_if_fail (self->query != NULL, FALSE);
  XlsxSource src = { self->query };
  gboolean ok = jb_xlsx_write_records (file, _(self->kind->plural), self->kind->id,
                                       (const char * const *) titles,
                                       (const guint *) fields->data, fields->len, xlsx_row, &src,
                                       NULL, error);
  g_clear_pointer (&src.chunk, g_ptr_array_unref);
  /* A row that could not be read: the workbook was short of it. */
  if (ok && src.error)
    {
      g_propagate_error (error, g_steal_pointer (&src.error));
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  g_clear_error (&src.error);
  return ok;
}

/* ---- actions -------------------------------------------------------------- */

static void
clear_filter_action (GtkWidget *widget, const char *action, GVariant *param)
{
  jb_record_browser_set_filter (JB_RECORD_BROWSER (widget), NULL);
}

static void
new_action (GtkWidget *widget, const char *action, GVariant *param)
{
  jb_record_browser_select (JB_RECORD_BROWSER (widget), 0);
}

static void
delete_action (GtkWidget *widget, const char *action, GVariant *param)
{
  JbRecordBrowser *self = JB_RECORD_BROWSER (widget);
  gtk_widget_activate_action (GTK_WIDGET (self->editor), "editor.delete", NULL);
}

static void
search_action (GtkWidget *widget, const char *action, GVariant *param)
{
  JbRecordBrowser *self = JB_RECORD_BROWSER (widget);
  show_part (self, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- set-up --------------------------------------------------------------- */

static void
set_kind (JbRecordBrowser *self, JbKindId kind)
{
  self->kind = jb_kind_get (kind);
  self->view = jb_record_columns_new (self->kind);
  g_signal_connect_object (gtk_column_view_get_sorter (self->view), "changed",
                           G_CALLBACK (on_sort_changed), self, G_CONNECT_SWAPPED);
  /* No rows until there is a store (jb_record_browser_set_store()). */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->view, "activate", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->view));

  self->editor = JB_RECORD_EDITOR (jb_record_editor_new (kind));
  gtk_widget_set_size_request (GTK_WIDGET (self->editor), 420, -1);
  g_signal_connect_swapped (self->editor, "saved", G_CALLBACK (on_editor_saved), self);
  g_signal_connect_swapped (self->editor, "deleted", G_CALLBACK (on_editor_deleted), self);
  gtk_paned_set_end_child (self->paned, GTK_WIDGET (self->editor));

  /* gtk_search_entry_set_placeholder_text() is GTK 4.10; the property is older. */
  const JbKindTexts *texts = self->kind->texts;
  g_object_set (self->search_entry, "placeholder-text", _(texts->search), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(texts->search), -1);
  gtk_button_set_label (self->new_button, _(texts->new_label));
  gtk_button_set_label (self->empty_new_button, _(texts->new_label));
  gtk_label_set_text (self->empty_title, _(texts->empty_title));
  /* What a screen reader calls the part shown (else "GtkStackPage"). */
  GtkWidget *empty = gtk_stack_get_child_by_name (self->stack, "empty");
  GtkWidget *list = gtk_stack_get_child_by_name (self->stack, "list");
  gtk_stack_page_set_title (gtk_stack_get_page (self->stack, empty), _(texts->empty_title));
  gtk_stack_page_set_title (gtk_stack_get_page (self->stack, list), _(self->kind->plural));
  gtk_label_set_text (self->empty_description, _(texts->empty_description));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->view));
  /* Delete removes the selected record, from the table only: in the editor the
   * key belongs to the text.  Before the search field's capture sees it (the
   * last controller added runs first), which would delete in the search. */
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  GtkShortcut *delete = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                          gtk_named_action_new ("browser.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), delete);
  gtk_widget_add_controller (GTK_WIDGET (self->view), shortcuts);
}

void
jb_record_browser_set_store (JbRecordBrowser *self, JbStore *store)
{
  if (self->store)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  self->store_changed_id = g_signal_connect_swapped (store, "changed",
                                                     G_CALLBACK (on_store_changed), self);
  /* A team database's role that may only read adds and deletes nothing. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.new", !jb_store_is_read_only (store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.delete",
                                 !jb_store_is_read_only (store));
  g_clear_object (&self->query);
  g_clear_object (&self->rows);
  self->query = jb_query_new (store, self->kind->id);
  int field;
  gboolean descending;
  if (jb_record_columns_get_order (self->view, &field, &descending))
    jb_query_set_order (self->query, self->kind->fields[field].name, descending);
  jb_query_set_search (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  jb_query_set_filter (self->query, self->filter);
  self->rows = jb_query_model_new (self->query);
  self->syncing = TRUE;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  self->syncing = FALSE;
  jb_record_editor_set_store (self->editor, store);
  jb_record_editor_load (self->editor, 0);
  /* The model has just counted: no refresh. */
  jb_record_columns_set_search (self->view, jb_query_get_search (self->query));
  show_rows (self);
}

JbKindId
jb_record_browser_get_kind (JbRecordBrowser *self)
{
  return self->kind->id;
}

JbRecordEditor *
jb_record_browser_get_editor (JbRecordBrowser *self)
{
  return self->editor;
}

GtkSearchEntry *
jb_record_browser_get_search_entry (JbRecordBrowser *self)
{
  return self->search_entry;
}

static gboolean
add_id (JbRecord *row, gpointer data, GError **error)
{
  gint64 id = jb_record_get_id (row);
  g_array_append_val ((GArray *) data, id);
  return TRUE;
}

GArray *
jb_record_browser_get_shown_ids (JbRecordBrowser *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  if (self->query && !jb_query_foreach (self->query, add_id, ids, &error))
    g_warning ("Cannot list %s: %s", self->kind->name, error->message);
  return ids;
}

void
jb_record_browser_remember_widths (JbRecordBrowser *self, GSettings *settings)
{
  jb_record_columns_remember_widths (self->view, self->kind, settings);
}

GtkPaned *
jb_record_browser_get_paned (JbRecordBrowser *self)
{
  return self->paned;
}

GListModel *
jb_record_browser_get_rows (JbRecordBrowser *self)
{
  return G_LIST_MODEL (self->selection);
}

void
jb_record_browser_add_empty_action (JbRecordBrowser *self, const char *label,
                                    const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "pill");
  gtk_box_append (self->empty_buttons, button);
}

static void
jb_record_browser_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  if (prop_id == PROP_KIND)
    set_kind (JB_RECORD_BROWSER (object), jb_kind_by_name (g_value_get_string (value))->id);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jb_record_browser_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_KIND)
    g_value_set_string (value, JB_RECORD_BROWSER (object)->kind->name);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jb_record_browser_dispose (GObject *object)
{
  JbRecordBrowser *self = JB_RECORD_BROWSER (object);

  if (self->store)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->filter, jb_filter_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), JB_TYPE_RECORD_BROWSER);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->query);

  G_OBJECT_CLASS (jb_record_browser_parent_class)->dispose (object);
}

static void
jb_record_browser_class_init (JbRecordBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jb_record_browser_dispose;
  object_class->set_property = jb_record_browser_set_property;
  object_class->get_property = jb_record_browser_get_property;

  /* The kind's name: "demand", "organization"… */
  g_object_class_install_property (object_class, PROP_KIND,
                                   g_param_spec_string ("kind", NULL, NULL, NULL,
                                                        G_PARAM_READWRITE |
                                                        G_PARAM_CONSTRUCT_ONLY |
                                                        G_PARAM_STATIC_STRINGS));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jiebang/Jiebang/jb-record-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, stack);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, paned);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, scroller);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, no_results);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, count_label);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, new_button);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, empty_title);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, empty_description);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, empty_buttons);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, JbRecordBrowser, filter_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);

  gtk_widget_class_install_action (widget_class, "browser.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "browser.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "browser.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "browser.clear-filter", NULL,
                                   clear_filter_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* A container: GTK 4.8 would name it after its class. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "jbrecordbrowser");
}

static void
jb_record_browser_init (JbRecordBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

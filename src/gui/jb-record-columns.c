/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record-columns.c: columns of a record table (see jb-record-columns.h).
 *
 * GTK 4.8 names a table's rows, cells and column titles after their widget
 * classes for screen readers; here a row says its record ("Title: …,
 * Status: …"), a cell its text, a title its column. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-date.h"
#include "jb-field-type.h"
#include "jb-money.h"
#include "jb-record.h"
#include "jb-record-columns.h"

#define FIELD_KEY "jb-field"
#define ITEM_KEY "jb-list-item"
#define SEARCH_KEY "jb-search"

static char *
sort_key_text (JbRecord *record, gpointer field)
{
  guint i = GPOINTER_TO_UINT (field);
  /* ISO dates sort as they are; everything else as the user reads it. */
  if (jb_record_get_kind (record)->fields[i].type == JB_TYPE_DATE)
    return g_strdup (jb_record_get_text (record, i));
  return jb_record_format_field (record, i);
}

static gint64
sort_key_number (JbRecord *record, gpointer field)
{
  guint i = GPOINTER_TO_UINT (field);
  const JbField *f = &jb_record_get_kind (record)->fields[i];
  if (!jb_record_is_set (record, i))
    return -1;
  if (f->type == JB_TYPE_ENUM)
    return jb_enum_index (f->enumeration, jb_record_get_text (record, i));
  return jb_record_get_int (record, i);
}

GtkSorter *
jb_record_columns_sorter (const JbKind *kind, guint field)
{
  const JbField *f = &kind->fields[field];
  gboolean by_text = f->type != JB_TYPE_ENUM && (jb_field_type (f->type)->text_value ||
                                                 f->type == JB_TYPE_REF);
  GtkExpression *key = gtk_cclosure_expression_new (by_text ? G_TYPE_STRING : G_TYPE_INT64, NULL,
                                                    0, NULL,
                                                    by_text ? G_CALLBACK (sort_key_text)
                                                            : G_CALLBACK (sort_key_number),
                                                    GUINT_TO_POINTER (field), NULL);
  if (by_text)
    return GTK_SORTER (gtk_string_sorter_new (key));
  return GTK_SORTER (gtk_numeric_sorter_new (key));
}

/* ---- the order the user chose ---------------------------------------------- */

/* The rows are ordered by the store, never here: each column's sorter only
 * says which column the column view's sorter asks first (its primary
 * column), and the sign of the answer whether it is inverted.  GTK 4.8 has
 * no call for either (gtk_column_view_sorter_get_primary_sort_column() is
 * 4.10). */
static GtkColumnViewColumn *probed;

static int
probe_order (gconstpointer a, gconstpointer b, gpointer column)
{
  if (probed == NULL)
    probed = column;
  return GTK_ORDERING_SMALLER;
}

gboolean
jb_record_columns_get_order (GtkColumnView *view, int *field, gboolean *descending)
{
  g_autoptr (GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  probed = NULL;
  GtkOrdering order = gtk_sorter_compare (gtk_column_view_get_sorter (view), a, b);
  GtkColumnViewColumn *column = g_steal_pointer (&probed);
  if (column == NULL || order == GTK_ORDERING_EQUAL || jb_record_columns_field (column) < 0)
    return FALSE;
  *field = jb_record_columns_field (column);
  *descending = order == GTK_ORDERING_LARGER;
  return TRUE;
}

void
jb_record_columns_set_search (GtkColumnView *view, JbSearch *search)
{
  g_object_set_data_full (G_OBJECT (view), SEARCH_KEY, search ? jb_search_ref (search) : NULL,
                          (GDestroyNotify) jb_search_unref);
}

/* The words searched for, in bold. */
static PangoAttrList *
highlight (GtkColumnView *view, const char *text)
{
  JbSearch *search = view ? g_object_get_data (G_OBJECT (view), SEARCH_KEY) : NULL;
  if (search == NULL || text == NULL || jb_search_is_empty (search))
    return NULL;
  g_autoptr (GArray) ranges = jb_search_highlight (search, text);
  if (ranges == NULL || ranges->len == 0)
    return NULL;
  PangoAttrList *attrs = pango_attr_list_new ();
  for (guint i = 0; i < ranges->len; i++)
    {
      JbTextRange *r = &g_array_index (ranges, JbTextRange, i);
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      bold->start_index = r->start;
      bold->end_index = r->end;
      pango_attr_list_insert (attrs, bold);
    }
  return attrs;
}

/* ---- cells ------------------------------------------------------------------ */

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, const JbField *f)
{
  /* The cell around it carries the text for screen readers. */
  GtkWidget *cell = g_object_new (GTK_TYPE_INSCRIPTION,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  /* Amounts and numbers line up on the right. */
  gboolean numeric = f->type == JB_TYPE_MONEY || f->type == JB_TYPE_INT;
  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), numeric ? 1 : 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  /* The records are in Chinese whatever the window's language: Chinese
   * glyph forms, and a height measured on the font that draws them (an
   * inscription's height comes from its context's font metrics; in an
   * English window those were the Latin font's, which cut the Chinese
   * glyphs' feet off). */
  pango_context_set_language (gtk_widget_get_pango_context (cell),
                              pango_language_from_string ("zh-cn"));
  gtk_list_item_set_child (item, cell);
  g_object_set_data (G_OBJECT (cell), ITEM_KEY, item);
}

/* What a screen reader says of a row: each column shown, "Title: value". */
static char *
row_name (GtkColumnView *view, JbRecord *record)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr (GString) name = g_string_new (NULL);
  for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
      int field = jb_record_columns_field (column);
      if (field < 0 || !gtk_column_view_column_get_visible (column) ||
          !jb_record_is_set (record, field))
        continue;
      g_autofree char *text = jb_record_format_field (record, field);
      if (text == NULL || *text == '\0')
        continue;
      if (name->len)
        /* TRANSLATORS: between the columns a screen reader says of a table row */
        g_string_append (name, C_("row", ", "));
      g_string_append_printf (name, _("%s: %s"), gtk_column_view_column_get_title (column), text);
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, GtkColumnViewColumn *column)
{
  JbRecord *record = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = record ? jb_record_format_field (record, jb_record_columns_field (column))
                                 : NULL;
  GtkColumnView *view = gtk_column_view_column_get_column_view (column);
  PangoAttrList *attrs = highlight (view, text);
  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
  gtk_inscription_set_attributes (GTK_INSCRIPTION (child), attrs);
  g_clear_pointer (&attrs, pango_attr_list_unref);

  /* The cell and its row are GTK's widgets around ours. */
  GtkWidget *cell = gtk_widget_get_parent (child);
  GtkWidget *row = cell ? gtk_widget_get_parent (cell) : NULL;
  if (cell)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text ? text : "", -1);
  if (row && view && record)
    {
      g_autofree char *name = row_name (view, record);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }
}

/* The column titles, and the row that holds them. */
static void
name_headers (GtkColumnView *view)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));
  GListModel *columns = gtk_column_view_get_columns (view);
  if (header == NULL || GTK_IS_LIST_VIEW (header))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Column titles"), -1);
  for (GtkWidget *title = gtk_widget_get_first_child (header); title;
       title = gtk_widget_get_next_sibling (title))
    for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
      {
        g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
        /* GtkColumnViewTitle holds a box holding the label. */
        GtkWidget *box = gtk_widget_get_first_child (title);
        GtkWidget *label = box ? gtk_widget_get_first_child (box) : NULL;
        if (GTK_IS_LABEL (label) &&
            g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)),
                       gtk_column_view_column_get_title (column)) == 0)
          gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          gtk_column_view_column_get_title (column), -1);
      }
}

static GtkWidget *
list_of (GtkColumnView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

void
jb_record_columns_scroll_to (GtkColumnView *view, guint pos)
{
  GtkWidget *list = list_of (view);
  if (list)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", pos);
}

/* The row widget showing @pos, if there is one now. */
static GtkWidget *
row_at (GtkWidget *list, guint pos)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cell = gtk_widget_get_first_child (row);
      GtkWidget *child = cell ? gtk_widget_get_first_child (cell) : NULL;
      GtkListItem *item = child ? g_object_get_data (G_OBJECT (child), ITEM_KEY) : NULL;
      if (item && gtk_list_item_get_item (item) && gtk_list_item_get_position (item) == pos)
        return row;
    }
  return NULL;
}

gboolean
jb_record_columns_focus_row (GtkColumnView *view, guint pos)
{
  GtkWidget *list = list_of (view);
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  if (list == NULL || pos >= g_list_model_get_n_items (rows))
    return FALSE;
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", pos);
  GtkWidget *row = row_at (list, pos);
  return row ? gtk_widget_grab_focus (row) : gtk_widget_grab_focus (GTK_WIDGET (view));
}

/* Tab leaves the table: GtkColumnView 4.8 goes from row to row with it, a
 * hundred presses to get past a hundred records (the arrows do that). */
static gboolean
table_key (GtkEventControllerKey *controller, guint keyval, guint keycode,
           GdkModifierType state, GtkWidget *view)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab) ||
      (mods & ~GDK_SHIFT_MASK))
    return FALSE;
  jb_record_columns_tab_out (GTK_COLUMN_VIEW (view),
                             (mods & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab);
  return TRUE;
}

void
jb_record_columns_tab_out (GtkColumnView *view, gboolean backward)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
  /* Out of the focus chain for this one move: the focus goes to what is
   * before or after the table. */
  gtk_widget_set_can_focus (GTK_WIDGET (view), FALSE);
  g_signal_emit_by_name (root, "move-focus", backward ? GTK_DIR_TAB_BACKWARD
                                                      : GTK_DIR_TAB_FORWARD);
  gtk_widget_set_can_focus (GTK_WIDGET (view), TRUE);
}

static int
text_width (GtkWidget *widget, const char *text, gboolean bold)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  int width;
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* A column of short values known in advance (a choice, a date, an amount, a
 * number, yes or no) is as wide as they are in the language shown, and as
 * its title: "2022年12月15日" and "Technology development" whole, not cut.
 * Text columns keep the width their .ui gives. */
static int
content_width (GtkWidget *view, const JbField *f)
{
  g_autoptr (GPtrArray) samples = g_ptr_array_new_with_free_func (g_free);
  switch ((int) f->type)
    {
    case JB_TYPE_ENUM:
      for (guint i = 0; i < f->enumeration->n_values; i++)
        g_ptr_array_add (samples, g_strdup (_(f->enumeration->values[i].label)));
      break;
    case JB_TYPE_DATE:
      g_ptr_array_add (samples, jb_date_format ("2022-12-28"));
      break;
    case JB_TYPE_MONEY:
      /* An amount as large as most: larger ones are ellipsized. */
      g_ptr_array_add (samples, jb_money_format (G_GINT64_CONSTANT (999999900)));
      break;
    case JB_TYPE_INT:
      g_ptr_array_add (samples, g_strdup ("100"));
      break;
    case JB_TYPE_BOOL:
      g_ptr_array_add (samples, g_strdup (_("Yes")));
      g_ptr_array_add (samples, g_strdup (_("No")));
      break;
    default:
      return -1;
    }
  int widest = 0;
  for (guint i = 0; i < samples->len; i++)
    widest = MAX (widest, text_width (view, samples->pdata[i], FALSE));
  /* The cell's padding; the title's, with room for the sort arrow. */
  return MIN (MAX (widest + 16, text_width (view, _(f->label), TRUE) + 32), 220);
}

GtkColumnView *
jb_record_columns_new (const JbKind *kind)
{
  g_autofree char *path = g_strdup_printf ("/io/github/jiebang/Jiebang/jb-%s-list.ui", kind->name);
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (path);
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_builder_get_object (builder, "view"));

  /* Each column's id in the .ui file is the field it shows. */
  for (guint i = 0; i < kind->n_fields; i++)
    {
      GObject *column = gtk_builder_get_object (builder, kind->fields[i].name);
      if (!GTK_IS_COLUMN_VIEW_COLUMN (column))
        continue;
      const JbField *f = &kind->fields[i];
      g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkSorter) sorter =
        GTK_SORTER (gtk_custom_sorter_new (probe_order, column, NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) f);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), column);
      g_object_set_data (column, FIELD_KEY, GINT_TO_POINTER ((int) i + 1));
      gtk_column_view_column_set_title (GTK_COLUMN_VIEW_COLUMN (column), _(f->label));
      gtk_column_view_column_set_factory (GTK_COLUMN_VIEW_COLUMN (column), factory);
      gtk_column_view_column_set_sorter (GTK_COLUMN_VIEW_COLUMN (column), sorter);
      int width = content_width (GTK_WIDGET (view), f);
      if (width > 0)
        gtk_column_view_column_set_fixed_width (GTK_COLUMN_VIEW_COLUMN (column), width);
    }
  name_headers (view);
  GtkEventController *keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (table_key), view);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
  /* The list inside takes the focus while the table is empty. */
  if (list_of (view))
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_of (view)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _(kind->plural), -1);
  return g_object_ref_sink (view);
}

/* ---- widths the user gave ------------------------------------------------- */

/* "demand.title" in the settings' dictionary of widths. */
static char *
width_key (GtkColumnViewColumn *column, const JbKind *kind)
{
  return g_strdup_printf ("%s.%s", kind->name,
                          kind->fields[jb_record_columns_field (column)].name);
}

static void
width_changed (GtkColumnViewColumn *column, GParamSpec *pspec, GSettings *settings)
{
  const JbKind *kind = g_object_get_data (G_OBJECT (column), "jb-kind");
  g_autofree char *key = width_key (column, kind);
  g_autoptr (GVariant) widths = g_settings_get_value (settings, "column-widths");
  GVariantBuilder builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{si}"));
  GVariantIter iter;
  const char *name;
  int width;

  g_variant_iter_init (&iter, widths);
  while (g_variant_iter_next (&iter, "{&si}", &name, &width))
    if (g_strcmp0 (name, key) != 0)
      g_variant_builder_add (&builder, "{si}", name, width);
  g_variant_builder_add (&builder, "{si}", key, gtk_column_view_column_get_fixed_width (column));
  g_settings_set_value (settings, "column-widths", g_variant_builder_end (&builder));
}

void
jb_record_columns_remember_widths (GtkColumnView *view, const JbKind *kind, GSettings *settings)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr (GVariant) widths = g_settings_get_value (settings, "column-widths");

  for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
      int width;
      if (jb_record_columns_field (column) < 0)
        continue;
      g_autofree char *key = width_key (column, kind);
      /* A width too small to read is a slip of the mouse. */
      if (g_variant_lookup (widths, key, "i", &width) && width >= 24)
        gtk_column_view_column_set_fixed_width (column, width);
      g_object_set_data (G_OBJECT (column), "jb-kind", (gpointer) kind);
      g_signal_connect_object (column, "notify::fixed-width", G_CALLBACK (width_changed),
                               settings, 0);
    }
}

int
jb_record_columns_field (GtkColumnViewColumn *column)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), FIELD_KEY)) - 1;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record-columns.c: columns of a record table (see jb-record-columns.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-field-type.h"
#include "jb-record.h"
#include "jb-record-columns.h"

#define FIELD_KEY "jb-field"

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

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, const JbField *f)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  /* Amounts and numbers line up on the right. */
  gboolean numeric = f->type == JB_TYPE_MONEY || f->type == JB_TYPE_INT;
  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), numeric ? 1 : 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer field)
{
  JbRecord *record = gtk_list_item_get_item (item);
  g_autofree char *text = record ? jb_record_format_field (record, GPOINTER_TO_UINT (field))
                                 : NULL;
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
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
      g_autoptr (GtkSorter) sorter = jb_record_columns_sorter (kind, i);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) f);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      g_object_set_data (column, FIELD_KEY, GINT_TO_POINTER ((int) i + 1));
      gtk_column_view_column_set_title (GTK_COLUMN_VIEW_COLUMN (column), _(f->label));
      gtk_column_view_column_set_factory (GTK_COLUMN_VIEW_COLUMN (column), factory);
      gtk_column_view_column_set_sorter (GTK_COLUMN_VIEW_COLUMN (column), sorter);
    }
  return g_object_ref_sink (view);
}

int
jb_record_columns_field (GtkColumnViewColumn *column)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), FIELD_KEY)) - 1;
}

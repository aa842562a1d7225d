/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-history-view.c: the history rows of the store, in the user's words:
 * "15 Dec 2022 10:02  Status: Published → Matched". */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-field-type.h"
#include "jb-history-view.h"
#include "jb-match.h"

struct _JbHistoryView {
  GtkWidget parent_instance;
  GtkWidget *expander;
  GtkWidget *list;
};

G_DEFINE_FINAL_TYPE (JbHistoryView, jb_history_view, GTK_TYPE_WIDGET)

static char *
local_time (const char *at)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (at, NULL);
  if (utc == NULL)
    return g_strdup (at);
  g_autoptr (GDateTime) local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%x %H:%M");
}

static void
add_line (JbHistoryView *self, const char *when, const char *what)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = gtk_label_new (when);
  GtkWidget *text = gtk_label_new (what);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "numeric");
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_valign (time, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), time);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (self->list), row);
}

void
jb_history_view_show (JbHistoryView *self, JbStore *store, JbRecord *record)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (self->list)))
    gtk_box_remove (GTK_BOX (self->list), child);

  gtk_widget_set_visible (GTK_WIDGET (self), jb_record_get_id (record) != 0);
  if (jb_record_get_id (record) == 0)
    return;

  const JbKind *kind = jb_record_get_kind (record);
  g_autoptr (GPtrArray) entries = jb_store_history (store, jb_record_get_uuid (record), NULL);
  for (guint i = 0; entries && i < entries->len; i++)
    {
      JbHistoryEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *at = local_time (e->at);
      /* A team database says who did it. */
      g_autofree char *when = e->who ? g_strdup_printf (C_ ("history", "%s · %s"), at, e->who)
                                     : g_strdup (at);
      if (g_str_equal (e->action, "created"))
        add_line (self, when, C_("history", "Created"));
      else if (g_str_equal (e->action, "changed"))
        {
          int f = jb_kind_field_index (kind, e->field);
          /* A field that no longer exists keeps its history as written. */
          g_autofree char *old_value = f < 0 ? g_strdup (e->old_value ? e->old_value : "—")
                                       : jb_field_format_string (kind, (guint) f, e->old_value);
          g_autofree char *new_value = f < 0 ? g_strdup (e->new_value ? e->new_value : "—")
                                       : jb_field_format_string (kind, (guint) f, e->new_value);
          /* TRANSLATORS: a change: field, old value, new value */
          g_autofree char *what = g_strdup_printf (_("%s: %s → %s"),
                                                   f < 0 ? e->field : _(kind->fields[f].label),
                                                   old_value, new_value);
          add_line (self, when, what);
        }
      else
        {
          /* Matching's invitations and dismissals (jb-match.h). */
          g_autofree char *what = jb_match_describe_history (store, e);
          if (what)
            add_line (self, when, what);
        }
    }
}

static void
jb_history_view_dispose (GObject *object)
{
  JbHistoryView *self = JB_HISTORY_VIEW (object);
  g_clear_pointer (&self->expander, gtk_widget_unparent);
  G_OBJECT_CLASS (jb_history_view_parent_class)->dispose (object);
}

static void
jb_history_view_class_init (JbHistoryViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jb_history_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "jbhistoryview");
}

static void
jb_history_view_init (JbHistoryView *self)
{
  self->expander = gtk_expander_new (_("History"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("History"), -1);
  self->list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (self->list, 6);
  gtk_expander_set_child (GTK_EXPANDER (self->expander), self->list);
  gtk_widget_set_margin_top (self->expander, 18);
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));
}

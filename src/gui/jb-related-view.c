/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-related-view.c: groups of related records with counts and totals.
 *
 * The groups follow from the kind tables: every reference field of another
 * kind that points at the record's kind.  An event is different: what
 * belongs to it, or to its sessions, comes through JbFilter's event rule.
 * Each record is a button that opens it (win.open-record); each group of
 * direct references can add a new one (win.new-related). */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-date.h"
#include "jb-money.h"
#include "jb-related-view.h"

/* Enough to be useful beside a form; the table shows all of them. */
#define MAX_ROWS 30

struct _JbRelatedView {
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (JbRelatedView, jb_related_view, GTK_TYPE_WIDGET)

static void
clear (JbRelatedView *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
}

static GtkWidget *
record_button (JbRecord *row, const char *detail, gboolean alarming)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *heading = jb_record_get_heading (row);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *info = gtk_label_new (detail);

  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (info, alarming ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), info);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-record");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ux)",
                                    (guint32) jb_record_get_kind_id (row), jb_record_get_id (row));
  g_autofree char *name = detail && *detail
                          ? g_strdup_printf ("%s, %s", heading, detail)
                          : g_strdup (heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  return button;
}

/* What a row shows beside its title: its stage or status, and its amount. */
static char *
row_detail (JbRecord *row, const char *today, gboolean *alarming)
{
  const JbKind *kind = jb_record_get_kind (row);
  g_autoptr (GString) s = g_string_new (NULL);

  *alarming = FALSE;
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (!(f->flags & JB_FIELD_LISTED) || !jb_record_is_set (row, i) ||
          (f->type != JB_TYPE_ENUM && f->type != JB_TYPE_MONEY) ||
          g_strcmp0 (f->name, "province") == 0 || g_strcmp0 (f->name, "industry") == 0)
        continue;
      g_autofree char *text = jb_record_format_field (row, i);
      if (s->len)
        g_string_append (s, " · ");
      g_string_append (s, text);
    }
  if (kind->ops->describe)
    {
      g_autofree char *state = kind->ops->describe (row, today, alarming);
      if (s->len)
        g_string_append (s, " · ");
      g_string_append (s, state);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
add_heading (JbRelatedView *self, const char *text, GtkWidget *button)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (button)
    gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

static void
add_label (JbRelatedView *self, const char *text, gboolean alarming)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, alarming ? "error" : "dim-label");
  gtk_widget_set_parent (label, GTK_WIDGET (self));
}

/* "Intended investment: 4,960万元" for each listed amount of the rows. */
static void
add_totals (JbRelatedView *self, const JbKind *kind, GPtrArray *rows)
{
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (f->type != JB_TYPE_MONEY || !(f->flags & JB_FIELD_LISTED))
        continue;
      gint64 total = 0;
      for (guint r = 0; r < rows->len; r++)
        if (jb_record_is_set (g_ptr_array_index (rows, r), i))
          total += jb_record_get_int (g_ptr_array_index (rows, r), i);
      g_autofree char *amount = jb_money_format (total);
      /* TRANSLATORS: a total, e.g. "Total contract amount: 318万元" */
      g_autofree char *text = g_strdup_printf (_("Total %s: %s"), _(f->label), amount);
      add_label (self, text, FALSE);
    }
}

/* What the kind says about its rows under @parent, or the totals of the
 * listed amounts. */
static void
add_summary (JbRelatedView *self, JbStore *store, JbRecord *parent, const JbKind *kind,
             GPtrArray *rows, const char *today)
{
  if (kind->ops->summarize == NULL)
    {
      if (rows->len > 1)
        add_totals (self, kind, rows);
      return;
    }
  g_autoptr (GPtrArray) lines = kind->ops->summarize (store, parent, today);
  for (guint i = 0; i < lines->len; i++)
    {
      JbSummaryLine *line = g_ptr_array_index (lines, i);
      add_label (self, line->text, line->alarming);
    }
}

/* Groups shown even when empty, so that their first record is one click away:
 * a deal's payments, a demand's solutions and deals, the deal of a solution
 * or an achievement. */
static gboolean
is_natural_child (const JbField *via)
{
  return (via->flags & (JB_FIELD_PART_OF | JB_FIELD_CHILDREN)) != 0;
}

/* The number of @kind's references that point at @target. */
static guint
n_refs_to (const JbKind *kind, JbKindId target)
{
  guint n = 0;
  for (guint i = 0; i < kind->n_fields; i++)
    n += kind->fields[i].type == JB_TYPE_REF && kind->fields[i].ref_kind == target;
  return n;
}

static void
add_group (JbRelatedView *self, JbStore *store, JbRecord *record, GPtrArray *rows,
           const JbKind *kind, const JbField *via, const char *today)
{
  /* A group that can grow gets a button for a new record pointing here. */
  GtkWidget *add = NULL;
  if (via)
    {
      add = gtk_button_new_from_icon_name ("list-add-symbolic");
      gtk_widget_add_css_class (add, "flat");
      g_autofree char *tip = g_strdup_printf (_("New %s here"), _(kind->label));
      gtk_widget_set_tooltip_text (add, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.new-related");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "(usx)", (guint32) kind->id,
                                        via->name, jb_record_get_id (record));
    }
  if (rows->len == 0 && add == NULL)
    return;

  g_autofree char *heading = NULL;
  if (via && n_refs_to (kind, jb_record_get_kind_id (record)) > 1)
    /* TRANSLATORS: related records by their role, e.g. "Deals as demand side (2)" */
    heading = g_strdup_printf (_("%s as %s (%u)"), _(kind->plural), _(via->label), rows->len);
  else
    /* TRANSLATORS: a group of related records and how many, e.g. "Solutions (3)" */
    heading = g_strdup_printf (_("%s (%u)"), _(kind->plural), rows->len);
  add_heading (self, heading, add);
  if (via)
    add_summary (self, store, record, kind, rows, today);
  else if (rows->len > 1)
    add_totals (self, kind, rows);
  for (guint r = 0; r < rows->len && r < MAX_ROWS; r++)
    {
      gboolean alarming;
      g_autofree char *detail = row_detail (g_ptr_array_index (rows, r), today, &alarming);
      gtk_widget_set_parent (record_button (g_ptr_array_index (rows, r), detail, alarming),
                             GTK_WIDGET (self));
    }
  if (rows->len > MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), rows->len - MAX_ROWS);
      add_label (self, more, FALSE);
    }
}

/* The button below @widget bound to @action with @target. */
static GtkWidget *
find_actionable (GtkWidget *widget, const char *action, GVariant *target)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    {
      GVariant *t = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
      if ((t == NULL && target == NULL) || (t && target && g_variant_equal (t, target)))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action, target);
      if (found)
        return found;
    }
  return NULL;
}

static void
fill (JbRelatedView *self, JbStore *store, JbRecord *record);

void
jb_related_view_show (JbRelatedView *self, JbStore *store, JbRecord *record)
{
  /* Shown again while the user is on one of its buttons (the store changed):
   * the focus stays on the same button. */
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  g_autofree char *action = NULL;
  g_autoptr (GVariant) target = NULL;
  for (GtkWidget *w = focus; w && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (GTK_IS_ACTIONABLE (w) && gtk_widget_is_ancestor (w, GTK_WIDGET (self)))
      {
        action = g_strdup (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)));
        GVariant *t = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (w));
        target = t ? g_variant_ref (t) : NULL;
        break;
      }

  fill (self, store, record);
  if (action)
    {
      GtkWidget *again = find_actionable (GTK_WIDGET (self), action, target);
      if (again)
        gtk_widget_grab_focus (again);
    }
}

static void
fill (JbRelatedView *self, JbStore *store, JbRecord *record)
{
  const JbKind *target = jb_record_get_kind (record);
  gint64 id = jb_record_get_id (record);
  g_autofree char *today = jb_date_today ();

  clear (self);
  if (id == 0)
    return;

  /* What happened at an event or at its sessions: its kind says which kinds. */
  g_autofree char *event = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  for (guint p = 0; target->event_parts && target->event_parts[p] != JB_N_KINDS; p++)
    {
      const JbKind *part = jb_kind_get (target->event_parts[p]);
      g_autoptr (JbFilter) filter = jb_filter_new (part->id, NULL);
      jb_filter_add (filter, JB_MATCH_IN_EVENT, NULL, event);
      g_autoptr (GPtrArray) rows = jb_store_list_filtered (store, part->id, filter, NULL, NULL);
      /* A kind that points at its event directly can add one here. */
      const JbField *via = NULL;
      for (guint i = 0; i < part->n_fields && via == NULL; i++)
        if (part->fields[i].type == JB_TYPE_REF && part->fields[i].ref_kind == target->id &&
            g_strv_contains (part->in_event, part->fields[i].name))
          via = &part->fields[i];
      if (rows)
        add_group (self, store, record, rows, part, via, today);
    }

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          if (f->type != JB_TYPE_REF || f->ref_kind != target->id)
            continue;
          /* An event's parts were listed above, with their sessions'. */
          if (target->event_parts && k != target->id)
            continue;
          g_autoptr (GPtrArray) rows = jb_store_list_referring (store, k, f->name, id, NULL);
          if (rows && (rows->len > 0 || is_natural_child (f)))
            add_group (self, store, record, rows, kind, f, today);
        }
    }
}

static void
jb_related_view_dispose (GObject *object)
{
  clear (JB_RELATED_VIEW (object));
  G_OBJECT_CLASS (jb_related_view_parent_class)->dispose (object);
}

static void
jb_related_view_class_init (JbRelatedViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jb_related_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "jbrelatedview");
}

static void
jb_related_view_init (JbRelatedView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
}

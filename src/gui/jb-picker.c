/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-picker.c: a choice among many (see jb-picker.h).
 *
 * GtkDropDown in GTK 4.8 is named "GtkToggleButton" for screen readers, says
 * neither its field nor its value, and chooses its selected row, not the one
 * the focus is on, on Return.  Here the button is the control a screen
 * reader names, and the list is a GtkListBox whose rows take the focus. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jb-a11y.h"
#include "jb-picker.h"

/* Rows shown at once: enough to scroll through, few enough to build as the
 * user types; "type more" says the rest are there. */
#define LIMIT 200

struct _JbPicker {
  GtkButton parent_instance;

  char *title;
  char *text;
  gint64 key;
  JbPickerSource source;
  gpointer source_data;
  GDestroyNotify source_destroy;

  GtkWidget *label;
  GtkWidget *popover;
  GtkWidget *search;
  GtkWidget *list;
  GtkWidget *note;      /* "12 more: type to narrow the list", "Nothing matches" */
  GArray *keys;         /* gint64 per row of list */
};

G_DEFINE_FINAL_TYPE (JbPicker, jb_picker, GTK_TYPE_BUTTON)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_name (JbPicker *self)
{
  gboolean chosen = self->text && *self->text;
  gtk_label_set_text (GTK_LABEL (self->label), chosen ? self->text : _("Choose…"));
  if (chosen)
    gtk_widget_remove_css_class (self->label, "dim-label");
  else
    gtk_widget_add_css_class (self->label, "dim-label");
  gtk_widget_set_tooltip_text (self->label, chosen ? self->text : NULL);

  /* TRANSLATORS: a drop-down's accessible name: the field and its value,
   * e.g. "Owner: Shanghai Boiler Works" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), self->title ? self->title : "",
                                           chosen ? self->text : _("not chosen"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title ? name : (chosen ? self->text : _("Choose…")), -1);
  /* A mnemonic label beside it would say the title a second time. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* ---- the list ----------------------------------------------------------- */

static GtkWidget *
make_row (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return row;
}

static void
fill (JbPicker *self)
{
  const char *query = gtk_widget_get_visible (self->search)
                      ? gtk_editable_get_text (GTK_EDITABLE (self->search)) : "";
  g_autoptr (GtkStringList) texts = gtk_string_list_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_array_set_size (self->keys, 0);
  guint total = self->source ? self->source (query, LIMIT, texts, self->keys, self->source_data)
                             : 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (texts));
  g_return_if_fail (n == self->keys->len);

  GtkListBoxRow *chosen = NULL;
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = make_row (gtk_string_list_get_string (texts, i));
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
      if (g_array_index (self->keys, gint64, i) == self->key && *query == '\0')
        chosen = GTK_LIST_BOX_ROW (row);
    }
  /* Return in the search field takes the first match. */
  if (chosen == NULL)
    chosen = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0);
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), chosen);

  g_autofree char *note = NULL;
  if (n == 0)
    note = g_strdup_printf (_("Nothing matches “%s”."), query);
  else if (total > n)
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more: type to narrow the list.",
                                         "%u more: type to narrow the list.", total - n),
                            total - n);
  gtk_label_set_text (GTK_LABEL (self->note), note ? note : "");
  gtk_widget_set_visible (self->note, note != NULL);
}

static void
choose_row (JbPicker *self, GtkListBoxRow *row)
{
  int i = row ? gtk_list_box_row_get_index (row) : -1;
  if (i < 0 || (guint) i >= self->keys->len)
    return;
  GtkWidget *label = gtk_list_box_row_get_child (row);
  jb_picker_set_choice (self, g_array_index (self->keys, gint64, i),
                        gtk_label_get_text (GTK_LABEL (label)));
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
row_activated (JbPicker *self, GtkListBoxRow *row)
{
  choose_row (self, row);
}

static void
search_activated (JbPicker *self)
{
  choose_row (self, gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list)));
}

static void
focus_list (JbPicker *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0);
  if (row)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Down from the search field goes into the list; Up from its first row
 * comes back. */
static gboolean
search_key (GtkEventControllerKey *controller, guint keyval, guint keycode,
            GdkModifierType state, JbPicker *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down || keyval == GDK_KEY_Page_Down) &&
      !(state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)))
    {
      focus_list (self);
      return TRUE;
    }
  return FALSE;
}

static gboolean
list_keynav_failed (JbPicker *self, GtkDirectionType direction)
{
  if (direction == GTK_DIR_UP && gtk_widget_get_visible (self->search))
    return gtk_widget_grab_focus (self->search);
  return FALSE;
}

static void
popover_shown (JbPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  fill (self);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, TRUE, -1);
  /* Typing searches at once; a short list is read row by row. */
  if (gtk_widget_get_visible (self->search))
    gtk_widget_grab_focus (self->search);
  else
    focus_list (self);
}

static void
popover_closed (JbPicker *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
}

/* ---- the widget ------------------------------------------------------------ */

static void
jb_picker_clicked (GtkButton *button)
{
  JbPicker *self = JB_PICKER (button);
  /* As wide as the button at least: the list lines up under it. */
  gtk_widget_set_size_request (self->popover, gtk_widget_get_width (GTK_WIDGET (self)), -1);
  jb_a11y_popup (GTK_POPOVER (self->popover));
}

static void
jb_picker_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  JbPicker *self = JB_PICKER (widget);
  GTK_WIDGET_CLASS (jb_picker_parent_class)->size_allocate (widget, width, height, baseline);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
jb_picker_dispose (GObject *object)
{
  JbPicker *self = JB_PICKER (object);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  if (self->source_destroy)
    self->source_destroy (self->source_data);
  self->source_destroy = NULL;
  self->source = NULL;
  G_OBJECT_CLASS (jb_picker_parent_class)->dispose (object);
}

static void
jb_picker_finalize (GObject *object)
{
  JbPicker *self = JB_PICKER (object);
  g_free (self->title);
  g_free (self->text);
  g_array_unref (self->keys);
  G_OBJECT_CLASS (jb_picker_parent_class)->finalize (object);
}

static void
jb_picker_class_init (JbPickerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jb_picker_dispose;
  G_OBJECT_CLASS (klass)->finalize = jb_picker_finalize;
  GTK_WIDGET_CLASS (klass)->size_allocate = jb_picker_size_allocate;
  GTK_BUTTON_CLASS (klass)->clicked = jb_picker_clicked;

  /* JbPicker::changed: the user chose something. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "button");
}

static void
jb_picker_init (JbPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = g_object_new (GTK_TYPE_IMAGE, "icon-name", "pan-down-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  self->keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->label), 6);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 48);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_button_set_child (GTK_BUTTON (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  -1);

  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->search = gtk_search_entry_new ();
  gtk_widget_set_visible (self->search, FALSE);
  GtkEventController *keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key), self);
  gtk_widget_add_controller (self->search, keys);
  g_signal_connect_swapped (self->search, "changed", G_CALLBACK (fill), self);
  g_signal_connect_swapped (self->search, "activate", G_CALLBACK (search_activated), self);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_BROWSE);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated), self);
  g_signal_connect_swapped (self->list, "keynav-failed", G_CALLBACK (list_keynav_failed), self);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search), self->list);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);

  self->note = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->note), 0);
  gtk_widget_add_css_class (self->note, "dim-label");
  gtk_widget_set_visible (self->note, FALSE);

  gtk_box_append (GTK_BOX (content), self->search);
  gtk_box_append (GTK_BOX (content), scroller);
  gtk_box_append (GTK_BOX (content), self->note);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), content);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (popover_shown), self);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (popover_closed), self);
  update_name (self);
}

GtkWidget *
jb_picker_new (void)
{
  return g_object_new (JB_TYPE_PICKER, NULL);
}

void
jb_picker_set_title (JbPicker *self, const char *title)
{
  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  update_name (self);
}

const char *
jb_picker_get_title (JbPicker *self)
{
  return self->title;
}

void
jb_picker_set_source (JbPicker *self, JbPickerSource source, gpointer data,
                      GDestroyNotify destroy)
{
  if (self->source_destroy)
    self->source_destroy (self->source_data);
  self->source = source;
  self->source_data = data;
  self->source_destroy = destroy;
}

static guint
strings_source (const char *query, guint limit, GtkStringList *texts, GArray *keys,
                gpointer data)
{
  GListModel *items = data;
  g_autofree char *needle = g_utf8_casefold (query, -1);
  guint total = 0;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (items), i);
      g_autofree char *folded = g_utf8_casefold (text, -1);
      if (*needle && strstr (folded, needle) == NULL)
        continue;
      if (total++ < limit)
        {
          gint64 key = i;
          gtk_string_list_append (texts, text);
          g_array_append_val (keys, key);
        }
    }
  return total;
}

void
jb_picker_set_strings (JbPicker *self, GtkStringList *items)
{
  jb_picker_set_source (self, strings_source, items, g_object_unref);
}

void
jb_picker_set_position (JbPicker *self, guint position)
{
  g_return_if_fail (self->source == strings_source);
  jb_picker_set_choice (self, position,
                        gtk_string_list_get_string (GTK_STRING_LIST (self->source_data), position));
}

void
jb_picker_set_searchable (JbPicker *self, gboolean searchable)
{
  gtk_widget_set_visible (self->search, searchable);
}

void
jb_picker_set_choice (JbPicker *self, gint64 key, const char *text)
{
  self->key = key;
  if (self->text != text)
    {
      g_free (self->text);
      self->text = g_strdup (text);
    }
  update_name (self);
}

gint64
jb_picker_get_key (JbPicker *self)
{
  return self->key;
}

const char *
jb_picker_get_text (JbPicker *self)
{
  return self->text;
}

gboolean
jb_picker_pick_text (JbPicker *self, const char *text)
{
  g_autoptr (GtkStringList) texts = gtk_string_list_new (NULL);
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->source == NULL)
    return FALSE;
  /* Searched for, as a person would type it (a source may be a table of a
   * million rows); then among the first choices offered, for those a search
   * does not find ("(none)"). */
  for (guint pass = 0; pass < 2; pass++)
    {
      self->source (pass == 0 ? text : "", LIMIT, texts, keys, self->source_data);
      for (guint i = 0; i < keys->len; i++)
        if (g_strcmp0 (gtk_string_list_get_string (texts, i), text) == 0)
          {
            jb_picker_set_choice (self, g_array_index (keys, gint64, i), text);
            g_signal_emit (self, signals[CHANGED], 0);
            return TRUE;
          }
      gtk_string_list_splice (texts, 0, g_list_model_get_n_items (G_LIST_MODEL (texts)), NULL);
      g_array_set_size (keys, 0);
    }
  return FALSE;
}

GtkWidget *
jb_picker_get_search_entry (JbPicker *self)
{
  return self->search;
}

GtkWidget *
jb_picker_get_popover (JbPicker *self)
{
  return self->popover;
}

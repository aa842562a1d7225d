/* jb-field-editor.c: the input for one field of a record.
 *
 * Editors lay their fields out in .ui files as <object class="JbFieldEditor">
 * with the kind and field names; which input a field needs (entry, amount with
 * unit, date with calendar, drop-down…) follows from the field's type in
 * jb-kind.c, so it is chosen here rather than spelled out in every .ui file. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-date.h"
#include "jb-field-editor.h"
#include "jb-money.h"

struct _JbFieldEditor {
  GtkWidget parent_instance;

  char *kind_name;
  char *field_name;
  const JbKind *kind;
  const JbField *field;
  guint index;

  GtkWidget *label;
  GtkWidget *input;       /* what the user types into or picks from */
  GtkWidget *unit;        /* money: 元 / 万元 */
  GtkWidget *calendar;    /* dates */
  GtkWidget *open_button; /* references: open the record chosen */
  GtkWidget *error_label;
  GtkWidget *hint;        /* references with nothing to choose from yet */

  JbStore *store;
  GArray *ref_ids;        /* references: the record id of each drop-down item */
  gboolean optional_choice; /* drop-downs: item 0 means "not set" */
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (JbFieldEditor, jb_field_editor, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_KIND, PROP_FIELD, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
emit_changed (JbFieldEditor *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_calendar_day_selected (GtkCalendar *calendar, JbFieldEditor *self)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->input), iso);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (calendar),
                                                             GTK_TYPE_POPOVER)));
}

static void
setup_choice (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (choice));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (choice));
}

/* Takes @items.  Long names (events, organizations) are ellipsized: the
 * default factory would make the form as wide as the longest one. */
static GtkWidget *
make_drop_down (JbFieldEditor *self, GtkStringList *items)
{
  GtkWidget *dd = gtk_drop_down_new (G_LIST_MODEL (items), NULL);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dd), factory);
  g_signal_connect_swapped (dd, "notify::selected", G_CALLBACK (emit_changed), self);
  return dd;
}

static gint64
selected_ref (JbFieldEditor *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->input));
  return self->ref_ids && pos < self->ref_ids->len ? g_array_index (self->ref_ids, gint64, pos) : 0;
}

/* The arrow beside a reference opens the record chosen (win.open-record). */
static void
update_open_button (JbFieldEditor *self)
{
  gint64 id = selected_ref (self);
  if (id > 0)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "(ux)",
                                      (guint32) self->field->ref_kind, id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button),
                                  id > 0 ? "win.open-record" : NULL);
  gtk_widget_set_sensitive (self->open_button, id > 0);
}

static GtkWidget *
build_money (JbFieldEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *units[] = { _("yuan"), _("10k yuan"), NULL };

  gtk_widget_add_css_class (box, "linked");
  self->input = gtk_entry_new ();
  gtk_widget_set_hexpand (self->input, TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->input), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->input), _("e.g. 125000 or 12.5万"));
  self->unit = gtk_drop_down_new_from_strings (units);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->unit), jb_money_default_unit ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unit of the amount"), -1);
  gtk_box_append (GTK_BOX (box), self->input);
  gtk_box_append (GTK_BOX (box), self->unit);
  return box;
}

static GtkWidget *
build_date (JbFieldEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_add_css_class (box, "linked");
  self->input = gtk_entry_new ();
  gtk_widget_set_hexpand (self->input, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->input), _("YYYY-MM-DD"));
  self->calendar = gtk_calendar_new ();
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (on_calendar_day_selected), self);
  gtk_popover_set_child (GTK_POPOVER (popover), self->calendar);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_tooltip_text (button, _("Pick a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pick a date"), -1);
  gtk_box_append (GTK_BOX (box), self->input);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static GtkWidget *
build_input (JbFieldEditor *self)
{
  switch (self->field->type)
    {
    case JB_TYPE_TEXT:
    case JB_TYPE_INT:
      self->input = gtk_entry_new ();
      if (self->field->type == JB_TYPE_INT)
        {
          /* TRANSLATORS: the range of a whole number, e.g. "1 to 9" */
          g_autofree char *hint = g_strdup_printf (_("%lld to %lld"), (long long) self->field->min,
                                                   (long long) self->field->max);
          gtk_entry_set_input_purpose (GTK_ENTRY (self->input), GTK_INPUT_PURPOSE_DIGITS);
          gtk_entry_set_placeholder_text (GTK_ENTRY (self->input), hint);
        }
      return self->input;
    case JB_TYPE_LONG_TEXT:
      {
        GtkWidget *scroller = gtk_scrolled_window_new ();
        self->input = gtk_text_view_new ();
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->input), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->input), FALSE);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->input), 6);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->input), 6);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->input), 4);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->input), 4);
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->input);
        gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
        gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 72);
        gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                        GTK_POLICY_AUTOMATIC);
        gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
        gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
        g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->input)),
                                  "changed", G_CALLBACK (emit_changed), self);
        return scroller;
      }
    case JB_TYPE_MONEY:
      return build_money (self);
    case JB_TYPE_DATE:
      return build_date (self);
    case JB_TYPE_ENUM:
      {
        GtkStringList *items = gtk_string_list_new (NULL);
        self->optional_choice = !(self->field->flags & JB_FIELD_REQUIRED);
        if (self->optional_choice)
          gtk_string_list_append (items, _("(not set)"));
        for (guint i = 0; i < self->field->enumeration->n_values; i++)
          gtk_string_list_append (items, _(self->field->enumeration->values[i].label));
        return self->input = make_drop_down (self, items);
      }
    case JB_TYPE_REF:
      {
        GtkStringList *items = gtk_string_list_new (NULL);
        g_autoptr (GtkExpression) expression =
          gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
        self->optional_choice = !(self->field->flags & JB_FIELD_REQUIRED);
        self->input = make_drop_down (self, items);
        gtk_widget_set_hexpand (self->input, TRUE);
        gtk_drop_down_set_expression (GTK_DROP_DOWN (self->input), expression);
        gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->input), TRUE);
        g_signal_connect_swapped (self->input, "notify::selected", G_CALLBACK (update_open_button),
                                  self);
        self->open_button = gtk_button_new_from_icon_name ("go-next-symbolic");
        g_autofree char *tip = g_strdup_printf (_("Open the %s"), _(jb_kind_get (self->field->ref_kind)->label));
        gtk_widget_set_tooltip_text (self->open_button, tip);
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
        gtk_widget_add_css_class (box, "linked");
        gtk_box_append (GTK_BOX (box), self->input);
        gtk_box_append (GTK_BOX (box), self->open_button);
        update_open_button (self);
        return box;
      }
    case JB_TYPE_BOOL:
      {
        /* A wrapping label: a long one must not widen the whole form. */
        GtkWidget *label = gtk_label_new (_(self->field->label));
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        self->input = gtk_check_button_new ();
        gtk_check_button_set_child (GTK_CHECK_BUTTON (self->input), label);
      }
      g_signal_connect_swapped (self->input, "toggled", G_CALLBACK (emit_changed), self);
      return self->input;
    default:
      g_assert_not_reached ();
    }
}

static void
jb_field_editor_constructed (GObject *object)
{
  JbFieldEditor *self = JB_FIELD_EDITOR (object);

  G_OBJECT_CLASS (jb_field_editor_parent_class)->constructed (object);

  self->kind = jb_kind_by_name (self->kind_name);
  int index = self->kind ? jb_kind_field_index (self->kind, self->field_name) : -1;
  if (index < 0)
    g_error ("JbFieldEditor: no field “%s” in kind “%s”", self->field_name, self->kind_name);
  self->index = (guint) index;
  self->field = &self->kind->fields[index];

  const char *label = _(self->field->label);
  g_autofree char *text = self->field->flags & JB_FIELD_REQUIRED
                          ? g_strdup_printf (_("%s (required)"), label) : g_strdup (label);
  self->label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_widget_add_css_class (self->label, "dim-label");
  GtkWidget *input = build_input (self);
  if (GTK_IS_EDITABLE (self->input))
    {
      /* Let the form, not the placeholder text, decide the width. */
      gtk_editable_set_width_chars (GTK_EDITABLE (self->input), 6);
      g_signal_connect_swapped (self->input, "changed", G_CALLBACK (emit_changed), self);
    }
  if (self->unit)
    g_signal_connect_swapped (self->unit, "notify::selected", G_CALLBACK (emit_changed), self);
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);

  self->hint = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->hint), 0);
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_widget_add_css_class (self->hint, "dim-label");
  gtk_widget_set_visible (self->hint, FALSE);

  /* A check button carries its own label. */
  if (self->field->type != JB_TYPE_BOOL)
    gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_parent (input, GTK_WIDGET (self));
  gtk_widget_set_parent (self->hint, GTK_WIDGET (self));
  gtk_widget_set_parent (self->error_label, GTK_WIDGET (self));

  gtk_widget_set_name (self->input, self->field->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->input), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  if (self->field->flags & JB_FIELD_REQUIRED)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->input),
                                    GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->input),
                                  GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, self->error_label,
                                  -1);
}

static void
jb_field_editor_dispose (GObject *object)
{
  JbFieldEditor *self = JB_FIELD_EDITOR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ref_ids, g_array_unref);

  G_OBJECT_CLASS (jb_field_editor_parent_class)->dispose (object);
}

static void
jb_field_editor_finalize (GObject *object)
{
  JbFieldEditor *self = JB_FIELD_EDITOR (object);
  g_free (self->kind_name);
  g_free (self->field_name);
  G_OBJECT_CLASS (jb_field_editor_parent_class)->finalize (object);
}

static void
jb_field_editor_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  JbFieldEditor *self = JB_FIELD_EDITOR (object);
  switch (prop_id)
    {
    case PROP_KIND:
      self->kind_name = g_value_dup_string (value);
      break;
    case PROP_FIELD:
      self->field_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jb_field_editor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JbFieldEditor *self = JB_FIELD_EDITOR (object);
  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind_name);
      break;
    case PROP_FIELD:
      g_value_set_string (value, self->field_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
jb_field_editor_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (JB_FIELD_EDITOR (widget)->input);
}

static void
jb_field_editor_class_init (JbFieldEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = jb_field_editor_constructed;
  object_class->dispose = jb_field_editor_dispose;
  object_class->finalize = jb_field_editor_finalize;
  object_class->set_property = jb_field_editor_set_property;
  object_class->get_property = jb_field_editor_get_property;
  widget_class->grab_focus = jb_field_editor_grab_focus;

  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* JbFieldEditor::changed: the user changed the value. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jbfieldeditor");
}

static void
jb_field_editor_init (JbFieldEditor *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
}

const JbField *
jb_field_editor_get_field (JbFieldEditor *self)
{
  return self->field;
}

guint
jb_field_editor_get_index (JbFieldEditor *self)
{
  return self->index;
}

GtkWidget *
jb_field_editor_get_input (JbFieldEditor *self)
{
  return self->input;
}

void
jb_field_editor_reload_choices (JbFieldEditor *self)
{
  if (self->field->type != JB_TYPE_REF || self->store == NULL)
    return;

  g_autoptr (GPtrArray) rows = jb_store_list (self->store, self->field->ref_kind, NULL, NULL);
  g_autoptr (GtkStringList) items = gtk_string_list_new (NULL);
  gint64 current = selected_ref (self);

  g_clear_pointer (&self->ref_ids, g_array_unref);
  self->ref_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->optional_choice)
    {
      gint64 none = 0;
      gtk_string_list_append (items, _("(none)"));
      g_array_append_val (self->ref_ids, none);
    }
  for (guint i = 0; rows && i < rows->len; i++)
    {
      JbRecord *row = g_ptr_array_index (rows, i);
      gint64 id = jb_record_get_id (row);
      gtk_string_list_append (items, jb_record_get_title (row));
      g_array_append_val (self->ref_ids, id);
    }

  /* Say where the first one comes from, rather than offer an empty list. */
  const JbKind *target = jb_kind_get (self->field->ref_kind);
  g_autofree char *hint = g_strdup_printf (_("Nothing to choose yet: add one on the page “%s”."),
                                           _(target->plural));
  gtk_label_set_text (GTK_LABEL (self->hint), hint);
  gtk_widget_set_visible (self->hint, !self->optional_choice && (rows == NULL || rows->len == 0));

  gboolean was_loading = self->loading;
  self->loading = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->input), G_LIST_MODEL (items));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < self->ref_ids->len; i++)
    if (g_array_index (self->ref_ids, gint64, i) == current)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), i);
  self->loading = was_loading;
}

void
jb_field_editor_set_store (JbFieldEditor *self, JbStore *store)
{
  if (g_set_object (&self->store, store))
    jb_field_editor_reload_choices (self);
}

static void
set_text_view (GtkWidget *view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
}

static char *
get_text_view (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
jb_field_editor_load (JbFieldEditor *self, JbRecord *record)
{
  guint i = self->index;
  gboolean set = jb_record_is_set (record, i);

  self->loading = TRUE;
  jb_field_editor_set_error (self, NULL);
  switch (self->field->type)
    {
    case JB_TYPE_TEXT:
    case JB_TYPE_DATE:
      gtk_editable_set_text (GTK_EDITABLE (self->input),
                             set ? jb_record_get_text (record, i) : "");
      break;
    case JB_TYPE_LONG_TEXT:
      set_text_view (self->input, set ? jb_record_get_text (record, i) : "");
      break;
    case JB_TYPE_INT:
      {
        g_autofree char *text = jb_record_field_to_string (record, i);
        gtk_editable_set_text (GTK_EDITABLE (self->input), text ? text : "");
      }
      break;
    case JB_TYPE_MONEY:
      {
        JbMoneyUnit unit = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit));
        g_autofree char *text = set ? jb_money_to_decimal (jb_record_get_int (record, i), unit)
                                    : NULL;
        gtk_editable_set_text (GTK_EDITABLE (self->input), text ? text : "");
      }
      break;
    case JB_TYPE_ENUM:
      {
        int index = set ? jb_enum_index (self->field->enumeration,
                                         jb_record_get_text (record, i)) : -1;
        guint pos = index < 0 ? (self->optional_choice ? 0 : GTK_INVALID_LIST_POSITION)
                              : (guint) index + (self->optional_choice ? 1 : 0);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), pos);
      }
      break;
    case JB_TYPE_REF:
      {
        gint64 id = set ? jb_record_get_int (record, i) : 0;
        guint pos = GTK_INVALID_LIST_POSITION;
        for (guint k = 0; self->ref_ids && k < self->ref_ids->len; k++)
          if (g_array_index (self->ref_ids, gint64, k) == id)
            pos = k;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), pos);
      }
      break;
    case JB_TYPE_BOOL:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->input),
                                   set && jb_record_get_int (record, i));
      break;
    default:
      g_assert_not_reached ();
    }
  self->loading = FALSE;
}

gboolean
jb_field_editor_collect (JbFieldEditor *self, JbRecord *record)
{
  guint i = self->index;
  g_autofree char *text = NULL;

  if (GTK_IS_EDITABLE (self->input))
    text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input))));

  switch (self->field->type)
    {
    case JB_TYPE_TEXT:
      jb_record_set_text (record, i, text);
      return TRUE;
    case JB_TYPE_LONG_TEXT:
      {
        g_autofree char *long_text = get_text_view (self->input);
        g_strchomp (long_text);
        jb_record_set_text (record, i, long_text);
      }
      return TRUE;
    case JB_TYPE_INT:
      {
        gint64 value;
        if (*text == '\0')
          jb_record_unset (record, i);
        else if (g_ascii_string_to_signed (text, 10, self->field->min, self->field->max, &value,
                                           NULL))
          jb_record_set_int (record, i, value);
        else
          {
            g_autofree char *message =
              g_strdup_printf (_("Enter a whole number from %lld to %lld."),
                               (long long) self->field->min, (long long) self->field->max);
            jb_field_editor_set_error (self, message);
            return FALSE;
          }
      }
      return TRUE;
    case JB_TYPE_MONEY:
      {
        g_autoptr (GError) error = NULL;
        gint64 fen;
        JbMoneyUnit unit = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit));
        if (*text == '\0')
          jb_record_unset (record, i);
        else if (jb_money_parse (text, unit, &fen, &error))
          jb_record_set_int (record, i, fen);
        else
          {
            jb_field_editor_set_error (self, error->message);
            return FALSE;
          }
      }
      return TRUE;
    case JB_TYPE_DATE:
      {
        g_autofree char *iso = jb_date_normalize (text);
        if (*text == '\0')
          jb_record_unset (record, i);
        else if (iso)
          jb_record_set_text (record, i, iso);
        else
          {
            g_autofree char *message =
              g_strdup_printf (_("“%s” is not a date. Write it as 2026-12-15."), text);
            jb_field_editor_set_error (self, message);
            return FALSE;
          }
      }
      return TRUE;
    case JB_TYPE_ENUM:
      {
        guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->input));
        guint offset = self->optional_choice ? 1 : 0;
        if (pos == GTK_INVALID_LIST_POSITION || pos < offset)
          jb_record_unset (record, i);
        else
          jb_record_set_text (record, i, self->field->enumeration->values[pos - offset].code);
      }
      return TRUE;
    case JB_TYPE_REF:
      {
        gint64 id = selected_ref (self);
        if (id > 0)
          jb_record_set_int (record, i, id);
        else
          jb_record_unset (record, i);
      }
      return TRUE;
    case JB_TYPE_BOOL:
      jb_record_set_int (record, i, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->input)));
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

void
jb_field_editor_set_error (JbFieldEditor *self, const char *message)
{
  gboolean invalid = message != NULL;

  gtk_label_set_text (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, invalid);
  if (invalid)
    gtk_widget_add_css_class (self->input, "error");
  else
    gtk_widget_remove_css_class (self->input, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->input), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (invalid)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->input),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->input),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-field-editor.c: the input for one field of a record, with its label,
 * its hint and its error.
 *
 * Editors lay their fields out in .ui files as <object class="JbFieldEditor">
 * with the kind and field names; which input a field needs (entry, amount with
 * unit, date with calendar, drop-down…) follows from the field's type in
 * jb-kind-*.c and is built by jb-field-input.c. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-field-editor.h"
#include "jb-field-input.h"
#include "jb-picker.h"

struct _JbFieldEditor {
  GtkWidget parent_instance;

  char *kind_name;
  char *field_name;
  const JbKind *kind;
  guint index;
  const JbFieldInputOps *ops;
  JbFieldInput in;

  GtkWidget *label;
  GtkWidget *error_label;
  gboolean loading;
  gboolean touched;  /* the user changed the input since it was loaded */
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
    {
      self->touched = TRUE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static GtkWidget *
make_note (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_visible (label, FALSE);
  return label;
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
  const JbField *field = &self->kind->fields[index];
  self->in.field = field;
  self->in.changed = G_CALLBACK (emit_changed);
  self->in.data = self;
  self->ops = jb_field_input_ops (field->type);

  const char *label = _(field->label);
  g_autofree char *text = field->flags & JB_FIELD_REQUIRED
                          ? g_strdup_printf (_("%s (required)"), label) : g_strdup (label);
  self->label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_widget_add_css_class (self->label, "dim-label");
  GtkWidget *input = self->ops->build (&self->in);
  self->error_label = make_note ("error");
  self->in.hint = make_note ("dim-label");

  /* A check button carries its own label. */
  if (field->type != JB_TYPE_BOOL)
    gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_parent (input, GTK_WIDGET (self));
  gtk_widget_set_parent (self->in.hint, GTK_WIDGET (self));
  gtk_widget_set_parent (self->error_label, GTK_WIDGET (self));

  gtk_widget_set_name (self->in.input, field->name);
  if (self->in.named == NULL)
    self->in.named = self->in.input;
  /* A picker says its value with its name ("Owner: …"), from its title. */
  if (!JB_IS_PICKER (self->in.named))
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->in.named),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (field->flags & JB_FIELD_REQUIRED)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->in.named),
                                    GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->in.named),
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
  g_clear_object (&self->in.store);

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
  return gtk_widget_grab_focus (JB_FIELD_EDITOR (widget)->in.input);
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
  /* As GTK's containers do.  The default, for a widget whose own grab_focus
   * goes to its input, would grab it back on Shift+Tab: no way out. */
  widget_class->focus = jb_a11y_focus_children;

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
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
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
  return self->in.field;
}

guint
jb_field_editor_get_index (JbFieldEditor *self)
{
  return self->index;
}

GtkWidget *
jb_field_editor_get_input (JbFieldEditor *self)
{
  return self->in.input;
}

void
jb_field_editor_reload_choices (JbFieldEditor *self)
{
  gboolean was_loading = self->loading;
  self->loading = TRUE;
  jb_field_input_reload_choices (&self->in);
  self->loading = was_loading;
}

void
jb_field_editor_set_store (JbFieldEditor *self, JbStore *store)
{
  if (g_set_object (&self->in.store, store))
    jb_field_editor_reload_choices (self);
}

void
jb_field_editor_load (JbFieldEditor *self, JbRecord *record)
{
  self->loading = TRUE;
  jb_field_editor_set_error (self, NULL);
  self->ops->load (&self->in, record, self->index);
  self->loading = FALSE;
  self->touched = FALSE;
}

gboolean
jb_field_editor_is_touched (JbFieldEditor *self)
{
  return self->touched;
}

gboolean
jb_field_editor_differs (JbFieldEditor *self, JbRecord *base)
{
  if (!self->touched)
    return FALSE;
  /* What cannot be read is the user's too: it differs. */
  g_autoptr (JbRecord) mine = jb_record_copy (base);
  g_autofree char *message = NULL;
  return !self->ops->collect (&self->in, mine, self->index, &message) ||
         !jb_record_equal_field (mine, base, self->index);
}

char *
jb_field_editor_format_input (JbFieldEditor *self, JbRecord *base)
{
  g_autoptr (JbRecord) mine = jb_record_copy (base);
  g_autofree char *message = NULL;
  if (!self->ops->collect (&self->in, mine, self->index, &message))
    return NULL;
  /* A reference's title is what its picker shows. */
  if (self->in.field->type == JB_TYPE_REF && jb_record_is_set (mine, self->index) &&
      !jb_record_equal_field (mine, base, self->index))
    jb_record_set_ref_name (mine, self->index, jb_picker_get_text (JB_PICKER (self->in.input)));
  return jb_record_format_field (mine, self->index);
}

gboolean
jb_field_editor_read (JbFieldEditor *self, JbRecord *record)
{
  g_autofree char *message = NULL;
  return self->ops->collect (&self->in, record, self->index, &message);
}

gboolean
jb_field_editor_collect (JbFieldEditor *self, JbRecord *record)
{
  g_autofree char *message = NULL;
  if (self->ops->collect (&self->in, record, self->index, &message))
    return TRUE;
  jb_field_editor_set_error (self, message);
  return FALSE;
}

const char *
jb_field_editor_get_error (JbFieldEditor *self)
{
  return gtk_widget_get_visible (self->error_label)
         ? gtk_label_get_text (GTK_LABEL (self->error_label)) : NULL;
}

void
jb_field_editor_set_error (JbFieldEditor *self, const char *message)
{
  GtkWidget *input = self->in.named;
  gboolean invalid = message != NULL;

  gtk_label_set_text (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, invalid);
  /* Both the input and the entry within it (a date's), which the theme marks. */
  for (GtkWidget *w = input; w; w = w == self->in.input ? NULL : self->in.input)
    if (invalid)
      gtk_widget_add_css_class (w, "error");
    else
      gtk_widget_remove_css_class (w, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (invalid)
    gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-field-input.c: one input per field type (see jb-field-input.h): an entry
 * for text and numbers, a text view for paragraphs, an amount with its unit,
 * a JbDateEntry, a JbPicker for choices and references, a check button. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-date-entry.h"
#include "jb-field-input.h"
#include "jb-money.h"
#include "jb-picker.h"
#include "jb-query.h"

#include <string.h>

static void
connect_editable (JbFieldInput *in, GtkWidget *editable)
{
  /* Let the form, not the placeholder text, decide the width. */
  gtk_editable_set_width_chars (GTK_EDITABLE (editable), 6);
  g_signal_connect_swapped (editable, "changed", in->changed, in->data);
}

static char *
editable_text (JbFieldInput *in)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (in->input))));
}

/* ---- one line of text ------------------------------------------------------ */

static GtkWidget *
text_build (JbFieldInput *in)
{
  in->input = gtk_entry_new ();
  connect_editable (in, in->input);
  return in->input;
}

static void
text_load (JbFieldInput *in, JbRecord *record, guint i)
{
  g_autofree char *text = jb_record_field_to_string (record, i);
  gtk_editable_set_text (GTK_EDITABLE (in->input), text ? text : "");
}

static gboolean
text_collect (JbFieldInput *in, JbRecord *record, guint i, char **message)
{
  g_autofree char *text = editable_text (in);
  jb_record_set_text (record, i, text);
  return TRUE;
}

/* ---- whole numbers ---------------------------------------------------------- */

static GtkWidget *
int_build (JbFieldInput *in)
{
  text_build (in);
  /* TRANSLATORS: the range of a whole number, e.g. "1 to 9" */
  g_autofree char *hint = g_strdup_printf (_("%lld to %lld"), (long long) in->field->min,
                                           (long long) in->field->max);
  gtk_entry_set_input_purpose (GTK_ENTRY (in->input), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_placeholder_text (GTK_ENTRY (in->input), hint);
  return in->input;
}

static gboolean
int_collect (JbFieldInput *in, JbRecord *record, guint i, char **message)
{
  g_autofree char *text = editable_text (in);
  gint64 value;
  if (*text == '\0')
    jb_record_unset (record, i);
  else if (g_ascii_string_to_signed (text, 10, in->field->min, in->field->max, &value, NULL))
    jb_record_set_int (record, i, value);
  else
    {
      *message = g_strdup_printf (_("Enter a whole number from %lld to %lld."),
                                  (long long) in->field->min, (long long) in->field->max);
      return FALSE;
    }
  return TRUE;
}

/* ---- paragraphs ------------------------------------------------------------- */

static GtkWidget *
long_text_build (JbFieldInput *in)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  in->input = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (in->input), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (in->input), FALSE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (in->input), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (in->input), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (in->input), 4);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (in->input), 4);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), in->input);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 72);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (in->input)), "changed",
                            in->changed, in->data);
  return scroller;
}

static void
long_text_load (JbFieldInput *in, JbRecord *record, guint i)
{
  const char *text = jb_record_is_set (record, i) ? jb_record_get_text (record, i) : "";
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (in->input)), text, -1);
}

static gboolean
long_text_collect (JbFieldInput *in, JbRecord *record, guint i, char **message)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (in->input));
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_autofree char *text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  jb_record_set_text (record, i, g_strchomp (text));
  return TRUE;
}

/* ---- choices from a list ------------------------------------------------------- */

/* Whether @label contains @needle (casefolded), for searching choices. */
static gboolean
label_matches (const char *label, const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (label, -1);
  return *needle == '\0' || strstr (folded, needle) != NULL;
}

static guint
add_choice (GtkStringList *texts, GArray *keys, guint limit, guint total, const char *text,
            gint64 key)
{
  if (total < limit)
    {
      gtk_string_list_append (texts, text);
      g_array_append_val (keys, key);
    }
  return total + 1;
}

static GtkWidget *
make_picker (JbFieldInput *in, const char *title, JbPickerSource source)
{
  GtkWidget *picker = jb_picker_new ();
  jb_picker_set_title (JB_PICKER (picker), title);
  jb_picker_set_source (JB_PICKER (picker), source, in, NULL);
  g_signal_connect_swapped (picker, "changed", in->changed, in->data);
  return picker;
}

/* ---- money ------------------------------------------------------------------ */

static guint
unit_source (const char *query, guint limit, GtkStringList *texts, GArray *keys, gpointer data)
{
  guint total = add_choice (texts, keys, limit, 0, _("yuan"), JB_MONEY_YUAN);
  return add_choice (texts, keys, limit, total, _("10k yuan"), JB_MONEY_WAN);
}

/* The example must be read in the unit shown beside it: a bare 125000 under
 * 万元 is 12.5亿 yuan, not the 12.5万 the yuan example means. */
static void
show_money_example (JbFieldInput *in)
{
  JbMoneyUnit unit = jb_picker_get_key (JB_PICKER (in->unit));
  gtk_entry_set_placeholder_text (GTK_ENTRY (in->input),
                                  unit == JB_MONEY_WAN ? _("e.g. 12.5 or 125000 yuan")
                                                       : _("e.g. 125000 or 12.5万"));
}

static void
set_unit (JbFieldInput *in, JbMoneyUnit unit)
{
  jb_picker_set_choice (JB_PICKER (in->unit), unit,
                        unit == JB_MONEY_WAN ? _("10k yuan") : _("yuan"));
  show_money_example (in);
}

static GtkWidget *
money_build (JbFieldInput *in)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  text_build (in);
  gtk_widget_set_hexpand (in->input, TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (in->input), GTK_INPUT_PURPOSE_NUMBER);
  /* TRANSLATORS: the name of the unit beside an amount, e.g. "Unit of Contract amount" */
  g_autofree char *title = g_strdup_printf (_("Unit of %s"), _(in->field->label));
  in->unit = make_picker (in, title, unit_source);
  g_signal_connect_swapped (in->unit, "changed", G_CALLBACK (show_money_example), in);
  set_unit (in, jb_money_default_unit ());
  gtk_box_append (GTK_BOX (box), in->input);
  gtk_box_append (GTK_BOX (box), in->unit);
  return box;
}

static void
money_load (JbFieldInput *in, JbRecord *record, guint i)
{
  JbMoneyUnit unit = jb_picker_get_key (JB_PICKER (in->unit));
  g_autofree char *text = jb_record_is_set (record, i)
                          ? jb_money_to_decimal (jb_record_get_int (record, i), unit) : NULL;
  gtk_editable_set_text (GTK_EDITABLE (in->input), text ? text : "");
}

static gboolean
money_collect (JbFieldInput *in, JbRecord *record, guint i, char **message)
{
  g_autofree char *text = editable_text (in);
  g_autoptr (GError) error = NULL;
  JbMoneyUnit unit = jb_picker_get_key (JB_PICKER (in->unit));
  gint64 fen;
  if (*text == '\0')
    jb_record_unset (record, i);
  else if (jb_money_parse (text, unit, &fen, &error))
    jb_record_set_int (record, i, fen);
  else
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- dates ------------------------------------------------------------------ */

static GtkWidget *
date_build (JbFieldInput *in)
{
  in->input = jb_date_entry_new ();
  in->named = jb_date_entry_get_entry (JB_DATE_ENTRY (in->input));
  jb_date_entry_set_title (JB_DATE_ENTRY (in->input), _(in->field->label));
  connect_editable (in, in->input);
  return in->input;
}

static void
date_load (JbFieldInput *in, JbRecord *record, guint i)
{
  jb_date_entry_set_iso (JB_DATE_ENTRY (in->input),
                         jb_record_is_set (record, i) ? jb_record_get_text (record, i) : NULL);
}

static gboolean
date_collect (JbFieldInput *in, JbRecord *record, guint i, char **message)
{
  g_autofree char *iso = NULL;
  if (!jb_date_entry_read (JB_DATE_ENTRY (in->input), &iso, message))
    return FALSE;
  jb_record_set_text (record, i, iso);
  return TRUE;
}

/* ---- choices of a kind ------------------------------------------------------- */

/* Long lists (provinces, industries) are searched as one types. */
#define SEARCH_FROM 10

static guint
enum_source (const char *query, guint limit, GtkStringList *texts, GArray *keys, gpointer data)
{
  JbFieldInput *in = data;
  const JbEnum *e = in->field->enumeration;
  g_autofree char *needle = g_utf8_casefold (query, -1);
  guint total = 0;

  if (in->optional_choice && *query == '\0')
    total = add_choice (texts, keys, limit, total, _("(not set)"), -1);
  for (guint i = 0; i < e->n_values; i++)
    if (label_matches (_(e->values[i].label), needle))
      total = add_choice (texts, keys, limit, total, _(e->values[i].label), i);
  return total;
}

static GtkWidget *
enum_build (JbFieldInput *in)
{
  in->optional_choice = !(in->field->flags & JB_FIELD_REQUIRED);
  in->input = make_picker (in, _(in->field->label), enum_source);
  jb_picker_set_searchable (JB_PICKER (in->input),
                            in->field->enumeration->n_values > SEARCH_FROM);
  return in->input;
}

static void
enum_load (JbFieldInput *in, JbRecord *record, guint i)
{
  int index = jb_record_is_set (record, i)
              ? jb_enum_index (in->field->enumeration, jb_record_get_text (record, i)) : -1;
  if (index >= 0)
    jb_picker_set_choice (JB_PICKER (in->input), index,
                          _(in->field->enumeration->values[index].label));
  else
    jb_picker_set_choice (JB_PICKER (in->input), -1, in->optional_choice ? _("(not set)") : NULL);
}

static gboolean
enum_collect (JbFieldInput *in, JbRecord *record, guint i, char **message)
{
  gint64 index = jb_picker_get_key (JB_PICKER (in->input));
  if (index < 0 || index >= in->field->enumeration->n_values)
    jb_record_unset (record, i);
  else
    jb_record_set_text (record, i, in->field->enumeration->values[index].code);
  return TRUE;
}

/* ---- references --------------------------------------------------------------- */

/* The records a reference can point at, matching what the user typed, best
 * match first (else newest first): a count and one page of them from the
 * store, never the whole target table. */
static guint
ref_source (const char *query, guint limit, GtkStringList *texts, GArray *keys, gpointer data)
{
  JbFieldInput *in = data;
  guint total = 0;
  guint found = 0;

  if (in->optional_choice && *query == '\0')
    total = add_choice (texts, keys, limit, total, _("(none)"), 0);
  if (in->store == NULL)
    return total;
  g_autoptr (GError) error = NULL;
  g_autoptr (JbQuery) q = jb_query_new (in->store, in->field->ref_kind);
  jb_query_set_search (q, query);
  if (!jb_query_count (q, &found, &error))
    {
      g_warning ("Cannot list %s: %s", jb_kind_get (in->field->ref_kind)->name, error->message);
      return total;
    }
  g_autoptr (GPtrArray) rows = limit > total ? jb_query_fetch (q, 0, limit - total, &error)
                                             : NULL;
  for (guint i = 0; rows && i < rows->len; i++)
    {
      g_autofree char *heading = jb_record_get_heading (rows->pdata[i]);
      add_choice (texts, keys, limit, total + i, heading, jb_record_get_id (rows->pdata[i]));
    }
  return total + found;
}

/* The arrow beside a reference opens the record chosen (win.open-record). */
static void
update_open_button (JbFieldInput *in)
{
  gint64 id = jb_picker_get_key (JB_PICKER (in->input));
  if (id > 0)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (in->open_button), "(ux)",
                                      (guint32) in->field->ref_kind, id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (in->open_button),
                                  id > 0 ? "win.open-record" : NULL);
  gtk_widget_set_sensitive (in->open_button, id > 0);
}

static GtkWidget *
ref_build (JbFieldInput *in)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  in->optional_choice = !(in->field->flags & JB_FIELD_REQUIRED);
  in->input = make_picker (in, _(in->field->label), ref_source);
  jb_picker_set_searchable (JB_PICKER (in->input), TRUE);
  gtk_widget_set_hexpand (in->input, TRUE);
  g_signal_connect_swapped (in->input, "changed", G_CALLBACK (update_open_button), in);
  in->open_button = gtk_button_new_from_icon_name ("go-next-symbolic");
  g_autofree char *tip = g_strdup_printf (_("Open the %s"),
                                          _(jb_kind_get (in->field->ref_kind)->label));
  gtk_widget_set_tooltip_text (in->open_button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (in->open_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  gtk_widget_add_css_class (box, "linked");
  gtk_box_append (GTK_BOX (box), in->input);
  gtk_box_append (GTK_BOX (box), in->open_button);
  update_open_button (in);
  return box;
}

/* Shows the record @id as chosen, by its heading as it is now. */
static void
show_ref (JbFieldInput *in, gint64 id)
{
  g_autoptr (JbRecord) target = id > 0 && in->store
                                ? jb_store_load (in->store, in->field->ref_kind, id, NULL) : NULL;
  g_autofree char *heading = target ? jb_record_get_heading (target) : NULL;
  if (id > 0)
    jb_picker_set_choice (JB_PICKER (in->input), id, heading ? heading : "?");
  else
    jb_picker_set_choice (JB_PICKER (in->input), 0, in->optional_choice ? _("(none)") : NULL);
  update_open_button (in);
}

static void
ref_load (JbFieldInput *in, JbRecord *record, guint i)
{
  show_ref (in, jb_record_is_set (record, i) ? jb_record_get_int (record, i) : 0);
}

static gboolean
ref_collect (JbFieldInput *in, JbRecord *record, guint i, char **message)
{
  gint64 id = jb_picker_get_key (JB_PICKER (in->input));
  if (id > 0)
    jb_record_set_int (record, i, id);
  else
    jb_record_unset (record, i);
  return TRUE;
}

void
jb_field_input_reload_choices (JbFieldInput *in)
{
  if (in->field->type != JB_TYPE_REF || in->store == NULL)
    return;

  /* The record chosen may have been renamed. */
  show_ref (in, jb_picker_get_key (JB_PICKER (in->input)));

  /* Say where the first one comes from, rather than offer an empty list. */
  const JbKind *target = jb_kind_get (in->field->ref_kind);
  g_autofree char *hint = g_strdup_printf (_("Nothing to choose yet: add one on the page “%s”."),
                                           _(target->plural));
  gtk_label_set_text (GTK_LABEL (in->hint), hint);
  gtk_widget_set_visible (in->hint, !in->optional_choice &&
                                    !jb_store_has_records (in->store, target->id));
}

/* ---- yes or no ------------------------------------------------------------------ */

static GtkWidget *
bool_build (JbFieldInput *in)
{
  /* A wrapping label: a long one must not widen the whole form. */
  GtkWidget *label = gtk_label_new (_(in->field->label));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  in->input = gtk_check_button_new ();
  gtk_check_button_set_child (GTK_CHECK_BUTTON (in->input), label);
  g_signal_connect_swapped (in->input, "toggled", in->changed, in->data);
  return in->input;
}

static void
bool_load (JbFieldInput *in, JbRecord *record, guint i)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (in->input),
                               jb_record_is_set (record, i) && jb_record_get_int (record, i));
}

static gboolean
bool_collect (JbFieldInput *in, JbRecord *record, guint i, char **message)
{
  jb_record_set_int (record, i, gtk_check_button_get_active (GTK_CHECK_BUTTON (in->input)));
  return TRUE;
}

static const JbFieldInputOps inputs[JB_N_TYPES] = {
  [JB_TYPE_TEXT] = { text_build, text_load, text_collect },
  [JB_TYPE_LONG_TEXT] = { long_text_build, long_text_load, long_text_collect },
  [JB_TYPE_INT] = { int_build, text_load, int_collect },
  [JB_TYPE_MONEY] = { money_build, money_load, money_collect },
  [JB_TYPE_DATE] = { date_build, date_load, date_collect },
  [JB_TYPE_ENUM] = { enum_build, enum_load, enum_collect },
  [JB_TYPE_REF] = { ref_build, ref_load, ref_collect },
  [JB_TYPE_BOOL] = { bool_build, bool_load, bool_collect },
};

const JbFieldInputOps *
jb_field_input_ops (JbFieldType type)
{
  g_return_val_if_fail (type < JB_N_TYPES, NULL);
  return &inputs[type];
}

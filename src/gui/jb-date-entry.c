/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-date-entry.c: an entry and a calendar for one date (see jb-date-entry.h).
 *
 * JbDateEntry emits "date-picked" when a day is chosen in the calendar, and
 * the GtkEditable signals of its entry ("changed", "activate" through
 * jb_date_entry_get_entry()). */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "jb-a11y.h"

#include "jb-date.h"
#include "jb-date-entry.h"

struct _JbDateEntry {
  GtkWidget parent_instance;
  GtkWidget *entry;
  GtkWidget *button;
  GtkWidget *popover;   /* with the calendar: NULL until first opened */
  GtkWidget *calendar;
  char *title;
  gboolean syncing;
  gboolean paging;   /* Ctrl+arrows turn the month: the day they land on is no choice */
};

static void jb_date_entry_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JbDateEntry, jb_date_entry, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE,
                                                      jb_date_entry_editable_init))

enum { DATE_PICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkEditable *
get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (JB_DATE_ENTRY (editable)->entry);
}

static void
jb_date_entry_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = get_delegate;
}

static void
day_selected (JbDateEntry *self)
{
  if (self->syncing)
    return;
  g_autoptr (GDateTime) date = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->entry), iso);
  if (self->paging)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (self->entry);
  g_signal_emit (self, signals[DATE_PICKED], 0);
}

/* The calendar opens on the date written, if there is one. */
static void
calendar_shown (JbDateEntry *self)
{
  gtk_widget_grab_focus (self->calendar);
  g_autofree char *iso = jb_date_normalize (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (iso == NULL)
    return;
  g_autoptr (GDateTime) date = g_date_time_new_utc (atoi (iso), atoi (iso + 5), atoi (iso + 8),
                                                    0, 0, 0);
  self->syncing = TRUE;
  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), date);
  self->syncing = FALSE;
}

/* Arrows move among the days and Space picks one (GtkCalendar); with Ctrl
 * they turn the month or the year, which selects a day on the way. */
static gboolean
calendar_key (GtkEventControllerKey *controller, guint keyval, guint keycode,
              GdkModifierType state, JbDateEntry *self)
{
  self->paging = (state & GDK_CONTROL_MASK) != 0;
  return FALSE;
}

static void
calendar_key_released (GtkEventControllerKey *controller, guint keyval, guint keycode,
                       GdkModifierType state, JbDateEntry *self)
{
  self->paging = FALSE;
}

/* The calendar is built when first opened: a form holds several dates, and
 * each GtkCalendar builds its own template (some 5 ms each, at start-up for
 * the dashboard's two). */
static void
ensure_calendar (JbDateEntry *self)
{
  if (self->popover)
    return;
  self->calendar = gtk_calendar_new ();
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected), self);
  GtkEventController *keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (calendar_key), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (calendar_key_released), self);
  gtk_widget_add_controller (self->calendar, keys);
  if (self->title)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->calendar);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (calendar_shown), self);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

static void
open_calendar (JbDateEntry *self)
{
  ensure_calendar (self);
  jb_a11y_popup (GTK_POPOVER (self->popover));
}

gboolean
jb_date_entry_read (JbDateEntry *self, char **iso, char **message)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  *iso = NULL;
  if (*text == '\0')
    return TRUE;
  if ((*iso = jb_date_normalize (text)))
    return TRUE;
  *message = g_strdup_printf (_("“%s” is not a date. Write it as 2026-12-15."), text);
  return FALSE;
}

void
jb_date_entry_set_iso (JbDateEntry *self, const char *iso)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), iso ? iso : "");
}

GtkWidget *
jb_date_entry_get_entry (JbDateEntry *self)
{
  return self->entry;
}

GtkWidget *
jb_date_entry_get_button (JbDateEntry *self)
{
  return self->button;
}

void
jb_date_entry_set_title (JbDateEntry *self, const char *title)
{
  /* TRANSLATORS: the calendar button beside a date, e.g. "Deadline: pick from a calendar" */
  g_autofree char *pick = g_strdup_printf (_("%s: pick from a calendar"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pick, -1);
  g_free (self->title);
  self->title = g_strdup (title);
  if (self->calendar)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static gboolean
jb_date_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (JB_DATE_ENTRY (widget)->entry);
}

static void
jb_date_entry_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  GTK_WIDGET_CLASS (jb_date_entry_parent_class)->size_allocate (widget, width, height, baseline);
  if (JB_DATE_ENTRY (widget)->popover)
    gtk_popover_present (GTK_POPOVER (JB_DATE_ENTRY (widget)->popover));
}

static void
jb_date_entry_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  if (!gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jb_date_entry_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (!gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jb_date_entry_dispose (GObject *object)
{
  JbDateEntry *self = JB_DATE_ENTRY (object);
  if (self->entry)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  G_OBJECT_CLASS (jb_date_entry_parent_class)->dispose (object);
}

static void
jb_date_entry_finalize (GObject *object)
{
  g_free (JB_DATE_ENTRY (object)->title);
  G_OBJECT_CLASS (jb_date_entry_parent_class)->finalize (object);
}

static void
jb_date_entry_class_init (JbDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jb_date_entry_dispose;
  object_class->finalize = jb_date_entry_finalize;
  object_class->set_property = jb_date_entry_set_property;
  object_class->get_property = jb_date_entry_get_property;
  widget_class->grab_focus = jb_date_entry_grab_focus;
  /* Not the default: Shift+Tab would come back to the entry (see
   * jb-field-editor.c). */
  widget_class->focus = jb_a11y_focus_children;
  widget_class->size_allocate = jb_date_entry_size_allocate;
  gtk_editable_install_properties (object_class, 1);

  /* JbDateEntry::date-picked: a day was chosen in the calendar. */
  signals[DATE_PICKED] = g_signal_new ("date-picked", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "jbdateentry");
}

static void
jb_date_entry_init (JbDateEntry *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");
  self->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("YYYY-MM-DD"));
  gtk_editable_init_delegate (GTK_EDITABLE (self));

  /* A plain button, not a GtkMenuButton: that one is two nested buttons
   * of the same name for a screen reader. */
  self->button = gtk_button_new_from_icon_name ("x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (self->button, _("Pick a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pick a date"), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE, -1);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (open_calendar), self);

  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
jb_date_entry_new (void)
{
  return g_object_new (JB_TYPE_DATE_ENTRY, NULL);
}

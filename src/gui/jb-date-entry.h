/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-date-entry.h: a date typed (2026-12-15, 2026/12/15, 2026年12月15日) or
 * picked from a calendar that opens on the date written.  The one date input
 * of the window: forms and the dashboard's period use it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JB_TYPE_DATE_ENTRY (jb_date_entry_get_type ())
G_DECLARE_FINAL_TYPE (JbDateEntry, jb_date_entry, JB, DATE_ENTRY, GtkWidget)

GtkWidget *jb_date_entry_new          (void);
/* The entry people type into (JbDateEntry is a GtkEditable through it too). */
GtkWidget *jb_date_entry_get_entry    (JbDateEntry *self);
/* Reads the text: TRUE with the ISO date in @iso (NULL if empty), or FALSE
 * with a message for people in @message. */
gboolean   jb_date_entry_read         (JbDateEntry *self, char **iso, char **message);
/* Shows @iso (NULL or "": empty). */
void       jb_date_entry_set_iso      (JbDateEntry *self, const char *iso);
/* What the date is, for the names a screen reader says: "Deadline", and
 * "Deadline: pick from a calendar" for the calendar's button. */
void       jb_date_entry_set_title    (JbDateEntry *self, const char *title);
/* The button that opens the calendar. */
GtkWidget *jb_date_entry_get_button   (JbDateEntry *self);

G_END_DECLS

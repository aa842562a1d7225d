/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-picker.h: a button that says what it chooses and what is chosen
 * ("Owner: 上海锅炉厂"), and a list to choose from, searched as one types.
 *
 * Keyboard: Space or Return opens the list; in it, typing searches, Up and
 * Down move, Return chooses the row the focus is on, Escape closes.  The
 * choices come from one function, so that they can come from the store a
 * page at a time as the user types. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JB_TYPE_PICKER (jb_picker_get_type ())
G_DECLARE_FINAL_TYPE (JbPicker, jb_picker, JB, PICKER, GtkButton)

/* Appends to @texts and @keys the choices that match @query ("" for all), at
 * most @limit of them, best first; returns how many match in all. */
typedef guint (*JbPickerSource) (const char    *query,
                                 guint          limit,
                                 GtkStringList *texts,
                                 GArray        *keys,
                                 gpointer       data);

GtkWidget  *jb_picker_new              (void);
/* What is chosen, for the name a screen reader says: "Owner". */
void        jb_picker_set_title        (JbPicker       *self,
                                        const char     *title);
const char *jb_picker_get_title        (JbPicker       *self);
void        jb_picker_set_source       (JbPicker       *self,
                                        JbPickerSource  source,
                                        gpointer        data,
                                        GDestroyNotify  destroy);
/* Choices from @items (taken), each keyed by its position; a search keeps
 * those that contain what is typed, ignoring case. */
void        jb_picker_set_strings      (JbPicker       *self,
                                        GtkStringList  *items);
/* Shows item @position of the strings as chosen; no ::changed. */
void        jb_picker_set_position     (JbPicker       *self,
                                        guint           position);
/* A search field above the list (long lists). */
void        jb_picker_set_searchable   (JbPicker       *self,
                                        gboolean        searchable);
/* Shows @key as chosen, called @text (NULL or "": nothing chosen); no
 * ::changed. */
void        jb_picker_set_choice       (JbPicker       *self,
                                        gint64          key,
                                        const char     *text);
gint64      jb_picker_get_key          (JbPicker       *self);
const char *jb_picker_get_text         (JbPicker       *self);
/* Chooses the choice called @text as the user would (::changed); FALSE if
 * there is none. */
gboolean    jb_picker_pick_text        (JbPicker       *self,
                                        const char     *text);
GtkWidget  *jb_picker_get_search_entry (JbPicker       *self);
GtkWidget  *jb_picker_get_popover      (JbPicker       *self);

G_END_DECLS

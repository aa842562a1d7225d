/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-util.h: what every test that drives the window needs. */
#pragma once

#include <gtk/gtk.h>

#include "jb-record-editor.h"
#include "jb-window.h"

G_BEGIN_DECLS

/* gtk_test_init(), then the locale the environment names (gtk_test_init()
 * sets en_US): the suite runs each UI test in English and in Chinese.  When
 * JB_TEST_LANGUAGE names a language (tests/meson.build sets it), a missing
 * locale fails the test instead of quietly running it in English. */
void      ui_test_init          (int *argc, char ***argv);
/* TRUE when this run is the Chinese one (JB_TEST_LANGUAGE=zh_CN). */
gboolean  ui_test_is_chinese    (void);
/* Runs the main loop until it is idle: whatever the last step queued
 * (signals, relayout, a dialog's mapping) has happened. */
void      ui_test_pump          (void);
/* What most UI tests run on: a store in a temporary folder, and the window. */
typedef struct {
  char *dir;
  char *path;
  JbStore *store;
  JbWindow *window;
} UiTestFixture;

/* A new store @name in a temporary folder from @tmpl, and the window on it
 * (see ui_test_window_open()). */
void      ui_test_fixture_set_up    (UiTestFixture *f, const char *tmpl, const char *name,
                                     gboolean instant_search);
/* Closes the window if it is open, the store, and removes the folder. */
void      ui_test_fixture_tear_down (UiTestFixture *f);
/* The window of most UI tests on @store, referenced, shown and settled; with
 * @instant_search, every page searches at once (the tests wait for idle, not
 * for a typist's pause). */
JbWindow  *ui_test_window_open  (JbStore *store, gboolean instant_search);
/* Closes *@window if a test left it open, drops it (NULL is fine) and waits
 * for what closing queued. */
void      ui_test_window_close  (JbWindow **window);
/* The editor of @window's page for @kind, and the input of its @field (fails
 * the test if the form has no such field). */
JbRecordEditor *ui_test_editor_of (JbWindow *window, JbKindId kind);
GtkWidget *ui_test_input        (JbWindow *window, JbKindId kind, const char *field);
/* Picks the choice shown as @label in @field's picker, as a click in its
 * list does (fails the test if there is none), and lets the form follow. */
void      ui_test_choose        (JbWindow *window, JbKindId kind, const char *field,
                                 const char *label);
/* The toplevel of @type that is shown (a dialog), if any. */
GtkWidget *ui_test_shown_toplevel (GType type);
/* @widget or the first widget below it of @type, shown or not. */
GtkWidget *ui_test_find_type    (GtkWidget *widget, GType type);
/* The button below @widget whose label (mnemonic included) is @label. */
GtkWidget *ui_test_find_button  (GtkWidget *widget, const char *label);
/* The actionable widget below @widget bound to @action with @target (NULL:
 * none), shown or not. */
GtkWidget *ui_test_find_actionable (GtkWidget *widget, const char *action, GVariant *target);
/* Clicks @button as a person would, and waits for what follows. */
void      ui_test_click         (GtkWidget *button);
/* Presses @accelerator ("<Control>n") on the keyboard of @window's display
 * (XTest): key events go through GTK as a person's would. */
void      ui_test_press         (GtkWindow *window, const char *accelerator);
/* Types @text into the focused widget of @window: what the keyboard has keys
 * for through XTest, the rest (Chinese) as an input method commits it. */
void      ui_test_type          (GtkWindow *window, const char *text);
/* The widget a screen reader reports as focused (an entry, not the text
 * inside it), and its name. */
GtkWidget *ui_test_focus        (GtkWindow *window);
char      *ui_test_focus_name   (GtkWindow *window);
/* Presses Tab (Shift+Tab if @backward) until the focus is on the control
 * named @name; fails after @max presses, listing where the focus went.
 * Returns the number of presses. */
guint     ui_test_tab_to        (GtkWindow *window, const char *name, gboolean backward,
                                 guint max);

/* The name a screen reader says for @accessible, computed as GTK 4.8's
 * AT-SPI backend does (its label, what labels it, else its class name). */
char     *ui_test_accessible_name (GtkAccessible *accessible);
/* Whether GTK 4.8 shows @widget (and so what is inside it) to screen
 * readers: visible, and not a mere presentation. */
gboolean  ui_test_is_presented  (GtkWidget *widget);
/* The control (or row, cell, column title) below @root that a screen reader
 * calls @name, if one is shown. */
GtkWidget *ui_test_find_named   (GtkWidget *root, const char *name);
/* Walks what a screen reader is shown below @widget and fails the test if a
 * control has no name, is named after its class ("GtkToggleButton") or with
 * a mnemonic ("_Save"), or a row, cell or column title is named after its
 * class; returns how many it checked. */
guint     ui_test_check_names   (GtkWidget *widget);

G_END_DECLS

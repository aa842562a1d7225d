/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-util.h: what every test that drives the window needs. */
#pragma once

#include <gtk/gtk.h>

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
/* The button below @widget whose label (mnemonic included) is @label. */
GtkWidget *ui_test_find_button  (GtkWidget *widget, const char *label);
/* The control (not a label) below @widget whose accessible label is @label. */
GtkWidget *ui_test_find_labelled (GtkWidget *widget, const char *label);
/* The actionable widget below @widget bound to @action with @target (NULL:
 * none), shown or not. */
GtkWidget *ui_test_find_actionable (GtkWidget *widget, const char *action, GVariant *target);
/* Clicks @button as a person would, and waits for what follows. */
void      ui_test_click         (GtkWidget *button);
/* Presses @accelerator ("<Control>n") on the keyboard of @window's display
 * (XTest): key events go through GTK as a person's would. */
void      ui_test_press         (GtkWindow *window, const char *accelerator);
/* Fails the test unless every control a person can operate below @widget has
 * a name a screen reader can say; returns how many it checked. */
guint     ui_test_check_names   (GtkWidget *widget);

G_END_DECLS

/* ui-test-util.h: what every test that drives the window needs. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for a moment: long enough for GtkSearchEntry's delay
 * and for the widgets to settle. */
void   ui_test_pump         (void);
/* Fails the test unless every control a person can operate below @widget has
 * a name a screen reader can say; returns how many it checked. */
guint  ui_test_check_names  (GtkWidget *widget);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-minimal-window: the least a GTK 4 application does to show a window
 * — a GtkApplicationWindow with a title and a label, the flags Jiebang's
 * application has — for bench-startup to time against Jiebang in the same
 * run (issue 10: start-up as a ratio to this). */
#include <gtk/gtk.h>

static void
activate (GApplication *app)
{
  GtkWidget *window = gtk_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Minimal"));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr (GtkApplication) app = gtk_application_new ("io.github.jiebang.BenchMinimal",
                                                        G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

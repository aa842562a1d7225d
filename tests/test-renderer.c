/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which renderer draws the windows (jb-renderer.c): GTK's cairo renderer on a
 * software OpenGL such as Xvfb's llvmpipe, GTK's own choice on a real one,
 * and always what GSK_RENDERER says when it is set.  Runs under Xvfb without
 * GSK_RENDERER, unlike the other UI tests. */
#include "config.h"

#include <gtk/gtk.h>

#include "jb-renderer.h"

static void
test_software_names (void)
{
  g_assert_true (jb_renderer_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (jb_renderer_is_software ("softpipe"));
  g_assert_true (jb_renderer_is_software ("Software Rasterizer"));
  g_assert_false (jb_renderer_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (jb_renderer_is_software ("virgl"));
  g_assert_false (jb_renderer_is_software ("SVGA3D; build: RELEASE;  LLVM;"));
}

static void
test_environment_wins (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  /* Read before any window has a renderer: GTK reads GSK_RENDERER once. */
  g_setenv ("GSK_RENDERER", "opengl", TRUE);
  jb_renderer_choose (display);
  g_assert_null (g_object_get_data (G_OBJECT (display), "gsk-renderer"));
  g_unsetenv ("GSK_RENDERER");
}

static void
test_window_renderer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autofree char *gl_name = jb_renderer_gl_name (display);

  g_test_message ("OpenGL: %s", gl_name ? gl_name : "none");
  jb_renderer_choose (display);
  GtkWidget *window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("揭榜"));
  gtk_widget_realize (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_nonnull (renderer);
  if (gl_name == NULL || jb_renderer_is_software (gl_name))
    g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, "GskCairoRenderer");
  else
    g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), !=, "GskCairoRenderer");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_unsetenv ("GSK_RENDERER");
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/renderer/software-names", test_software_names);
  g_test_add_func ("/renderer/environment-wins", test_environment_wins);
  g_test_add_func ("/renderer/window", test_window_renderer);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-renderer.c: GTK 4.8 draws with OpenGL whenever it gets a context, even
 * when that context is Mesa's software rasterizer (llvmpipe: virtual
 * machines, remote desktops, machines whose graphics have no driver).  There
 * the OpenGL renderer costs more than GTK's cairo renderer does for the same
 * frames: with a table of demands shown, 73 MB against 39 MB over an empty
 * window (README, Benchmarks), most of it llvmpipe's per-frame command
 * memory.  Newer GTK makes the same judgement (it prefers another renderer
 * to llvmpipe).  So on a software OpenGL, Jiebang asks for cairo. */
#include "config.h"

#include <epoxy/gl.h>
#include <string.h>

#include "jb-renderer.h"

char *
jb_renderer_gl_name (GdkDisplay *display)
{
  g_autoptr (GdkGLContext) context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return NULL;
  gdk_gl_context_make_current (context);
  const char *name = (const char *) glGetString (GL_RENDERER);
  char *copy = g_strdup (name);
  gdk_gl_context_clear_current ();
  return copy;
}

gboolean
jb_renderer_is_software (const char *gl_name)
{
  static const char *const rasterizers[] = { "llvmpipe", "softpipe", "swrast",
                                             "Software Rasterizer" };
  for (guint i = 0; i < G_N_ELEMENTS (rasterizers); i++)
    if (strstr (gl_name, rasterizers[i]) != NULL)
      return TRUE;
  return FALSE;
}

void
jb_renderer_choose (GdkDisplay *display)
{
  if (display == NULL || g_getenv ("GSK_RENDERER") != NULL)
    return;
  g_autofree char *gl_name = jb_renderer_gl_name (display);
  if (gl_name == NULL || !jb_renderer_is_software (gl_name))
    return;
  g_debug ("OpenGL is %s, a software rasterizer: drawing with cairo", gl_name);
  /* GTK reads a display's renderer from this key before GSK_RENDERER (the
   * inspector uses it for its own display); unlike the environment, it
   * reaches no program Jiebang starts, and no other thread reads it. */
  g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");
}

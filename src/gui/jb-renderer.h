/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-renderer.h: which of GTK's renderers draws Jiebang's windows. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Before the first window is shown: GTK's cairo renderer when OpenGL is only
 * a software rasterizer, GTK's own choice otherwise.  GSK_RENDERER, when
 * set, always wins. */
void jb_renderer_choose (GdkDisplay *display);

/* The OpenGL renderer's name, as the driver gives it ("llvmpipe (LLVM 15…",
 * "Mesa Intel(R) UHD Graphics…"), or NULL without OpenGL. */
char *jb_renderer_gl_name (GdkDisplay *display);

/* Whether an OpenGL renderer's name is a software rasterizer's. */
gboolean jb_renderer_is_software (const char *gl_name);

G_END_DECLS

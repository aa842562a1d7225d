/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-environment.h: translations and data for an installed or a built tree. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds the text domain and, when running from the build tree (README, tests,
 * screenshots), points translations, settings and icons at the build. */
void      jb_environment_init            (void);
/* TRUE when this program runs from the build tree. */
gboolean  jb_environment_is_uninstalled  (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-credit-code.h: the unified social credit code (统一社会信用代码, GB 32100-2015). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @code is 18 characters of the code's alphabet with the right check
 * character.  Otherwise @message (if not NULL) says what is wrong, for the user. */
gboolean  jb_credit_code_is_valid   (const char *code, char **message);
/* The check character for the first 17 characters, or 0 if they are not valid. */
char      jb_credit_code_check_char (const char *first17);

G_END_DECLS

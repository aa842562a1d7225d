/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-credit-code.c: checking unified social credit codes (GB 32100-2015). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-credit-code.h"

/* 31 characters: the digits and the capitals without I, O, S, V, Z. */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static int
char_value (char c)
{
  const char *p = c ? strchr (alphabet, c) : NULL;
  return p ? (int) (p - alphabet) : -1;
}

char
jb_credit_code_check_char (const char *first17)
{
  int sum = 0;
  for (int i = 0; i < 17; i++)
    {
      int v = char_value (first17[i]);
      if (v < 0)
        return 0;
      sum += v * weights[i];
    }
  return alphabet[(31 - sum % 31) % 31];
}

gboolean
jb_credit_code_is_valid (const char *code, char **message)
{
  gsize len = code ? strlen (code) : 0;
  if (len != 18 || !g_str_is_ascii (code))
    {
      /* Invalid UTF-8 (a cell of a file in another encoding) counts in bytes:
       * g_utf8_strlen() reads past its end (found by fuzz-credit-code). */
      glong n = code == NULL ? 0 : g_utf8_validate (code, -1, NULL) ? g_utf8_strlen (code, -1)
                                                                   : (glong) len;
      if (message)
        *message = g_strdup_printf (_("A unified social credit code has 18 characters; this one has %u."),
                                    (guint) n);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (char_value (code[i]) < 0)
      {
        if (message)
          *message = g_strdup_printf (_("“%c” cannot appear in a unified social credit code "
                                        "(digits and capital letters except I, O, S, V and Z)."),
                                      code[i]);
        return FALSE;
      }
  char expected = jb_credit_code_check_char (code);
  if (expected != code[17])
    {
      if (message)
        *message = g_strdup (_("The check character (the last one) does not match: "
                               "the code has a typing error."));
      return FALSE;
    }
  return TRUE;
}

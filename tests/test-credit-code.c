/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unified social credit codes: the check character. */
#include <glib.h>
#include <string.h>

#include "jb-credit-code.h"

static void
test_valid (void)
{
  /* Codes of real organizations, as published. */
  const char *good[] = { "91350100M000100Y43", "12100000400000624D",
                         "91110000802100433B" };
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *message = NULL;
      g_assert_true (jb_credit_code_is_valid (good[i], &message));
      g_assert_null (message);
    }
}

static void
test_invalid (void)
{
  struct { const char *code; const char *says; } bad[] = {
    { "91350100M000100Y44", "check" },   /* wrong check character */
    { "91350100M000100Y4", "18" },       /* too short */
    { "91350100M000100Y433", "18" },     /* too long */
    { "91350100I000100Y43", "cannot appear" }, /* I is not in the alphabet */
    { "91350100m000100Y43", "cannot appear" }, /* lower case */
    { "", "18" },
    /* invalid UTF-8 ending in half a character: found by fuzz-credit-code */
    { "o\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x05\xe7", "this one has 14" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = NULL;
      g_assert_false (jb_credit_code_is_valid (bad[i].code, &message));
      g_assert_nonnull (strstr (message, bad[i].says));
    }
}

static void
test_check_char (void)
{
  g_assert_cmpint (jb_credit_code_check_char ("91350100M000100Y4"), ==, '3');
  g_assert_cmpint (jb_credit_code_check_char ("9135010OM000100Y4"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/credit-code/valid", test_valid);
  g_test_add_func ("/credit-code/invalid", test_invalid);
  g_test_add_func ("/credit-code/check-char", test_check_char);
  return g_test_run ();
}

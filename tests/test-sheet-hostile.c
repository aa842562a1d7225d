/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sheet-hostile.c: workbooks made to hurt. */
#include "config.h"
#include "jb-intake.h"
int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  return g_test_run ();
}

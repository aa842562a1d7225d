/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-driver.h: the plain driver of the fuzz targets (fuzz-import.c,
 * fuzz-parsers.c) when they are not built for libFuzzer. */
#pragma once

#include <glib.h>

/* The target: what libFuzzer calls with each input. */
int   LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Runs the target once on each file given in @argv (a folder: each file in
 * it) and prints the TAP result; no input ran is a broken test, not a passed
 * one.  Returns how many inputs ran. */
guint fuzz_driver_run        (int argc, char **argv);

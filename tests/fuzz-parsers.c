/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-parsers: arbitrary text to the parsers of what people type and
 * spreadsheets hold: amounts (JB_FUZZ_MONEY), dates (JB_FUZZ_DATE) and
 * unified social credit codes (JB_FUZZ_CREDIT_CODE), one target per define.
 *
 * Beyond not crashing, each checks what the parser promises: an amount read
 * is within range and reads back from its own decimal form; a date read is
 * ISO and reads back as itself; a valid credit code has its check character.
 * With -Dfuzzing=true and clang each is a libFuzzer target; otherwise main()
 * runs every file of the folders given once, as fuzz-import does. */
#include <glib.h>
#include <string.h>

#include "fuzz-driver.h"
#include "jb-credit-code.h"
#include "jb-date.h"
#include "jb-money.h"


#if defined(JB_FUZZ_MONEY)
static void
check (const char *text)
{
  for (JbMoneyUnit unit = JB_MONEY_YUAN; unit <= JB_MONEY_WAN; unit++)
    {
      g_autoptr (GError) error = NULL;
      gint64 fen = -1;
      if (!jb_money_parse (text, unit, &fen, &error))
        {
          /* Refused: with a message for the user. */
          g_assert_nonnull (error);
          g_assert_nonnull (error->message);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpint (fen, >=, 0);
      g_assert_cmpint (fen, <=, JB_MONEY_MAX);
      g_autofree char *plain = jb_money_to_decimal (fen, unit);
      gint64 again = -1;
      g_assert_true (jb_money_parse (plain, unit, &again, NULL));
      g_assert_cmpint (again, ==, fen);
      g_autofree char *shown = jb_money_format (fen);
      g_assert_nonnull (shown);
    }
}
#elif defined(JB_FUZZ_DATE)
static gboolean
is_iso (const char *s)
{
  static const char pattern[] = "dddd-dd-dd";
  if (strlen (s) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; pattern[i]; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != pattern[i])
      return FALSE;
  return TRUE;
}

static void
check_iso (const char *iso)
{
  if (iso == NULL)
    return;
  g_assert_true (is_iso (iso));
  g_autofree char *again = jb_date_normalize (iso);
  g_assert_cmpstr (again, ==, iso);
  g_autofree char *shown = jb_date_format (iso);
  g_assert_nonnull (shown);
}

static void
check (const char *text)
{
  g_autofree char *exact = jb_date_normalize (text);
  g_autofree char *start = jb_date_normalize_loose (text, FALSE);
  g_autofree char *end = jb_date_normalize_loose (text, TRUE);
  check_iso (exact);
  check_iso (start);
  check_iso (end);
  /* An exact date is its own period. */
  if (exact)
    {
      g_assert_cmpstr (start, ==, exact);
      g_assert_cmpstr (end, ==, exact);
    }
  /* A spreadsheet's day number, as a cell would hold it. */
  char *rest;
  double serial = g_ascii_strtod (text, &rest);
  if (rest != text)
    for (int system = 0; system < 2; system++)
      {
        g_autofree char *iso = jb_date_from_serial (serial, system);
        check_iso (iso);
      }
}
#elif defined(JB_FUZZ_CREDIT_CODE)
static void
check (const char *text)
{
  g_autofree char *message = NULL;
  if (jb_credit_code_is_valid (text, &message))
    {
      g_assert_null (message);
      g_assert_cmpuint (strlen (text), ==, 18);
      g_autofree char *first17 = g_strndup (text, 17);
      g_assert_cmpint (jb_credit_code_check_char (first17), ==, text[17]);
    }
  else
    g_assert_nonnull (message);

  /* Any 17 characters with the check character they call for are valid. */
  if (strlen (text) >= 17)
    {
      g_autofree char *first17 = g_strndup (text, 17);
      char c = jb_credit_code_check_char (first17);
      if (c)
        {
          g_autofree char *code = g_strdup_printf ("%s%c", first17, c);
          g_assert_true (jb_credit_code_is_valid (code, NULL));
        }
    }
}
#else
#error "Define JB_FUZZ_MONEY, JB_FUZZ_DATE or JB_FUZZ_CREDIT_CODE"
#endif

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  /* Text stops at a NUL, as it does in every caller. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  check (text);
  return 0;
}

#ifndef JB_LIBFUZZER
int
main (int argc, char **argv)
{
  guint n = fuzz_driver_run (argc, argv);
  return n > 0 ? 0 : 1;
}
#endif

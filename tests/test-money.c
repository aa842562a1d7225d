/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Money: exact parsing and formatting in yuan and 万元. */
#include <glib.h>
#include <string.h>

#include "jb-money.h"

static gint64
parse_ok (const char *text, JbMoneyUnit unit)
{
  g_autoptr (GError) error = NULL;
  gint64 fen = -1;
  g_assert_true (jb_money_parse (text, unit, &fen, &error));
  g_assert_no_error (error);
  return fen;
}

static void
test_parse (void)
{
  g_assert_cmpint (parse_ok ("125000", JB_MONEY_YUAN), ==, 12500000);
  g_assert_cmpint (parse_ok ("125,000.50", JB_MONEY_YUAN), ==, 12500050);
  g_assert_cmpint (parse_ok ("12.5万", JB_MONEY_YUAN), ==, 12500000);
  g_assert_cmpint (parse_ok (" 12.5 万元 ", JB_MONEY_YUAN), ==, 12500000);
  g_assert_cmpint (parse_ok ("12.5", JB_MONEY_WAN), ==, 12500000);
  g_assert_cmpint (parse_ok ("3000元", JB_MONEY_WAN), ==, 300000);
  g_assert_cmpint (parse_ok ("¥3,000", JB_MONEY_WAN), ==, 300000);
  g_assert_cmpint (parse_ok ("￥3,000", JB_MONEY_WAN), ==, 300000);  /* full width */
  g_assert_cmpint (parse_ok ("0.000001", JB_MONEY_WAN), ==, 1);
  g_assert_cmpint (parse_ok ("4980", JB_MONEY_WAN), ==, G_GINT64_CONSTANT (4980000000));
  g_assert_cmpint (parse_ok ("0", JB_MONEY_YUAN), ==, 0);
}

static void
test_refuse (void)
{
  const char *bad[] = { "", "abc", "-5", "1.001", "1.2.3", "12万万", "1e6", "0.0000001万",
                        "99999999999999999999",
                        /* just past the largest amount by its decimals: fuzz-money */
                        "1,00,000000.12万", "1000000000000.01",
                        /* invalid UTF-8, cut in a character: found by fuzz-money */
                        "y\xe3\x90\xac\xe5\x85\x83.uan  \xe4" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 fen = 42;
      g_assert_false (jb_money_parse (bad[i], JB_MONEY_YUAN, &fen, &error));
      g_assert_error (error, JB_MONEY_ERROR, 0);
      g_assert_cmpint (fen, ==, 42);
    }
}

/* The examples a refusal gives are read in the unit the amount was asked in,
 * and both name the same amount: under 万元, a bare 125000 would be 12.5亿. */
static void
test_refusal_examples (void)
{
  for (JbMoneyUnit unit = JB_MONEY_YUAN; unit <= JB_MONEY_WAN; unit++)
    {
      g_autoptr (GError) error = NULL;
      gint64 fen;
      g_assert_false (jb_money_parse ("很多", unit, &fen, &error));
      const char *such = strstr (error->message, "such as ");
      g_assert_nonnull (such);
      g_autofree char *examples = g_strdup (such + strlen ("such as "));
      g_assert_true (g_str_has_suffix (examples, "."));
      examples[strlen (examples) - 1] = '\0';
      g_auto (GStrv) two = g_strsplit (examples, " or ", -1);
      g_assert_cmpuint (g_strv_length (two), ==, 2);
      for (guint i = 0; i < 2; i++)
        g_assert_cmpint (parse_ok (two[i], unit), ==, 12500000);
    }
}

static void
test_decimal_round_trip (void)
{
  gint64 samples[] = { 0, 1, 99, 100, 12345678, 4999999999, JB_MONEY_MAX };
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    for (JbMoneyUnit unit = JB_MONEY_YUAN; unit <= JB_MONEY_WAN; unit++)
      {
        g_autofree char *s = jb_money_to_decimal (samples[i], unit);
        g_assert_cmpint (parse_ok (s, unit), ==, samples[i]);
      }
  g_autofree char *a = jb_money_to_decimal (12500050, JB_MONEY_YUAN);
  g_assert_cmpstr (a, ==, "125000.5");
  g_autofree char *b = jb_money_to_decimal (12500000, JB_MONEY_WAN);
  g_assert_cmpstr (b, ==, "12.5");
}

static void
test_format (void)
{
  g_autofree char *a = jb_money_format_in (12500050, JB_MONEY_YUAN);
  g_assert_cmpstr (a, ==, "¥125,000.50");
  g_autofree char *b = jb_money_format_in (5000000000, JB_MONEY_WAN);
  g_assert_cmpstr (b, ==, "5,000万元");
  g_autofree char *c = jb_money_format_in (12345600, JB_MONEY_WAN); /* 123,456 yuan */
  g_assert_cmpstr (c, ==, "12.35万元");
  g_autofree char *d = jb_money_format_in (12345000, JB_MONEY_WAN); /* half rounds up */
  g_assert_cmpstr (d, ==, "12.35万元");
  g_autofree char *e = jb_money_format_in (12344999, JB_MONEY_WAN);
  g_assert_cmpstr (e, ==, "12.34万元");
  g_autofree char *f = jb_money_format_in (12000000, JB_MONEY_WAN);
  g_assert_cmpstr (f, ==, "12万元");
  g_autofree char *g = jb_money_format_in (12100000, JB_MONEY_WAN);
  g_assert_cmpstr (g, ==, "12.1万元");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/money/parse", test_parse);
  g_test_add_func ("/money/refuse", test_refuse);
  g_test_add_func ("/money/refusal-examples", test_refusal_examples);
  g_test_add_func ("/money/decimal-round-trip", test_decimal_round_trip);
  g_test_add_func ("/money/format", test_format);
  return g_test_run ();
}

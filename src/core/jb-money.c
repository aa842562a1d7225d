/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-money.c: parsing and formatting exact amounts of money. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-money.h"

G_DEFINE_QUARK (jb-money-error-quark, jb_money_error)

static const struct {
  const char *suffix;
  JbMoneyUnit unit;
} suffixes[] = {
  /* Longest first so that "万元" is not read as "元". */
  { "万元", JB_MONEY_WAN },
  { "萬元", JB_MONEY_WAN },
  { "wan", JB_MONEY_WAN },
  { "万", JB_MONEY_WAN },
  { "yuan", JB_MONEY_YUAN },
  { "rmb", JB_MONEY_YUAN },
  { "cny", JB_MONEY_YUAN },
  { "元", JB_MONEY_YUAN },
};

static gint64
unit_fen (JbMoneyUnit unit)
{
  return unit == JB_MONEY_WAN ? JB_FEN_PER_WAN : JB_FEN_PER_YUAN;
}

static guint
unit_decimals (JbMoneyUnit unit)
{
  return unit == JB_MONEY_WAN ? 6 : 2;
}

/* The example is read in @unit, the one a bare number is read in: under
 * 万元, 125000 would be 12.5亿 yuan, not 12.5万. */
static void
not_an_amount (GError **error, const char *shown, JbMoneyUnit unit)
{
  if (unit == JB_MONEY_WAN)
    g_set_error (error, JB_MONEY_ERROR, 0,
                 _("“%s” is not an amount. Write a number such as 12.5 or 125000 yuan."), shown);
  else
    g_set_error (error, JB_MONEY_ERROR, 0,
                 _("“%s” is not an amount. Write a number such as 125000 or 12.5万."), shown);
}

gboolean
jb_money_parse (const char *text, JbMoneyUnit unit, gint64 *fen, GError **error)
{
  const JbMoneyUnit asked = unit;

  /* GLib's UTF-8 functions read past the end of invalid UTF-8 (a cell of a
   * file in another encoding): found by tests/fuzz-parsers.c. */
  if (text && !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);
      not_an_amount (error, shown, asked);
      return FALSE;
    }
  g_autofree char *s = g_utf8_strdown (text ? text : "", -1);
  g_strstrip (s);

  const char *p = s;
  if (g_str_has_prefix (p, "¥") || g_str_has_prefix (p, "￥"))
    {
      /* Not the same length: the half-width sign is 2 bytes, the full-width 3. */
      p += g_str_has_prefix (p, "¥") ? strlen ("¥") : strlen ("￥");
      unit = JB_MONEY_YUAN;
      while (g_ascii_isspace (*p))
        p++;
    }
  if (*p == '-')
    {
      g_set_error (error, JB_MONEY_ERROR, 0, _("An amount cannot be negative."));
      return FALSE;
    }
  if (*p == '+')
    p++;

  /* Cut a unit suffix off the end. */
  gsize len = strlen (p);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize sl = strlen (suffixes[i].suffix);
      if (len > sl && strcmp (p + len - sl, suffixes[i].suffix) == 0)
        {
          len -= sl;
          unit = suffixes[i].unit;
          break;
        }
    }
  while (len > 0 && g_ascii_isspace (p[len - 1]))
    len--;

  gint64 whole = 0, frac = 0;
  guint n_digits = 0, n_frac = 0;
  gboolean in_frac = FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = p[i];
      if (c == ',' && !in_frac && n_digits > 0)
        continue;
      if (c == '.' && !in_frac)
        {
          in_frac = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (c))
        {
          not_an_amount (error, text, asked);
          return FALSE;
        }
      if (in_frac)
        {
          if (++n_frac > unit_decimals (unit))
            {
              g_set_error (error, JB_MONEY_ERROR, 0,
                           _("An amount cannot be more exact than one fen (0.01 yuan)."));
              return FALSE;
            }
          frac = frac * 10 + (c - '0');
        }
      else
        {
          n_digits++;
          whole = whole * 10 + (c - '0');
          if (whole > JB_MONEY_MAX / unit_fen (unit))
            {
              g_set_error (error, JB_MONEY_ERROR, 0, _("The amount is too large."));
              return FALSE;
            }
        }
    }
  if (n_digits == 0 && n_frac == 0)
    {
      not_an_amount (error, text, asked);
      return FALSE;
    }
  for (guint i = n_frac; i < unit_decimals (unit); i++)
    frac *= 10;
  /* frac is now in the unit's smallest step; 1 fen in both units.  The
   * whole part alone was checked: its decimals may still carry it past the
   * largest amount (found by fuzz-money). */
  gint64 total = whole * unit_fen (unit) + frac;
  if (total > JB_MONEY_MAX)
    {
      g_set_error (error, JB_MONEY_ERROR, 0, _("The amount is too large."));
      return FALSE;
    }
  *fen = total;
  return TRUE;
}

char *
jb_money_to_decimal (gint64 fen, JbMoneyUnit unit)
{
  gint64 per = unit_fen (unit);
  gboolean negative = fen < 0;
  guint64 a = negative ? (guint64) -fen : (guint64) fen;
  GString *s = g_string_new (negative ? "-" : "");
  g_string_append_printf (s, "%" G_GUINT64_FORMAT, a / (guint64) per);
  guint64 rest = a % (guint64) per;
  if (rest != 0)
    {
      g_string_append_printf (s, ".%0*" G_GUINT64_FORMAT, (int) unit_decimals (unit), rest);
      while (s->str[s->len - 1] == '0')
        g_string_truncate (s, s->len - 1);
    }
  return g_string_free (s, FALSE);
}

/* "1234567" → "1,234,567" */
static void
append_grouped (GString *s, guint64 n)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
}

char *
jb_money_format_in (gint64 fen, JbMoneyUnit unit)
{
  gboolean negative = fen < 0;
  guint64 a = negative ? (guint64) -fen : (guint64) fen;
  g_autoptr (GString) number = g_string_new (negative ? "-" : "");

  if (unit == JB_MONEY_WAN)
    {
      /* Round half up to 0.01 万元 (100 yuan = 10 000 fen). */
      guint64 hundredths = (a + 5000) / 10000;
      append_grouped (number, hundredths / 100);
      guint rest = hundredths % 100;
      if (rest != 0)
        g_string_append_printf (number, rest % 10 ? ".%02u" : ".%u", rest % 10 ? rest : rest / 10);
      /* TRANSLATORS: an amount in units of 10 000 yuan (万元); %s is the number */
      return g_strdup_printf (_("%s万元"), number->str);
    }

  append_grouped (number, a / 100);
  if (a % 100 != 0)
    g_string_append_printf (number, ".%02u", (guint) (a % 100));
  /* TRANSLATORS: an amount in yuan; %s is the number */
  return g_strdup_printf (_("¥%s"), number->str);
}

JbMoneyUnit
jb_money_default_unit (void)
{
  const char * const *languages = g_get_language_names ();
  return g_str_has_prefix (languages[0], "zh") ? JB_MONEY_WAN : JB_MONEY_YUAN;
}

char *
jb_money_format (gint64 fen)
{
  return jb_money_format_in (fen, jb_money_default_unit ());
}

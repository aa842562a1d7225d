/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-date.c: reading and showing dates. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jb-date.h"

char *
jb_date_normalize (const char *text)
{
  if (text == NULL)
    return NULL;

  /* Already 2026-12-15, as every saved or imported date is: the answer is
   * the text itself or NULL, without the work below. */
  static const char iso[] = "dddd-dd-dd";
  gboolean is_iso = strlen (text) == sizeof iso - 1;
  for (guint i = 0; is_iso && iso[i]; i++)
    is_iso = iso[i] == 'd' ? g_ascii_isdigit (text[i]) : text[i] == iso[i];
  if (is_iso)
    {
      unsigned y = (unsigned) g_ascii_strtoull (text, NULL, 10);
      unsigned m = (unsigned) g_ascii_strtoull (text + 5, NULL, 10);
      unsigned d = (unsigned) g_ascii_strtoull (text + 8, NULL, 10);
      return y >= 1900 && y <= 2999 && g_date_valid_dmy (d, m, y) ? g_strdup (text) : NULL;
    }

  g_autofree char *s = g_strstrip (g_strdup (text));
  /* One separator form: 年/月 and / and . become '-', 日 goes. */
  static const char *seps[] = { "年", "月", "/", "." };
  for (guint i = 0; i < G_N_ELEMENTS (seps); i++)
    {
      g_auto (GStrv) parts = g_strsplit (s, seps[i], -1);
      g_free (s);
      s = g_strjoinv ("-", parts);
    }
  if (g_str_has_suffix (s, "日"))
    s[strlen (s) - strlen ("日")] = '\0';

  unsigned y, m, d;
  int consumed = 0;
  if (sscanf (s, "%4u-%2u-%2u%n", &y, &m, &d, &consumed) != 3 || s[consumed] != '\0')
    return NULL;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '-')
      return NULL;
  if (y < 1900 || y > 2999 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

/* "2023年6月", "2023-06", "2023/6", "2023.6", "2023年" as a month or year. */
static char *
normalize_period (const char *text, gboolean end)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  static const char *seps[] = { "年", "月", "/", "." };
  for (guint i = 0; i < G_N_ELEMENTS (seps); i++)
    {
      g_auto (GStrv) parts = g_strsplit (s, seps[i], -1);
      g_free (s);
      s = g_strjoinv ("-", parts);
    }
  gsize len = strlen (s);
  while (len > 0 && s[len - 1] == '-')
    s[--len] = '\0';
  for (const char *p = s; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '-')
      return NULL;

  unsigned y, m = 0;
  int consumed = 0;
  if (sscanf (s, "%4u-%2u%n", &y, &m, &consumed) == 2 && s[consumed] == '\0' &&
      consumed >= 6)
    {
      if (y < 1900 || y > 2999 || m < 1 || m > 12)
        return NULL;
      guint day = end ? g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y) : 1;
      return g_strdup_printf ("%04u-%02u-%02u", y, m, day);
    }
  if (sscanf (s, "%4u%n", &y, &consumed) == 1 && s[consumed] == '\0' && consumed == 4 &&
      y >= 1900 && y <= 2999)
    return g_strdup_printf ("%04u-%s", y, end ? "12-31" : "01-01");
  return NULL;
}

static char *
normalize_one (const char *text, gboolean end)
{
  char *iso = jb_date_normalize (text);
  return iso ? iso : normalize_period (text, end);
}

char *
jb_date_normalize_loose (const char *text, gboolean end)
{
  if (text == NULL)
    return NULL;
  char *iso = jb_date_normalize (text);
  if (iso)
    return iso;

  g_autofree char *s = g_strstrip (g_strdup (text));
  /* "2023年6月前", "2023年底": the period itself. */
  static const char *suffixes[] = { "之前", "以前", "前", "底", "止" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (s, suffixes[i]) && strlen (s) > strlen (suffixes[i]))
      {
        s[strlen (s) - strlen (suffixes[i])] = '\0';
        g_strstrip (s);
        break;
      }
  iso = normalize_one (s, end);
  if (iso)
    return iso;

  /* A range: split where both sides are dates, and take the end (or start). */
  static const char *dashes[] = { "至", "到", "～", "~", "—", "–", "-" };
  for (guint i = 0; i < G_N_ELEMENTS (dashes); i++)
    for (const char *at = strstr (s, dashes[i]); at; at = strstr (at + 1, dashes[i]))
      {
        g_autofree char *left = g_strndup (s, (gsize) (at - s));
        g_autofree char *a = normalize_one (left, FALSE);
        g_autofree char *b = a ? normalize_one (at + strlen (dashes[i]), TRUE) : NULL;
        if (a && b && strcmp (a, b) <= 0)
          return g_strdup (end ? b : a);
      }
  return NULL;
}

char *
jb_date_from_serial (double serial, gboolean system_1904)
{
  if (!(serial >= 1 && serial < 2958466))  /* 9999-12-31; NaN fails too */
    return NULL;
  gint64 days = (gint64) serial;
  g_autoptr (GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, system_1904 ? 1904 : 1900);
  if (system_1904)
    g_date_add_days (date, (guint) days);
  else if (days == 60)
    return NULL;  /* 1900-02-29, which Lotus thought existed */
  else
    g_date_add_days (date, (guint) (days < 60 ? days - 1 : days - 2));
  GDateYear y = g_date_get_year (date);
  if (y < 1900 || y > 2999)
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, g_date_get_month (date), g_date_get_day (date));
}

char *
jb_date_format (const char *iso)
{
  g_autofree char *norm = jb_date_normalize (iso);
  if (norm == NULL)
    return g_strdup (iso ? iso : "");
  unsigned y, m, d;
  sscanf (norm, "%u-%u-%u", &y, &m, &d);
  g_autoptr (GDateTime) dt = g_date_time_new_local ((int) y, (int) m, (int) d, 12, 0, 0);
  return g_date_time_format (dt, "%x");
}

char *
jb_date_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

char *
jb_timestamp_now (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

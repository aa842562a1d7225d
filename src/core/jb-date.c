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

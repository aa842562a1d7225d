/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind.c: the list of record kinds, the choices several kinds share, and
 * looking fields and choices up (see jb-kind.h; each kind is in jb-kind-*.c). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-kind-private.h"

JB_ENUM (jb_enum_org_kind,
         { "enterprise", N_("Enterprise"), JB_VALUE_ENTERPRISE },
         { "institute", N_("Research institute") },
         { "university", N_("University") },
         { "agency", N_("Service agency") },
         { "government", N_("Government department") },
         { "investor", N_("Investor") },
         { "other", N_("Other") });

/* The Yangtze River Delta first: that is where most of our users work. */
JB_ENUM (jb_enum_province,
         { "shanghai", N_("Shanghai"), JB_VALUE_DELTA },
         { "jiangsu", N_("Jiangsu"), JB_VALUE_DELTA },
         { "zhejiang", N_("Zhejiang"), JB_VALUE_DELTA },
         { "anhui", N_("Anhui"), JB_VALUE_DELTA },
         { "beijing", N_("Beijing") },
         { "tianjin", N_("Tianjin") },
         { "hebei", N_("Hebei") },
         { "shanxi", N_("Shanxi") },
         { "neimenggu", N_("Inner Mongolia") },
         { "liaoning", N_("Liaoning") },
         { "jilin", N_("Jilin") },
         { "heilongjiang", N_("Heilongjiang") },
         { "fujian", N_("Fujian") },
         { "jiangxi", N_("Jiangxi") },
         { "shandong", N_("Shandong") },
         { "henan", N_("Henan") },
         { "hubei", N_("Hubei") },
         { "hunan", N_("Hunan") },
         { "guangdong", N_("Guangdong") },
         { "guangxi", N_("Guangxi") },
         { "hainan", N_("Hainan") },
         { "chongqing", N_("Chongqing") },
         { "sichuan", N_("Sichuan") },
         { "guizhou", N_("Guizhou") },
         { "yunnan", N_("Yunnan") },
         { "xizang", N_("Tibet") },
         { "shaanxi", N_("Shaanxi") },
         { "gansu", N_("Gansu") },
         { "qinghai", N_("Qinghai") },
         { "ningxia", N_("Ningxia") },
         { "xinjiang", N_("Xinjiang") },
         { "taiwan", N_("Taiwan") },
         { "hongkong", N_("Hong Kong") },
         { "macao", N_("Macao") },
         { "overseas", N_("Outside China") });

JB_ENUM (jb_enum_industry,
         { "new_energy", N_("New energy") },
         { "new_materials", N_("New materials") },
         { "ai", N_("Artificial intelligence") },
         { "ic", N_("Integrated circuits") },
         { "electronics", N_("Electronic information") },
         { "biomedicine", N_("Biomedicine") },
         { "medical_devices", N_("Medical devices") },
         { "equipment", N_("High-end equipment") },
         { "automotive", N_("Intelligent vehicles") },
         { "aerospace", N_("Aerospace") },
         { "energy_saving", N_("Energy saving and environment") },
         { "chemicals", N_("Chemicals") },
         { "agriculture", N_("Modern agriculture") },
         { "digital", N_("Digital economy") },
         { "other", N_("Other") });

/* In the order of JbKindId, which is also the order of the exchange format:
 * a kind refers only to kinds before it, or to itself. */
static const JbKind *const kinds[JB_N_KINDS] = {
  [JB_KIND_ORGANIZATION] = &jb_kind_organization,
  [JB_KIND_PERSON] = &jb_kind_person,
  [JB_KIND_EVENT] = &jb_kind_event,
  [JB_KIND_DEMAND] = &jb_kind_demand,
  [JB_KIND_SOLUTION] = &jb_kind_solution,
  [JB_KIND_ACHIEVEMENT] = &jb_kind_achievement,
  [JB_KIND_DEAL] = &jb_kind_deal,
  [JB_KIND_PAYMENT] = &jb_kind_payment,
  [JB_KIND_AWARD] = &jb_kind_award,
};

const JbKind *
jb_kind_get (JbKindId kind)
{
  g_return_val_if_fail (kind < JB_N_KINDS, NULL);
  return kinds[kind];
}

const JbKind *
jb_kind_by_name (const char *name)
{
  for (guint i = 0; i < JB_N_KINDS; i++)
    if (g_strcmp0 (kinds[i]->name, name) == 0)
      return kinds[i];
  return NULL;
}

int
jb_kind_field_index (const JbKind *kind, const char *field_name)
{
  for (guint i = 0; field_name && i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, field_name) == 0)
      return (int) i;
  return -1;
}

const JbField *
jb_kind_field (const JbKind *kind, const char *field_name)
{
  int i = jb_kind_field_index (kind, field_name);
  return i < 0 ? NULL : &kind->fields[i];
}

guint
jb_kind_title_index (const JbKind *kind)
{
  /* Asked for every row shown: looked up once per kind. */
  static int title[JB_N_KINDS];
  int i = g_atomic_int_get (&title[kind->id]);
  if (i == 0)
    {
      i = jb_kind_field_index (kind, kind->title) + 1;
      g_assert (i > 0);
      g_atomic_int_set (&title[kind->id], i);
    }
  return (guint) i - 1;
}

int
jb_enum_index (const JbEnum *enumeration, const char *code)
{
  for (guint i = 0; code != NULL && i < enumeration->n_values; i++)
    if (strcmp (enumeration->values[i].code, code) == 0)
      return (int) i;
  return -1;
}

const char *
jb_enum_label (const JbEnum *enumeration, const char *code)
{
  int i = jb_enum_index (enumeration, code);
  return i < 0 ? NULL : _(enumeration->values[i].label);
}

gboolean
jb_enum_has_flag (const JbEnum *enumeration, const char *code, JbValueFlags flags)
{
  int i = jb_enum_index (enumeration, code);
  return i >= 0 && (enumeration->values[i].flags & flags) == flags;
}

char *
jb_enum_codes_with_flag (const JbEnum *enumeration, JbValueFlags flags)
{
  GString *codes = g_string_new (NULL);
  for (guint i = 0; i < enumeration->n_values; i++)
    if ((enumeration->values[i].flags & flags) == flags)
      g_string_append_printf (codes, "%s%s", codes->len ? "," : "", enumeration->values[i].code);
  return g_string_free (codes, FALSE);
}

void
jb_summary_line_free (JbSummaryLine *line)
{
  g_free (line->text);
  g_free (line);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-facets.c: the facets of a match (jb-match.h) — what a demand
 * and a record that may answer it have in common besides their words —
 * each as points (the weights of jb-match-weights.c) and, when asked, a
 * sentence saying why. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-match-private.h"
#include "jb-money.h"

static const struct {
  const char *name;
  const char *label;
} facets[JB_N_FACETS] = {
  [JB_FACET_TERMS] = { "terms", N_("Shared terms") },
  [JB_FACET_INDUSTRY] = { "industry", N_("Industry field") },
  [JB_FACET_REGION] = { "region", N_("Region") },
  [JB_FACET_READINESS] = { "readiness", N_("Readiness") },
  [JB_FACET_PRICE] = { "price", N_("Price") },
  [JB_FACET_MODE] = { "mode", N_("Cooperation mode") },
  [JB_FACET_RECORD] = { "record", N_("Track record") },
  [JB_FACET_ORGANIZATION] = { "organization", N_("Organization") },
};

const char *
jb_facet_label (JbFacet facet)
{
  g_return_val_if_fail (facet < JB_N_FACETS, NULL);
  return _(facets[facet].label);
}

const char *
jb_facet_name (JbFacet facet)
{
  g_return_val_if_fail (facet < JB_N_FACETS, NULL);
  return facets[facet].name;
}

static void
set (JbFacetScore *out, double points, gboolean explain, char *reason)
{
  out->points = points;
  g_free (out->reason);
  out->reason = explain ? reason : NULL;
  if (!explain)
    g_free (reason);
}

void
jb_match_facet_industry (JbFacetScore *out, const char *a, const char *b,
                         const JbMatchWeights *w, gboolean explain)
{
  /* "Other" says nothing of what two records have in common. */
  if (a == NULL || g_strcmp0 (a, b) != 0 || g_str_equal (a, "other"))
    return;
  set (out, w->industry_points, explain,
       explain ? g_strdup_printf (_("Same industry field: %s"),
                                  jb_enum_label (&jb_enum_industry, a)) : NULL);
}

void
jb_match_facet_region (JbFacetScore *out, const char *a, const char *b,
                       const JbMatchWeights *w, gboolean explain)
{
  const JbEnum *e = &jb_enum_province;
  if (a == NULL || b == NULL)
    return;
  if (g_str_equal (a, b))
    set (out, w->region_province_points, explain,
         explain ? g_strdup_printf (_("Both in %s"), jb_enum_label (e, a)) : NULL);
  else if (jb_enum_has_flag (e, a, JB_VALUE_DELTA) && jb_enum_has_flag (e, b, JB_VALUE_DELTA))
    set (out, w->region_delta_points, explain,
         /* TRANSLATORS: two provinces of 沪苏浙皖 */
         explain ? g_strdup_printf (_("Both in the Yangtze River Delta (%s, %s)"),
                                    jb_enum_label (e, a), jb_enum_label (e, b)) : NULL);
}

/* Whole months from @today to @deadline (negative when past); FALSE when
 * either is not a date. */
static gboolean
months_left (const char *today, const char *deadline, int *months)
{
  GDate a, b;
  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  if (today == NULL || deadline == NULL)
    return FALSE;
  g_date_set_parse (&a, today);
  g_date_set_parse (&b, deadline);
  if (!g_date_valid (&a) || !g_date_valid (&b))
    return FALSE;
  int days = g_date_days_between (&a, &b);
  *months = days >= 0 ? days / 30 : -((-days + 29) / 30);
  return TRUE;
}

void
jb_match_facet_readiness (JbFacetScore *out, int trl, const char *deadline, const char *today,
                          gboolean expired_counts, const JbMatchWeights *w, gboolean explain)
{
  int months;
  if (!months_left (today, deadline, &months))
    return;
  if (months < 0 && expired_counts)
    {
      g_autofree char *date = jb_date_format (deadline);
      set (out, -w->expired_points, explain,
           explain ? g_strdup_printf (_("The deadline passed on %s"), date) : NULL);
      return;
    }
  /* A demand past its deadline is still matched, by its words alone. */
  if (trl <= 0 || months < 0)
    return;
  guint bucket = 0;
  while (bucket < G_N_ELEMENTS (w->readiness_months) && months > w->readiness_months[bucket])
    bucket++;
  int needed = w->readiness_trl[bucket];
  int short_by = needed - trl;
  double points = w->readiness_points * w->readiness_shortfall[CLAMP (short_by, 0, 3)];
  if (!explain)
    {
      set (out, points, FALSE, NULL);
      return;
    }
  char *reason;
  if (short_by <= 0)
    reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Readiness level %d: ready for the deadline in "
                                           "%d month",
                                           "Readiness level %d: ready for the deadline in "
                                           "%d months", months), trl, months);
  else
    reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Readiness level %d, where the deadline in %d month "
                                           "needs %d",
                                           "Readiness level %d, where the deadline in %d months "
                                           "needs %d", months),
                              trl, months, needed);
  set (out, points, TRUE, reason);
}

void
jb_match_facet_price (JbFacetScore *out, gint64 asking, gint64 investment,
                      const JbMatchWeights *w, gboolean explain)
{
  if (asking < 0 || investment <= 0)
    return;
  /* Within the investment: all the points; from there down, in proportion,
   * to as many off at price_tolerance times it. */
  double ratio = (double) asking / investment;
  double points = w->price_points * CLAMP (1 - 2 * (ratio - 1) / (w->price_tolerance - 1),
                                           -1.0, 1.0);
  g_autofree char *a = explain ? jb_money_format (asking) : NULL;
  g_autofree char *i = explain ? jb_money_format (investment) : NULL;
  set (out, points, explain,
       !explain ? NULL
       : ratio <= 1 ? g_strdup_printf (_("Asks %s, within the intended investment of %s"), a, i)
       : g_strdup_printf (_("Asks %s, more than the intended investment of %s"), a, i));
}

void
jb_match_facet_mode (JbFacetScore *out, const char *coop_mode, const char *transfer_mode,
                     const JbMatchWeights *w, gboolean explain)
{
  if (coop_mode == NULL || transfer_mode == NULL)
    return;
  for (const JbModeFit *fit = w->mode_fits; fit->coop_mode; fit++)
    if (g_str_equal (fit->coop_mode, coop_mode) && g_str_equal (fit->transfer_mode, transfer_mode))
      {
        /* TRANSLATORS: a demand's cooperation mode; an achievement's transfer mode */
        set (out, w->mode_points * fit->fit, explain,
             explain ? g_strdup_printf (_("Wants %s; offered as %s"),
                                        jb_enum_label (&jb_enum_coop_mode, coop_mode),
                                        jb_enum_label (&jb_enum_transfer_mode, transfer_mode))
                     : NULL);
        return;
      }
}

void
jb_match_facet_record (JbFacetScore *out, const JbMatchRecord *r, const char *industry,
                       const JbMatchWeights *w, gboolean explain)
{
  double length = r->selected + w->record_deal * r->signed_deals +
                  w->record_in_field * (r->selected_in_field + w->record_deal * r->signed_in_field);
  if (length <= 0)
    return;
  double points = w->record_points * MIN (1.0, length / w->record_full);
  if (!explain)
    {
      set (out, points, FALSE, NULL);
      return;
    }
  /* What there is of it: "2 solutions selected", "1 deal signed" or both. */
  g_autofree char *selected = r->selected == 0 ? NULL
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d solution selected",
                                    "%d solutions selected", (gulong) r->selected),
                       (int) r->selected);
  g_autofree char *deals = r->signed_deals == 0 ? NULL
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d deal signed", "%d deals signed",
                                    (gulong) r->signed_deals), (int) r->signed_deals);
  /* TRANSLATORS: "2 solutions selected, 1 deal signed" */
  g_autofree char *both = selected && deals ? g_strdup_printf (_("%s, %s"), selected, deals)
                          : g_strdup (selected ? selected : deals);
  gint64 in_field = r->selected_in_field + r->signed_in_field;
  if (in_field > 0 && industry)
    /* TRANSLATORS: "2 solutions selected, 1 deal signed (2 in New energy)" */
    set (out, points, TRUE, g_strdup_printf (_("%s (%d in %s)"), both, (int) in_field,
                                             jb_enum_label (&jb_enum_industry, industry)));
  else
    set (out, points, TRUE, g_steal_pointer (&both));
}

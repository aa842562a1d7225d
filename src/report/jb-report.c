/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-report.c: the annual report (see jb-report.h).
 *
 * Pages are laid out at A4 in points; the data is read once in jb_report_new,
 * so drawing a page never touches the database (GtkPrintOperation may draw
 * pages more than once, and in any order). */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "jb-chart.h"
#include "jb-date.h"
#include "jb-report.h"

#define MARGIN 48.0
#define CONTENT_WIDTH (JB_REPORT_PAGE_WIDTH - 2 * MARGIN)
#define FONT "Sans"

struct _JbReport {
  char *description;
  char *today;
  JbFigures figures;
  GPtrArray *series[JB_N_SERIES];   /* JbSeriesEntry */
  JbStatsTable *tables[JB_N_TABLES];
};

enum { PAGE_SUMMARY, PAGE_TIME, PAGE_FIELDS, PAGE_TOP, PAGE_MANAGERS, N_PAGES };

void
jb_report_free (JbReport *report)
{
  g_free (report->description);
  g_free (report->today);
  for (guint i = 0; i < JB_N_SERIES; i++)
    g_clear_pointer (&report->series[i], g_ptr_array_unref);
  for (guint i = 0; i < JB_N_TABLES; i++)
    g_clear_pointer (&report->tables[i], jb_stats_table_free);
  g_free (report);
}

JbReport *
jb_report_new (JbStore *store, const JbStatsPeriod *period, GError **error)
{
  g_autoptr (JbReport) report = g_new0 (JbReport, 1);
  if (!jb_store_begin_read (store, error))
    return NULL;
  gboolean ok = jb_store_stats_figures (store, period, &report->figures, error);
  for (guint i = 0; ok && i < JB_N_SERIES; i++)
    ok = (report->series[i] = i == JB_SERIES_FUNNEL
                                ? jb_store_stats_funnel (store, period, &report->figures)
                                : jb_store_stats_series (store, period, i, error)) != NULL;
  for (guint i = 0; ok && i < JB_N_TABLES; i++)
    ok = (report->tables[i] = jb_store_stats_table (store, period, i, error)) != NULL;
  jb_store_commit (store, NULL);
  if (!ok)
    return NULL;
  report->description = jb_store_stats_describe (store, period);
  g_autofree char *today = jb_date_today ();
  report->today = jb_date_format (today);
  return g_steal_pointer (&report);
}

guint
jb_report_get_n_pages (JbReport *report)
{
  return N_PAGES;
}

/* ---- drawing helpers ------------------------------------------------------ */

static PangoLayout *
layout_new (cairo_t *cr, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  /* Points, whatever the target's resolution. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  return layout;
}

/* Text at (@x, @y) (top left) in @width, ellipsized (or wrapped); returns its height. */
static double
text (cairo_t *cr, const char *s, double size, gboolean bold, double x, double y, double width,
      PangoAlignment align, gboolean wrap)
{
  g_autoptr (PangoLayout) layout = layout_new (cr, size, bold);
  pango_layout_set_text (layout, s, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  if (wrap)
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  else
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  int h;
  pango_layout_get_size (layout, NULL, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return (double) h / PANGO_SCALE;
}

static double
heading (cairo_t *cr, const char *s, double y)
{
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  return y + text (cr, s, 12, TRUE, MARGIN, y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, FALSE) + 6;
}

static double
chart (cairo_t *cr, JbReport *report, JbSeriesId id, JbChartKind kind, double y, double height)
{
  GPtrArray *entries = report->series[id];
  g_autofree JbChartItem *items = g_new0 (JbChartItem, MAX (entries->len, 1));
  g_autoptr (GPtrArray) short_texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      JbSeriesEntry *e = entries->pdata[i];
      char *short_text = jb_series_is_money (id) ? jb_chart_format_money (e->value) : NULL;
      g_ptr_array_add (short_texts, short_text);
      items[i] = (JbChartItem) { e->label, (double) e->value, e->formatted, short_text };
    }
  y = heading (cr, jb_series_title (id), y);
  JbChartStyle style;
  jb_chart_style_init_print (&style);
  style.font = FONT " 7.5";
  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  jb_chart_draw (cr, kind, items, entries->len, CONTENT_WIDTH, height, &style, -1);
  cairo_restore (cr);
  return y + height + 18;
}

static double
table (cairo_t *cr, JbStatsTable *t, double y)
{
  const double row = 17;
  double weights = 0;
  for (guint c = 0; c < t->n_columns; c++)
    weights += c < t->numeric_from ? 2 : 1.4;

  y = heading (cr, t->title, y);
  for (guint r = 0; r <= t->rows->len; r++)
    {
      const char * const *cells = r == 0 ? (const char * const *) t->columns
                                         : t->rows->pdata[r - 1];
      double x = MARGIN;
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      for (guint c = 0; c < t->n_columns; c++)
        {
          double w = CONTENT_WIDTH * (c < t->numeric_from ? 2 : 1.4) / weights;
          text (cr, cells[c], 8.5, r == 0, x + 2, y + 3, w - 6,
                c < t->numeric_from ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT, FALSE);
          x += w;
        }
      y += row;
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, r == 0 ? 0.8 : 0.3);
      cairo_move_to (cr, MARGIN, y);
      cairo_line_to (cr, MARGIN + CONTENT_WIDTH, y);
      cairo_stroke (cr);
    }
  if (t->rows->len == 0)
    {
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      y += text (cr, _("No records in this period"), 9, FALSE, MARGIN, y + 4, CONTENT_WIDTH,
                 PANGO_ALIGN_LEFT, FALSE) + 4;
    }
  return y + 20;
}

static void
summary_page (cairo_t *cr, JbReport *report)
{
  double y = MARGIN;
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  y += text (cr, _("Open innovation in figures"), 20, TRUE, MARGIN, y, CONTENT_WIDTH,
             PANGO_ALIGN_LEFT, TRUE) + 4;
  y += text (cr, report->description, 14, FALSE, MARGIN, y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
             TRUE) + 2;
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  /* TRANSLATORS: under the report's title; %s is a date */
  g_autofree char *made = g_strdup_printf (_("Prepared with Jiebang on %s"), report->today);
  y += text (cr, made, 9, FALSE, MARGIN, y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, FALSE) + 18;

  y = heading (cr, _("Key figures"), y);
  const double cell_w = CONTENT_WIDTH / 4, cell_h = 46;
  for (guint i = 0; i < JB_N_FIGURES; i++)
    {
      double x = MARGIN + (i % 4) * cell_w, cy = y + (i / 4) * cell_h;
      g_autofree char *value = jb_figure_format (&report->figures, i);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      double h = text (cr, value, 15, TRUE, x, cy, cell_w - 8, PANGO_ALIGN_LEFT, FALSE);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      text (cr, jb_figure_label (i), 8.5, FALSE, x, cy + h, cell_w - 8, PANGO_ALIGN_LEFT, FALSE);
    }
  y += ((JB_N_FIGURES + 3) / 4) * cell_h + 16;
  chart (cr, report, JB_SERIES_FUNNEL, JB_CHART_FUNNEL, y, 190);
}

static void
footer (cairo_t *cr, JbReport *report, guint page)
{
  /* TRANSLATORS: page footer: the period and scope, then "page 2 of 5" */
  g_autofree char *s = g_strdup_printf (_("%s · page %u of %u"), report->description, page + 1,
                                        (guint) N_PAGES);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  text (cr, s, 8, FALSE, MARGIN, JB_REPORT_PAGE_HEIGHT - MARGIN + 16, CONTENT_WIDTH,
        PANGO_ALIGN_CENTER, FALSE);
}

void
jb_report_draw_page (JbReport *report, cairo_t *cr, guint page, double width, double height)
{
  g_return_if_fail (page < N_PAGES);
  double scale = MIN (width / JB_REPORT_PAGE_WIDTH, height / JB_REPORT_PAGE_HEIGHT);
  double y = MARGIN;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  switch (page)
    {
    case PAGE_SUMMARY:
      summary_page (cr, report);
      break;
    case PAGE_TIME:
      y = chart (cr, report, JB_SERIES_DEMANDS_OVER_TIME, JB_CHART_BARS, y, 200);
      y = chart (cr, report, JB_SERIES_CONTRACTS_OVER_TIME, JB_CHART_LINE, y, 200);
      chart (cr, report, JB_SERIES_BY_REGION, JB_CHART_BARS, y, 170);
      break;
    case PAGE_FIELDS:
      y = chart (cr, report, JB_SERIES_BY_INDUSTRY, JB_CHART_HBARS, y, 330);
      chart (cr, report, JB_SERIES_TOP_ENTERPRISES, JB_CHART_HBARS, y, 260);
      break;
    case PAGE_TOP:
      y = table (cr, report->tables[JB_TABLE_LARGEST_DEALS], y);
      table (cr, report->tables[JB_TABLE_SOLVERS], y);
      break;
    case PAGE_MANAGERS:
      table (cr, report->tables[JB_TABLE_MANAGERS], y);
      break;
    default:
      break;
    }
  footer (cr, report, page);
  cairo_restore (cr);
}

gboolean
jb_report_write_pdf (JbReport *report, const char *path, GError **error)
{
  /* Written beside the target and renamed: never a half-written report. */
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *tmp = g_strdup_printf ("%s.%.8s.tmp", path, random);
  cairo_surface_t *surface = cairo_pdf_surface_create (tmp, JB_REPORT_PAGE_WIDTH,
                                                       JB_REPORT_PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->description);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Jiebang");
  for (guint page = 0; page < N_PAGES; page++)
    {
      jb_report_draw_page (report, cr, page, JB_REPORT_PAGE_WIDTH, JB_REPORT_PAGE_HEIGHT);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_status_t status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS || g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the report to “%s”: %s"),
                   path, status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                        : g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

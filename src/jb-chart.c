/* jb-chart.c: the charts of jb-chart.h.
 *
 * Geometry depends only on the size and the number of items, never on the
 * text, so that pointing (jb_chart_item_at) needs no cairo context.  Text is
 * laid out with pango: cairo's toy text API cannot shape Chinese. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jb-chart.h"

#define PAD 6.0
#define LABEL_SHARE 0.38  /* of the width, for labels left of horizontal bars */
#define VALUE_SHARE 0.22  /* of the width, for values right of horizontal bars */
#define BOTTOM 30.0       /* below vertical bars, for their labels */
#define TOP 18.0          /* above vertical bars, for their values */

void
jb_chart_style_init_print (JbChartStyle *style)
{
  *style = (JbChartStyle) {
    .foreground = { 0.1, 0.1, 0.1, 1 },
    .accent = { 0.21, 0.52, 0.89, 1 },      /* #3584e4 */
    .highlight = { 0.90, 0.38, 0.0, 1 },
    .font = "Sans 9",
  };
}

static gboolean
is_rows (JbChartKind kind)
{
  return kind == JB_CHART_HBARS || kind == JB_CHART_FUNNEL;
}

void
jb_chart_item_area (JbChartKind kind, guint n, double width, double height, guint i, double *x,
                    double *y, double *w, double *h)
{
  if (n == 0)
    {
      *x = *y = *w = *h = 0;
      return;
    }
  if (is_rows (kind))
    {
      double row = (height - 2 * PAD) / n;
      *x = PAD;
      *w = width - 2 * PAD;
      *y = PAD + i * row;
      *h = row;
    }
  else
    {
      double slot = (width - 2 * PAD) / n;
      *x = PAD + i * slot;
      *w = slot;
      *y = PAD;
      *h = height - 2 * PAD;
    }
}

int
jb_chart_item_at (JbChartKind kind, guint n, double width, double height, double px, double py)
{
  for (guint i = 0; i < n; i++)
    {
      double x, y, w, h;
      jb_chart_item_area (kind, n, width, height, i, &x, &y, &w, &h);
      if (px >= x && px < x + w && py >= y && py < y + h)
        return (int) i;
    }
  return -1;
}

static void
set_color (cairo_t *cr, const JbChartColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/* Draws @text in a box of @max_width at (@x, @y), aligned by @align (0 left,
 * 0.5 centre, 1 right), ellipsized, vertically centred on @y. */
static void
draw_text (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y,
           double max_width, double align)
{
  if (text == NULL || max_width < 4)
    return;
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  int tw, th;
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, x + (max_width - tw) * align, y - th / 2.0);
  /* The layout's own alignment would move ellipsized text; we place it. */
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_cairo_show_layout (cr, layout);
}

static double
max_value (const JbChartItem *items, guint n)
{
  double m = 0;
  for (guint i = 0; i < n; i++)
    m = MAX (m, items[i].value);
  return m > 0 ? m : 1;
}

static void
focus_frame (cairo_t *cr, const JbChartStyle *style, double x, double y, double w, double h)
{
  cairo_save (cr);
  set_color (cr, &style->highlight);
  cairo_set_line_width (cr, 1.5);
  double dash[] = { 3, 2 };
  cairo_set_dash (cr, dash, 2, 0);
  cairo_rectangle (cr, x + 1, y + 1, w - 2, h - 2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Months "2022-03" become "03" when there is no room for the year. */
static const char *
short_label (const char *label, double room, PangoLayout *layout)
{
  int tw;
  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, label, -1);
  pango_layout_get_pixel_size (layout, &tw, NULL);
  if (tw <= room || strlen (label) != 7 || label[4] != '-')
    return label;
  return label + 5;
}

static void
draw_columns (cairo_t *cr, PangoLayout *layout, JbChartKind kind, const JbChartItem *items,
              guint n, double width, double height, const JbChartStyle *style, int focus)
{
  double top = PAD + TOP, bottom = height - PAD - BOTTOM;
  double plot = MAX (bottom - top, 1), max = max_value (items, n);
  double slot = (width - 2 * PAD) / n;
  /* Values above the bars only when they fit; the tooltip tells them anyway. */
  gboolean values = slot >= 34;

  set_color (cr, &style->foreground);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, PAD, floor (bottom) + 0.5);
  cairo_line_to (cr, width - PAD, floor (bottom) + 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      double x = PAD + i * slot, h = plot * items[i].value / max;
      double cx = x + slot / 2;
      if (kind == JB_CHART_BARS)
        {
          double bw = MAX (slot * 0.7, 1);
          set_color (cr, (int) i == focus ? &style->highlight : &style->accent);
          cairo_rectangle (cr, cx - bw / 2, bottom - h, bw, h);
          cairo_fill (cr);
        }
      else
        {
          set_color (cr, &style->accent);
          cairo_set_line_width (cr, 2);
          if (i > 0)
            {
              double px = cx - slot, ph = plot * items[i - 1].value / max;
              cairo_move_to (cr, px, bottom - ph);
              cairo_line_to (cr, cx, bottom - h);
              cairo_stroke (cr);
            }
          set_color (cr, (int) i == focus ? &style->highlight : &style->accent);
          cairo_arc (cr, cx, bottom - h, (int) i == focus ? 5 : 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      set_color (cr, &style->foreground);
      if (values)
        draw_text (cr, layout, items[i].formatted, x, bottom - h - TOP / 2 - 2, slot, 0.5);
      /* Every label when they fit, else every other one. */
      guint step = slot >= 30 ? 1 : slot >= 15 ? 2 : 3;
      if (i % step == 0)
        draw_text (cr, layout, short_label (items[i].label, slot * step, layout), x,
                   bottom + BOTTOM / 2, slot * step, step == 1 ? 0.5 : 0);
      if ((int) i == focus)
        focus_frame (cr, style, x, PAD, slot, height - 2 * PAD);
    }
}

static void
draw_rows (cairo_t *cr, PangoLayout *layout, JbChartKind kind, const JbChartItem *items,
           guint n, double width, double height, const JbChartStyle *style, int focus)
{
  double label_w = (width - 2 * PAD) * LABEL_SHARE;
  double value_w = (width - 2 * PAD) * VALUE_SHARE;
  double bar_x = PAD + label_w + PAD, bar_w = MAX (width - 2 * PAD - label_w - value_w - 2 * PAD, 1);
  double row = (height - 2 * PAD) / n, max = max_value (items, n);

  for (guint i = 0; i < n; i++)
    {
      double y = PAD + i * row, cy = y + row / 2;
      double w = bar_w * items[i].value / max;
      double bh = MIN (row * 0.7, 28);
      set_color (cr, (int) i == focus ? &style->highlight : &style->accent);
      if (kind == JB_CHART_FUNNEL)
        cairo_rectangle (cr, bar_x + (bar_w - w) / 2, cy - bh / 2, MAX (w, 1), bh);
      else
        cairo_rectangle (cr, bar_x, cy - bh / 2, MAX (w, 1), bh);
      cairo_fill (cr);
      set_color (cr, &style->foreground);
      draw_text (cr, layout, items[i].label, PAD, cy, label_w, 1);
      draw_text (cr, layout, items[i].formatted, width - PAD - value_w, cy, value_w, 0);
      if ((int) i == focus)
        focus_frame (cr, style, PAD, y, width - 2 * PAD, row);
    }
}

void
jb_chart_draw (cairo_t *cr, JbChartKind kind, const JbChartItem *items, guint n, double width,
               double height, const JbChartStyle *style, int focus)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font ? style->font
                                                                                : "Sans 9");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (n == 0)
    {
      set_color (cr, &style->foreground);
      draw_text (cr, layout, _("No records in this period"), 0, height / 2, width, 0.5);
    }
  else if (is_rows (kind))
    draw_rows (cr, layout, kind, items, n, width, height, style, focus);
  else
    draw_columns (cr, layout, kind, items, n, width, height, style, focus);
  cairo_restore (cr);
}

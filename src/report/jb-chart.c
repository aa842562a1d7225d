/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-chart.c: the charts of jb-chart.h.
 *
 * Geometry depends only on the size and the number of items, never on the
 * text, so that pointing (jb_chart_item_at) needs no cairo context.  Text is
 * laid out with pango: cairo's toy text API cannot shape Chinese. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "jb-chart.h"
#include "jb-money.h"

#define PAD 6.0
#define LABEL_SHARE 0.5   /* of the width at most, for labels left of horizontal bars */
#define VALUE_SHARE 0.25  /* of the width at most, for values right of horizontal bars */

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

/* @x with at most 3 significant digits and no trailing zeros: "1.55", "13.4", "171". */
static char *
three_digits (double x)
{
  char *s = g_strdup_printf (x >= 99.95 ? "%.0f" : x >= 9.995 ? "%.1f" : "%.2f", x);
  if (strpbrk (s, ".,"))
    {
      char *end = s + strlen (s);
      while (end > s && end[-1] == '0')
        *--end = '\0';
      if (end > s && (end[-1] == '.' || end[-1] == ','))
        *--end = '\0';
    }
  return s;
}

char *
jb_chart_format_money (gint64 fen)
{
  if (jb_money_default_unit () == JB_MONEY_WAN)
    {
      if (fen >= 100000000 * JB_FEN_PER_YUAN)
        {
          g_autofree char *n = three_digits (fen / (1e8 * JB_FEN_PER_YUAN));
          /* TRANSLATORS: an amount in units of 100 million yuan (亿元) on a chart; %s is the number */
          return g_strdup_printf (_("%s亿元"), n);
        }
      /* Whole 万元 from 100万元 on, tenths from 10万元: digits a chart can hold. */
      gint64 unit = fen >= 100 * JB_FEN_PER_WAN ? JB_FEN_PER_WAN
                  : fen >= 10 * JB_FEN_PER_WAN ? JB_FEN_PER_WAN / 10 : 1;
      return jb_money_format_in ((fen + unit / 2) / unit * unit, JB_MONEY_WAN);
    }
  double yuan = (double) fen / JB_FEN_PER_YUAN;
  if (yuan >= 999.5e6)
    {
      g_autofree char *n = three_digits (yuan / 1e9);
      /* TRANSLATORS: billions of yuan on a chart ("¥1.2B"); %s is the number */
      return g_strdup_printf (_("¥%sB"), n);
    }
  if (yuan >= 999.5e3)
    {
      g_autofree char *n = three_digits (yuan / 1e6);
      /* TRANSLATORS: millions of yuan on a chart ("¥1.55M"); %s is the number */
      return g_strdup_printf (_("¥%sM"), n);
    }
  if (yuan >= 10e3)
    {
      g_autofree char *n = three_digits (yuan / 1e3);
      /* TRANSLATORS: thousands of yuan on a chart ("¥220K"); %s is the number */
      return g_strdup_printf (_("¥%sK"), n);
    }
  return jb_money_format_in ((fen + JB_FEN_PER_YUAN / 2) / JB_FEN_PER_YUAN * JB_FEN_PER_YUAN,
                             JB_MONEY_YUAN);
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

/* Sets @text on @layout as one unbounded line and returns its size. */
static void
measure (PangoLayout *layout, const char *text, int *w, int *h)
{
  pango_layout_set_width (layout, -1);
  pango_layout_set_height (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text ? text : "", -1);
  pango_layout_get_pixel_size (layout, w, h);
}

static int
line_height (PangoLayout *layout)
{
  int h;
  /* Latin and CJK glyphs: a line tall enough for both. */
  measure (layout, "Ag月", NULL, &h);
  return h;
}

/* Draws @text in a box of @max_width at (@x, @y), aligned by @align (0 left,
 * 0.5 centre, 1 right), vertically centred on @y.  Too long, it is wrapped to
 * @lines lines if more than one is allowed, else ellipsized by @ellipsize. */
static void
draw_text (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y,
           double max_width, double align, int lines, PangoEllipsizeMode ellipsize)
{
  if (text == NULL || max_width < 4)
    return;
  int tw, th;
  measure (layout, text, &tw, &th);
  if (tw > max_width)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      /* A negative height limits the paragraph to that many lines. */
      pango_layout_set_height (layout, lines > 1 ? -lines : -1);
      pango_layout_set_ellipsize (layout, lines > 1 ? PANGO_ELLIPSIZE_END : ellipsize);
      /* The layout aligns each line within the box; we place the box. */
      pango_layout_set_alignment (layout, align >= 1 ? PANGO_ALIGN_RIGHT
                                          : align > 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      pango_layout_get_pixel_size (layout, NULL, &th);
      tw = (int) max_width;
    }
  cairo_move_to (cr, x + (max_width - tw) * align, y - th / 2.0);
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

/* "YYYY-MM" → month and year, else FALSE. */
static gboolean
parse_month (const char *label, int *year, int *month)
{
  if (label == NULL || strlen (label) != 7 || label[4] != '-')
    return FALSE;
  *year = atoi (label);
  *month = atoi (label + 5);
  return *year > 0 && *month >= 1 && *month <= 12;
}

/* The axis label of a column: months by their short name in the user's
 * language ("Mar", "3月"); the year on a second line where it changes, if the
 * chart spans several. */
static char *
axis_label (const JbChartItem *items, guint i, gboolean with_years)
{
  int y, m, py, pm;
  if (!parse_month (items[i].label, &y, &m))
    return g_strdup (items[i].label);
  g_autoptr (GDateTime) date = g_date_time_new_utc (y, m, 1, 0, 0, 0);
  char *name = date ? g_date_time_format (date, "%b") : NULL;
  if (name == NULL)
    return g_strdup (items[i].label + 5);
  if (with_years && (i == 0 || !parse_month (items[i - 1].label, &py, &pm) || py != y))
    {
      char *two = g_strdup_printf ("%s\n%d", name, y);
      g_free (name);
      return two;
    }
  return name;
}

static gboolean
spans_years (const JbChartItem *items, guint n)
{
  int y0, m0, y1, m1;
  return n > 1 && parse_month (items[0].label, &y0, &m0) &&
         parse_month (items[n - 1].label, &y1, &m1) && y0 != y1;
}

typedef struct {
  double x, y, w, h;
} Box;

static gboolean
overlaps (const GArray *boxes, const Box *b)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      const Box *o = &g_array_index (boxes, Box, i);
      if (b->x < o->x + o->w && o->x < b->x + b->w && b->y < o->y + o->h && o->y < b->y + b->h)
        return TRUE;
    }
  return FALSE;
}

static const JbChartItem *sort_items;

static int
by_value_desc (gconstpointer a, gconstpointer b)
{
  double va = sort_items[*(const guint *) a].value, vb = sort_items[*(const guint *) b].value;
  return va < vb ? 1 : va > vb ? -1 : (int) *(const guint *) a - (int) *(const guint *) b;
}

static void
draw_columns (cairo_t *cr, PangoLayout *layout, JbChartKind kind, const JbChartItem *items,
              guint n, double width, double height, const JbChartStyle *style, int focus)
{
  int line = line_height (layout);
  gboolean with_years = spans_years (items, n);
  double slot = (width - 2 * PAD) / n;
  /* Dates may be thinned out, the reader fills the gaps; names (regions)
   * may not: they wrap to two lines in their column instead. */
  gboolean dates = TRUE;
  int widest_name = 0;
  for (guint i = 0; i < n; i++)
    {
      int y, m, w;
      const char *l = items[i].label ? items[i].label : "";
      if (!parse_month (l, &y, &m) && !(strlen (l) == 4 && g_ascii_isdigit (l[0])))
        dates = FALSE;
      measure (layout, l, &w, NULL);
      widest_name = MAX (widest_name, w);
    }
  int label_lines = with_years || (!dates && widest_name > slot - 4) ? 2 : 1;
  /* Room above the tallest bar for its value, below the axis for the labels. */
  double top = PAD + line + 4;
  double bottom = height - PAD - 6 - line * label_lines;
  double plot = MAX (bottom - top, 1), max = max_value (items, n);

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
      if ((int) i == focus)
        focus_frame (cr, style, x, PAD, slot, height - 2 * PAD);
    }

  /* Axis labels: every one, or every 2nd, 3rd, 4th, 6th… so that the widest
   * fits, keeping quarters and half-years aligned. */
  set_color (cr, &style->foreground);
  g_auto (GStrv) labels = g_new0 (char *, n + 1);
  int widest = 0;
  for (guint i = 0; i < n; i++)
    {
      int w;
      labels[i] = axis_label (items, i, with_years);
      measure (layout, labels[i], &w, NULL);
      widest = MAX (widest, w);
    }
  static const guint steps[] = { 1, 2, 3, 4, 6, 12, 24, 60, 120 };
  guint step = steps[G_N_ELEMENTS (steps) - 1];
  for (guint s = 0; dates && s < G_N_ELEMENTS (steps); s++)
    if (slot * steps[s] >= widest + 6)
      {
        step = steps[s];
        break;
      }
  if (!dates)
    step = 1;
  for (guint i = 0; !dates && i < n; i++)
    draw_text (cr, layout, labels[i], PAD + i * slot + 2, bottom + 3 + line * label_lines / 2.0,
               slot - 4, 0.5, label_lines, PANGO_ELLIPSIZE_END);
  for (guint i = 0; dates && i < n; i += step)
    {
      int w, h;
      measure (layout, labels[i], &w, &h);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      /* Centred under the column, but never past the chart's edges. */
      double lx = CLAMP (PAD + (i + 0.5) * slot - w / 2.0, 0, MAX (width - w, 0));
      cairo_move_to (cr, lx, bottom + 3);
      pango_cairo_show_layout (cr, layout);
    }

  /* Values above the bars and points: no zeros (the empty column says it),
   * and only those that fit without touching another, the pointed one
   * first, then the largest.  The tooltip and the numbers list tell all. */
  g_autoptr (GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (order, i);
  sort_items = items;
  g_array_sort (order, by_value_desc);
  if (focus >= 0 && (guint) focus < n)
    {
      for (guint k = 0; k < n; k++)
        if (g_array_index (order, guint, k) == (guint) focus)
          g_array_remove_index (order, k);
      g_array_prepend_val (order, focus);
    }
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));
  for (guint k = 0; k < n; k++)
    {
      guint i = g_array_index (order, guint, k);
      const char *value = items[i].short_text ? items[i].short_text : items[i].formatted;
      if (items[i].value <= 0 || value == NULL)
        continue;
      int w, h;
      measure (layout, value, &w, &h);
      double vh = plot * items[i].value / max;
      double gap = kind == JB_CHART_LINE ? 6 : 2;
      Box b = { CLAMP (PAD + (i + 0.5) * slot - w / 2.0, 0, MAX (width - w, 0)),
                bottom - vh - gap - h, w, h };
      /* Clear of its neighbours by a few pixels, so that numbers never run together. */
      Box wide = { b.x - 3, b.y, b.w + 6, b.h };
      if (b.y < 0 || overlaps (placed, &wide))
        continue;
      g_array_append_val (placed, b);
      if ((int) i == focus)
        set_color (cr, &style->highlight);
      else
        set_color (cr, &style->foreground);
      cairo_move_to (cr, b.x, b.y);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_rows (cairo_t *cr, PangoLayout *layout, JbChartKind kind, const JbChartItem *items,
           guint n, double width, double height, const JbChartStyle *style, int focus)
{
  double inner = width - 2 * PAD;
  double row = (height - 2 * PAD) / n, max = max_value (items, n);
  int line = line_height (layout);
  /* Long names (companies, institutes) take two lines where the rows are tall
   * enough, else lose their middle: "宁德时代…研究院" still says whose it is. */
  int lines = row >= 2 * line + 2 ? 2 : 1;

  /* The columns as wide as their texts, within bounds that leave the bars room. */
  int widest_label = 0, widest_value = 0;
  for (guint i = 0; i < n; i++)
    {
      int w;
      measure (layout, items[i].label, &w, NULL);
      widest_label = MAX (widest_label, w);
      measure (layout, items[i].formatted, &w, NULL);
      widest_value = MAX (widest_value, w);
    }
  double value_w = MIN (widest_value + 2, inner * VALUE_SHARE);
  double label_w = MIN (widest_label + 2, inner * LABEL_SHARE);
  if (lines == 2 && widest_label > label_w)
    label_w = MIN (widest_label / 2.0 + line, inner * LABEL_SHARE);
  double bar_x = PAD + label_w + PAD;
  double bar_w = MAX (inner - label_w - value_w - 2 * PAD, 1);

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
      draw_text (cr, layout, items[i].label, PAD, cy, label_w, 1, lines,
                 PANGO_ELLIPSIZE_MIDDLE);
      /* The exact value when it fits, else the rounded one. */
      int vw;
      measure (layout, items[i].formatted, &vw, NULL);
      const char *value = vw <= value_w || items[i].short_text == NULL ? items[i].formatted
                                                                       : items[i].short_text;
      draw_text (cr, layout, value, width - PAD - value_w, cy, value_w, 0, 1,
                 PANGO_ELLIPSIZE_END);
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
      draw_text (cr, layout, _("No records in this period"), 0, height / 2, width, 0.5, 2,
                 PANGO_ELLIPSIZE_END);
    }
  else if (is_rows (kind))
    draw_rows (cr, layout, kind, items, n, width, height, style, focus);
  else
    draw_columns (cr, layout, kind, items, n, width, height, style, focus);
  cairo_restore (cr);
}

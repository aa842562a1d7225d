/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-chart.h: bar charts, a funnel and a line over time, drawn with cairo and
 * pango and nothing else: the dashboard's widgets (jb-chart-view.c) and the
 * printed report (jb-report.c) draw the same pictures. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  JB_CHART_BARS,    /* vertical bars, labels below: months, regions */
  JB_CHART_HBARS,   /* horizontal bars, labels on the left: fields, enterprises */
  JB_CHART_FUNNEL,  /* centred bars narrowing step by step */
  JB_CHART_LINE,    /* a line through the values, a dot per item: amounts over time */
} JbChartKind;

typedef struct {
  const char *label;      /* "2022-03" (a month) and "2022" are written as dates */
  double      value;      /* only the proportions matter */
  const char *formatted;  /* the exact value, written beside horizontal bars */
  const char *short_text; /* written above vertical bars and points; NULL: formatted */
} JbChartItem;

typedef struct {
  double red, green, blue, alpha;
} JbChartColor;

typedef struct {
  JbChartColor foreground;  /* text and axis */
  JbChartColor accent;      /* bars */
  JbChartColor highlight;   /* the focused or pointed bar */
  const char  *font;        /* Pango font description; NULL: "Sans 9" */
} JbChartStyle;

/* An amount rounded for a chart's labels, where the exact one rarely fits:
 * "155万元", "1.7亿元" under Chinese, "¥1.55M", "¥220K" otherwise. */
char *jb_chart_format_money (gint64 fen);

/* Black on white with a blue that prints well in grey too. */
void  jb_chart_style_init_print (JbChartStyle *style);

/* Draws the chart into (0, 0, @width, @height) of @cr; item @focus (-1: none)
 * is drawn in the highlight colour with a focus frame. */
void  jb_chart_draw       (cairo_t            *cr,
                           JbChartKind         kind,
                           const JbChartItem  *items,
                           guint               n_items,
                           double              width,
                           double              height,
                           const JbChartStyle *style,
                           int                 focus);
/* The item under (@x, @y), or -1: its whole column or row, not only its bar. */
int   jb_chart_item_at    (JbChartKind kind, guint n_items, double width, double height,
                           double x, double y);
/* The area of item @i that jb_chart_item_at() answers for (tooltips). */
void  jb_chart_item_area  (JbChartKind kind, guint n_items, double width, double height,
                           guint i, double *x, double *y, double *w, double *h);

G_END_DECLS

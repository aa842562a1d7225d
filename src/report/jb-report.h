/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-report.h: the annual report — title, key figures, charts and top tables
 * on A4 pages, drawn with cairo and pango.  The same renderer draws the pages
 * of the print dialog (GtkPrintOperation::draw-page) and the PDF that
 * `jiebang --report` writes without a display. */
#pragma once

#include <cairo.h>

#include "jb-stats.h"

G_BEGIN_DECLS

/* A4 in points: pages are designed at this size and scaled to the target. */
#define JB_REPORT_PAGE_WIDTH  595.0
#define JB_REPORT_PAGE_HEIGHT 842.0

typedef struct _JbReport JbReport;

/* Reads every figure, series and table once, in one read transaction, so that
 * the pages agree with each other even while the database changes. */
JbReport *jb_report_new         (JbStore             *store,
                                 const JbStatsPeriod *period,
                                 GError             **error);
void      jb_report_free        (JbReport *report);
guint     jb_report_get_n_pages (JbReport *report);
/* Draws page @page (from 0) into a surface of @width × @height (any unit):
 * the A4 design is scaled to fit, keeping its proportions. */
void      jb_report_draw_page   (JbReport *report,
                                 cairo_t  *cr,
                                 guint     page,
                                 double    width,
                                 double    height);
gboolean  jb_report_write_pdf   (JbReport    *report,
                                 const char  *path,
                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbReport, jb_report_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-stats.h: the year in figures — key figures, series for charts and top
 * tables, all computed in SQL by the store (jb-store-stats.c), so that the
 * dashboard, the charts, the report and the tables they open never disagree.
 *
 * Which date puts a record in a period (inclusive, ISO dates):
 *   demands        the day it was entered (created, UTC date): when it was
 *                  collected.  Its deadline lies in the following year, so it
 *                  says nothing about the year's work.
 *   solutions      submitted
 *   intentions     the day the deal was entered (created): a deal starts as an
 *                  intention, whatever stage it has reached since
 *   signed deals   signed_on; stage signed, executing or completed — a
 *                  terminated deal never counts as signed
 *   payments       received: received_on; outstanding: not received, of the
 *                  deals signed by the end of the period (a balance, not a flow);
 *                  overdue: outstanding and due before min(today, period end)
 *   awards         awarded_on
 *   invitations    the day of the invitation (a solution or deal asked for
 *                  through matching, jb-match.h), whatever it has come to since
 * Published and matched count the collected demands whose status has reached
 * that step (published = published, matched, cooperating or closed; matched =
 * matched, cooperating or closed).  Enterprises involved are the owners of the
 * collected demands; the alliance figure counts those that are members.
 *
 * Scope: everything, or one event with its sessions at any depth; records
 * belong to it as in the tables' event filter: demands and awards by their
 * event, solutions by their demand, deals by their event or their demand,
 * payments by their deal. */
#pragma once

#include "jb-filter.h"
#include "jb-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *from;      /* first day, ISO; NULL: since the beginning */
  const char *to;        /* last day, ISO; NULL: no end */
  gint64      event_id;  /* 0: everything; else this event and its sessions */
  const char *today;     /* overdue is judged on min(today, to); NULL: the real today */
  gboolean    event_alone; /* the event without its sessions (the seed's "62 demands
                              of the Minhang session" leave out its live contest) */
} JbStatsPeriod;

/* "2022", "2022-03-01 – 2022-06-30", "All time"…, with the event's title when
 * scoped: for titles and the labels of the filters. */
char *jb_store_stats_describe (JbStore *self, const JbStatsPeriod *period);

/* A year: @from and @to are filled with YYYY-01-01 and YYYY-12-31 (11 bytes each). */
void jb_stats_period_set_year (JbStatsPeriod *period, int year, char from[11], char to[11]);

typedef enum {
  JB_FIGURE_DEMANDS,            /* demands collected */
  JB_FIGURE_PUBLISHED,
  JB_FIGURE_MATCHED,
  JB_FIGURE_INVESTMENT,         /* intended investment of the collected demands (money) */
  JB_FIGURE_SOLUTIONS,          /* solutions received */
  JB_FIGURE_SELECTED,           /* of those, selected */
  JB_FIGURE_INTENTIONS,         /* cooperation intentions: deals entered, any stage */
  JB_FIGURE_SIGNED,             /* signed deals; amount: their contract amount */
  JB_FIGURE_CONTRACT_AMOUNT,    /* the contract amount of the signed deals (money) */
  JB_FIGURE_TRANSACTION,        /* registered technology transaction amount (money) */
  JB_FIGURE_RECEIVED,           /* payments received (money) */
  JB_FIGURE_OUTSTANDING,        /* payments outstanding (money) */
  JB_FIGURE_OVERDUE,            /* of those, overdue (money) */
  JB_FIGURE_AWARDS,
  JB_FIGURE_ENTERPRISES,        /* enterprises involved */
  JB_FIGURE_ALLIANCE,           /* of those, alliance members */
  JB_N_FIGURES
} JbFigureId;

typedef struct {
  gint64 count[JB_N_FIGURES];   /* records behind each figure */
  gint64 amount[JB_N_FIGURES];  /* fen, for the figures with an amount (else 0) */
} JbFigures;

/* The figure's name, translated: "Demands collected". */
const char *jb_figure_label       (JbFigureId figure);
/* TRUE if the figure is an amount of money (its value is amount[], not count[]). */
gboolean    jb_figure_is_money    (JbFigureId figure);
/* The value for people: "62", or "4,960万元" / "¥49,600,000" by the locale. */
char       *jb_figure_format      (const JbFigures *figures, JbFigureId figure);

gboolean    jb_store_stats_figures (JbStore             *self,
                                    const JbStatsPeriod *period,
                                    JbFigures           *figures,
                                    GError             **error);
/* The records behind a figure: jb_store_list_filtered (store, kind, filter…)
 * lists exactly count[figure] records. */
JbFilter   *jb_store_stats_figure_filter (JbStore             *self,
                                          const JbStatsPeriod *period,
                                          JbFigureId           figure,
                                          GError             **error);

typedef enum {
  JB_SERIES_DEMANDS_OVER_TIME,    /* demands per month (per year over more than 2 years) */
  JB_SERIES_CONTRACTS_OVER_TIME,  /* contract amount of signed deals, same buckets (money) */
  JB_SERIES_BY_INDUSTRY,          /* demands by industry field */
  JB_SERIES_BY_REGION,            /* demands by province: 沪 苏 浙 皖, others */
  JB_SERIES_FUNNEL,               /* demands → solutions → selected → intentions → signed */
  JB_SERIES_TOP_ENTERPRISES,      /* the ten owners with the most intended investment (money) */
  JB_N_SERIES
} JbSeriesId;

typedef struct {
  char     *label;      /* translated: "2022-03", "New energy", "Shanghai" */
  gint64    value;      /* a count, or fen */
  char     *formatted;  /* the exact value for people */
  JbFilter *filter;     /* the records behind the entry */
} JbSeriesEntry;

void        jb_series_entry_free  (JbSeriesEntry *entry);
const char *jb_series_title       (JbSeriesId series);
gboolean    jb_series_is_money    (JbSeriesId series);
/* JbSeriesEntry elements, in chart order (time, funnel order, largest first). */
GPtrArray  *jb_store_stats_series (JbStore             *self,
                                   const JbStatsPeriod *period,
                                   JbSeriesId           series,
                                   GError             **error);

/* JB_SERIES_FUNNEL from figures already read: saves reading them twice. */
GPtrArray  *jb_store_stats_funnel (JbStore             *self,
                                   const JbStatsPeriod *period,
                                   const JbFigures     *figures);

typedef enum {
  JB_TABLE_LARGEST_DEALS,   /* the ten signed deals with the largest contract amount */
  JB_TABLE_SOLVERS,         /* the ten solvers with the most solutions received */
  JB_TABLE_MANAGERS,        /* every technology manager's demands and signed deals */
  JB_TABLE_INVITATIONS,     /* invitations from matching (jb-match.h) and what became of
                             * them: the solutions and deals they created, by status */
  JB_N_TABLES
} JbTableId;

typedef struct {
  char      *title;
  GStrv      columns;       /* translated headers */
  guint      n_columns;
  guint      numeric_from;  /* columns from this one on are numbers: right-aligned */
  GPtrArray *rows;          /* GStrv, formatted cells */
  GPtrArray *filters;       /* JbFilter per row: the records behind it */
} JbStatsTable;

void          jb_stats_table_free  (JbStatsTable *table);
JbStatsTable *jb_store_stats_table (JbStore             *self,
                                    const JbStatsPeriod *period,
                                    JbTableId            table,
                                    GError             **error);

/* TRUE (the default): the figures of whole months are read from running
 * totals the store keeps; FALSE: from the records, as for any other period.
 * For tests and benchmarks, which compare the two. */
void        jb_store_stats_use_totals (JbStore *self, gboolean use);

/* The years that hold records (demands entered, deals signed), newest first:
 * for a year chooser. */
GArray     *jb_store_stats_years  (JbStore *self, GError **error);
/* The years a year chooser offers, newest first: those of
 * jb_store_stats_years(), and the year of @today (ISO; NULL: the real
 * today) as soon as anything the figures count by its date (a solution
 * received, a payment, an award…) or an invitation from matching happened
 * in it, so that what was done today is never found under "All time" only.
 * *@open (may be NULL): the year to open on: @today's year if it is offered
 * (the year a technology manager is working on), else the newest (an
 * archive of past years opens on its last), else 0 (nothing: all time). */
GArray     *jb_store_stats_year_choices (JbStore    *self,
                                         const char *today,
                                         int        *open,
                                         GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbStatsTable, jb_stats_table_free)

G_END_DECLS

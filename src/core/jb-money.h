/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-money.h: exact money.  Amounts are integer fen (0.01 yuan); never floats. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  JB_MONEY_YUAN,
  JB_MONEY_WAN,   /* 万元 = 10 000 yuan, how Chinese readers take large sums */
} JbMoneyUnit;

#define JB_FEN_PER_YUAN G_GINT64_CONSTANT (100)
#define JB_FEN_PER_WAN  G_GINT64_CONSTANT (1000000)
/* Far above any contract, far below overflow when summing many of them. */
#define JB_MONEY_MAX    (G_GINT64_CONSTANT (1000000000000) * JB_FEN_PER_YUAN)

#define JB_MONEY_ERROR (jb_money_error_quark ())
GQuark       jb_money_error_quark     (void);

/* Parses "125000", "125,000.50", "12.5万", "12.5 万元", "¥3,000", "3000 yuan".
 * A bare number is read in @unit.  Refuses negatives, more decimals than a fen,
 * and anything that is not a number, with a message for the user. */
gboolean     jb_money_parse           (const char   *text,
                                       JbMoneyUnit   unit,
                                       gint64       *fen,
                                       GError      **error);
/* Exact plain decimal in @unit, no grouping, trailing zeros trimmed: "12.5". */
char        *jb_money_to_decimal      (gint64 fen, JbMoneyUnit unit);
/* For people: "12.35万元" (rounded to 0.01 万元) under Chinese, "¥125,000.50" otherwise. */
char        *jb_money_format          (gint64 fen);
char        *jb_money_format_in       (gint64 fen, JbMoneyUnit unit);
/* 万元 when the user reads Chinese, yuan otherwise. */
JbMoneyUnit  jb_money_default_unit    (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-rules.h: the rules of the trade that go beyond one field's type.  Each
 * kind states its own (jb-kind-*.c, JbKindOps); these run them. */
#pragma once

#include "jb-record.h"
#include "jb-store.h"

G_BEGIN_DECLS

/* Rules within one record: credit codes, keywords, dates in order, a signed deal
 * has an amount and a date, an award has a recipient. */
void      jb_rules_check              (JbRecord *record, GPtrArray *problems);
/* Rules for changing a saved record: the demand status workflow. */
void      jb_rules_check_change       (JbRecord *before, JbRecord *after, GPtrArray *problems);
/* A new record's defaults: a required choice starts at its first value
 * (draft, enterprise…), and what follows from the records it already points
 * at is filled in: a deal from a solution gets its demand, both parties and a
 * title; a solution gets today as its date.  Set fields are left alone. */
void      jb_rules_prefill            (JbStore *store, JbRecord *record);
/* Splits "电池, 储能、快充" into keywords: commas, enumeration commas, semicolons. */
GStrv     jb_keywords_split           (const char *text);
/* Keywords as people type them in a spreadsheet cell: separated as above, or
 * by spaces (ASCII or ideographic) when there is no other separator; joined
 * with "、" as the editor keeps them.  NULL if there are none. */
char     *jb_keywords_normalize       (const char *text);

G_END_DECLS

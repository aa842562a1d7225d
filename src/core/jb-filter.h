/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-filter.h: which records a table shows besides the search words: the
 * records behind a figure of the dashboard, a list of overdue payments…
 *
 * Conditions are generic (a field against a value, a reference into records
 * another filter keeps); what a kind means by "signed" or "overdue" is built
 * from them by the kind (jb-kind-deal.c, jb-kind-payment.c). */
#pragma once

#include <glib-object.h>

#include "jb-kind.h"

G_BEGIN_DECLS

typedef enum {
  JB_MATCH_EQUALS,   /* field = value (enum code, text, or a number as text) */
  JB_MATCH_FROM,     /* field ≥ value (dates, numbers) */
  JB_MATCH_UNTIL,    /* field ≤ value */
  JB_MATCH_BEFORE,   /* field < value */
  JB_MATCH_IN,       /* field is one of the comma-separated codes in value */
  JB_MATCH_NOT_IN,   /* field is unset or none of the comma-separated codes */
  JB_MATCH_IDS,      /* the records whose row ids are listed in value ("3,8,13") */
  JB_MATCH_IN_EVENT, /* belongs to event value (a row id) or one of its sessions, as the
                      * kind's in_event paths say (jb-kind.h) */
  JB_MATCH_AT_EVENT, /* belongs to event value itself, as IN_EVENT but not its sessions */
  JB_MATCH_REF,      /* reference field points at a record its sub-filter keeps */
} JbMatch;
/* FROM, UNTIL and BEFORE also take the field "created": the UTC date the
 * record was entered. */

typedef struct _JbFilter JbFilter;

#define JB_TYPE_FILTER (jb_filter_get_type ())
GType      jb_filter_get_type  (void);

/* @label says in the user's words what the filter keeps. */
JbFilter  *jb_filter_new       (JbKindId kind, const char *label);
JbFilter  *jb_filter_ref       (JbFilter *filter);
void       jb_filter_unref     (JbFilter *filter);
/* @field may be NULL for JB_MATCH_IDS, JB_MATCH_IN_EVENT and JB_MATCH_AT_EVENT. */
void       jb_filter_add       (JbFilter *filter, JbMatch match, const char *field,
                                const char *value);
/* JB_MATCH_REF: reference @field points at a record that @sub (a filter of
 * the referenced kind) keeps. */
void       jb_filter_add_ref   (JbFilter *filter, const char *field, JbFilter *sub);
JbKindId   jb_filter_get_kind  (JbFilter *filter);
const char *jb_filter_get_label (JbFilter *filter);
guint      jb_filter_get_n_conditions (JbFilter *filter);
/* @sub may be NULL when not wanted; it is set for JB_MATCH_REF only. */
void       jb_filter_get_condition    (JbFilter *filter, guint i, JbMatch *match,
                                       const char **field, const char **value,
                                       JbFilter **sub);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbFilter, jb_filter_unref)

G_END_DECLS

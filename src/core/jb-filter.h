/* jb-filter.h: which records a table shows besides the search words: the
 * records behind a figure of the dashboard, a list of overdue payments… */
#pragma once

#include <glib-object.h>

#include "jb-kind.h"

G_BEGIN_DECLS

typedef enum {
  JB_MATCH_EQUALS,   /* field = value (enum code, text, or a number as text) */
  JB_MATCH_FROM,     /* date field ≥ value */
  JB_MATCH_UNTIL,    /* date field ≤ value */
  JB_MATCH_IN_EVENT, /* belongs to event value (a row id) or one of its sessions */
  JB_MATCH_OVERDUE,  /* payments not received and due before value (a date) */
  JB_MATCH_SIGNED,   /* deals signed, executing or completed */
  JB_MATCH_IN,       /* field is one of the comma-separated codes in value */
  JB_MATCH_NOT_IN,   /* field is unset or none of the comma-separated codes */
  JB_MATCH_IDS,      /* the records whose row ids are listed in value ("3,8,13") */
  JB_MATCH_UNPAID,   /* payments not received (value unused) */
  JB_MATCH_DEAL_SIGNED_UNTIL, /* payments of deals signed (not terminated) by value */
  JB_MATCH_AT_EVENT, /* belongs to event value itself, as IN_EVENT but not its sessions */
} JbMatch;
/* FROM and UNTIL also take the field "created": the UTC date the record was
 * entered. */

typedef struct _JbFilter JbFilter;

#define JB_TYPE_FILTER (jb_filter_get_type ())
GType      jb_filter_get_type  (void);

/* @label says in the user's words what the filter keeps. */
JbFilter  *jb_filter_new       (JbKindId kind, const char *label);
JbFilter  *jb_filter_ref       (JbFilter *filter);
void       jb_filter_unref     (JbFilter *filter);
/* @field may be NULL for JB_MATCH_IN_EVENT, JB_MATCH_OVERDUE, JB_MATCH_SIGNED,
 * JB_MATCH_IDS, JB_MATCH_UNPAID, JB_MATCH_DEAL_SIGNED_UNTIL and JB_MATCH_AT_EVENT. */
void       jb_filter_add       (JbFilter *filter, JbMatch match, const char *field,
                                const char *value);
JbKindId   jb_filter_get_kind  (JbFilter *filter);
const char *jb_filter_get_label (JbFilter *filter);
guint      jb_filter_get_n_conditions (JbFilter *filter);
void       jb_filter_get_condition    (JbFilter *filter, guint i, JbMatch *match,
                                       const char **field, const char **value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbFilter, jb_filter_unref)

G_END_DECLS

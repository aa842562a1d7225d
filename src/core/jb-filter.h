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
} JbMatch;

typedef struct _JbFilter JbFilter;

#define JB_TYPE_FILTER (jb_filter_get_type ())
GType      jb_filter_get_type  (void);

/* @label says in the user's words what the filter keeps. */
JbFilter  *jb_filter_new       (JbKindId kind, const char *label);
JbFilter  *jb_filter_ref       (JbFilter *filter);
void       jb_filter_unref     (JbFilter *filter);
/* @field may be NULL for JB_MATCH_IN_EVENT, JB_MATCH_OVERDUE and JB_MATCH_SIGNED. */
void       jb_filter_add       (JbFilter *filter, JbMatch match, const char *field,
                                const char *value);
JbKindId   jb_filter_get_kind  (JbFilter *filter);
const char *jb_filter_get_label (JbFilter *filter);
guint      jb_filter_get_n_conditions (JbFilter *filter);
void       jb_filter_get_condition    (JbFilter *filter, guint i, JbMatch *match,
                                       const char **field, const char **value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JbFilter, jb_filter_unref)

G_END_DECLS

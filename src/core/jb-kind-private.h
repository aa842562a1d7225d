/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind-private.h: for the files that describe a kind (jb-kind-*.c): the
 * shorthand of field tables and the rules several kinds share (jb-rules.c). */
#pragma once

#include "jb-filter.h"
#include "jb-kind.h"
#include "jb-record.h"
#include "jb-store.h"

G_BEGIN_DECLS

#define JB_ENUM(sym, ...) \
  static const JbEnumValue sym##_values[] = { __VA_ARGS__ }; \
  const JbEnum sym = { #sym, sym##_values, G_N_ELEMENTS (sym##_values) }

#define REQ JB_FIELD_REQUIRED
#define LIST JB_FIELD_LISTED
#define FIND JB_FIELD_SEARCHED
#define UNIQUE JB_FIELD_UNIQUE
#define CHILDREN JB_FIELD_CHILDREN
#define NO_DEFAULT JB_FIELD_NO_DEFAULT

#define TEXT(n, l, f)        { n, JB_TYPE_TEXT, l, f, NULL, 0, 0, 0, 0 }
#define LONG(n, l, f)        { n, JB_TYPE_LONG_TEXT, l, f, NULL, 0, 0, 0, 0 }
#define INT(n, l, f, lo, hi) { n, JB_TYPE_INT, l, f, NULL, 0, lo, hi, 0 }
#define MONEY(n, l, f)       { n, JB_TYPE_MONEY, l, f, NULL, 0, 0, 0, 0 }
#define DATE(n, l, f)        { n, JB_TYPE_DATE, l, f, NULL, 0, 0, 0, 0 }
#define CHOICE(n, l, f, e)   { n, JB_TYPE_ENUM, l, f, &e, 0, 0, 0, 0 }
#define REF(n, l, f, k)      { n, JB_TYPE_REF, l, f, NULL, k, 0, 0, 0 }
#define BOOL(n, l, f)        { n, JB_TYPE_BOOL, l, f, NULL, 0, 0, 0, 0 }

/* The index of @record's field @name (which must exist). */
guint     jb_rules_field         (JbRecord *record, const char *name);
/* Problem on @second when it comes before @first (both dates). */
void      jb_rules_dates_in_order (JbRecord *record, const char *first, const char *second,
                                   GPtrArray *problems);
/* Problem when the field "email" is set but not an e-mail address. */
void      jb_rules_check_email   (JbRecord *record, GPtrArray *problems);
/* The record that @record's reference @field points at, or NULL. */
JbRecord *jb_rules_follow        (JbStore *store, JbRecord *record, const char *field);
/* Copies @from's field @src into @record's field @dst, unless already set. */
void      jb_rules_inherit       (JbRecord *record, const char *dst, JbRecord *from,
                                  const char *src);

/* A value a new record takes from a record it points at: through reference
 * @via, the target's field @src into the record's field @dst. */
typedef struct {
  const char *via;
  const char *dst;
  const char *src;
} JbInherit;

/* Applies @table (ended by an entry with via NULL) in order, each reference
 * followed when its turn comes: an earlier entry may have set it. */
void      jb_rules_inherit_all   (JbStore *store, JbRecord *record, const JbInherit *table);

G_END_DECLS

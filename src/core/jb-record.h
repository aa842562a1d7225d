/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-record.h: one record of any kind, as values keyed by the kind's fields. */
#pragma once

#include <glib-object.h>

#include "jb-kind.h"

G_BEGIN_DECLS

#define JB_TYPE_RECORD (jb_record_get_type ())
G_DECLARE_FINAL_TYPE (JbRecord, jb_record, JB, RECORD, GObject)

/* A problem with one field (field = -1: with the record as a whole). */
typedef struct {
  int field;
  char *message;
} JbProblem;

JbRecord      *jb_record_new              (JbKindId kind);
JbRecord      *jb_record_copy             (JbRecord *record);
/* Makes @dst an exact copy of @src (same kind). */
void           jb_record_assign           (JbRecord *dst, JbRecord *src);
JbKindId       jb_record_get_kind_id      (JbRecord *record);
const JbKind  *jb_record_get_kind         (JbRecord *record);

gint64         jb_record_get_id           (JbRecord *record);
void           jb_record_set_id           (JbRecord *record, gint64 id);
const char    *jb_record_get_uuid         (JbRecord *record);
/* Kept in lowercase, the one form of an id (UUIDs compare without case). */
void           jb_record_set_uuid         (JbRecord *record, const char *uuid);
const char    *jb_record_get_created      (JbRecord *record);
const char    *jb_record_get_updated      (JbRecord *record);
void           jb_record_set_times        (JbRecord *record, const char *created,
                                           const char *updated);

gboolean       jb_record_is_set           (JbRecord *record, guint field);
void           jb_record_unset            (JbRecord *record, guint field);
/* Text, date (YYYY-MM-DD) and enum code fields.  Setting NULL or "" unsets.
 * Every text passes through jb_text_normalize(): the window, imports and
 * spreadsheets keep the same value for the same input. */
const char    *jb_record_get_text         (JbRecord *record, guint field);
void           jb_record_set_text         (JbRecord *record, guint field, const char *text);
/* The one normalisation of text: one line of text (a title, a name) without
 * white space (Unicode's, U+3000 too) at either end, paragraphs without it
 * at the end; NULL when nothing is left.  Other types: @text as it is. */
char          *jb_text_normalize          (JbFieldType type, const char *text);
/* Int, money (fen), ref (row id) and bool fields. */
gint64         jb_record_get_int          (JbRecord *record, guint field);
void           jb_record_set_int          (JbRecord *record, guint field, gint64 value);
gboolean       jb_record_equal_field      (JbRecord *a, JbRecord *b, guint field);

/* The display name of the record a ref field points to, as the store loaded it. */
const char    *jb_record_get_ref_name     (JbRecord *record, guint field);
void           jb_record_set_ref_name     (JbRecord *record, guint field, const char *name);

/* By field name, for code that reads better with names (tests, XML). */
const char    *jb_record_get_text_by_name (JbRecord *record, const char *name);
void           jb_record_set_text_by_name (JbRecord *record, const char *name, const char *text);
gint64         jb_record_get_int_by_name  (JbRecord *record, const char *name);
void           jb_record_set_int_by_name  (JbRecord *record, const char *name, gint64 value);

/* The value of the kind's title field (NULL when unset). */
const char    *jb_record_get_title        (JbRecord *record);
/* What names the record for people, always: its title, or what its kind
 * says instead ("Payment of 5万元 due …"), or "Demand 12". */
char          *jb_record_get_heading      (JbRecord *record);

/* The value of a field as the user reads it: enum labels, money, dates. */
char          *jb_record_format_field     (JbRecord *record, guint field);
/* The value as exchanged in files and history: codes, yuan, ISO dates
 * (jb-field-type.h); NULL when unset. */
char          *jb_record_field_to_string  (JbRecord *record, guint field);
/* Sets the field from that form; FALSE with a message for people if @text is
 * not one. */
gboolean       jb_record_parse_field      (JbRecord *record, guint field, const char *text,
                                           char **message);
/* Copies a value (and a reference's title) from a field of the same type. */
void           jb_record_copy_field       (JbRecord *record, guint field, JbRecord *from,
                                           guint from_field);

/* Field rules that need no database: required, ranges, dates, codes.
 * Appends JbProblems to problems (element free func: jb_problem_free). */
void           jb_record_validate         (JbRecord *record, GPtrArray *problems);

GPtrArray     *jb_problems_new            (void);
void           jb_problem_add             (GPtrArray *problems, int field, const char *format,
                                           ...) G_GNUC_PRINTF (3, 4);
void           jb_problem_free            (JbProblem *problem);

G_END_DECLS

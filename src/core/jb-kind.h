/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-kind.h: the record kinds of Jiebang, their fields and their behaviour.
 *
 * Every record kind (organization, demand, deal…) is described once, in a file
 * named for it (jb-kind-deal.c: "what is special about a deal?"): its table of
 * fields, its choices, and a small table of operations for what no field type
 * says (rules across fields, the consequences of a save, how it belongs to an
 * event, what its page says).  The store, the XML exchange, validation,
 * history, the figures and the window all read these tables instead of
 * repeating per-kind code; jb-kind.c holds the list of kinds and the choices
 * that several kinds share.  What a field *type* does (parse, format, store)
 * is in jb-field-type.h. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  JB_KIND_ORGANIZATION,
  JB_KIND_PERSON,
  JB_KIND_EVENT,
  JB_KIND_DEMAND,
  JB_KIND_SOLUTION,
  JB_KIND_ACHIEVEMENT,
  JB_KIND_DEAL,
  JB_KIND_PAYMENT,
  JB_KIND_AWARD,
  JB_N_KINDS
} JbKindId;

typedef enum {
  JB_TYPE_TEXT,       /* one line */
  JB_TYPE_LONG_TEXT,  /* paragraphs */
  JB_TYPE_INT,        /* bounded by min..max */
  JB_TYPE_MONEY,      /* integer fen */
  JB_TYPE_DATE,       /* ISO 8601 YYYY-MM-DD */
  JB_TYPE_ENUM,       /* stable lowercase code */
  JB_TYPE_REF,        /* row id of a record of ref_kind */
  JB_TYPE_BOOL,
  JB_N_TYPES
} JbFieldType;

typedef enum {
  JB_FIELD_REQUIRED = 1 << 0,
  JB_FIELD_LISTED   = 1 << 1, /* loaded for list rows, a column of the table */
  JB_FIELD_SEARCHED = 1 << 2, /* the search field looks in it */
  JB_FIELD_UNIQUE   = 1 << 3, /* unique when set */
  JB_FIELD_PART_OF  = 1 << 4, /* ref to the record this one belongs to: deleted with it */
  /* ref: the records pointing through it are a group of the record pointed
   * at, shown even while empty so that the first is one click away (a
   * demand's solutions).  PART_OF implies it. */
  JB_FIELD_CHILDREN = 1 << 5,
  /* A required choice with no default: the user picks one (no value of an
   * award's category is likelier than another, and a default one would be
   * saved unseen).  Other required choices start at their first value. */
  JB_FIELD_NO_DEFAULT = 1 << 6,
} JbFieldFlags;

/* What a choice means to the rules and the figures.  C checks ask
 * jb_enum_has_flag(); SQL gets jb_enum_codes_with_flag(): the set of stages
 * that count as signed is written once, here, as flags on the values. */
typedef enum {
  JB_VALUE_PUBLISHED  = 1 << 0, /* a demand status that has been published */
  JB_VALUE_MATCHED    = 1 << 1, /* a demand status that has been taken up */
  JB_VALUE_UNMATCHED  = 1 << 2, /* a demand status that selecting a solution moves on */
  JB_VALUE_SIGNED     = 1 << 3, /* a deal stage that counts as a signed contract */
  JB_VALUE_SELECTED   = 1 << 4, /* a solution status that takes the demand up */
  JB_VALUE_DELTA      = 1 << 5, /* a province of the Yangtze River Delta (沪苏浙皖) */
  JB_VALUE_ENTERPRISE = 1 << 6, /* an organization kind that is an enterprise */
  JB_VALUE_INVITED    = 1 << 7, /* a solution status: asked for, not yet received */
} JbValueFlags;

typedef struct {
  const char *code;   /* stable, lowercase, never translated */
  const char *label;  /* N_() */
  JbValueFlags flags;
} JbEnumValue;

typedef struct {
  const char *name;
  const JbEnumValue *values;
  guint n_values;
} JbEnum;

typedef struct {
  const char *name;   /* SQL column and XML element */
  JbFieldType type;
  const char *label;  /* N_(); also the column title of the tables */
  JbFieldFlags flags;
  const JbEnum *enumeration;
  JbKindId ref_kind;
  gint64 min, max;    /* JB_TYPE_INT */
  guint max_length;   /* characters for text; 0 = default */
} JbField;

typedef struct _JbRecord JbRecord;
typedef struct _JbStore JbStore;
typedef struct _JbFilter JbFilter;

/* What a kind's page says (N_() strings, read by the window). */
typedef struct {
  const char *search;            /* the search field's placeholder */
  const char *new_label;         /* "_New Demand" */
  const char *empty_title;       /* the page before the first record */
  const char *empty_description;
} JbKindTexts;

/* A line of a related group's summary: "Received 10万元, outstanding 5万元". */
typedef struct {
  char *text;
  gboolean alarming;  /* shown as an error: overdue */
} JbSummaryLine;

void jb_summary_line_free (JbSummaryLine *line);

/* The behaviour of a kind beyond its fields' types.  Every member may be NULL. */
typedef struct {
  /* Rules within one record that no field type knows: credit codes, dates in
   * order, a signed deal's amount.  Appends JbProblems. */
  void     (*check)         (JbRecord *record, GPtrArray *problems);
  /* Rules that need other records (an event's parent).  Read-only. */
  void     (*check_store)   (JbStore *store, JbRecord *record, GPtrArray *problems);
  /* Rules for changing a saved record: the demand workflow. */
  void     (*check_change)  (JbRecord *before, JbRecord *after, GPtrArray *problems);
  /* Defaults of a new record from what it already points at (a deal from a
   * solution gets its demand, parties and title).  Set fields stay. */
  void     (*prefill)       (JbStore *store, JbRecord *record);
  /* Just before a new record is first written by the user (not by an
   * import, which keeps exactly what its file says): a demand's code. */
  void     (*assign)        (JbStore *store, JbRecord *record);
  /* What a user's save means for other records, in the same transaction:
   * selecting a solution marks its demand matched.  Imports skip it: the
   * file holds the consequences already. */
  gboolean (*after_save)    (JbStore *store, JbRecord *record, GError **error);
  /* A heading for a record whose title field is unset ("Payment of 5万元
   * due 2026-03-01"); NULL: "<Kind> <id>". */
  char    *(*heading)       (JbRecord *record);
  /* A row's state in a related list beside its title: "overdue since …". */
  char    *(*describe)      (JbRecord *row, const char *today, gboolean *alarming);
  /* Lines summing up the rows of this kind that point at @parent (a deal's
   * payments: received, outstanding, overdue); NULL: totals of the listed
   * amounts.  Returns JbSummaryLine elements. */
  GPtrArray *(*summarize)   (JbStore *store, JbRecord *parent, const char *today);
} JbKindOps;

typedef struct {
  JbKindId id;
  const char *name;      /* SQL table and XML element, e.g. "demand" */
  const char *label;     /* N_("Demand") */
  const char *plural;    /* N_("Demands") */
  const JbField *fields;
  guint n_fields;
  const char *title;     /* the name of the field that names a record */
  /* How a record belongs to an event (and so to the dashboard's scope), as
   * alternatives, NULL-terminated; each a path of reference fields ending at
   * an event:  "event_id" (the record's event), "demand_id.event_id" (its
   * demand's event), "." (the record is the event), "<demand.owner_id" (the
   * owner of a demand that belongs to the event).  NULL: never. */
  const char *const *in_event;
  /* Kinds listed under an event of this kind (what happened there), in order;
   * JB_N_KINDS ends the list.  Only events have them. */
  const JbKindId *event_parts;
  const JbKindTexts *texts;
  const JbKindOps *ops;
} JbKind;

const JbKind     *jb_kind_get             (JbKindId kind);
const JbKind     *jb_kind_by_name         (const char *name);
int               jb_kind_field_index     (const JbKind *kind, const char *field_name);
const JbField    *jb_kind_field           (const JbKind *kind, const char *field_name);
/* The index of the field that names a record. */
guint             jb_kind_title_index     (const JbKind *kind);

const char       *jb_enum_label           (const JbEnum *enumeration, const char *code);
int               jb_enum_index           (const JbEnum *enumeration, const char *code);
/* TRUE if @code is a value of @enumeration with every flag of @flags. */
gboolean          jb_enum_has_flag        (const JbEnum *enumeration, const char *code,
                                           JbValueFlags flags);
/* "published,matched,cooperating,closed": the codes with @flags, for filters
 * (JB_MATCH_IN) and SQL sets. */
char             *jb_enum_codes_with_flag (const JbEnum *enumeration, JbValueFlags flags);

/* Choices shared by several kinds; a kind's own are declared with it below. */
extern const JbEnum jb_enum_province;
extern const JbEnum jb_enum_industry;
extern const JbEnum jb_enum_org_kind;

/* The kinds, one file each (jb-kind-*.c). */
extern const JbKind jb_kind_organization;
extern const JbKind jb_kind_person;
extern const JbKind jb_kind_event;
extern const JbKind jb_kind_demand;
extern const JbKind jb_kind_solution;
extern const JbKind jb_kind_achievement;
extern const JbKind jb_kind_deal;
extern const JbKind jb_kind_payment;
extern const JbKind jb_kind_award;

/* jb-kind-person.c */
extern const JbEnum jb_enum_person_role;
/* jb-kind-event.c */
extern const JbEnum jb_enum_event_kind;
/* jb-kind-demand.c */
extern const JbEnum jb_enum_coop_mode;
extern const JbEnum jb_enum_demand_status;
#define JB_MAX_KEYWORDS 5
/* TRUE when a demand may move from status @from to @to. */
gboolean jb_demand_status_can_move (const char *from, const char *to);
/* jb-kind-solution.c */
extern const JbEnum jb_enum_solution_status;
/* jb-kind-achievement.c */
extern const JbEnum jb_enum_ip_form;
extern const JbEnum jb_enum_transfer_mode;
/* jb-kind-deal.c */
extern const JbEnum jb_enum_deal_stage;
extern const JbEnum jb_enum_contract_type;
/* jb-kind-payment.c: the payments not received by @today (ISO), labelled. */
JbFilter *jb_payment_overdue_filter (const char *today, const char *label);
/* jb-kind-award.c */
extern const JbEnum jb_enum_award_category;

G_END_DECLS

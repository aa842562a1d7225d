/* jb-kind.h: the record kinds of Jiebang and their fields.
 *
 * Every record kind (organization, demand, deal…) is described once, here, by a
 * table of fields.  The store, the XML exchange, validation, history and the
 * editors all read these tables instead of repeating per-kind code, so adding a
 * field is one line here plus a schema migration.
 */
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
} JbFieldType;

typedef enum {
  JB_FIELD_REQUIRED = 1 << 0,
  JB_FIELD_LISTED   = 1 << 1, /* loaded for list rows */
  JB_FIELD_SEARCHED = 1 << 2, /* the search field looks in it */
  JB_FIELD_UNIQUE   = 1 << 3, /* unique when set */
  JB_FIELD_PART_OF  = 1 << 4, /* ref to the record this one belongs to: deleted with it */
} JbFieldFlags;

typedef struct {
  const char *code;   /* stable, lowercase, never translated */
  const char *label;  /* N_() */
} JbEnumValue;

typedef struct {
  const char *name;
  const JbEnumValue *values;
  guint n_values;
} JbEnum;

typedef struct {
  const char *name;   /* SQL column and XML element */
  JbFieldType type;
  const char *label;  /* N_() */
  JbFieldFlags flags;
  const JbEnum *enumeration;
  JbKindId ref_kind;
  gint64 min, max;    /* JB_TYPE_INT */
  guint max_length;   /* characters for text; 0 = default */
} JbField;

typedef struct _JbRecord JbRecord;

typedef struct {
  JbKindId id;
  const char *name;      /* SQL table and XML element, e.g. "demand" */
  const char *label;     /* N_("Demand") */
  const char *plural;    /* N_("Demands") */
  const JbField *fields;
  guint n_fields;
  guint title_field;     /* the field that names a record */
} JbKind;

const JbKind     *jb_kind_get             (JbKindId kind);
const JbKind     *jb_kind_by_name         (const char *name);
int               jb_kind_field_index     (const JbKind *kind, const char *field_name);
const JbField    *jb_kind_field           (const JbKind *kind, const char *field_name);
const char       *jb_enum_label           (const JbEnum *enumeration, const char *code);
int               jb_enum_index           (const JbEnum *enumeration, const char *code);

extern const JbEnum jb_enum_org_kind;
extern const JbEnum jb_enum_province;
extern const JbEnum jb_enum_industry;
extern const JbEnum jb_enum_person_role;
extern const JbEnum jb_enum_event_kind;
extern const JbEnum jb_enum_coop_mode;
extern const JbEnum jb_enum_demand_status;
extern const JbEnum jb_enum_solution_status;
extern const JbEnum jb_enum_ip_form;
extern const JbEnum jb_enum_transfer_mode;
extern const JbEnum jb_enum_deal_stage;
extern const JbEnum jb_enum_contract_type;
extern const JbEnum jb_enum_award_category;

G_END_DECLS

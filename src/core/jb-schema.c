/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-schema.c: the SQL schema.  Never edit a released migration: add one.
 *
 * Enumerations are kept as their stable codes and checked in jb-record.c, not
 * by CHECK constraints, so that a new choice needs no table rebuild.  References
 * refuse deletion (RESTRICT) except where a record is part of another (payments
 * of a deal).  Money is integer fen. */
#include "jb-schema.h"

#define RECORD_COLUMNS \
  "id INTEGER PRIMARY KEY," \
  "uuid TEXT NOT NULL UNIQUE," \
  "created TEXT NOT NULL," \
  "updated TEXT NOT NULL,"

static const char migration_1[] =
  "CREATE TABLE organization ("
  RECORD_COLUMNS
  " name TEXT NOT NULL UNIQUE,"
  " kind TEXT NOT NULL,"
  " province TEXT, city TEXT, district TEXT,"
  " credit_code TEXT UNIQUE,"
  " alliance INTEGER CHECK (alliance IN (0, 1)),"
  " contact TEXT, phone TEXT, email TEXT, address TEXT);"

  "CREATE TABLE person ("
  RECORD_COLUMNS
  " name TEXT NOT NULL,"
  " role TEXT NOT NULL,"
  " organization_id INTEGER REFERENCES organization (id) ON DELETE RESTRICT,"
  " phone TEXT, email TEXT, certificate TEXT);"
  "CREATE INDEX person_organization ON person (organization_id);"

  "CREATE TABLE event ("
  RECORD_COLUMNS
  " title TEXT NOT NULL,"
  " kind TEXT NOT NULL,"
  " parent_id INTEGER REFERENCES event (id) ON DELETE RESTRICT,"
  " start_date TEXT, end_date TEXT, venue TEXT,"
  " organizer_id INTEGER REFERENCES organization (id) ON DELETE RESTRICT);"
  "CREATE INDEX event_parent ON event (parent_id);"
  "CREATE INDEX event_organizer ON event (organizer_id);"

  "CREATE TABLE demand ("
  RECORD_COLUMNS
  " code TEXT UNIQUE,"
  " title TEXT NOT NULL,"
  " owner_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,"
  " event_id INTEGER REFERENCES event (id) ON DELETE RESTRICT,"
  " industry TEXT, keywords TEXT, province TEXT, city TEXT, district TEXT,"
  " problem TEXT, key_technology TEXT, goal TEXT, indicators TEXT,"
  " investment INTEGER CHECK (investment >= 0),"
  " coop_mode TEXT, deadline TEXT,"
  " status TEXT NOT NULL,"
  " manager_id INTEGER REFERENCES person (id) ON DELETE RESTRICT,"
  " confidential INTEGER CHECK (confidential IN (0, 1)));"
  "CREATE INDEX demand_owner ON demand (owner_id);"
  "CREATE INDEX demand_event ON demand (event_id);"
  "CREATE INDEX demand_manager ON demand (manager_id);"
  "CREATE INDEX demand_status ON demand (status);"

  "CREATE TABLE solution ("
  RECORD_COLUMNS
  " title TEXT NOT NULL,"
  " demand_id INTEGER NOT NULL REFERENCES demand (id) ON DELETE RESTRICT,"
  " solver_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,"
  " summary TEXT, submitted TEXT,"
  " status TEXT NOT NULL,"
  " score INTEGER CHECK (score BETWEEN 0 AND 100),"
  " feedback TEXT,"
  " trl INTEGER CHECK (trl BETWEEN 1 AND 9));"
  "CREATE INDEX solution_demand ON solution (demand_id);"
  "CREATE INDEX solution_solver ON solution (solver_id);"

  "CREATE TABLE achievement ("
  RECORD_COLUMNS
  " title TEXT NOT NULL,"
  " owner_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,"
  " industry TEXT,"
  " trl INTEGER CHECK (trl BETWEEN 1 AND 9),"
  " ip_form TEXT, patents TEXT, transfer_mode TEXT,"
  " asking_price INTEGER CHECK (asking_price >= 0),"
  " roadshow_id INTEGER REFERENCES event (id) ON DELETE RESTRICT,"
  " summary TEXT);"
  "CREATE INDEX achievement_owner ON achievement (owner_id);"
  "CREATE INDEX achievement_roadshow ON achievement (roadshow_id);"

  "CREATE TABLE deal ("
  RECORD_COLUMNS
  " title TEXT NOT NULL,"
  " demand_id INTEGER REFERENCES demand (id) ON DELETE RESTRICT,"
  " solution_id INTEGER REFERENCES solution (id) ON DELETE RESTRICT,"
  " achievement_id INTEGER REFERENCES achievement (id) ON DELETE RESTRICT,"
  " event_id INTEGER REFERENCES event (id) ON DELETE RESTRICT,"
  " demand_side_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,"
  " supply_side_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,"
  " stage TEXT NOT NULL,"
  " contract_type TEXT,"
  " contract_amount INTEGER CHECK (contract_amount >= 0),"
  " transaction_amount INTEGER CHECK (transaction_amount >= 0),"
  " signed_on TEXT, registration TEXT,"
  " manager_id INTEGER REFERENCES person (id) ON DELETE RESTRICT);"
  "CREATE INDEX deal_demand ON deal (demand_id);"
  "CREATE INDEX deal_solution ON deal (solution_id);"
  "CREATE INDEX deal_achievement ON deal (achievement_id);"
  "CREATE INDEX deal_event ON deal (event_id);"
  "CREATE INDEX deal_demand_side ON deal (demand_side_id);"
  "CREATE INDEX deal_supply_side ON deal (supply_side_id);"
  "CREATE INDEX deal_manager ON deal (manager_id);"

  "CREATE TABLE payment ("
  RECORD_COLUMNS
  " deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,"
  " milestone TEXT,"
  " due_date TEXT NOT NULL,"
  " amount INTEGER NOT NULL CHECK (amount >= 0),"
  " received INTEGER CHECK (received IN (0, 1)),"
  " received_on TEXT);"
  "CREATE INDEX payment_deal ON payment (deal_id);"

  "CREATE TABLE award ("
  RECORD_COLUMNS
  " title TEXT NOT NULL,"
  " event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE RESTRICT,"
  " category TEXT NOT NULL,"
  " organization_id INTEGER REFERENCES organization (id) ON DELETE RESTRICT,"
  " person_id INTEGER REFERENCES person (id) ON DELETE RESTRICT,"
  " solution_id INTEGER REFERENCES solution (id) ON DELETE RESTRICT,"
  " awarded_on TEXT);"
  "CREATE INDEX award_event ON award (event_id);"
  "CREATE INDEX award_organization ON award (organization_id);"
  "CREATE INDEX award_person ON award (person_id);"
  "CREATE INDEX award_solution ON award (solution_id);"

  /* Who changed what, when: kept so that knowledge stays when a colleague leaves. */
  "CREATE TABLE history ("
  " id INTEGER PRIMARY KEY,"
  " kind TEXT NOT NULL,"
  " record_uuid TEXT NOT NULL,"
  " at TEXT NOT NULL,"
  " action TEXT NOT NULL CHECK (action IN ('created', 'changed', 'deleted')),"
  " field TEXT, old_value TEXT, new_value TEXT);"
  "CREATE INDEX history_record ON history (record_uuid, at);";

/* The same rule for history's action, written as comparisons: for an IN list
 * of three or more values SQLite builds a temporary b-tree on every row it
 * checks, which cost a sixth of an import's work (one history row a record). */
static const char migration_2[] =
  "CREATE TABLE history_2 ("
  " id INTEGER PRIMARY KEY,"
  " kind TEXT NOT NULL,"
  " record_uuid TEXT NOT NULL,"
  " at TEXT NOT NULL,"
  " action TEXT NOT NULL CHECK (action = 'created' OR action = 'changed' OR action = 'deleted'),"
  " field TEXT, old_value TEXT, new_value TEXT);"
  "INSERT INTO history_2 (id, kind, record_uuid, at, action, field, old_value, new_value)"
  " SELECT id, kind, record_uuid, at, action, field, old_value, new_value FROM history;"
  "DROP TABLE history;"
  "ALTER TABLE history_2 RENAME TO history;"
  "CREATE INDEX history_record ON history (record_uuid, at);";

/* The dashboard reads every demand of a period by a few short columns; a
 * covering index spares it the rows' long texts (problem, goal…). */
static const char migration_3[] =
  "CREATE INDEX demand_figures ON demand (created, status, owner_id, investment, industry,"
  " province, event_id, manager_id);";

/* Notes (备注) on every record: what a form or a spreadsheet says that has no
 * field of its own is kept, not dropped. */
static const char migration_4[] =
  "ALTER TABLE organization ADD COLUMN notes TEXT;"
  "ALTER TABLE person ADD COLUMN notes TEXT;"
  "ALTER TABLE event ADD COLUMN notes TEXT;"
  "ALTER TABLE demand ADD COLUMN notes TEXT;"
  "ALTER TABLE solution ADD COLUMN notes TEXT;"
  "ALTER TABLE achievement ADD COLUMN notes TEXT;"
  "ALTER TABLE deal ADD COLUMN notes TEXT;"
  "ALTER TABLE payment ADD COLUMN notes TEXT;"
  "ALTER TABLE award ADD COLUMN notes TEXT;";
/* Search and sort: the full-text index of each kind, the triggers that keep
 * it and the sort indexes are derived from jb-kind.c by the store
 * (jb-store-derived.c), which records here what it built and rebuilds what
 * differs when it opens the file.  Their tokenizer and sort keys are
 * functions of Jiebang's: an older Jiebang must refuse this format. */
static const char migration_5[] =
  "CREATE TABLE derived_schema ("
  " name TEXT PRIMARY KEY,"
  " type TEXT NOT NULL,"
  " definition TEXT NOT NULL) WITHOUT ROWID;";

/* Matching (jb-match.h): a technology manager's decisions on a demand's
 * suggestions are kept in the demand's history: "invited" (field: the kind
 * of the record invited, old_value: its uuid, new_value: the uuid of the
 * solution or deal the invitation created), "dismissed" (new_value: the
 * reason) and "restored" (a dismissal taken back).  The rule on action is
 * rebuilt with them.  Two small partial indexes: a record's decisions from
 * the other side (the demands an achievement was dismissed from), and the
 * invitations of a period (the dashboard's table). */
static const char migration_6[] =
  "CREATE TABLE history_2 ("
  " id INTEGER PRIMARY KEY,"
  " kind TEXT NOT NULL,"
  " record_uuid TEXT NOT NULL,"
  " at TEXT NOT NULL,"
  " action TEXT NOT NULL CHECK (action = 'created' OR action = 'changed' OR action = 'deleted'"
  " OR action = 'invited' OR action = 'dismissed' OR action = 'restored'),"
  " field TEXT, old_value TEXT, new_value TEXT);"
  "INSERT INTO history_2 (id, kind, record_uuid, at, action, field, old_value, new_value)"
  " SELECT id, kind, record_uuid, at, action, field, old_value, new_value FROM history;"
  "DROP TABLE history;"
  "ALTER TABLE history_2 RENAME TO history;"
  "CREATE INDEX history_record ON history (record_uuid, at);"
  "CREATE INDEX history_decision ON history (old_value)"
  " WHERE action = 'invited' OR action = 'dismissed' OR action = 'restored';"
  "CREATE INDEX history_invited ON history (at) WHERE action = 'invited';";
/* The dashboard's figures come from running totals (jb-store-aggregates.c,
 * derived objects); what they cannot answer reads the records through
 * these: an event's demands by the day they were entered, with their owners
 * and amounts (the enterprises of one session), and the payments that fall
 * due in the month of today (overdue since when).  The new index starts
 * with the event, so it serves the event's references too. */
static const char migration_7[] =
  "DROP INDEX IF EXISTS demand_event;"
  "CREATE INDEX IF NOT EXISTS demand_event_figures ON demand"
  " (event_id, created, owner_id, investment);"
  "CREATE INDEX IF NOT EXISTS payment_due ON payment (due_date);";

/* Ids compare without case (RFC 4122), and Jiebang keeps them in lowercase;
 * older versions kept an imported id as the file wrote it.  Each id in
 * capitals becomes lowercase, in the records and their history (decisions
 * name records by id too).  One whose lowercase form another record already
 * has (the same id imported twice in two cases made two records) gets a new
 * random id instead, as does every variant but one of the same id. */
static const char migration_8[] =
  "CREATE TEMP TABLE jb_ids (old TEXT PRIMARY KEY, new TEXT NOT NULL);"
  "INSERT INTO temp.jb_ids (old, new) SELECT uuid, lower(uuid) FROM organization WHERE uuid != lower(uuid);"
  "INSERT INTO temp.jb_ids (old, new) SELECT uuid, lower(uuid) FROM person WHERE uuid != lower(uuid);"
  "INSERT INTO temp.jb_ids (old, new) SELECT uuid, lower(uuid) FROM event WHERE uuid != lower(uuid);"
  "INSERT INTO temp.jb_ids (old, new) SELECT uuid, lower(uuid) FROM demand WHERE uuid != lower(uuid);"
  "INSERT INTO temp.jb_ids (old, new) SELECT uuid, lower(uuid) FROM solution WHERE uuid != lower(uuid);"
  "INSERT INTO temp.jb_ids (old, new) SELECT uuid, lower(uuid) FROM achievement WHERE uuid != lower(uuid);"
  "INSERT INTO temp.jb_ids (old, new) SELECT uuid, lower(uuid) FROM deal WHERE uuid != lower(uuid);"
  "INSERT INTO temp.jb_ids (old, new) SELECT uuid, lower(uuid) FROM payment WHERE uuid != lower(uuid);"
  "INSERT INTO temp.jb_ids (old, new) SELECT uuid, lower(uuid) FROM award WHERE uuid != lower(uuid);"
  "UPDATE temp.jb_ids SET new = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'"
  " || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1)"
  " || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
  " WHERE new IN (SELECT uuid FROM organization UNION ALL SELECT uuid FROM person UNION ALL SELECT uuid FROM event UNION ALL SELECT uuid FROM demand UNION ALL SELECT uuid FROM solution UNION ALL SELECT uuid FROM achievement UNION ALL SELECT uuid FROM deal UNION ALL SELECT uuid FROM payment UNION ALL SELECT uuid FROM award)"
  " OR rowid NOT IN (SELECT min(rowid) FROM temp.jb_ids GROUP BY new);"
  "UPDATE organization SET uuid = (SELECT new FROM temp.jb_ids WHERE old = organization.uuid)"
  " WHERE uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE person SET uuid = (SELECT new FROM temp.jb_ids WHERE old = person.uuid)"
  " WHERE uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE event SET uuid = (SELECT new FROM temp.jb_ids WHERE old = event.uuid)"
  " WHERE uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE demand SET uuid = (SELECT new FROM temp.jb_ids WHERE old = demand.uuid)"
  " WHERE uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE solution SET uuid = (SELECT new FROM temp.jb_ids WHERE old = solution.uuid)"
  " WHERE uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE achievement SET uuid = (SELECT new FROM temp.jb_ids WHERE old = achievement.uuid)"
  " WHERE uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE deal SET uuid = (SELECT new FROM temp.jb_ids WHERE old = deal.uuid)"
  " WHERE uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE payment SET uuid = (SELECT new FROM temp.jb_ids WHERE old = payment.uuid)"
  " WHERE uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE award SET uuid = (SELECT new FROM temp.jb_ids WHERE old = award.uuid)"
  " WHERE uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE history SET record_uuid = (SELECT new FROM temp.jb_ids WHERE old = record_uuid)"
  " WHERE record_uuid IN (SELECT old FROM temp.jb_ids);"
  "UPDATE history SET old_value = (SELECT new FROM temp.jb_ids WHERE old = old_value)"
  " WHERE action IN ('invited', 'dismissed', 'restored') AND old_value IN (SELECT old FROM temp.jb_ids);"
  "UPDATE history SET new_value = (SELECT new FROM temp.jb_ids WHERE old = new_value)"
  " WHERE action = 'invited' AND new_value IN (SELECT old FROM temp.jb_ids);"
  "DROP TABLE temp.jb_ids;";

/* Team databases (jb-store-team.c): who did what, in the history; in a
 * replica, each record's version on the team database with who entered it
 * and who saved it last, and the replica's own state (the last change it
 * has).  A file of one user leaves them empty. */
static const char migration_9[] =
  "ALTER TABLE history ADD COLUMN who TEXT;"
  "CREATE TABLE team_row (uuid TEXT PRIMARY KEY, version INTEGER NOT NULL,"
  " author TEXT, editor TEXT) WITHOUT ROWID;"
  "CREATE TABLE team_state (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;";

const char * const jb_schema_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
};

const guint jb_schema_version = G_N_ELEMENTS (jb_schema_migrations);

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-schema.h: the database schema, one migration per version. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 'JIEB': marks a SQLite file as ours (PRAGMA application_id). */
#define JB_APPLICATION_ID 0x4A494542

/* jb_schema_migrations[v] takes a database from user_version v to v + 1. */
extern const char * const jb_schema_migrations[];
extern const guint jb_schema_version;

G_END_DECLS

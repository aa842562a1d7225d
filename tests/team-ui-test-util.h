/* SPDX-License-Identifier: GPL-3.0-or-later */
/* team-ui-test-util.h: what the UI tests of a team database share
 * (test-team-ui.c, test-team-connect.c, test-team-copy.c): one throwaway
 * PostgreSQL server for the test program (pg-test-util.h), a team database
 * with "another user" on it (a second store with its own replica), the
 * window on it, and looking at what the window shows. */
#pragma once

#include <gtk/gtk.h>

#include "jb-window.h"
#include "pg-test-util.h"

G_BEGIN_DECLS

/* The test program's server; NULL when PostgreSQL 15 is not installed. */
extern PgTestServer *team_test_server;

/* Before anything reads it, XDG_DATA_HOME to a folder of ours (the
 * window's replicas go there), ui_test_init(), and the server started. */
void       team_test_init        (int *argc, char ***argv);
/* g_test_run(), then the server stopped and the folder removed. */
int        team_test_run         (void);
/* TRUE (and the test skipped) without a server. */
gboolean   team_test_skip        (void);

/* A team database, its other user and the window on it. */
typedef struct {
  const char *db;
  char *dir;        /* the other user's replica */
  JbStore *other;   /* the other user */
  gint64 org;       /* their ids */
  gint64 demand;
  JbStore *store;   /* the window's */
  JbWindow *window;
} Team;

/* Creates the database @db with an organization and a demand, saved by
 * the other user. */
void       team_set_up           (Team *t, const char *db);
/* The window on @location, opened as the program opens --db: its replica in
 * the data folder; the demands shown. */
void       team_open_window      (Team *t, const char *location);
void       team_tear_down        (Team *t);

/* Saves @record to @store (fails the test if it cannot); its id. */
gint64     team_saved            (JbStore *store, JbRecord *record);
/* A published demand of @owner. */
gint64     team_new_demand       (JbStore *store, gint64 owner, const char *title);
/* What psql prints for @sql in @db (see pg_test_server_psql()). */
char      *team_psql             (const char *db, const char *sql);

/* Whether @window's table of demands shows one titled @title. */
gboolean   team_table_has        (JbWindow *window, const char *title);
/* Runs the main loop until it does: the news comes on the store's socket,
 * whenever the server sends it (the test's timeout bounds the wait). */
void       team_wait_for_row     (JbWindow *window, const char *title);
/* The label below @widget whose text holds @text, if any; only one shown,
 * if @shown.  team_label_with(): a shown one. */
GtkWidget *team_label_below      (GtkWidget *widget, const char *text, gboolean shown);
GtkWidget *team_label_with       (GtkWidget *widget, const char *text);
/* The window shown on a team database, if any. */
JbWindow  *team_shown_window     (void);

G_END_DECLS

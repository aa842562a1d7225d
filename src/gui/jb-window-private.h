/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-window-private.h: for the files that make up JbWindow: jb-window.c (pages,
 * shortcuts, closing), jb-window-files.c (import, export, forms) and
 * jb-window-backups.c (backups, preferences), jb-window-team.c (a team
 * database: live refresh, read-only role, connecting), jb-window-copy.c
 * (copying a file's records up to a team database, and down to a file). */
#pragma once

#include "jb-dashboard.h"
#include "jb-sidebar.h"
#include "jb-window.h"

G_BEGIN_DECLS

struct _JbWindow {
  GtkApplicationWindow parent_instance;

  JbStore *store;
  GSettings *settings;   /* NULL when the schema is not installed */

  GtkStack *stack;
  JbSidebar *sidebar;
  GtkWidget *menu_button;
  GtkWidget *menu;        /* the main menu's popover */
  GMenuModel *primary_menu;
  JbDashboard *dashboard;
  JbRecordBrowser *browsers[JB_N_KINDS];  /* the pages, by kind */

  /* A team database (jb-window-team.c). */
  GtkLabel *banner;       /* a read-only role; others' changes not shown */
  char *team_error;
  guint notify_source;    /* the notification socket's watch */
  int notify_fd;
  guint retry_source;     /* a failed pull, tried again; or, without LISTEN, the next pull */
  GCancellable *pull_cancellable;  /* the pull running in a worker */
  gboolean pull_again;    /* news came while it ran */
};

/* The page shown if it is a table, else (the dashboard) NULL. */
JbRecordBrowser *jb_window_current_browser  (JbWindow *self);
/* jb-window-files.c: win.import, win.export, win.export-table, win.save-form. */
void             jb_window_add_file_actions (JbWindow *self);
/* jb-window-backups.c: win.restore-backup, win.preferences. */
void             jb_window_add_backup_actions (JbWindow *self);
/* jb-window-team.c: win.connect-team; on a team database, the title, the
 * live refresh and a read-only role's disabled actions (at construction);
 * the watch ends at dispose. */
void             jb_window_add_team_actions (JbWindow *self);
void             jb_window_setup_team       (JbWindow *self);
void             jb_window_dispose_team     (JbWindow *self);
/* jb-window-copy.c: win.copy-to-team (on a file), win.copy-to-file (on a
 * team database); jb_window_setup_copy() removes the one that does not
 * apply once the store is known. */
void             jb_window_add_copy_actions (JbWindow *self);
void             jb_window_setup_copy       (JbWindow *self);

G_END_DECLS

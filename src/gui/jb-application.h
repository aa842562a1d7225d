/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-application.h: the Jiebang application: one store, one window. */
#pragma once

#include <gtk/gtk.h>

#include "jb-store.h"

G_BEGIN_DECLS

#define JB_TYPE_APPLICATION (jb_application_get_type ())
G_DECLARE_FINAL_TYPE (JbApplication, jb_application, JB, APPLICATION, GtkApplication)

/* @db_path: the database file, NULL for the default in the user's data folder. */
JbApplication *jb_application_new (const char *db_path);
/* The store the window was switched to (Connect to a Team Database…): the
 * one a new window opens on. */
void           jb_application_set_store (JbApplication *self, JbStore *store);

G_END_DECLS

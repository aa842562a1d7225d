/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-field-input.h: the input of each field type — how it is built, loaded
 * from a record and read back — in one table, for JbFieldEditor. */
#pragma once

#include <gtk/gtk.h>

#include "jb-record.h"
#include "jb-store.h"

G_BEGIN_DECLS

/* The state of one field's input, owned by its JbFieldEditor. */
typedef struct {
  const JbField *field;
  GtkWidget *input;         /* what the user types into or picks from */
  GtkWidget *named;         /* what carries the field's accessible name: input, or the
                             * part of it that takes the focus (a date's entry) */
  GtkWidget *unit;          /* money: 元 / 万元, a JbPicker */
  GtkWidget *open_button;   /* references: open the record chosen */
  GtkWidget *hint;          /* references with nothing to choose from yet */
  gboolean optional_choice; /* choices and references: "not set" is a choice */
  JbStore *store;
  GCallback changed;        /* called with @data when the user changes the value */
  gpointer data;
} JbFieldInput;

typedef struct {
  /* Creates in->input (and what goes with it); returns the widget to place. */
  GtkWidget *(*build)   (JbFieldInput *in);
  void       (*load)    (JbFieldInput *in, JbRecord *record, guint field);
  /* FALSE with a message for people when the text cannot be read. */
  gboolean   (*collect) (JbFieldInput *in, JbRecord *record, guint field, char **message);
} JbFieldInputOps;

const JbFieldInputOps *jb_field_input_ops            (JbFieldType type);
/* References: the choices from the store, keeping the current one. */
void                   jb_field_input_reload_choices (JbFieldInput *in);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-row.c: one suggestion of the matches beside a form.  Its title
 * opens the record, the terms it shares with the subject are in bold
 * there and in a line of their own, and each facet that counts says its
 * points and why in a sentence.  The buttons act through the view's
 * actions (match.invite, match.dismiss) and the window's (win.open-record),
 * so a row holds no state but what it shows. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-match-row.h"
#include "jb-widgets.h"

static GQuark kind_quark, id_quark;

JbKindId
jb_match_row_get_kind (GtkWidget *row)
{
  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (row), kind_quark));
}

gint64
jb_match_row_get_id (GtkWidget *row)
{
  gint64 *id = g_object_get_qdata (G_OBJECT (row), id_quark);
  return id ? *id : 0;
}

/* @text with what @search finds in bold, as Pango markup. */
static char *
highlighted (JbSearch *search, const char *text)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GArray) ranges = search ? jb_search_highlight (search, text) : NULL;
  int at = 0;

  for (guint i = 0; ranges && i < ranges->len; i++)
    {
      JbTextRange *r = &g_array_index (ranges, JbTextRange, i);
      g_autofree char *before = g_markup_escape_text (text + at, r->start - at);
      g_autofree char *found = g_markup_escape_text (text + r->start, r->end - r->start);
      g_string_append_printf (s, "%s<b>%s</b>", before, found);
      at = r->end;
    }
  g_autofree char *rest = g_markup_escape_text (text + at, -1);
  g_string_append (s, rest);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* "Industry field +3.0: Same industry field: New energy", one line each. */
static char *
facet_lines (const JbMatchResult *r)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint f = 0; f < JB_N_FACETS; f++)
    {
      /* The shared terms have a line of their own. */
      if (f == JB_FACET_TERMS || r->facets[f].reason == NULL)
        continue;
      if (s->len)
        g_string_append_c (s, '\n');
      if (r->facets[f].points != 0)
        /* TRANSLATORS: a facet of a match, its points and why, e.g.
         * "Region +1.5: Both in Shanghai" */
        g_string_append_printf (s, _("%s %+.1f: %s"), jb_facet_label (f), r->facets[f].points,
                                r->facets[f].reason);
      else
        /* TRANSLATORS: a facet of a match that adds nothing, and why */
        g_string_append_printf (s, _("%s: %s"), jb_facet_label (f), r->facets[f].reason);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
jb_match_row_describe (const JbMatchResult *r)
{
  g_autofree char *why = jb_match_result_explain (r);
  if (why == NULL || *why == '\0')
    /* TRANSLATORS: a suggestion for a screen reader: who and its score */
    return g_strdup_printf (_("%s, score %.1f"), r->title, r->score);
  /* TRANSLATORS: a suggestion for a screen reader: who, its score and why */
  return g_strdup_printf (_("%s, score %.1f: %s"), r->title, r->score, why);
}

static GtkWidget *
action_button (const char *label, const char *name, const char *action, GVariant *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  /* The target first: a name without it is a type mismatch. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  return button;
}

/* The buttons of a suggestion not decided on yet. */
static void
add_decision_buttons (GtkBox *box, const JbMatchResult *r, JbKindId subject_kind)
{
  g_autofree char *invite_name = g_strdup_printf (_("Invite %s"), r->title);
  gtk_box_append (box, action_button (_("Invite"), invite_name, "match.invite",
                                      g_variant_new ("(uxu)", (guint32) r->kind, r->id,
                                                     (guint32) JB_INVITE_SOLUTION)));
  /* A deal intention starts from an achievement, either way round. */
  if (r->kind == JB_KIND_ACHIEVEMENT || subject_kind == JB_KIND_ACHIEVEMENT)
    {
      g_autofree char *deal_name = g_strdup_printf (_("Start a deal intention with %s"),
                                                    r->title);
      gtk_box_append (box, action_button (_("Deal Intention"), deal_name, "match.invite",
                                          g_variant_new ("(uxu)", (guint32) r->kind, r->id,
                                                         (guint32) JB_INVITE_DEAL)));
    }
}

/* What became of an invitation, and the button that opens it. */
static void
add_outcome (GtkBox *box, const JbMatchResult *r)
{
  const char *state = r->decision == JB_DECISION_INVITED ? _("Invited") : _("Answered");
  GtkWidget *state_label = jb_label_new_wrapping (state, "dim-label");
  gtk_widget_set_valign (state_label, GTK_ALIGN_CENTER);
  gtk_box_append (box, state_label);
  if (r->created_id == 0)
    return;
  const JbKind *created = jb_kind_get (r->created_kind);
  g_autofree char *what = g_utf8_strdown (_(created->label), -1);
  /* TRANSLATORS: opens the solution or deal of an invitation: "Open the solution of 同济大学" */
  g_autofree char *name = g_strdup_printf (_("Open the %s of %s"), what, r->title);
  /* TRANSLATORS: a button: "Open Solution", "Open Deal" */
  g_autofree char *label = g_strdup_printf (_("Open %s"), _(created->label));
  gtk_box_append (box, action_button (label, name, "win.open-record",
                                      g_variant_new ("(ux)", (guint32) r->created_kind,
                                                     r->created_id)));
}

GtkWidget *
jb_match_row_new (const JbMatchResult *r, JbKindId subject_kind)
{
  if (kind_quark == 0)
    {
      kind_quark = g_quark_from_static_string ("jb-match-row-kind");
      id_quark = g_quark_from_static_string ("jb-match-row-id");
    }

  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_object_set_qdata (G_OBJECT (row), kind_quark, GUINT_TO_POINTER (r->kind));
  g_object_set_qdata_full (G_OBJECT (row), id_quark, g_memdup2 (&r->id, sizeof r->id), g_free);
  gtk_widget_add_css_class (row, "jbmatchrow");
  gtk_widget_set_margin_top (row, 8);
  g_autofree char *description = jb_match_row_describe (r);
  /* The row is a group that says who, the score and why, before its buttons. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);

  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *open = gtk_button_new ();
  GtkWidget *title = gtk_label_new (NULL);
  g_autofree char *markup = highlighted (r->highlight, r->title ? r->title : "");
  gtk_label_set_markup (GTK_LABEL (title), markup);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_button_set_child (GTK_BUTTON (open), title);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_hexpand (open, TRUE);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "(ux)", (guint32) r->kind, r->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "win.open-record");
  /* Its name says who and the score; why is its description (the row's
   * name says all three). */
  g_autofree char *short_name = g_strdup_printf (_("%s, score %.1f"), r->title, r->score);
  g_autofree char *why = jb_match_result_explain (r);
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  short_name, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  why ? why : "", -1);
  gtk_widget_set_tooltip_text (open, _("Open this record"));
  gtk_box_append (GTK_BOX (top), open);

  /* TRANSLATORS: a match's score, e.g. "Score 12.3" */
  g_autofree char *score = g_strdup_printf (_("Score %.1f"), r->score);
  GtkWidget *score_label = jb_label_new_wrapping (score, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (score_label), FALSE);
  gtk_widget_add_css_class (score_label, "numeric");
  gtk_widget_set_valign (score_label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), score_label);

  gtk_box_append (GTK_BOX (row), top);

  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (details, 12);
  if (r->context)
    gtk_box_append (GTK_BOX (details), jb_label_new_wrapping (r->context, "dim-label"));
  if (r->terms && r->terms[0])
    {
      g_autoptr (GString) terms = g_string_new (NULL);
      for (guint i = 0; r->terms[i]; i++)
        {
          g_autofree char *term = g_markup_escape_text (r->terms[i], -1);
          g_string_append_printf (terms, "%s<b>%s</b>", i ? C_("list", ", ") : "", term);
        }
      /* TRANSLATORS: the terms a match shares with the record, in bold */
      g_autofree char *line = g_strdup_printf (_("Shared terms: %s"), terms->str);
      GtkWidget *label = jb_label_new_wrapping (NULL, NULL);
      gtk_label_set_markup (GTK_LABEL (label), line);
      gtk_box_append (GTK_BOX (details), label);
    }
  g_autofree char *facets = facet_lines (r);
  if (*facets)
    gtk_box_append (GTK_BOX (details), jb_label_new_wrapping (facets, "dim-label"));
  gtk_box_append (GTK_BOX (row), details);

  /* The buttons on a line of their own: beside a narrow form, a long title
   * keeps its width. */
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  /* An invitation whose draft was deleted since may be sent again. */
  if (r->decision == JB_DECISION_NONE ||
      (r->decision == JB_DECISION_INVITED && r->created_id == 0))
    add_decision_buttons (GTK_BOX (buttons), r, subject_kind);
  else
    add_outcome (GTK_BOX (buttons), r);
  g_autofree char *dismiss_name = g_strdup_printf (_("Dismiss %s…"), r->title);
  gtk_box_append (GTK_BOX (buttons), action_button (_("Dismiss…"), dismiss_name, "match.dismiss",
                                                    g_variant_new ("(ux)", (guint32) r->kind,
                                                                   r->id)));
  gtk_box_append (GTK_BOX (row), buttons);
  return row;
}

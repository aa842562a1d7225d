/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-dismiss.c: why a suggestion is dismissed.  The reason goes into
 * the demand's history for whoever looks at the demand later, so Dismiss
 * waits until there is one: one of the reasons most dismissals have, or
 * words of one's own (which win over a choice). */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-a11y.h"
#include "jb-match-dismiss.h"

static const char *const reasons[] = {
  N_("Not in the field"),
  N_("Too far away"),
  N_("Too expensive"),
  N_("Already in contact"),
};

char *
jb_match_dismiss_dialog_get_reason (GtkDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  GtkCheckButton **choices = g_object_get_data (G_OBJECT (dialog), "choices");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*text)
    return g_steal_pointer (&text);
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (gtk_check_button_get_active (choices[i]))
      return g_strdup (_(reasons[i]));
  return NULL;
}

static void
update_response (GtkDialog *dialog)
{
  g_autofree char *reason = jb_match_dismiss_dialog_get_reason (dialog);
  gtk_dialog_set_response_sensitive (dialog, GTK_RESPONSE_ACCEPT, reason != NULL);
}

GtkWidget *
jb_match_dismiss_dialog_new (GtkWindow *parent, const char *who)
{
  /* TRANSLATORS: title of the dialog that dismisses a suggestion */
  g_autofree char *title = g_strdup_printf (_("Dismiss “%s”"), who);
  GtkWidget *dialog = gtk_dialog_new_with_buttons (title, parent, GTK_DIALOG_MODAL |
                                                   GTK_DIALOG_DESTROY_WITH_PARENT,
                                                   _("_Cancel"), GTK_RESPONSE_CANCEL,
                                                   _("_Dismiss"), GTK_RESPONSE_ACCEPT, NULL);
  GtkWidget *area = gtk_dialog_get_content_area (GTK_DIALOG (dialog));
  gtk_box_set_spacing (GTK_BOX (area), 6);
  gtk_widget_set_margin_start (area, 18);
  gtk_widget_set_margin_end (area, 18);
  gtk_widget_set_margin_top (area, 12);
  gtk_widget_set_margin_bottom (area, 12);
  GtkWidget *question = gtk_label_new (_("Why is it no answer? It will no longer be suggested, "
                                         "from either side; the reason goes into the "
                                         "demand’s history."));
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (question), 50);
  gtk_label_set_xalign (GTK_LABEL (question), 0);
  gtk_box_append (GTK_BOX (area), question);

  GtkCheckButton **choices = g_new0 (GtkCheckButton *, G_N_ELEMENTS (reasons));
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      choices[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_(reasons[i])));
      if (i > 0)
        gtk_check_button_set_group (choices[i], choices[0]);
      gtk_box_append (GTK_BOX (area), GTK_WIDGET (choices[i]));
      g_signal_connect_swapped (choices[i], "toggled", G_CALLBACK (update_response), dialog);
    }
  GtkWidget *entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Another reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Another reason"), -1);
  gtk_box_append (GTK_BOX (area), entry);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (update_response), dialog);
  g_object_set_data_full (G_OBJECT (dialog), "choices", choices, g_free);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);

  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  update_response (GTK_DIALOG (dialog));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  jb_a11y_tidy (dialog);
  /* The choices first: most dismissals have one of them. */
  gtk_window_set_focus (GTK_WINDOW (dialog), GTK_WIDGET (choices[0]));
  return dialog;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-view.c: the suggestions of matching beside a form (see
 * jb-match-view.h).
 *
 * Matching reads a good part of the index, so it runs in a JbMatchWorker,
 * on its own connection to the same file: the window never waits for it.
 * Each request cancels the one before; a result that comes back for an
 * older request is dropped.  The store's "changed" signal (a save, an
 * import, an invitation or a dismissal) asks again, coalesced in an idle.
 *
 * Invite and dismiss write through the window's store (jb-match.h), on the
 * main thread: they are one small transaction each.  What they did is said
 * in a line at the top of the view with the button that follows from it
 * (open the new solution, undo the dismissal), and the focus goes there:
 * the row it came from may be gone. */
#include "config.h"

#include <glib/gi18n.h>

#include "jb-match-dismiss.h"
#include "jb-match-row.h"
#include "jb-match-view.h"

/* Enough beside a form; `jiebang --match` lists more. */
#define LIMIT_PER_KIND 5
#define LIMIT_REVERSE 10

struct _JbMatchView {
  GtkWidget parent_instance;

  GtkWidget *heading;
  GtkWidget *spinner;
  GtkWidget *status;        /* "Finding matches…", "No suggestions", an error */
  GtkWidget *message;       /* what the last action did, with its button */
  GtkWidget *message_label;
  GtkWidget *message_button;
  GtkWidget *list;          /* sections and rows */

  JbStore *store;
  gulong changed_id;
  JbMatchWorker *worker;
  char *worker_path;
  GCancellable *cancellable;  /* the run under way; NULL: none */
  guint refresh_idle;
  gboolean stale;             /* the store changed while the view was not shown */
  JbKindId kind;              /* the subject */
  gint64 id;                  /* 0: nothing to match */
  JbMatches *matches;         /* as shown */
};

G_DEFINE_FINAL_TYPE (JbMatchView, jb_match_view, GTK_TYPE_WIDGET)

enum { DECIDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
serves (JbKindId kind)
{
  return kind == JB_KIND_DEMAND || kind == JB_KIND_ACHIEVEMENT || kind == JB_KIND_ORGANIZATION;
}

void
jb_match_view_get_options (JbMatchView *self, JbMatchOptions *options)
{
  *options = (JbMatchOptions) {
    .limit = self->kind == JB_KIND_DEMAND ? LIMIT_PER_KIND : LIMIT_REVERSE,
  };
}

static void
set_status (JbMatchView *self, const char *text, gboolean error)
{
  gtk_label_set_text (GTK_LABEL (self->status), text ? text : "");
  gtk_widget_set_visible (self->status, text != NULL);
  if (error)
    gtk_widget_add_css_class (self->status, "error");
  else
    gtk_widget_remove_css_class (self->status, "error");
}

static void
clear_list (JbMatchView *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (self->list)))
    gtk_box_remove (GTK_BOX (self->list), child);
}

static void
add_section_heading (JbMatchView *self, const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (self->list), label);
}

/* The button below @widget bound to @action with @target. */
static GtkWidget *
find_actionable (GtkWidget *widget, const char *action, GVariant *target)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    {
      GVariant *t = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
      if (t && target && g_variant_equal (t, target))
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_actionable (c, action, target);
      if (found)
        return found;
    }
  return NULL;
}

/* Fills the list from self->matches. */
static void
show_matches (JbMatchView *self)
{
  static const JbKindId demand_sides[] = {
    JB_KIND_ACHIEVEMENT, JB_KIND_ORGANIZATION, JB_KIND_PERSON,
  };
  static const JbKindId demands[] = { JB_KIND_DEMAND };
  const JbKindId *kinds = self->kind == JB_KIND_DEMAND ? demand_sides : demands;
  guint n_kinds = self->kind == JB_KIND_DEMAND ? G_N_ELEMENTS (demand_sides) : 1;
  guint total = 0;

  /* The focus may be on a row about to go: keep it in the view. */
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus && gtk_widget_is_ancestor (focus, self->list);
  /* The same button of the same row gets it back, if it is still there. */
  g_autofree char *focus_action = NULL;
  g_autoptr (GVariant) focus_target = NULL;
  if (had_focus && GTK_IS_ACTIONABLE (focus))
    {
      focus_action = g_strdup (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)));
      focus_target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus));
      if (focus_target)
        g_variant_ref (focus_target);
    }

  clear_list (self);
  for (guint k = 0; k < n_kinds; k++)
    {
      GPtrArray *results = jb_matches_get (self->matches, kinds[k]);
      total += results->len;
      if (results->len == 0)
        continue;
      if (n_kinds > 1)
        {
          /* People are suggested as experts. */
          g_autofree char *heading = kinds[k] == JB_KIND_PERSON
            /* TRANSLATORS: the experts suggested for a demand, and how many */
            ? g_strdup_printf (_("Experts (%u)"), results->len)
            /* TRANSLATORS: a group of suggestions and how many, e.g. "Organizations (3)" */
            : g_strdup_printf (_("%s (%u)"), _(jb_kind_get (kinds[k])->plural), results->len);
          add_section_heading (self, heading);
        }
      for (guint i = 0; i < results->len; i++)
        gtk_box_append (GTK_BOX (self->list),
                        jb_match_row_new (g_ptr_array_index (results, i), self->kind));
    }
  if (total == 0)
    set_status (self, self->kind == JB_KIND_DEMAND
                      ? _("No suggestions: no achievement, organization or expert shares "
                          "this demand’s words.")
                      : _("No suggestions: no open demand shares its words."), FALSE);
  else
    set_status (self, NULL, FALSE);
  GtkWidget *again = focus_action ? find_actionable (self->list, focus_action, focus_target)
                                  : NULL;
  if (had_focus && !(again && gtk_widget_grab_focus (again)) &&
      !(gtk_widget_get_visible (self->message_button) &&
        gtk_widget_grab_focus (self->message_button)))
    gtk_widget_child_focus (self->list, GTK_DIR_TAB_FORWARD);
}

/* ---- computing off the main thread -------------------------------------- */

typedef struct {
  JbMatchView *self;          /* a reference */
  GCancellable *cancellable;  /* the request's, a reference */
  gint64 started;             /* monotonic µs, for G_MESSAGES_DEBUG=jiebang */
} Request;

static void
run_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Request *request = data;
  JbMatchView *self = request->self;
  g_autoptr (GError) error = NULL;
  JbMatches *matches = jb_match_worker_run_finish (JB_MATCH_WORKER (source), result, &error);

  /* Only the latest request is shown. */
  if (request->cancellable == self->cancellable)
    {
      g_clear_object (&self->cancellable);
      gtk_spinner_stop (GTK_SPINNER (self->spinner));
      gtk_widget_set_visible (self->spinner, FALSE);
      if (matches)
        {
          g_clear_pointer (&self->matches, jb_matches_free);
          self->matches = g_steal_pointer (&matches);
          gint64 shown = g_get_monotonic_time ();
          show_matches (self);
          /* The worker's time, and the main thread's (the rows). */
          g_debug ("matches of %s %" G_GINT64_FORMAT ": %.1f ms in the worker, rows in %.1f ms",
                   jb_kind_get (self->kind)->name, self->id,
                   (shown - request->started) / 1000.0,
                   (g_get_monotonic_time () - shown) / 1000.0);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* TRANSLATORS: matching failed; the error follows */
          g_autofree char *text = g_strdup_printf (_("Could not find matches: %s"),
                                                   error->message);
          clear_list (self);
          set_status (self, text, TRUE);
        }
    }
  g_clear_pointer (&matches, jb_matches_free);
  g_object_unref (request->cancellable);
  g_object_unref (request->self);
  g_free (request);
}

static void
run (JbMatchView *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL || self->id == 0)
    return;

  /* The worker opens its own connection to the window's file. */
  const char *path = jb_store_get_path (self->store);
  if (self->worker == NULL || g_strcmp0 (path, self->worker_path) != 0)
    {
      g_clear_object (&self->worker);
      g_free (self->worker_path);
      self->worker_path = g_strdup (path);
      self->worker = jb_match_worker_new (path);
    }
  JbMatchOptions options;
  jb_match_view_get_options (self, &options);
  self->cancellable = g_cancellable_new ();
  Request *request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);
  request->started = g_get_monotonic_time ();
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  jb_match_worker_run_async (self->worker, self->kind, self->id, &options, self->cancellable,
                             run_done, request);
}

static gboolean
refresh_idle (gpointer data)
{
  JbMatchView *self = data;
  self->refresh_idle = 0;
  run (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (JbMatchView *self)
{
  /* A save emits once per record; an import once: coalesce. */
  if (self->refresh_idle == 0 && self->id != 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_LOW, refresh_idle, self, NULL);
}

static void
on_store_changed (JbMatchView *self, guint kinds)
{
  /* The forms of other pages look again when they are shown: a change
   * costs one run, not one per page. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  queue_refresh (self);
}

static void
jb_match_view_map (GtkWidget *widget)
{
  JbMatchView *self = JB_MATCH_VIEW (widget);
  GTK_WIDGET_CLASS (jb_match_view_parent_class)->map (widget);
  if (self->stale)
    {
      self->stale = FALSE;
      queue_refresh (self);
    }
}

void
jb_match_view_show (JbMatchView *self, JbStore *store, JbRecord *record)
{
  JbKindId kind = jb_record_get_kind_id (record);
  gint64 id = serves (kind) ? jb_record_get_id (record) : 0;
  gboolean same = kind == self->kind && id == self->id;

  if (store != self->store)
    {
      if (self->store)
        g_clear_signal_handler (&self->changed_id, self->store);
      g_set_object (&self->store, store);
      /* Another store (the file reopened, or restored from a backup): the
       * worker's connection may read what is no longer there. */
      g_clear_object (&self->worker);
      if (store)
        self->changed_id = g_signal_connect_swapped (store, "changed",
                                                     G_CALLBACK (on_store_changed), self);
      same = FALSE;
      /* A team database's role that may only read invites and dismisses
       * nobody: the matches are still shown. */
      gboolean may_write = store == NULL || !jb_store_is_read_only (store);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "match.invite", may_write);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "match.dismiss", may_write);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "match.restore", may_write);
    }
  self->kind = kind;
  self->id = id;
  gtk_widget_set_visible (GTK_WIDGET (self), id != 0);
  if (!same)
    {
      /* Another record: what was shown and said belongs to the last one. */
      g_clear_pointer (&self->matches, jb_matches_free);
      clear_list (self);
      gtk_widget_set_visible (self->message, FALSE);
      gtk_label_set_text (GTK_LABEL (self->heading),
                          kind == JB_KIND_DEMAND ? _("Who could answer it")
                                                 : _("Demands it could answer"));
      set_status (self, id ? _("Finding matches…") : NULL, FALSE);
    }
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  self->stale = FALSE;
  if (id == 0)
    {
      if (self->cancellable)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      return;
    }
  queue_refresh (self);
}

gboolean
jb_match_view_is_busy (JbMatchView *self)
{
  return self->refresh_idle != 0 || self->cancellable != NULL;
}

GArray *
jb_match_view_get_shown (JbMatchView *self, JbKindId kind)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row;
       row = gtk_widget_get_next_sibling (row))
    if (jb_match_row_get_id (row) && jb_match_row_get_kind (row) == kind)
      {
        gint64 id = jb_match_row_get_id (row);
        g_array_append_val (ids, id);
      }
  return ids;
}

GtkWidget *
jb_match_view_find_row (JbMatchView *self, JbKindId kind, gint64 id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row;
       row = gtk_widget_get_next_sibling (row))
    if (jb_match_row_get_id (row) == id && jb_match_row_get_kind (row) == kind)
      return row;
  return NULL;
}

/* ---- deciding ------------------------------------------------------------ */

/* The demand and the record a decision about the suggestion @kind @id is
 * about: either way round, one of them is the subject. */
static void
decision_pair (JbMatchView *self, JbKindId kind, gint64 id, gint64 *demand, JbKindId *target_kind,
               gint64 *target)
{
  if (self->kind == JB_KIND_DEMAND)
    {
      *demand = self->id;
      *target_kind = kind;
      *target = id;
    }
  else
    {
      *demand = id;
      *target_kind = self->kind;
      *target = self->id;
    }
}

static const JbMatchResult *
find_result (JbMatchView *self, JbKindId kind, gint64 id)
{
  GPtrArray *results = self->matches ? jb_matches_get (self->matches, kind) : NULL;
  for (guint i = 0; results && i < results->len; i++)
    {
      const JbMatchResult *r = g_ptr_array_index (results, i);
      if (r->id == id)
        return r;
    }
  return NULL;
}

/* Says what happened, with the button that follows from it, and moves the
 * focus there. */
static void
show_message (JbMatchView *self, const char *text, gboolean error, const char *button_label,
              const char *button_name, const char *action, GVariant *target)
{
  gtk_label_set_text (GTK_LABEL (self->message_label), text);
  if (error)
    gtk_widget_add_css_class (self->message_label, "error");
  else
    gtk_widget_remove_css_class (self->message_label, "error");
  gtk_widget_set_visible (self->message_button, button_label != NULL);
  if (button_label)
    {
      gtk_button_set_label (GTK_BUTTON (self->message_button), button_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
      /* No action while the target changes: the old name with the new
       * target could mismatch. */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->message_button), NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->message_button), target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->message_button), action);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  gtk_widget_set_visible (self->message, TRUE);
  if (button_label)
    gtk_widget_grab_focus (self->message_button);
}

static void
invite_action (GtkWidget *widget, const char *action, GVariant *param)
{
  JbMatchView *self = JB_MATCH_VIEW (widget);
  guint32 kind, as;
  gint64 id, demand, target;
  JbKindId target_kind;
  g_autoptr (GError) error = NULL;

  g_variant_get (param, "(uxu)", &kind, &id, &as);
  const JbMatchResult *r = find_result (self, kind, id);
  g_autofree char *who = g_strdup (r ? r->title : "");
  decision_pair (self, kind, id, &demand, &target_kind, &target);
  g_autoptr (JbRecord) created = jb_match_invite (self->store, demand, target_kind, target, as,
                                                  &error);
  if (created == NULL)
    {
      show_message (self, error->message, TRUE, NULL, NULL, NULL, NULL);
      return;
    }
  const JbKind *k = jb_record_get_kind (created);
  g_autofree char *heading = jb_record_get_heading (created);
  g_autofree char *what = g_utf8_strdown (_(k->label), -1);
  /* TRANSLATORS: after an invitation: who, the kind and title of the draft made */
  g_autofree char *text = g_strdup_printf (_("Invited %s: the %s “%s” is ready as a draft."),
                                           who, what, heading);
  g_autofree char *label = g_strdup_printf (_("Open %s"), _(k->label));
  /* TRANSLATORS: the button that opens the new solution or deal: "Open the solution “…”" */
  g_autofree char *name = g_strdup_printf (_("Open the %s “%s”"), what, heading);
  show_message (self, text, FALSE, label, name, "win.open-record",
                g_variant_new ("(ux)", (guint32) k->id, jb_record_get_id (created)));
  g_signal_emit (self, signals[DECIDED], 0);
}

static void
dismiss (JbMatchView *self, JbKindId kind, gint64 id, const char *reason)
{
  gint64 demand, target;
  JbKindId target_kind;
  g_autoptr (GError) error = NULL;
  const JbMatchResult *r = find_result (self, kind, id);
  g_autofree char *who = g_strdup (r ? r->title : "");

  decision_pair (self, kind, id, &demand, &target_kind, &target);
  if (!jb_match_dismiss (self->store, demand, target_kind, target, reason, &error))
    {
      show_message (self, error->message, TRUE, NULL, NULL, NULL, NULL);
      return;
    }
  /* Gone at once, not when the worker has looked again. */
  GtkWidget *row = jb_match_view_find_row (self, kind, id);
  if (row)
    gtk_box_remove (GTK_BOX (self->list), row);
  /* TRANSLATORS: after a dismissal: who */
  g_autofree char *text = g_strdup_printf (_("Dismissed %s."), who);
  g_autofree char *name = g_strdup_printf (_("Undo dismissing %s"), who);
  show_message (self, text, FALSE, _("Undo"), name, "match.restore",
                g_variant_new ("(ux)", (guint32) kind, id));
  g_signal_emit (self, signals[DECIDED], 0);
}

static void
dismiss_response (GtkDialog *dialog, int response, JbMatchView *self)
{
  g_autofree char *reason = jb_match_dismiss_dialog_get_reason (dialog);
  if (response == GTK_RESPONSE_ACCEPT && reason)
    {
      JbKindId kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "kind"));
      gint64 *id = g_object_get_data (G_OBJECT (dialog), "id");
      dismiss (self, kind, *id, reason);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
dismiss_action (GtkWidget *widget, const char *action, GVariant *param)
{
  JbMatchView *self = JB_MATCH_VIEW (widget);
  guint32 kind;
  gint64 id;

  g_variant_get (param, "(ux)", &kind, &id);
  const JbMatchResult *r = find_result (self, kind, id);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = jb_match_dismiss_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                        : NULL,
                                                   r ? r->title : "");
  g_object_set_data (G_OBJECT (dialog), "kind", GUINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (dialog), "id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dismiss_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_action (GtkWidget *widget, const char *action, GVariant *param)
{
  JbMatchView *self = JB_MATCH_VIEW (widget);
  guint32 kind;
  gint64 id, demand, target;
  JbKindId target_kind;
  g_autoptr (GError) error = NULL;

  g_variant_get (param, "(ux)", &kind, &id);
  decision_pair (self, kind, id, &demand, &target_kind, &target);
  if (!jb_match_restore (self->store, demand, target_kind, target, &error))
    {
      show_message (self, error->message, TRUE, NULL, NULL, NULL, NULL);
      return;
    }
  show_message (self, _("The suggestion is back."), FALSE, NULL, NULL, NULL, NULL);
  /* Its row comes back with the next run; until then, the first row. */
  gtk_widget_child_focus (self->list, GTK_DIR_TAB_FORWARD);
  g_signal_emit (self, signals[DECIDED], 0);
}

/* ---- the class ------------------------------------------------------------- */

static void
jb_match_view_dispose (GObject *object)
{
  JbMatchView *self = JB_MATCH_VIEW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->store)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->worker_path, g_free);
  g_clear_pointer (&self->matches, jb_matches_free);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (jb_match_view_parent_class)->dispose (object);
}

static void
jb_match_view_class_init (JbMatchViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jb_match_view_dispose;
  widget_class->map = jb_match_view_map;
  /* JbMatchView::decided: an invitation, dismissal or restoration was
   * written: the demand's history has a new line. */
  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "match.invite", "(uxu)", invite_action);
  gtk_widget_class_install_action (widget_class, "match.dismiss", "(ux)", dismiss_action);
  gtk_widget_class_install_action (widget_class, "match.restore", "(ux)", restore_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "jbmatchview");
}

static void
jb_match_view_init (JbMatchView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 18);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matches"), -1);

  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "title-4");
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Finding matches"), -1);
  gtk_box_append (GTK_BOX (top), self->heading);
  gtk_box_append (GTK_BOX (top), self->spinner);
  gtk_widget_set_parent (top, GTK_WIDGET (self));

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_widget_set_parent (self->status, GTK_WIDGET (self));

  self->message = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->message_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (self->message_label, TRUE);
  self->message_button = gtk_button_new ();
  gtk_widget_set_valign (self->message_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->message), self->message_label);
  gtk_box_append (GTK_BOX (self->message), self->message_button);
  gtk_widget_set_visible (self->message, FALSE);
  gtk_widget_set_parent (self->message, GTK_WIDGET (self));

  self->list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_parent (self->list, GTK_WIDGET (self));
}

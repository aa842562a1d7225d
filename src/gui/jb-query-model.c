/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-query-model.c: a query's rows a page at a time (see jb-query-model.h).
 *
 * Why pages: GtkListView asks for the rows it shows and a few around them,
 * one get_item() at a time; one SQL query per page of a hundred costs what
 * one per row would cost for a single row.  Why few of them: a user who
 * scrolls through a million rows must not keep them all. */
#include "config.h"

#include "jb-query-model.h"

typedef struct {
  guint start;        /* the position of its first row */
  GPtrArray *rows;    /* JbRecord, JB_QUERY_MODEL_PAGE or fewer at the end */
  guint64 used;       /* when it was last asked for: the oldest goes first */
} Page;

struct _JbQueryModel {
  GObject parent_instance;

  JbQuery *query;
  guint n_items;
  Page pages[JB_QUERY_MODEL_PAGES];
  guint64 clock;
  GHashTable *previous;  /* during a refresh: id → the row as it was shown */
  GError *error;
};

static void jb_query_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JbQueryModel, jb_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      jb_query_model_list_model_init))

static void
set_error (JbQueryModel *self, GError *error)
{
  /* Once in the log, not once per row asked for. */
  if (self->error == NULL || !g_error_matches (self->error, error->domain, error->code))
    g_warning ("Cannot list %s: %s", jb_kind_get (jb_query_get_kind (self->query))->name,
               error->message);
  g_clear_error (&self->error);
  self->error = error;
}

/* The same record, every field as it was (references by the same name). */
static gboolean
same_row (JbRecord *a, JbRecord *b)
{
  const JbKind *kind = jb_record_get_kind (a);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      if (!jb_record_equal_field (a, b, i))
        return FALSE;
      if (kind->fields[i].type == JB_TYPE_REF &&
          g_strcmp0 (jb_record_get_ref_name (a, i), jb_record_get_ref_name (b, i)) != 0)
        return FALSE;
    }
  return TRUE;
}

static Page *
fetch_page (JbQueryModel *self, guint start)
{
  Page *page = &self->pages[0];
  for (guint i = 0; i < JB_QUERY_MODEL_PAGES; i++)
    {
      if (self->pages[i].rows && self->pages[i].start == start)
        {
          page = &self->pages[i];
          page->used = ++self->clock;
          return page;
        }
      /* Else the free page, or the one least recently used. */
      if (page->rows && (self->pages[i].rows == NULL || self->pages[i].used < page->used))
        page = &self->pages[i];
    }

  GError *error = NULL;
  /* G_MESSAGES_DEBUG=jiebang shows which pages a view asks for. */
  g_debug ("%s: rows %u to %u of %u", jb_kind_get (jb_query_get_kind (self->query))->name, start,
           MIN (start + JB_QUERY_MODEL_PAGE, self->n_items) - 1, self->n_items);
  GPtrArray *rows = jb_query_fetch (self->query, start, JB_QUERY_MODEL_PAGE, &error);
  if (rows == NULL)
    {
      set_error (self, error);
      return NULL;
    }
  for (guint i = 0; self->previous && i < rows->len; i++)
    {
      gint64 id = jb_record_get_id (rows->pdata[i]);
      JbRecord *old = g_hash_table_lookup (self->previous, &id);
      if (old && same_row (old, rows->pdata[i]))
        {
          g_object_unref (rows->pdata[i]);
          rows->pdata[i] = g_object_ref (old);
        }
    }
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  page->rows = rows;
  page->start = start;
  page->used = ++self->clock;
  return page;
}

static GType
jb_query_model_get_item_type (GListModel *model)
{
  return JB_TYPE_RECORD;
}

static guint
jb_query_model_get_n_items (GListModel *model)
{
  return JB_QUERY_MODEL (model)->n_items;
}

static gpointer
jb_query_model_get_item (GListModel *model, guint position)
{
  JbQueryModel *self = JB_QUERY_MODEL (model);
  if (position >= self->n_items)
    return NULL;
  Page *page = fetch_page (self, position - position % JB_QUERY_MODEL_PAGE);
  guint i = position % JB_QUERY_MODEL_PAGE;
  if (page && i < page->rows->len)
    return g_object_ref (page->rows->pdata[i]);
  /* The file changed under us (another connection), or failed: a blank row
   * until the next refresh, rather than a hole GTK cannot show. */
  return jb_record_new (jb_query_get_kind (self->query));
}

static void
jb_query_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = jb_query_model_get_item_type;
  iface->get_n_items = jb_query_model_get_n_items;
  iface->get_item = jb_query_model_get_item;
}

static void
drop_pages (JbQueryModel *self, GHashTable *keep)
{
  for (guint i = 0; i < JB_QUERY_MODEL_PAGES; i++)
    {
      GPtrArray *rows = self->pages[i].rows;
      for (guint r = 0; keep && rows && r < rows->len; r++)
        {
          gint64 *id = g_new (gint64, 1);
          *id = jb_record_get_id (rows->pdata[r]);
          g_hash_table_replace (keep, id, g_object_ref (rows->pdata[r]));
        }
      g_clear_pointer (&self->pages[i].rows, g_ptr_array_unref);
    }
}

/* The rows the view may hold widgets for: around the page it asked for
 * last, as far as the pages in hand go on either side, at most all of them
 * (the view keeps a couple of hundred rows; the cache is larger). */
static void
shown_span (JbQueryModel *self, guint *lo, guint *hi)
{
  Page *last = NULL;
  for (guint i = 0; i < JB_QUERY_MODEL_PAGES; i++)
    if (self->pages[i].rows && (last == NULL || self->pages[i].used > last->used))
      last = &self->pages[i];
  *lo = *hi = 0;
  if (last == NULL)
    return;
  *lo = last->start;
  *hi = last->start + JB_QUERY_MODEL_PAGE;
  for (gboolean grown = TRUE; grown;)
    {
      grown = FALSE;
      for (guint i = 0; i < JB_QUERY_MODEL_PAGES; i++)
        {
          Page *page = &self->pages[i];
          if (page->rows == NULL)
            continue;
          if (page->start + JB_QUERY_MODEL_PAGE == *lo)
            *lo = page->start, grown = TRUE;
          else if (page->start == *hi)
            *hi += JB_QUERY_MODEL_PAGE, grown = TRUE;
        }
    }
  /* A short table: one change, as simple as it gets. */
  if (self->n_items <= JB_QUERY_MODEL_PAGE * JB_QUERY_MODEL_PAGES)
    *lo = 0, *hi = self->n_items;
  *hi = MIN (*hi, self->n_items);
  *lo = MIN (*lo, *hi);
}

static void
count (JbQueryModel *self)
{
  GError *error = NULL;
  self->n_items = 0;
  if (!jb_query_count (self->query, &self->n_items, &error))
    {
      set_error (self, error);
      self->n_items = 0;
    }
  else
    g_clear_error (&self->error);
}

void
jb_query_model_refresh (JbQueryModel *self, gboolean keep_rows)
{
  g_return_if_fail (JB_IS_QUERY_MODEL (self));

  guint old = self->n_items;
  guint lo, hi;
  shown_span (self, &lo, &hi);
  if (keep_rows)
    self->previous = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  drop_pages (self, self->previous);
  jb_query_invalidate (self->query);
  count (self);

  /* Every row may have changed; but GTK 4.8's list looks for the items it
   * shows among all those an items-changed adds, one get_item() each: a
   * million rows, every page fetched.  So the rows after the span the view
   * may show, then the span, then the rows before it, each in turn: only
   * the span holds rows with widgets, and it is a few pages long. */
  guint end = MIN (hi, self->n_items);
  if (old > end || self->n_items > end)
    g_list_model_items_changed (G_LIST_MODEL (self), end, old - end, self->n_items - end);
  lo = MIN (lo, end);
  if (end > lo)
    g_list_model_items_changed (G_LIST_MODEL (self), lo, end - lo, end - lo);
  if (lo > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, lo, lo);
  g_clear_pointer (&self->previous, g_hash_table_unref);
}

guint
jb_query_model_position_of (JbQueryModel *self, gint64 id)
{
  g_return_val_if_fail (JB_IS_QUERY_MODEL (self), G_MAXUINT);
  if (id <= 0)
    return G_MAXUINT;
  /* A row of a page in hand needs no query. */
  for (guint i = 0; i < JB_QUERY_MODEL_PAGES; i++)
    for (guint r = 0; self->pages[i].rows && r < self->pages[i].rows->len; r++)
      if (jb_record_get_id (self->pages[i].rows->pdata[r]) == id)
        return self->pages[i].start + r;
  GError *error = NULL;
  guint pos = jb_query_position_of (self->query, id, &error);
  if (error)
    set_error (self, error);
  return pos < self->n_items ? pos : G_MAXUINT;
}

JbQuery *
jb_query_model_get_query (JbQueryModel *self)
{
  g_return_val_if_fail (JB_IS_QUERY_MODEL (self), NULL);
  return self->query;
}

const GError *
jb_query_model_get_error (JbQueryModel *self)
{
  g_return_val_if_fail (JB_IS_QUERY_MODEL (self), NULL);
  return self->error;
}

static void
jb_query_model_dispose (GObject *object)
{
  JbQueryModel *self = JB_QUERY_MODEL (object);
  drop_pages (self, NULL);
  g_clear_object (&self->query);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (jb_query_model_parent_class)->dispose (object);
}

static void
jb_query_model_class_init (JbQueryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jb_query_model_dispose;
}

static void
jb_query_model_init (JbQueryModel *self)
{
}

JbQueryModel *
jb_query_model_new (JbQuery *query)
{
  g_return_val_if_fail (JB_IS_QUERY (query), NULL);
  JbQueryModel *self = g_object_new (JB_TYPE_QUERY_MODEL, NULL);
  self->query = g_object_ref (query);
  count (self);
  return self;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-match-worker.c: matching off the main thread (jb-match.h).  The
 * worker's store and matcher are made by the first run, in a thread of
 * GLib's pool, and used by one run at a time under the worker's lock: a
 * SQLite connection may move between threads as long as no two use it at
 * once.  What a run returns is plain data. */
#include "config.h"

#include "jb-match.h"

#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

struct _JbMatchWorker {
  GObject parent_instance;
  char *path;
  GMutex lock;
  JbStore *store;        /* under lock */
  JbMatcher *matcher;    /* under lock */
};

G_DEFINE_FINAL_TYPE (JbMatchWorker, jb_match_worker, G_TYPE_OBJECT)

typedef struct {
  JbKindId kind;
  gint64 id;
  JbMatchOptions options;
  char *today;
} Job;

static void
job_free (Job *job)
{
  g_free (job->today);
  g_free (job);
}

static void
jb_match_worker_finalize (GObject *object)
{
  JbMatchWorker *self = JB_MATCH_WORKER (object);
  g_clear_object (&self->matcher);
  g_clear_object (&self->store);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  G_OBJECT_CLASS (jb_match_worker_parent_class)->finalize (object);
}

static void
jb_match_worker_class_init (JbMatchWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jb_match_worker_finalize;
}

static void
jb_match_worker_init (JbMatchWorker *self)
{
  g_mutex_init (&self->lock);
}

JbMatchWorker *
jb_match_worker_new (const char *path)
{
  JbMatchWorker *self = g_object_new (JB_TYPE_MATCH_WORKER, NULL);
  self->path = g_strdup (path);
  return self;
}

static void
run_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  JbMatchWorker *self = source;
  Job *job = data;
  GError *error = NULL;
  JbMatches *matches = NULL;

  g_mutex_lock (&self->lock);
  if (self->store == NULL && (self->store = jb_store_open (self->path, &error)))
    self->matcher = jb_matcher_new (self->store);
  if (self->matcher && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    /* Another connection's writes: the matcher sees them by the file's
     * data version. */
    matches = jb_matcher_run (self->matcher, job->kind, job->id, &job->options, cancellable,
                              &error);
  /* Between jobs the worker waits, for as long as the user reads: the
   * pages and the scratch memory of this job go back to the system.  The
   * candidates' records and texts were allocated in this pool thread's own
   * malloc arena, which glibc otherwise keeps at its largest; malloc_trim()
   * hands back the free pages of every arena, the window's among them (at
   * a demand of 100 000: 6 MB less resident, 2-3 MB lower peak). */
  if (self->store)
    jb_store_release_memory (self->store);
  g_mutex_unlock (&self->lock);
#ifdef HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
  if (matches)
    g_task_return_pointer (task, matches, (GDestroyNotify) jb_matches_free);
  else
    g_task_return_error (task, error);
}

void
jb_match_worker_run_async (JbMatchWorker *self, JbKindId kind, gint64 id,
                           const JbMatchOptions *options, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);
  job->kind = kind;
  job->id = id;
  if (options)
    job->options = *options;
  /* The caller's strings may not outlive this call. */
  job->today = g_strdup (job->options.today);
  job->options.today = job->today;
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jb_match_worker_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_in_thread);
}

JbMatches *
jb_match_worker_run_finish (JbMatchWorker *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

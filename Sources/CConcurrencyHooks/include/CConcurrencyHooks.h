#ifndef ARTICLED_CCONCURRENCYHOOKS_H
#define ARTICLED_CCONCURRENCYHOOKS_H

#include <stdint.h>

/// Where the Swift runtime's executor hooks send jobs. A job is the runtime's `Job *`, opaque here.
/// `deadline_ns` is on CLOCK_MONOTONIC: the hooks convert the runtime's delays and its continuous-clock
/// deadlines to it, so one timer thread can order them all.
typedef struct {
    void (*_Nonnull enqueue_global)(void *_Nonnull job);
    void (*_Nonnull enqueue_global_at)(void *_Nonnull job, uint64_t deadline_ns);
    void (*_Nonnull enqueue_main)(void *_Nonnull job);
} articled_job_sinks;

/// Points the runtime's global-executor and main-executor hooks at `sinks`. Call once, before any task is
/// created. Returns 0, or -1 when a hook was already set by someone else (nothing is changed then).
int articled_install_concurrency_hooks(articled_job_sinks sinks);

/// Names the calling thread (up to 15 bytes), as `top -H` and `/proc/PID/task/*/comm` show it.
void articled_name_this_thread(const char *_Nonnull name);

/// The current time of CLOCK_MONOTONIC in nanoseconds.
uint64_t articled_monotonic_now_ns(void);

#endif

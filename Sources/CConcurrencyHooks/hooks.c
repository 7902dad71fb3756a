// The Swift runtime's executor hooks are function pointers called with the Swift calling convention; these
// thunks receive them and hand the jobs to C-callable sinks written in Swift (QuietExecutor). The declarations
// follow the runtime's own <swift/ExecutorImpl.h> and ConcurrencyHooks.def.
#define _GNU_SOURCE
#include "CConcurrencyHooks.h"

#include <pthread.h>
#include <string.h>

#include <stddef.h>
#include <time.h>

#define SWIFTCC __attribute__((swiftcall))

/// Swift's clock ids as the runtime passes them (ExecutorImpl.h).
enum { continuous_clock = 1, suspending_clock = 2 };

typedef SWIFTCC void (*enqueue_original)(void *_Nonnull job);
typedef SWIFTCC void (*enqueue_delay_original)(unsigned long long delay, void *_Nonnull job);
typedef SWIFTCC void (*enqueue_deadline_original)(long long sec, long long nsec, long long tsec, long long tnsec,
                                                  int clock, void *_Nonnull job);

extern SWIFTCC void (*_Nullable swift_task_enqueueGlobal_hook)(void *_Nonnull job, enqueue_original original);
extern SWIFTCC void (*_Nullable swift_task_enqueueGlobalWithDelay_hook)(unsigned long long delay,
                                                                        void *_Nonnull job,
                                                                        enqueue_delay_original original);
extern SWIFTCC void (*_Nullable swift_task_enqueueGlobalWithDeadline_hook)(long long sec, long long nsec,
                                                                           long long tsec, long long tnsec,
                                                                           int clock, void *_Nonnull job,
                                                                           enqueue_deadline_original original);
extern SWIFTCC void (*_Nullable swift_task_enqueueMainExecutor_hook)(void *_Nonnull job,
                                                                     enqueue_original original);

static articled_job_sinks installed;

static uint64_t now_ns(clockid_t clock) {
    struct timespec now;
    clock_gettime(clock, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

uint64_t articled_monotonic_now_ns(void) { return now_ns(CLOCK_MONOTONIC); }

static SWIFTCC void enqueue_global(void *_Nonnull job, enqueue_original original) {
    (void)original;
    installed.enqueue_global(job);
}

static SWIFTCC void enqueue_global_with_delay(unsigned long long delay, void *_Nonnull job,
                                              enqueue_delay_original original) {
    (void)original;
    installed.enqueue_global_at(job, now_ns(CLOCK_MONOTONIC) + delay);
}

/// A deadline on the continuous clock (CLOCK_BOOTTIME, which counts suspended time) becomes the same distance
/// from now on CLOCK_MONOTONIC; the suspending clock is CLOCK_MONOTONIC already. The tolerance is not used:
/// a sleep ends at its deadline.
static SWIFTCC void enqueue_global_with_deadline(long long sec, long long nsec, long long tsec, long long tnsec,
                                                 int clock, void *_Nonnull job,
                                                 enqueue_deadline_original original) {
    (void)tsec;
    (void)tnsec;
    (void)original;
    uint64_t deadline = (uint64_t)(sec < 0 ? 0 : sec) * 1000000000u + (uint64_t)(nsec < 0 ? 0 : nsec);
    if (clock == continuous_clock) {
        uint64_t boot = now_ns(CLOCK_BOOTTIME);
        uint64_t mono = now_ns(CLOCK_MONOTONIC);
        deadline = deadline > boot ? mono + (deadline - boot) : mono;
    }
    installed.enqueue_global_at(job, deadline);
}

static SWIFTCC void enqueue_main(void *_Nonnull job, enqueue_original original) {
    (void)original;
    installed.enqueue_main(job);
}

int articled_install_concurrency_hooks(articled_job_sinks sinks) {
    if (swift_task_enqueueGlobal_hook || swift_task_enqueueGlobalWithDelay_hook ||
        swift_task_enqueueGlobalWithDeadline_hook || swift_task_enqueueMainExecutor_hook) {
        return -1;
    }
    installed = sinks;
    swift_task_enqueueGlobal_hook = enqueue_global;
    swift_task_enqueueGlobalWithDelay_hook = enqueue_global_with_delay;
    swift_task_enqueueGlobalWithDeadline_hook = enqueue_global_with_deadline;
    swift_task_enqueueMainExecutor_hook = enqueue_main;
    return 0;
}

void articled_name_this_thread(const char *_Nonnull name) {
    char short_name[16];
    strncpy(short_name, name, sizeof short_name - 1);
    short_name[sizeof short_name - 1] = 0;
    pthread_setname_np(pthread_self(), short_name);
}

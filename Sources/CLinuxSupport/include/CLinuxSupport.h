#ifndef ARTICLED_CLINUXSUPPORT_H
#define ARTICLED_CLINUXSUPPORT_H

#include <stdint.h>

/// Calls openat2(2) with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, which Debian 12's glibc does not wrap.
/// Returns the descriptor, or -1 with errno set (ENOSYS where the kernel lacks openat2).
int articled_openat2_beneath(int dirfd, const char *path, uint64_t flags, uint64_t mode);

#endif

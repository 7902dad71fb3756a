#ifndef ARTICLED_CLINUXSUPPORT_H
#define ARTICLED_CLINUXSUPPORT_H

#include <stdint.h>

/// Calls openat2(2) with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, which Debian 12's glibc does not wrap.
/// Returns the descriptor, or -1 with errno set (ENOSYS where the kernel lacks openat2).
int articled_openat2_beneath(int dirfd, const char *path, uint64_t flags, uint64_t mode);

/// Calls renameat2(2) through syscall(2), so that RENAME_NOREPLACE is available whatever glibc's headers declare.
/// Returns 0, or -1 with errno set (EEXIST when the target exists under RENAME_NOREPLACE; EINVAL where the
/// filesystem cannot honour the flag).
int articled_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

/// renameat2's flag: fail with EEXIST instead of replacing an existing target.
#define ARTICLED_RENAME_NOREPLACE 1U

#endif

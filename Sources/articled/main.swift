import Glibc
import QuietExecutor

// Every task of the process runs on QuietExecutor's threads, which sleep in the kernel when there is nothing to
// do (libdispatch's pool would wake an idle daemon once a second). Installed before the first task exists.
QuietExecutor.install()
Task.detached {
    await Articled.main()
    exit(0)
}
QuietExecutor.runMainThread()

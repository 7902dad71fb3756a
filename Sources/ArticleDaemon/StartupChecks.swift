import ArticleLog
import Glibc
import Logging

/// What start-up settles before it touches the log: the folders exist and do not overlap once links are
/// resolved, this is the only daemon on the state folder, and the kernel's link protection is on.
struct StartupChecks {
    let watch: String
    let state: String
    let logger: Logger

    /// Returns the state folder's lock, which the daemon holds until it exits.
    func run() throws -> StateLock {
        for dir in [watch, state, state + "/done", state + "/failed"] {
            do { try DurableDirectory.create(dir) } catch { throw IngestError.directory(error) }
        }
        try checkFoldersApart()
        let lock = try StateLock(state: state)
        warnIfHardLinksUnprotected()
        return lock
    }

    /// A drop folder inside the state folder would let droppers write next to the log; a state folder inside
    /// the drop folder would be ingested. Compared after resolving links, which a path comparison misses.
    func checkFoldersApart() throws(DaemonStartError) {
        guard let realWatch = Self.realPath(watch), let realState = Self.realPath(state) else { return }
        if Self.overlap(realWatch, realState) {
            throw .folders(
                "the watch folder \(watch) and the state folder \(state) overlap (\(realWatch), \(realState)); "
                    + "they must be apart"
            )
        }
    }

    /// One folder is the other or lies inside it.
    static func overlap(_ a: String, _ b: String) -> Bool {
        a == b || a.hasPrefix(b + "/") || b.hasPrefix(a + "/")
    }

    /// With `fs.protected_hardlinks` off, a dropper can hard-link any file of another user into the drop folder.
    private func warnIfHardLinksUnprotected() {
        let fd = Glibc.open("/proc/sys/fs/protected_hardlinks", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { Glibc.close(fd) }
        var byte: UInt8 = 0
        if Glibc.read(fd, &byte, 1) == 1 && byte == UInt8(ascii: "0") {
            logger.warning(
                """
                fs.protected_hardlinks is 0: droppers can hard-link other users' files into the drop folder; \
                set it to 1 (sysctl fs.protected_hardlinks=1)
                """
            )
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = Glibc.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

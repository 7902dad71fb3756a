import Glibc
import Logging

/// The polling side of `FolderWatcher`, for network file systems where inotify sees only local writes: scans the
/// tree every interval and reports a file once its size, mtime and inode are the same in two scans in a row.
struct PollingTreeWatcher {
    let paths: TreePaths
    let interval: Duration
    let logger: Logger
    private var tracker = StabilityTracker()
    /// Entries whose names are not UTF-8, already warned about, so each is logged once rather than every scan.
    private var warnedUndecodable: Set<String> = []

    init(paths: TreePaths, interval: Duration, logger: Logger) {
        self.paths = paths
        self.interval = interval
        self.logger = logger
    }

    /// Scans, calls `started` after the first scan, and keeps scanning until the task is cancelled (throws
    /// `CancellationError`) or the root goes away (throws `FolderWatchError.rootRemoved`).
    mutating func run(
        started: @Sendable () async -> Void,
        ready: @Sendable (String) async -> Void
    ) async throws {
        var first = true
        while true {
            try Task.checkCancellation()
            let (scan, unlistable) = try snapshot()
            for path in tracker.update(with: scan, unlistable: unlistable) {
                await ready(path)
                try Task.checkCancellation()
            }
            if first {
                first = false
                logger.info(
                    "watching folder",
                    metadata: ["path": "\(paths.root)", "mode": "polling", "interval": "\(interval)"]
                )
                await started()
            }
            try await Task.sleep(for: interval)
        }
    }

    /// Every reportable entry below the root with its status, and the folders that could not be listed this time.
    private mutating func snapshot() throws -> ([String: FileStatus], [String]) {
        let rootStatus = FileStatus.followingLinks(paths.root)
        switch rootStatus {
        case .success(let status) where status.kind == .directory:
            break
        case .success:
            throw rootRemoved(reason: "it is no longer a directory")
        case .failure(let error) where error.code == ENOENT || error.code == ENOTDIR:
            throw rootRemoved(reason: FolderWatchError.describe(error.code))
        case .failure(let error):
            logger.warning(
                "cannot examine watched folder, skipping this scan",
                metadata: [
                    "path": "\(paths.root)", "call": "stat", "error": "\(FolderWatchError.describe(error.code))",
                ]
            )
            return ([:], [""])
        }
        var scan: [String: FileStatus] = [:]
        var unlistable: [String] = []
        var undecodable: Set<String> = []
        defer { warnedUndecodable = undecodable }
        var pending = [""]
        while let directory = pending.popLast() {
            try Task.checkCancellation()
            let entries: [DirectoryEntry]
            switch DirectoryListing.entries(of: paths.absolute(directory)) {
            case .success(let listed):
                entries = listed
            case .failure(let error) where error.code == ENOENT && !directory.isEmpty:
                continue
            case .failure(let error):
                logger.warning(
                    "cannot list folder, skipping it in this scan",
                    metadata: [
                        "path": "\(paths.absolute(directory))", "call": "\(error.call)",
                        "error": "\(FolderWatchError.describe(error.code))",
                    ]
                )
                unlistable.append(directory)
                continue
            }
            for entry in entries where !IgnoredNames.isIgnored(entry.name) {
                let path = TreePaths.join(directory, entry.name)
                if !entry.nameIsValidUTF8 {
                    if !warnedUndecodable.contains(path) { logger.warnUndecodableName(paths.absolute(path)) }
                    undecodable.insert(path)
                } else if entry.kind == .directory {
                    pending.append(path)
                } else if case .success(let status) = FileStatus.ofEntry(paths.absolute(path)) {
                    scan[path] = status
                }
            }
        }
        return (scan, unlistable)
    }

    private func rootRemoved(reason: String) -> FolderWatchError {
        logger.error(
            "watched folder was removed or replaced; no further files can be seen",
            metadata: ["path": "\(paths.root)", "reason": "\(reason)"]
        )
        return .rootRemoved(path: paths.root)
    }
}

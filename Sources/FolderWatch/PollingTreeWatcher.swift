import Glibc
import Logging

/// The polling side of `FolderWatcher`, for network file systems where inotify sees only local writes: scans the
/// tree every interval and reports a file once its size, mtime and inode are the same in two scans in a row.
struct PollingTreeWatcher {
    let paths: TreePaths
    let interval: Duration
    let logger: Logger
    private var tracker = StabilityTracker()
    private var scanner: TreeScanner

    init(paths: TreePaths, interval: Duration, logger: Logger) {
        self.paths = paths
        self.interval = interval
        self.logger = logger
        self.scanner = TreeScanner(paths: paths, logger: logger)
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
        let scan = try scanner.scan([""])
        return (scan.statuses, scan.unlistable)
    }

    private func rootRemoved(reason: String) -> FolderWatchError {
        logger.error(
            "watched folder was removed or replaced; no further files can be seen",
            metadata: ["path": "\(paths.root)", "reason": "\(reason)"]
        )
        return .rootRemoved(path: paths.root)
    }
}

import Logging

/// Reports every file in a folder tree that is completely written: once at start-up for the files already
/// there, then as writers close or rename them in (inotify), or once they stop changing (polling mode).
///
/// Paths are reported relative to the root ("a/b.txt"). `ready` is called from the task running `run`, one call
/// at a time and never concurrently. A path is reported again when it is written and closed again, and may be
/// reported twice when a scan caught it half-written, and everything is reported again after an overflow
/// rescan, so the consumer deduplicates.
public struct FolderWatcher: Sendable {
    /// The options this watcher runs with.
    public let options: WatchOptions
    let logger: Logger
    private let health = WatchHealth()
    /// For tests: the errno with which adding the watch on a root-relative folder is to fail, or nil.
    let watchFault: @Sendable (String) -> Int32?

    /// Creates a watcher; nothing is watched until `run` is called.
    public init(options: WatchOptions, logger: Logger) {
        self.init(options: options, logger: logger, watchFault: { _ in nil })
    }

    init(options: WatchOptions, logger: Logger, watchFault: @escaping @Sendable (String) -> Int32?) {
        self.options = options
        self.logger = logger
        self.watchFault = watchFault
    }

    /// The subtrees below the root that inotify cannot watch (watch limit, path longer than PATH_MAX, permission
    /// denied, ...) and that are polled every `WatchOptions.degradedPollInterval` instead, sorted by path; empty in
    /// polling mode and when all is well. Safe to read from any task while `run` runs, on any copy of this watcher.
    public var degradedSubtrees: [DegradedSubtree] { health.degradedSubtrees }

    /// How many times since `run` started a subtree had to be switched from inotify to polling, including subtrees
    /// that are watched again or gone by now; for a counter in `/status` or `/metrics`.
    public var degradationCount: Int { health.degradationCount }

    /// Watches until the task is cancelled, calling `ready` with each ready file's path relative to the root.
    /// `ready` may suspend (a full intake queue); events are then held back, never dropped.
    public func run(ready: @Sendable (String) async -> Void) async throws {
        try await run(started: {}, ready: ready)
    }

    /// Like `run(ready:)`, and calls `started` once every folder is watched and the files present at start-up
    /// have been reported (inotify; with a settle delay they are reported once it has passed) or the first scan is
    /// done (polling), so a daemon can signal readiness (sd_notify READY=1) only when nothing dropped from then on
    /// can be missed. Files in degraded subtrees are polled, and reported once unchanged over one
    /// `degradedPollInterval`, possibly after `started`.
    ///
    /// Returns normally when the task is cancelled, at once unless `ready` itself is suspended.
    /// Throws `FolderWatchError`: the root is missing or not a directory at start, the root is removed while
    /// watched, inotify cannot be set up, the root itself cannot be watched (including the watch limit), or the
    /// root cannot be listed. A folder below the root that cannot be watched is polled instead (see
    /// `degradedSubtrees`): whatever droppers do below the root, `run` keeps going.
    public func run(
        started: @Sendable () async -> Void,
        ready: @Sendable (String) async -> Void
    ) async throws {
        let paths = TreePaths(root: options.root)
        health.publish(DegradedSubtrees())  // What an earlier run found no longer holds.
        try checkRoot(paths)
        do {
            if let interval = options.pollInterval {
                var watcher = PollingTreeWatcher(paths: paths, interval: interval, logger: logger)
                try await watcher.run(started: started, ready: ready)
            } else {
                let inotify = try Inotify()
                var watcher = InotifyTreeWatcher(
                    paths: paths,
                    settle: options.settle,
                    degradedPollInterval: options.degradedPollInterval,
                    inotify: inotify,
                    health: health,
                    logger: logger,
                    watchFault: watchFault
                )
                try await watcher.run(started: started, ready: ready)
            }
        } catch is CancellationError {
            logger.debug("folder watch cancelled", metadata: ["path": "\(paths.root)"])
        }
    }

    /// Fails early, with the errno, when the root cannot be watched at all.
    private func checkRoot(_ paths: TreePaths) throws(FolderWatchError) {
        switch FileStatus.followingLinks(paths.root) {
        case .success(let status) where status.kind == .directory:
            return
        case .success:
            throw .rootNotDirectory(path: paths.root)
        case .failure(let error):
            throw .rootUnavailable(path: paths.root, errno: error.code)
        }
    }
}

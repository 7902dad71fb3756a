import Glibc
import Logging

/// The inotify side of `FolderWatcher`: keeps one watch per folder of the tree and turns events into ready paths.
/// It runs in the calling task and handles one event at a time, so while `ready` suspends nothing is read and the
/// kernel holds the events back; if its queue overflows, the loss is noticed and repaired by a rescan.
///
/// A folder below the root that cannot be watched (watch limit, a path past PATH_MAX, no permission, ...) does not
/// stop it: that subtree is logged once and polled like polling mode does, only while such subtrees exist.
struct InotifyTreeWatcher {
    let paths: TreePaths
    let logger: Logger
    private let inotify: Inotify
    private var table = WatchTable()
    private var rootWatch: Int32 = -1
    private var schedule: SettleSchedule?
    private var echoes = ScanEchoFilter()
    private var batch = ReportBatch()
    private var pendingCreates = PendingCreates()
    private var degraded = DegradedSubtrees()
    private var scanner: TreeScanner
    private var tracker = StabilityTracker()
    /// When the degraded subtrees are next scanned; nil while there are none, so an idle watcher has no poll timer.
    private var nextPoll: ContinuousClock.Instant?
    private let degradedPollInterval: Duration
    private let health: WatchHealth
    private let watchFault: @Sendable (String) -> Int32?

    /// What every folder is watched for. Without a settle delay, IN_MODIFY is not asked for: it fires on every
    /// write and would only cost reads. IN_OPEN and IN_CLOSE_NOWRITE tell a file being written from one linked in
    /// whole (see `PendingCreates`).
    private let eventMask: InotifyEventMask

    init(
        paths: TreePaths,
        settle: Duration?,
        degradedPollInterval: Duration = .seconds(1),
        inotify: Inotify,
        health: WatchHealth = WatchHealth(),
        logger: Logger,
        watchFault: @escaping @Sendable (String) -> Int32? = { _ in nil }
    ) {
        self.paths = paths
        self.logger = logger
        self.inotify = inotify
        self.schedule = settle.map { SettleSchedule(delay: $0) }
        self.scanner = TreeScanner(paths: paths, logger: logger)
        self.degradedPollInterval = degradedPollInterval
        self.health = health
        self.watchFault = watchFault
        var mask: InotifyEventMask = [
            .closeWrite, .closeNoWrite, .open, .movedTo, .movedFrom, .create, .delete, .deleteSelf, .moveSelf,
            .onlyDirectory, .excludeUnlinked,
        ]
        if settle != nil { mask.formUnion([.modify, .attrib]) }
        self.eventMask = mask
    }

    /// Watches and scans the whole tree, calls `started`, then handles events until the task is cancelled (throws
    /// `CancellationError`) or the root goes away (throws `FolderWatchError.rootRemoved`).
    mutating func run(
        started: @Sendable () async -> Void,
        ready: @Sendable (String) async -> Void
    ) async throws {
        try await scanTree(from: "", revisitWatched: true, ready: ready)
        logger.info(
            "watching folder",
            metadata: ["path": "\(paths.root)", "folders": "\(table.count)", "mode": "inotify"]
        )
        await started()
        // Between events the watcher sleeps in poll(2) until the next event or deadline: idle, it never wakes.
        let waiter = try DescriptorWaiter(watching: inotify.fileDescriptor)
        while true {
            try Task.checkCancellation()
            let events = try inotify.readEvents()
            for event in events {
                try await handle(event, ready: ready)
                try Task.checkCancellation()
            }
            if !pendingCreates.isEmpty { reportAppearedWhole(now: .now) }
            for path in batch.take() {
                await ready(path)
                try Task.checkCancellation()
            }
            try await reportSettled(ready: ready)
            try await pollDegradedSubtrees(ready: ready)
            if events.isEmpty {
                try await waiter.wait(until: nextDeadline())
                // Echoes expire by the clock but set no timer: they are dropped when the watcher next wakes.
                echoes.forgetExpired(now: .now)
            }
        }
    }

    // MARK: Events

    private mutating func handle(_ event: InotifyEvent, ready: @Sendable (String) async -> Void) async throws {
        if event.mask.contains(.queueOverflow) {
            logger.warning(
                "inotify queue overflowed, events were lost; rescanning the whole folder",
                metadata: ["path": "\(paths.root)"]
            )
            try await scanTree(from: "", revisitWatched: true, ready: ready)
            return
        }
        // Events of a watch removed earlier (its folder moved away or deleted) are stale.
        guard let directory = table.directory(for: event.wd) else { return }
        if event.wd == rootWatch && !event.mask.isDisjoint(with: [.deleteSelf, .moveSelf, .ignored, .unmount]) {
            throw rootRemoved(reason: "event \(event.mask)")
        }
        if event.mask.contains(.ignored) {
            table.remove(event.wd)
            return
        }
        if event.mask.contains(.moveSelf) {
            // Normally the parent's IN_MOVED_FROM has already unwatched it; this one was lost in an overflow.
            unwatchSubtree(directory)
            return
        }
        guard !event.name.isEmpty else { return }
        let path = TreePaths.join(directory, event.name)
        guard event.nameIsValidUTF8 else {
            // Renamed to a UTF-8 name once complete (closed after writing, moved in, or a new folder); its
            // IN_MOVED_TO brings it back here like any other entry. Renaming at IN_CREATE would hand on a file
            // still being written.
            let complete = !event.mask.isDisjoint(with: [.closeWrite, .movedTo]) || event.mask.contains([.create, .isDirectory])
            if complete, let raw = event.rawName {
                _ = UndecodableNames.rename(raw, inFolderAt: paths.absolute(directory), logger: logger)
            }
            return
        }

        if event.mask.contains(.isDirectory) {
            if !event.mask.isDisjoint(with: [.movedFrom, .delete]) {
                unwatchSubtree(path)
            } else if !event.mask.isDisjoint(with: [.create, .movedTo]) && !IgnoredNames.isIgnored(event.name) {
                // Files may have been written into the new folder before its watch existed: the scan finds them.
                try await scanTree(from: path, revisitWatched: false, ready: ready)
            }
            return
        }
        if !event.mask.isDisjoint(with: [.movedFrom, .delete]) {
            batch.remove(path)
            schedule?.cancel(path)
            echoes.forget(path)
            pendingCreates.forget(path)
            return
        }
        guard !IgnoredNames.isIgnored(event.name) else { return }
        if !event.mask.isDisjoint(with: [.closeWrite, .movedTo]) {
            pendingCreates.forget(path)
            let status = FileStatus.ofEntry(paths.absolute(path))
            // An O_TMPFILE file is closed under a placeholder name ("#<inode>") that names nothing, even after
            // `linkat` gave it a real one; a file deleted since its close has nothing to report either.
            if case .failure(let error) = status, error.code == ENOENT { return }
            if !echoes.isEmpty && echoes.isEcho(path, now: try? status.get()) { return }
            eventShowsComplete(path)
        } else if event.mask.contains(.open) {
            pendingCreates.opened(path)
        } else if event.mask.contains(.closeNoWrite) {
            if pendingCreates.closedWithoutWriting(path) { eventShowsComplete(path) }
        } else if event.mask.contains(.create) {
            // A regular file is being written at IN_CREATE, unless it was linked in whole, which no IN_OPEN
            // follows; FIFOs, sockets and symbolic links get no other event.
            switch FileStatus.ofEntry(paths.absolute(path)) {
            case .success(let status) where status.kind == .regular:
                pendingCreates.created(path, now: .now)
            case .success(let status) where status.kind != .directory && !echoes.isEcho(path, now: status):
                eventShowsComplete(path)
            case .success, .failure:
                break
            }
        } else if !event.mask.isDisjoint(with: [.modify, .attrib]) {
            schedule?.restartIfWaiting(path, now: .now)
        }
    }

    /// Files created without an `IN_OPEN` within the grace period were linked in whole (`link`, `linkat` of an
    /// `O_TMPFILE` file): complete, unless already gone or only the echo of a scan.
    private mutating func reportAppearedWhole(now: ContinuousClock.Instant) {
        for path in pendingCreates.takeAppearedWhole(now: now) {
            let status = FileStatus.ofEntry(paths.absolute(path))
            if case .failure(let error) = status, error.code == ENOENT { continue }
            if !echoes.isEmpty && echoes.isEcho(path, now: try? status.get()) { continue }
            eventShowsComplete(path)
        }
    }

    /// An event showed a file complete: it waits for the end of the batch, or for its settle delay.
    private mutating func eventShowsComplete(_ path: String) {
        if schedule != nil {
            schedule?.arm(path, now: .now)
        } else {
            batch.add(path)
        }
    }

    /// A scan found a file: reported at once, so a large tree streams into the consumer as it is listed, or after
    /// its settle delay.
    private mutating func scanFound(_ path: String, ready: @Sendable (String) async -> Void) async {
        if schedule != nil {
            schedule?.arm(path, now: .now)
        } else {
            await ready(path)
        }
    }

    private mutating func reportSettled(ready: @Sendable (String) async -> Void) async throws {
        guard let due = schedule?.takeDue(now: .now), !due.isEmpty else { return }
        for path in due {
            // A file deleted before it settled (IN_EXCL_UNLINK hides some deletions) has nothing left to report.
            if case .failure(let error) = FileStatus.ofEntry(paths.absolute(path)), error.code == ENOENT { continue }
            await ready(path)
            try Task.checkCancellation()
        }
    }

    /// The next thing due (a settle delay, a create's grace period, a poll of the degraded subtrees), or nil when
    /// nothing waits, so that an idle watcher sleeps until the next event.
    private func nextDeadline() -> ContinuousClock.Instant? {
        [schedule?.nextDeadline, pendingCreates.nextDeadline, nextPoll].compactMap { $0 }.min()
    }

    // MARK: Degraded subtrees

    /// Scans the subtrees inotify cannot watch, when their poll is due, and reports each file once it is the same
    /// in two scans in a row, as polling mode does. Subtrees found gone are dropped.
    private mutating func pollDegradedSubtrees(ready: @Sendable (String) async -> Void) async throws {
        guard let due = nextPoll, due <= .now else { return }
        let scan = try scanner.scan(degraded.paths)
        for gone in scan.missing {
            degraded.remove(below: gone)
            logger.info("unwatchable folder is gone, no longer polled", metadata: ["path": "\(paths.absolute(gone))"])
        }
        if !scan.missing.isEmpty { health.publish(degraded) }
        nextPoll = degraded.isEmpty ? nil : .now + degradedPollInterval
        for path in tracker.update(with: scan.statuses, unlistable: scan.unlistable) {
            await ready(path)
            try Task.checkCancellation()
        }
    }

    /// Switches a folder whose watch could not be added to polling, logging it once with path and errno.
    private mutating func degrade(_ directory: String, call: String, errno code: Int32) {
        guard degraded.insert(DegradedSubtree(path: directory, call: call, errno: code)) else { return }
        var metadata: Logger.Metadata = [
            "path": "\(paths.absolute(directory))", "call": "\(call)", "errno": "\(code)",
            "error": "\(FolderWatchError.describe(code))", "interval": "\(degradedPollInterval)",
        ]
        if code == ENOSPC { metadata["hint"] = "raise fs.inotify.max_user_watches" }
        logger.warning(
            "cannot watch folder with inotify; polling it and everything below it instead",
            metadata: metadata
        )
        health.publish(degraded)
        if nextPoll == nil { nextPoll = .now }
    }

    // MARK: Watching and scanning

    /// Watches `start` and every folder below it, each before it is listed so that nothing written meanwhile is
    /// missed, and treats every entry found that is not a folder as complete. Iterative, so deep trees cannot
    /// exhaust the stack.
    ///
    /// A folder already watched under the same path was listed right after its watch was added, so whatever is in
    /// it has been reported or will produce events; `revisitWatched: false` skips it (the IN_CREATE of a folder
    /// that `mkdir -p` made and its parent's scan already found), while start-up and overflow rescans revisit.
    private mutating func scanTree(
        from start: String,
        revisitWatched: Bool,
        ready: @Sendable (String) async -> Void
    ) async throws {
        var pending = [start]
        while let directory = pending.popLast() {
            try Task.checkCancellation()
            switch try watch(directory) {
            case .added: break
            case .alreadyWatched: if !revisitWatched { continue }
            case .skipped: continue
            }
            let entries: [DirectoryEntry]
            switch DirectoryListing.entries(of: paths.absolute(directory)) {
            case .success(let listed):
                entries = listed
            case .failure(let error) where directory.isEmpty && (error.code == ENOENT || error.code == ENOTDIR):
                throw rootRemoved(reason: "\(error.call): \(FolderWatchError.describe(error.code))")
            case .failure(let error) where directory.isEmpty:
                throw FolderWatchError.systemCall(call: error.call, path: paths.root, errno: error.code)
            case .failure(let error) where error.code == ENOENT || error.code == ENOTDIR:
                continue  // Gone again already; its IN_IGNORED will clean up.
            case .failure(let error):
                logger.warning(
                    "cannot list folder; files already in it are not reported, files written to it later are",
                    metadata: [
                        "path": "\(paths.absolute(directory))", "call": "\(error.call)",
                        "error": "\(FolderWatchError.describe(error.code))",
                    ]
                )
                continue
            }
            for entry in entries where !IgnoredNames.isIgnored(entry.name) {
                let path = TreePaths.join(directory, entry.name)
                if !entry.nameIsValidUTF8 {
                    // Renamed to a UTF-8 name: the folder's watch reports it under that name.
                    if let raw = entry.rawName {
                        _ = UndecodableNames.rename(raw, inFolderAt: paths.absolute(directory), logger: logger)
                    }
                } else if entry.kind == .directory {
                    pending.append(path)
                } else {
                    if case .success(let status) = FileStatus.ofEntry(paths.absolute(path)) {
                        echoes.remember(path, as: status, now: .now)
                    }
                    await scanFound(path, ready: ready)
                    try Task.checkCancellation()
                }
            }
        }
    }

    /// What adding a folder's watch found.
    private enum WatchOutcome {
        /// Newly watched, or found under a new name: to be listed.
        case added
        /// Already watched under this very path.
        case alreadyWatched
        /// Not to be descended into: vanished, a symbolic link, unreadable, or the same folder reached a second
        /// way (e.g. by a bind mount).
        case skipped
    }

    /// Adds the watch for one folder and records it.
    private mutating func watch(_ directory: String) throws -> WatchOutcome {
        let absolute = paths.absolute(directory)
        let watch: Int32
        // The root may be a link to the real folder; links below it are never followed.
        let mask = directory.isEmpty ? eventMask : eventMask.union(.dontFollow)
        let added: Result<Int32, FolderWatchError>
        if let code = watchFault(directory) {
            added = .failure(
                code == ENOSPC
                    ? .watchLimitReached(path: absolute)
                    : .systemCall(call: "inotify_add_watch", path: absolute, errno: code)
            )
        } else {
            added = Result { () throws(FolderWatchError) in try inotify.addWatch(path: absolute, mask: mask) }
        }
        switch added {
        case .success(let added):
            watch = added
        case .failure(let error):
            if directory.isEmpty, let code = error.errno, code == ENOENT || code == ENOTDIR {
                throw rootRemoved(reason: "inotify_add_watch: \(FolderWatchError.describe(code))")
            }
            // Only the root is essential; whatever a dropper did to a folder below it costs that folder inotify.
            guard !directory.isEmpty, let code = error.errno else { throw error }
            if (code == ENOENT || code == ENOTDIR) && !isStillDirectory(directory) { return .skipped }
            degrade(directory, call: "inotify_add_watch", errno: code)
            return .skipped
        }
        // Watchable again (watches were freed, permissions fixed): the scan goes on below it, where folders that
        // still fail stay polled without being logged again.
        if degraded.remove(exactly: directory) { health.publish(degraded) }
        if table.directory(for: watch) == directory { return .alreadyWatched }
        if let known = table.directory(for: watch), known != directory {
            if known.isEmpty || isSameDirectory(known, directory) {
                logger.warning(
                    "folder is reachable twice (bind mount?), watching it once",
                    metadata: ["path": "\(absolute)", "also": "\(paths.absolute(known))"]
                )
                return .skipped
            }
            table.moveSubtree(from: known, to: directory)  // It was renamed while its events were lost.
        }
        table.insert(watch, for: directory)
        if directory.isEmpty { rootWatch = watch }
        return .added
    }

    /// Whether a folder whose watch failed with ENOENT or ENOTDIR is still there: if so the failure was not the
    /// usual race with its deletion, and it is polled. A status that cannot be read at all counts as there.
    private func isStillDirectory(_ directory: String) -> Bool {
        switch FileStatus.ofEntry(paths.absolute(directory)) {
        case .success(let status): return status.kind == .directory
        case .failure(let error): return error.code != ENOENT && error.code != ENOTDIR
        }
    }

    private func isSameDirectory(_ first: String, _ second: String) -> Bool {
        let status: (String) -> FileStatus? = { relative in
            let absolute = paths.absolute(relative)
            let result = relative.isEmpty ? FileStatus.followingLinks(absolute) : FileStatus.ofEntry(absolute)
            return try? result.get()
        }
        guard let one = status(first), let other = status(second) else { return false }
        return one.device == other.device && one.inode == other.inode
    }

    /// Logs the loss of the root as an error, so it shows even if the caller only restarts, and returns the error.
    private func rootRemoved(reason: String) -> FolderWatchError {
        logger.error(
            "watched folder was removed, moved away or unmounted; no further files can be seen",
            metadata: ["path": "\(paths.root)", "reason": "\(reason)"]
        )
        return .rootRemoved(path: paths.root)
    }

    /// Stops watching a folder that was renamed away, and everything below it: inside the tree it is watched again
    /// under its new name when IN_MOVED_TO arrives, outside it must fall silent.
    private mutating func unwatchSubtree(_ directory: String) {
        for watch in table.removeSubtree(directory) {
            do {
                try inotify.removeWatch(watch)
            } catch {
                logger.warning("cannot remove watch", metadata: ["error": "\(error)"])
            }
        }
        batch.remove(below: directory)
        schedule?.cancel(below: directory)
        echoes.forget(below: directory)
        pendingCreates.forget(below: directory)
        if degraded.remove(below: directory) {
            health.publish(degraded)
            if degraded.isEmpty { nextPoll = nil }
        }
    }
}

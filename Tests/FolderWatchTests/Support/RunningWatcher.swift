import Logging

@testable import FolderWatch

/// What a running watcher has done so far, filled in from its task.
actor WatcherReports {
    private(set) var reported: [(path: String, at: ContinuousClock.Instant)] = []
    private(set) var hasStarted = false
    private(set) var outcome: Result<Void, any Error>?

    func add(_ path: String) { reported.append((path, .now)) }
    func markStarted() { hasStarted = true }
    func finish(_ result: Result<Void, any Error>) { outcome = result }

    /// How often `path` has been reported.
    func count(_ path: String) -> Int { reported.filter { $0.path == path }.count }
    /// When `path` was first reported.
    func firstReport(of path: String) -> ContinuousClock.Instant? { reported.first { $0.path == path }?.at }
    /// Every reported path, in order, repeats included.
    var paths: [String] { reported.map(\.path) }
    /// Whether `run` has returned or thrown.
    var hasFinished: Bool { outcome != nil }
}

/// A `FolderWatcher` running in its own task, as the daemon runs it, with everything it reports recorded.
struct RunningWatcher {
    let reports: WatcherReports
    let task: Task<Void, Never>
    let log: LogRecorder
    /// The watcher's own value, for its `degradedSubtrees` while it runs.
    let watcher: FolderWatcher

    /// Starts watching and returns once `run` has called `started` (every folder watched, start-up files
    /// reported) or has ended early.
    static func start(
        _ options: WatchOptions,
        ready extra: @escaping @Sendable (String) async -> Void = { _ in },
        watchFault: @escaping @Sendable (String) -> Int32? = { _ in nil }
    ) async -> RunningWatcher {
        let reports = WatcherReports()
        let log = LogRecorder()
        let watcher = FolderWatcher(options: options, logger: log.makeLogger(), watchFault: watchFault)
        let task = Task {
            do {
                try await watcher.run(
                    started: { await reports.markStarted() },
                    ready: { path in
                        await reports.add(path)
                        await extra(path)
                    }
                )
                await reports.finish(.success(()))
            } catch {
                await reports.finish(.failure(error))
            }
        }
        _ = await waitUntil {
            let started = await reports.hasStarted
            let finished = await reports.hasFinished
            return started || finished
        }
        return RunningWatcher(reports: reports, task: task, log: log, watcher: watcher)
    }

    /// Waits until `path` has been reported at least once.
    func waitForReport(of path: String, deadline: Duration = .seconds(5)) async -> Bool {
        await waitUntil(deadline: deadline) { await reports.count(path) > 0 }
    }

    /// Writes a marker file and waits for its report. inotify delivers events in order and the watcher handles
    /// them in order, so once the marker is reported every earlier event has been handled too.
    func sync(through root: String, marker: String = "zz-marker.txt") async throws -> Bool {
        try writeFile(root + "/" + marker)
        return await waitForReport(of: marker)
    }

    /// Cancels the task and waits for `run` to return.
    func stop() async {
        task.cancel()
        await task.value
    }
}

import ArticleLog
import FolderWatch
import Logging
import ServiceLifecycle

/// The folder watcher as a service: feeds the intake queue until shutdown. A watcher that fails (the folder
/// was removed) fails the service, and with it the daemon, loudly: a silent stop would lose files.
struct WatcherService: Service {
    let watcher: FolderWatcher
    let queue: IntakeQueue
    /// The `include`/`exclude` patterns, replaced on reload; a file they leave out is never queued.
    let selection: LiveSelection
    /// Told after each file is queued: the STATUS= line shows the queue.
    let queued: @Sendable () -> Void
    let logger: Logger
    /// Called once the start-up scan has queued the files already present.
    let scanned: @Sendable () async -> Void

    func run() async throws {
        do {
            try await withGracefulShutdownHandler {
                try await cancelWhenGracefulShutdown {
                    // Paths arrive relative to the drop folder, as the patterns are written.
                    try await watcher.run(started: scanned) { path in
                        let current = selection.current
                        if current.takesEverything || current.takes(path) {
                            await queue.enqueue(path)
                            queued()
                        }
                    }
                }
            } onGracefulShutdown: {
                // The watcher may be held in `enqueue` by a full queue; release it so that it can stop.
                Task { await queue.closeIntake() }
            }
        } catch is CancellationError {
            return
        } catch {
            logger.error(
                "the folder watcher stopped; finishing the files in flight, then exiting",
                metadata: ["watch": "\(watcher.options.root)", "error": "\(error)"]
            )
            throw error
        }
    }
}

/// Keeps the log writer open until every worker has finished, then syncs and closes it. Listed before the
/// pipeline in the group so that it shuts down after it.
struct LogWriterService: Service {
    let writer: LogWriter

    func run() async throws {
        try? await gracefulShutdown()
        await writer.close()
    }
}

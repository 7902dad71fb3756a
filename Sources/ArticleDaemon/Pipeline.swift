import ArticleExtraction
import ArticleLog
import Logging
import Metrics
import ServiceLifecycle

/// The ingest workers, one per core: each takes a path from the intake queue, reads it safely and extracts
/// the article, then hands it on and takes the next path. The hand-off waits for the record to be durable and
/// only then moves the original away; many hand-offs are in flight at once, so that the log writer can group
/// their records into one fdatasync while the workers keep the cores busy.
///
/// On shutdown the queue closes, the files in flight are finished, and the rest stay in the drop folder.
struct Pipeline: Service {
    let queue: IntakeQueue
    let writer: LogWriter
    let reader: FileReader
    let mover: FileMover
    let directories: DirectorySyncer
    let stats: DaemonStats
    let workers: Int
    let stateRoot: String
    let logger: Logger
    /// Files between "taken" and "moved" at once; bounds memory while keeping the writer's batches large.
    let maxInFlight: Int
    let extractor = Extractor()

    func run() async throws {
        let slots = Slots(maxInFlight)
        await withTaskCancellationOrGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for worker in 0..<workers {
                    group.addTask { await work(worker, slots: slots) }
                }
            }
        } onCancelOrGracefulShutdown: {
            stats.setState(.stopping)
            Task { await queue.close() }
        }
    }

    private func work(_ worker: Int, slots: Slots) async {
        await withDiscardingTaskGroup { handOffs in
            while let path = await queue.next() {
                await slots.acquire()
                let taken = ContinuousClock.now
                stats.fileTaken()
                stats.workerBusy(worker)
                let prepared = await prepare(path)
                stats.workerIdle(worker)
                handOffs.addTask {
                    if let (draft, hasOriginal) = prepared {
                        await complete(path, draft: draft, hasOriginal: hasOriginal)
                    }
                    let latency = ContinuousClock.now - taken
                    stats.fileDone(latency: latency)
                    Timer(label: "articled_ingest_latency_seconds").record(duration: latency)
                    await queue.finished(path)
                    await slots.release()
                }
            }
        }
    }

    /// Reads and extracts: the CPU part. Returns nil when there is nothing to record.
    func prepare(_ path: String) async -> (RecordDraft, hasOriginal: Bool)? {
        switch reader.read(path) {
        case .directory:
            return nil
        case .vanished(let source):
            // Our own move of a file reported twice is not news; a file deleted by someone else is.
            if await queue.recentlyFinished(path) { return nil }
            return (RecordDraft(source: source, payload: .rejected(reason: "vanished before it could be read")), false)
        case .rejected(let reason, let source):
            return (RecordDraft(source: source, payload: .rejected(reason: reason)), true)
        case .content(let bytes, let source, let modified):
            do {
                let article = try extractor.extract(bytes, hints: ExtractionHints(modified: modified))
                return (RecordDraft(source: source, payload: .article(json: RecordDraft.encode(article))), true)
            } catch {
                return (RecordDraft(source: source, payload: .rejected(reason: error.description)), true)
            }
        }
    }

    /// Makes the record durable, then moves the original.
    func complete(_ path: String, draft: RecordDraft, hasOriginal: Bool) async {
        guard let outcome = await commit(draft) else { return }
        let metadata: Logger.Metadata = [
            "seq": "\(outcome.seq)",
            "kind": "\(outcome.kind.rawValue)",
            "source": "\(path)",
            "sha256": "\(draft.source.sha256 ?? "-")",
        ]
        if hasOriginal {
            do {
                try await moveOriginal(path, draft: draft, outcome: outcome)
            } catch {
                // The record is durable; the next start-up scan finds the original and only moves it.
                logger.error(
                    "recorded, but could not move the original",
                    metadata: metadata.merging(["error": "\(error)"]) { $1 }
                )
                return
            }
        }
        Counter(label: "articled_files_total", dimensions: [("outcome", outcome.kind.rawValue)]).increment()
        switch outcome {
        case .recorded:
            logger.info("\(outcome.kind.rawValue): \(path)", metadata: metadata)
        case .replayed:
            logger.notice("already recorded before a restart; moved the original only", metadata: metadata)
        }
    }

    private func moveOriginal(_ path: String, draft: RecordDraft, outcome: CommitOutcome) async throws {
        if outcome.kind == .rejected {
            let moved = try mover.move(path, into: stateRoot + "/failed", seq: outcome.seq)
            var reason = "rejected"
            if case .rejected(let why) = draft.payload { reason = why }
            try mover.writeNote(reason, at: moved.target + ".reason")
            try await directories.sync(moved.directories)
        } else {
            try await directories.sync(try mover.move(path, into: stateRoot + "/done", seq: outcome.seq).directories)
        }
    }

    /// Appends the record, waiting out a log that cannot be written (back-pressure: the original stays where it
    /// is, status turns degraded, and the file is tried again until it works or the daemon stops).
    private func commit(_ draft: RecordDraft) async -> CommitOutcome? {
        var delay = Duration.milliseconds(100)
        while true {
            do {
                let outcome = try await writer.append(draft)
                stats.recover()
                return outcome
            } catch LogError.closed {
                return nil
            } catch {
                stats.degrade("cannot write the log: \(error)")
                logger.error(
                    "cannot write the log; ingestion paused, the file stays in the drop folder",
                    metadata: ["source": "\(draft.source.path)", "error": "\(error)", "retry_in": "\(delay)"]
                )
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    return nil
                }
                delay = min(delay * 2, .seconds(2))
            }
        }
    }
}

/// A counting semaphore for async code: at most `limit` holders at once.
actor Slots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) {
        free = max(1, limit)
    }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

import ArticleExtraction
import ArticleLog
import Logging
import Metrics
import ServiceLifecycle

/// The ingest workers: each takes a path from the intake queue, reads it safely, extracts the article, waits
/// for its record to be durable, and only then moves the original away. On shutdown the queue closes, the files
/// in flight are finished, and the rest stay in the drop folder for the next start.
struct Pipeline: Service {
    let queue: IntakeQueue
    let writer: LogWriter
    let reader: FileReader
    let mover: FileMover
    let stats: DaemonStats
    let workers: Int
    let stateRoot: String
    let logger: Logger
    let extractor = Extractor()

    func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for worker in 0..<workers {
                    group.addTask { await work(worker) }
                }
            }
        } onGracefulShutdown: {
            Task { await queue.close() }
        }
    }

    private func work(_ worker: Int) async {
        while let path = await queue.next() {
            let started = ContinuousClock.now
            stats.workerStarted(worker)
            await ingest(path)
            let latency = ContinuousClock.now - started
            stats.workerFinished(worker, latency: latency)
            Timer(label: "articled_ingest_latency_seconds").record(duration: latency)
            await queue.finished(path)
        }
    }

    /// One file, from path to moved original.
    func ingest(_ path: String) async {
        let draft: RecordDraft
        var hasOriginal = true
        switch reader.read(path) {
        case .directory:
            return
        case .vanished(let source):
            // Our own move of a file reported twice is not news; a file deleted by someone else is.
            if await queue.recentlyFinished(path) { return }
            draft = RecordDraft(source: source, payload: .rejected(reason: "vanished before it could be read"))
            hasOriginal = false
        case .rejected(let reason, let source):
            draft = RecordDraft(source: source, payload: .rejected(reason: reason))
        case .content(let bytes, let source, let modified):
            do {
                let article = try extractor.extract(bytes, hints: ExtractionHints(modified: modified))
                draft = RecordDraft(source: source, payload: .article(json: RecordDraft.encode(article)))
            } catch {
                draft = RecordDraft(source: source, payload: .rejected(reason: error.description))
            }
        }
        guard let outcome = await commit(draft) else { return }
        if hasOriginal { finish(path, draft: draft, outcome: outcome) }
    }

    /// Appends the record, waiting out a log that cannot be written (back-pressure: the original stays where it
    /// is, status turns degraded, and the worker tries again until it works or the daemon stops).
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
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    private func finish(_ path: String, draft: RecordDraft, outcome: CommitOutcome) {
        let metadata: Logger.Metadata = [
            "seq": "\(outcome.seq)",
            "kind": "\(outcome.kind.rawValue)",
            "source": "\(path)",
            "sha256": "\(draft.source.sha256 ?? "-")",
        ]
        do {
            if outcome.kind == .rejected {
                let moved = try mover.move(path, into: stateRoot + "/failed", seq: outcome.seq)
                var reason = "rejected"
                if case .rejected(let why) = draft.payload { reason = why }
                try mover.writeNote(reason, at: moved + ".reason")
            } else {
                _ = try mover.move(path, into: stateRoot + "/done", seq: outcome.seq)
            }
        } catch {
            // The record is durable; the next start-up scan will find the original and only move it.
            logger.error("recorded, but could not move the original", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return
        }
        Counter(label: "articled_files_total", dimensions: [("outcome", outcome.kind.rawValue)]).increment()
        switch outcome {
        case .recorded:
            logger.info("\(outcome.kind.rawValue): \(path)", metadata: metadata)
        case .replayed:
            logger.notice("already recorded before a restart; moved the original only", metadata: metadata)
        }
    }
}

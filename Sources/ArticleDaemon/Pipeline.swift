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
    let sidecars: SidecarPairing
    let extractor = Extractor()

    /// What preparing a path led to.
    enum Prepared: Sendable {
        /// Nothing to record (a directory, our own move seen late).
        case nothing
        /// Look at the path again after this long (its sidecar partner may still be coming).
        case later(Duration)
        /// A record to make, and the originals to move once it is durable.
        case record(RecordDraft, originals: [String])
    }

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
                    switch prepared {
                    case .nothing:
                        break
                    case .later(let delay):
                        stats.fileDone(latency: .zero, counted: false)
                        await queue.finished(path)
                        await slots.release()
                        try? await Task.sleep(for: delay)
                        await queue.enqueue(path)
                        return
                    case .record(let draft, let originals):
                        await complete(path, draft: draft, originals: originals)
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

    /// Reads and extracts: the CPU part.
    func prepare(_ path: String) async -> Prepared {
        if SidecarPairing.isSidecar(path) { return await prepareSidecar(path) }
        var hints = ExtractionHints()
        var sidecar: (path: String, info: SourceInfo)?
        if let sidecarPath = SidecarPairing.sidecar(for: path) {
            if reader.files.lstat(sidecarPath) != nil {
                switch reader.read(sidecarPath) {
                case .content(let bytes, let info, _):
                    sidecar = (sidecarPath, info)
                    do {
                        hints = try ExtractionHints(sidecarJSON: bytes)
                    } catch {
                        logger.warning(
                            "ignoring an unreadable metadata sidecar",
                            metadata: ["sidecar": "\(sidecarPath)", "error": "\(error)"]
                        )
                    }
                case .rejected(_, let info):
                    sidecar = (sidecarPath, info)
                case .vanished, .directory:
                    break
                }
            } else if let left = sidecars.remainingWait(path) {
                return .later(left)
            }
        }
        sidecars.forget(path)
        let originals = [path] + (sidecar.map { [$0.path] } ?? [])
        switch reader.read(path) {
        case .directory:
            return .nothing
        case .vanished(let source):
            // Our own move of a file reported twice is not news; a file deleted by someone else is.
            if await queue.recentlyFinished(path) { return .nothing }
            let draft = RecordDraft(source: source, payload: .rejected(reason: "vanished before it could be read"))
            return .record(draft, originals: [])
        case .rejected(let reason, let source):
            return .record(
                RecordDraft(source: source, sidecar: sidecar?.info, payload: .rejected(reason: reason)),
                originals: originals
            )
        case .content(let bytes, let source, let modified):
            hints.modified = modified
            let draft: RecordDraft
            do {
                draft = .article(try extractor.extract(bytes, hints: hints), source: source, sidecar: sidecar?.info)
            } catch {
                draft = RecordDraft(
                    source: source,
                    sidecar: sidecar?.info,
                    payload: .rejected(reason: error.description)
                )
            }
            return .record(draft, originals: originals)
        }
    }

    /// A `NAME.json` is taken with its `NAME.txt`; alone, after the wait, it is rejected.
    private func prepareSidecar(_ path: String) async -> Prepared {
        let article = SidecarPairing.article(for: path)
        if reader.files.lstat(article) != nil {
            // The article's own turn takes this sidecar along; look again in case it had already passed that
            // point when this sidecar arrived.
            return .later(max(sidecars.wait, .milliseconds(200)))
        }
        if let left = sidecars.remainingWait(path) { return .later(left) }
        sidecars.forget(path)
        let reason =
            await queue.recentlyFinished(article)
            ? "metadata sidecar arrived after its article \(article) was recorded"
            : "metadata sidecar without its article \(article)"
        switch reader.read(path) {
        case .directory:
            return .nothing
        case .vanished:
            return .nothing
        case .rejected(let why, let source):
            return .record(RecordDraft(source: source, payload: .rejected(reason: why)), originals: [path])
        case .content(_, let source, _):
            return .record(RecordDraft(source: source, payload: .rejected(reason: reason)), originals: [path])
        }
    }

    /// Makes the record durable, then moves the original.
    func complete(_ path: String, draft: RecordDraft, originals: [String]) async {
        guard let outcome = await commit(draft) else { return }
        let metadata: Logger.Metadata = [
            "seq": "\(outcome.seq)",
            "kind": "\(outcome.kind.rawValue)",
            "source": "\(path)",
            "sha256": "\(draft.source.sha256 ?? "-")",
        ]
        if !originals.isEmpty {
            do {
                try await moveOriginals(originals, draft: draft, outcome: outcome)
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

    private func moveOriginals(_ paths: [String], draft: RecordDraft, outcome: CommitOutcome) async throws {
        var touched: Set<String> = []
        for path in paths {
            if outcome.kind == .rejected {
                let moved = try mover.move(path, into: stateRoot + "/failed", seq: outcome.seq)
                var reason = "rejected"
                if case .rejected(let why) = draft.payload { reason = why }
                try mover.writeNote(reason, at: moved.target + ".reason")
                touched.formUnion(moved.directories)
            } else {
                touched.formUnion(try mover.move(path, into: stateRoot + "/done", seq: outcome.seq).directories)
            }
        }
        try await directories.sync(touched.sorted())
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

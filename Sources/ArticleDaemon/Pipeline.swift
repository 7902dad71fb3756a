import ArticleExtraction
import ArticleLog
import Logging
import Metrics
import StatusServer
import ServiceLifecycle

/// The ingest workers, one per core: each takes a path from the intake queue, reads it safely and extracts
/// the article, then hands it on and takes the next path. The hand-off waits for the record to be durable and
/// only then moves the original away; many hand-offs are in flight at once, so that the log writer can group
/// their records into one fdatasync while the workers keep the cores busy.
///
/// On shutdown the queue closes, the files in flight are finished, and the rest stay in the drop folder.
struct Pipeline: Service {
    let queue: IntakeQueue
    let reader: FileReader
    let completer: Completer
    let stats: DaemonStats
    let workers: Int
    let logger: Logger
    /// Files between "taken" and "moved" at once; bounds memory while keeping the writer's batches large.
    let maxInFlight: Int
    let sidecars: SidecarPairing
    let extractor = Extractor()

    /// What preparing a path led to.
    enum Prepared: Sendable {
        /// Nothing to record (a directory, a file gone before it was read, our own move seen late).
        case nothing
        /// Look at the path again after this long (its sidecar partner may still be coming).
        case later(Duration)
        /// A record to make, and the originals to move once it is durable.
        case record(RecordDraft, originals: [Original])
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
                    var again: [String] = []
                    switch await waitForPartner(path, prepared, slots: slots) {
                    case .nothing, .later:
                        break
                    case .record(let draft, let originals):
                        again = await completer.complete(path, draft: draft, originals: originals)
                    }
                    let latency = ContinuousClock.now - taken
                    stats.fileDone(latency: latency)
                    Timer(label: MetricsRegistry.Name.ingestLatency).record(duration: latency)
                    await queue.finished(path)
                    await slots.release()
                    for replaced in again { await queue.enqueue(replaced) }
                }
            }
        }
    }

    /// A file whose sidecar partner may still come waits here, still in flight (a report of it meanwhile is
    /// remembered by the queue), without holding a slot, and is prepared again when the wait is over. Stopping
    /// ends the wait: the file stays in the drop folder for the next start.
    private func waitForPartner(_ path: String, _ first: Prepared, slots: Slots) async -> Prepared {
        var prepared = first
        while case .later(let delay) = prepared {
            await slots.release()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            } catch {
                await slots.acquire()
                return .nothing
            }
            await slots.acquire()
            prepared = await prepare(path)
        }
        return prepared
    }

    /// Reads and extracts: the CPU part.
    func prepare(_ path: String) async -> Prepared {
        if SidecarPairing.isSidecar(path) { return await prepareSidecar(path) }
        var hints = ExtractionHints()
        var sidecar: (original: Original, info: SourceInfo)?
        if let sidecarPath = SidecarPairing.sidecar(for: path) {
            if reader.files.lstat(sidecarPath) != nil {
                sidecars.sidecarSeen(sidecarPath)
                switch reader.read(sidecarPath) {
                case .content(let bytes, var info, _, let identity):
                    if case .object(let fields) = JSONValue.parse(bytes) { info.fields = fields }
                    sidecar = (Original(path: sidecarPath, identity: identity), info)
                    do {
                        hints = try ExtractionHints(sidecarJSON: bytes)
                    } catch {
                        logger.warning(
                            "ignoring an unreadable metadata sidecar",
                            metadata: ["sidecar": "\(sidecarPath)", "error": "\(error)"]
                        )
                    }
                case .rejected(_, let info, let identity):
                    sidecar = (Original(path: sidecarPath, identity: identity), info)
                case .vanished, .directory:
                    break
                }
            } else if let left = sidecars.remainingWait(path) {
                return .later(left)
            }
        }
        sidecars.forget(path)
        let outcome = reader.read(path)
        let originals = [Original(path: path, identity: outcome.identity)] + (sidecar.map { [$0.original] } ?? [])
        switch outcome {
        case .directory:
            return .nothing
        case .vanished:
            // Nothing was read, so there is nothing to record: either the dropper took the file back, or it is
            // our own move reported again (a rescan after an overflow lists files while they are being moved).
            logger.debug("gone before it could be read; nothing to record", metadata: ["source": "\(path)"])
            return .nothing
        case .rejected(let reason, let source, _):
            return .record(
                RecordDraft(source: source, sidecar: sidecar?.info, payload: .rejected(reason: reason)),
                originals: originals
            )
        case .content(let bytes, let source, let modified, _):
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
        sidecars.sidecarSeen(path)
        if reader.files.lstat(article) != nil {
            // The article's own turn takes this sidecar along; look again in case it had already passed that
            // point when this sidecar arrived.
            return .later(max(sidecars.wait(for: path), .milliseconds(200)))
        }
        if let left = sidecars.remainingWait(path) { return .later(left) }
        sidecars.forget(path)
        let reason = "metadata sidecar without its article \(article)"
        let outcome = reader.read(path)
        let originals = [Original(path: path, identity: outcome.identity)]
        switch outcome {
        case .directory:
            return .nothing
        case .vanished:
            return .nothing
        case .rejected(let why, let source, _):
            return .record(RecordDraft(source: source, payload: .rejected(reason: why)), originals: originals)
        case .content(_, let source, _, _):
            return .record(RecordDraft(source: source, payload: .rejected(reason: reason)), originals: originals)
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

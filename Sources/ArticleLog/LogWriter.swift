import ArticleModel
import Glibc
import PosixSupport
import Logging
import Synchronization

/// How the writer lays out and syncs the log.
public struct LogWriterOptions: Sendable {
    /// A new segment starts once the current one has passed this size.
    public var segmentBytes: Int
    /// One fdatasync per record instead of one per batch (`--fsync always`): slower, for operators who want
    /// each file's durability independent of its neighbours'.
    public var syncEachRecord: Bool
    /// Called after every fdatasync with its duration in seconds and the records it covered (metrics).
    public var onSync: (@Sendable (_ seconds: Double, _ records: Int) -> Void)?
    /// Called with the head's seq each time the head moves: records up to it are durable and acknowledged, and
    /// readers of the log (the stream publisher) may take them.
    public var onAcknowledged: (@Sendable (_ seq: Int) -> Void)?
    /// An index checkpoint (`STATE/index/seen.idx`) is written in the background after this many records
    /// (or 64 MiB of log) since the last one, and at a clean stop.
    public var checkpointEveryRecords: Int
    /// Written into every record's `extractor` field: `articled VERSION DIGEST` (`Extractor.version`), which the
    /// daemon passes in, so that the log does not depend on the extractor.
    public var extractor: String

    /// Creates options; 64 MiB segments and group commit by default.
    public init(
        segmentBytes: Int = 64 << 20,
        syncEachRecord: Bool = false,
        onSync: (@Sendable (Double, Int) -> Void)? = nil,
        onAcknowledged: (@Sendable (Int) -> Void)? = nil,
        checkpointEveryRecords: Int = IndexCheckpointer.everyRecords,
        extractor: String = "unknown"
    ) {
        self.segmentBytes = segmentBytes
        self.syncEachRecord = syncEachRecord
        self.onSync = onSync
        self.onAcknowledged = onAcknowledged
        self.checkpointEveryRecords = checkpointEveryRecords
        self.extractor = extractor
    }
}

/// Figures about the log for status and metrics.
public struct LogStats: Sendable, Equatable {
    public var lastSeq: Int
    public var articles: Int
    public var duplicates: Int
    public var rejected: Int
    public var bytes: Int
    public var segments: Int
}

/// The log's single writer, with group commit: drafts appended while a sync is running wait together and are
/// written and made durable by one fdatasync. `append` returns only once the record is on disk and
/// `STATE/log.head` covers it (a second fdatasync, on the head file, per batch), so callers may then move the
/// original away (nothing acknowledged is lost): a record is acknowledged exactly when the head covers it.
///
/// The disk work runs on a `GroupCommitQueue`, never on Swift's cooperative threads, so a slow fsync does not
/// starve the ingest workers.
public final class LogWriter: Sendable {
    private let appender: SegmentAppender
    private let queue: GroupCommitQueue<RecordDraft, CommitOutcome>

    /// Opens the log for appending where recovery left it.
    public init(
        directory: SegmentDirectory,
        recovered: RecoveredLog,
        options: LogWriterOptions,
        logger: Logger
    )
        throws(LogError)
    {
        let appender = try SegmentAppender(directory: directory, recovered: recovered, options: options, logger: logger)
        self.appender = appender
        let syncEach = options.syncEachRecord
        self.queue = GroupCommitQueue(label: "articled.log-writer", closedError: LogError.closed) { drafts in
            syncEach ? drafts.flatMap { appender.commit([$0]) } : appender.commit(drafts)
        }
    }

    /// Appends a record and returns once it is durable, or says that the log already holds this file.
    /// Throws `LogError` when the log cannot be written (disk full, I/O error); nothing of the draft is then
    /// on disk and the caller may try again later.
    public func append(_ draft: RecordDraft) async throws -> CommitOutcome {
        try await queue.submit(draft)
    }

    /// Counts and sizes, for status.
    public func stats() -> LogStats {
        appender.stats()
    }

    /// Whether a batch has been in the writer for longer than `limit` (a hung disk): the watchdog stops.
    public func isStuck(longerThan limit: Duration) -> Bool {
        queue.isBusy(longerThan: limit)
    }

    /// Refuses new drafts, waits for those already accepted, writes the index checkpoint, syncs and closes the
    /// segment.
    public func close() async {
        let appender = self.appender
        await queue.close {
            appender.finishCheckpoints()
            appender.closeSegment()
        }
    }
}

/// The state behind the writer: the open segment, the chain's end and the seen-index. Only the commit queue
/// calls `commit`, one batch at a time; the mutexes let status and the workers read figures meanwhile.
private final class SegmentAppender: Sendable {
    private struct Disk {
        var fd: Int32 = -1
        var segment: Int
        var segmentSize: Int
        var segmentCount: Int
        var totalBytes: Int
        var lastSeq: Int
        var lastHash: String
        /// Bytes of a failed batch may sit past `segmentSize`; they are cut off before the next write.
        var dirty = false
        /// `STATE/log.head`, opened for in-place updates.
        var head: LogHeadFile?
        /// The seq the head file covers; behind `lastSeq` only after a failed head update.
        var headSeq: Int
        /// Carried from the recovered head: where lines with checksums begin.
        var checksumsFrom: Int
        /// Lines in the current segment: where the head's line is, for index checkpoints.
        var segmentLines: Int
    }

    private let directory: SegmentDirectory
    private let options: LogWriterOptions
    private let logger: Logger
    private let disk: Mutex<Disk>
    let index: Mutex<SeenIndex>
    private let checkpoints: IndexCheckpointer

    init(
        directory: SegmentDirectory,
        recovered: RecoveredLog,
        options: LogWriterOptions,
        logger: Logger
    )
        throws(LogError)
    {
        self.directory = directory
        self.options = options
        self.logger = logger
        self.index = Mutex(recovered.index)
        self.checkpoints = IndexCheckpointer(
            path: directory.checkpointPath,
            checkpointSeq: recovered.checkpointSeq ?? 0,
            everyRecords: options.checkpointEveryRecords,
            logger: logger
        )
        var d = Disk(
            segment: recovered.segment,
            segmentSize: recovered.segmentSize,
            segmentCount: recovered.segmentCount,
            totalBytes: recovered.totalBytes,
            lastSeq: recovered.lastSeq,
            lastHash: recovered.lastHash,
            headSeq: recovered.head.seq,
            checksumsFrom: recovered.head.checksumsFrom,
            segmentLines: recovered.segmentLines
        )
        // Recovery leaves the head file in place, covering every record it kept.
        d.head = try LogHeadFile.open(directory.headPath)
        if recovered.segment > 0 {
            do {
                d.fd = try FileIO.open(directory.segmentPath(recovered.segment), O_WRONLY | O_APPEND)
            } catch {
                d.head?.close()
                throw error
            }
        }
        self.disk = Mutex(d)
        // Recovery read records the checkpoint does not hold (or had none): save that work for the next start.
        checkpoints.catchUp(head: recovered.head, headLine: recovered.segmentLines, index: indexAccess)
    }

    /// The index as the checkpointer sees it.
    private var indexAccess: IndexCheckpointer.IndexAccess {
        IndexCheckpointer.IndexAccess(
            snapshot: { self.index.withLock { $0 } },
            adopt: { compacted, seq in self.index.withLock { $0.adopt(compacted, upTo: seq) } }
        )
    }

    /// At a clean stop: a checkpoint covering every record, so that the next start reads none of the log.
    func finishCheckpoints() {
        let head: (LogHead, Int)? = disk.withLock { d in
            // After a failed head update the index holds records the head does not cover: skip.
            guard d.headSeq == d.lastSeq else { return nil }
            return (currentHead(d), d.segmentLines)
        }
        if let head { checkpoints.finish(head: head.0, headLine: head.1, index: indexAccess) }
    }

    private func currentHead(_ d: Disk) -> LogHead {
        LogHead(
            seq: d.lastSeq,
            sha256: d.lastHash,
            segment: d.segment,
            offset: d.segmentSize,
            checksumsFrom: d.checksumsFrom
        )
    }

    deinit {
        closeSegment()
    }

    func stats() -> LogStats {
        let counts = index.withLock { ($0.articles, $0.duplicates, $0.rejected) }
        return disk.withLock {
            LogStats(
                lastSeq: $0.lastSeq,
                articles: counts.0,
                duplicates: counts.1,
                rejected: counts.2,
                bytes: $0.totalBytes,
                segments: $0.segmentCount
            )
        }
    }

    func closeSegment() {
        disk.withLock { d in
            if d.fd >= 0 {
                _ = Glibc.fdatasync(d.fd)
                FileIO.close(d.fd)
                d.fd = -1
            }
            d.head?.close()
            d.head = nil
        }
    }

    /// Writes one batch with one fdatasync on the segment and one on the head file. If the segment write fails,
    /// the chain and index are unchanged. If only the head update fails, the records stay in the chain and the
    /// index (they are whole and synced) but the batch fails: the callers retry, find their records as replays,
    /// and get success once a later head update covers them.
    func commit(_ drafts: [RecordDraft]) -> [Result<CommitOutcome, any Error>] {
        disk.withLock { d -> [Result<CommitOutcome, any Error>] in
            do {
                let outcomes = try write(drafts, &d)
                return outcomes.map { .success($0) }
            } catch {
                // Cut off what the failed batch left at once, so that readers following the log do not see
                // records that were never committed; if even that fails, try again before the next write.
                d.dirty = true
                if d.fd >= 0,
                    (try? FileIO.ftruncate(d.fd, d.segmentSize, path: directory.segmentPath(d.segment))) != nil
                {
                    d.dirty = false
                }
                logger.error("could not write to the log", metadata: ["error": "\(error)"])
                return drafts.map { _ in .failure(error) }
            }
        }
    }

    private struct Addition {
        var seq: Int
        var kind: RecordKind
        var source: SourceInfo
        var sidecar: SourceInfo?
        var simhash: UInt64?
    }

    private func write(_ drafts: [RecordDraft], _ d: inout Disk) throws(LogError) -> [CommitOutcome] {
        // Decide each draft's fate first, against the index plus what this batch adds.
        var firstInBatch: [String: Int] = [:]
        var recordedInBatch: [SeenIndex.ReplayKey: (Int, RecordKind)] = [:]
        var nearInBatch = NearDuplicateIndex()
        var outcomes: [CommitOutcome] = []
        var additions: [Addition] = []
        var buffer: [UInt8] = []
        var seq = d.lastSeq
        var hash = d.lastHash
        let time = Timestamp.now()
        for draft in drafts {
            let key = SeenIndex.ReplayKey(path: draft.source.path, fingerprint: draft.source.fingerprint)
            if let existing = recordedInBatch[key] ?? index.withLock({ $0.existingRecord(for: draft.source) }) {
                outcomes.append(.replayed(seq: existing.0, kind: existing.1))
                continue
            }
            seq += 1
            var kind = RecordKind.rejected
            var duplicateOf: Int?
            var nearDuplicateOf: Int?
            var simhash: UInt64?
            var reason: String?
            var articleJSON: [UInt8]?
            switch draft.payload {
            case .rejected(let why):
                reason = why
            case .article(let json, let hash):
                if let sha = draft.source.sha256,
                    let first = firstInBatch[sha] ?? index.withLock({ $0.firstArticle(withSHA256: sha) })
                {
                    kind = .duplicate
                    duplicateOf = first
                } else {
                    kind = .article
                    articleJSON = json
                    if let sha = draft.source.sha256 { firstInBatch[sha] = seq }
                    if let hash {
                        simhash = hash
                        nearDuplicateOf = [
                            index.withLock { $0.nearDuplicate(of: hash) }, nearInBatch.earliestMatch(for: hash),
                        ]
                        .compactMap { $0 }.min()
                        nearInBatch.insert(hash, seq: seq)
                    }
                }
            }
            let line = RecordLine.make(
                seq: seq,
                prev: hash,
                time: time,
                kind: kind,
                source: draft.source,
                sidecar: draft.sidecar,
                duplicateOf: duplicateOf,
                nearDuplicateOf: nearDuplicateOf,
                reason: reason,
                articleJSON: articleJSON,
                extractor: options.extractor,
                reextractedFrom: draft.reextractedFrom
            )
            hash = RecordLine.hash(line)
            buffer += line
            buffer.append(UInt8(ascii: "\n"))
            recordedInBatch[key] = (seq, kind)
            if let sidecar = draft.sidecar {
                recordedInBatch[SeenIndex.ReplayKey(path: sidecar.path, fingerprint: sidecar.fingerprint)] = (seq, kind)
            }
            additions.append(
                Addition(seq: seq, kind: kind, source: draft.source, sidecar: draft.sidecar, simhash: simhash)
            )
            outcomes.append(.recorded(seq: seq, kind: kind, duplicateOf: duplicateOf))
        }
        if buffer.isEmpty {
            // Replays only; they may name records a failed head update left uncovered.
            try updateHead(&d)
            return outcomes
        }

        let path = try prepareSegment(&d)
        if let code = FaultInjection.fault(at: .logWrite) { throw .system(call: "write", path: path, errno: code) }
        try FileIO.writeAll(d.fd, buffer, path: path)
        let started = ContinuousClock.now
        if let code = FaultInjection.fault(at: .logSync) { throw .system(call: "fdatasync", path: path, errno: code) }
        try FileIO.fdatasync(d.fd, path: path)

        d.segmentSize += buffer.count
        d.segmentLines += additions.count
        d.totalBytes += buffer.count
        d.lastSeq = seq
        d.lastHash = hash
        index.withLock { index in
            for a in additions {
                index.add(seq: a.seq, kind: a.kind, source: a.source, sidecar: a.sidecar, simhash: a.simhash)
            }
        }
        try updateHead(&d)
        checkpoints.committed(bytes: buffer.count, head: currentHead(d), headLine: d.segmentLines, index: indexAccess)
        let elapsed = ContinuousClock.now - started
        options.onSync?(
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            additions.count
        )
        return outcomes
    }

    /// Makes the head cover every record in the chain: one pwrite and one fdatasync on `STATE/log.head`.
    private func updateHead(_ d: inout Disk) throws(LogError) {
        guard d.headSeq != d.lastSeq else { return }
        guard d.head != nil else { throw LogError.closed }
        try d.head!.write(currentHead(d))
        d.headSeq = d.lastSeq
        options.onAcknowledged?(d.headSeq)
    }

    /// Cuts off what a failed batch left behind, and starts a new segment when the current one is full.
    private func prepareSegment(_ d: inout Disk) throws(LogError) -> String {
        if d.dirty && d.fd >= 0 {
            let path = directory.segmentPath(d.segment)
            try FileIO.ftruncate(d.fd, d.segmentSize, path: path)
            d.dirty = false
        }
        if d.fd < 0 || d.segmentSize >= options.segmentBytes {
            let next = d.segment + 1
            let path = directory.segmentPath(next)
            let fd = try FileIO.open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            do {
                try FileIO.fsyncDirectory(directory.path)
            } catch {
                FileIO.close(fd)
                throw error
            }
            if d.fd >= 0 { FileIO.close(d.fd) }
            d.fd = fd
            d.segment = next
            d.segmentSize = 0
            d.segmentLines = 0
            d.segmentCount += 1
            d.dirty = false
            logger.info("started a new log segment", metadata: ["segment": "\(path)"])
        }
        return directory.segmentPath(d.segment)
    }
}

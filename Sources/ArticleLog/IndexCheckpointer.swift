import Dispatch
import Logging
import Synchronization

/// Writes the seen-index checkpoint (`IndexCheckpoint`) as records arrive, off the commit path: after a batch
/// is durable the writer reports it here, and once enough records or bytes have come in since the last
/// checkpoint, a copy of the index (copy-on-write, so taking it costs nothing) is compacted and written on a
/// queue of its own while ingestion goes on. The compacted copy then replaces the live index's base, which
/// keeps the live index's recent part small. At a clean stop, one more checkpoint covers the last records.
/// Never on a timer: an idle daemon writes nothing.
public final class IndexCheckpointer: Sendable {
    /// By default a checkpoint is due after this many records…
    public static let everyRecords = 16_384
    /// …or this many bytes of log, whichever comes first.
    static let everyBytes = 64 << 20

    private struct State {
        var lastSeq: Int
        var bytesSince = 0
        var inFlight = false
    }

    private let path: String
    private let everyRecords: Int
    private let logger: Logger
    private let queue = DispatchQueue(label: "articled.index-checkpoint")
    private let state: Mutex<State>

    init(path: String, checkpointSeq: Int, everyRecords: Int, logger: Logger) {
        self.path = path
        self.everyRecords = max(1, everyRecords)
        self.logger = logger
        self.state = Mutex(State(lastSeq: checkpointSeq))
    }

    /// How the checkpointer reaches the writer's index: a copy of it now, and taking a compacted copy back.
    struct IndexAccess: Sendable {
        var snapshot: @Sendable () -> SeenIndex
        var adopt: @Sendable (_ compacted: SeenIndex, _ seq: Int) -> Void
    }

    /// Called by the writer, inside its serial section, once a batch is durable and the head covers it.
    func committed(bytes: Int, head: LogHead, headLine: Int, index: IndexAccess) {
        let due = state.withLock { s -> Bool in
            s.bytesSince += bytes
            guard !s.inFlight, head.seq > s.lastSeq,
                head.seq - s.lastSeq >= everyRecords || s.bytesSince >= Self.everyBytes
            else { return false }
            s.inFlight = true
            s.bytesSince = 0
            return true
        }
        if due { start(head: head, headLine: headLine, index: index) }
    }

    /// Writes a checkpoint at once, in the background, if the index holds records after the last one (after a
    /// recovery that read more than a checkpoint).
    func catchUp(head: LogHead, headLine: Int, index: IndexAccess) {
        let due = state.withLock { s -> Bool in
            guard !s.inFlight, head.seq > s.lastSeq else { return false }
            s.inFlight = true
            return true
        }
        if due { start(head: head, headLine: headLine, index: index) }
    }

    /// At a clean stop: waits for a checkpoint in flight, then writes one covering `head` if none does.
    func finish(head: LogHead, headLine: Int, index: IndexAccess) {
        queue.sync {}
        guard state.withLock({ head.seq > $0.lastSeq }) else { return }
        write(index.snapshot(), head: head, headLine: headLine, index: index)
    }

    private func start(head: LogHead, headLine: Int, index: IndexAccess) {
        let snapshot = index.snapshot()
        queue.async { self.write(snapshot, head: head, headLine: headLine, index: index) }
    }

    private func write(_ snapshot: SeenIndex, head: LogHead, headLine: Int, index: IndexAccess) {
        var compacted = snapshot
        compacted.compact()
        do {
            try IndexCheckpoint(head: head, headLine: headLine, index: compacted).write(to: path)
            state.withLock { $0.lastSeq = max($0.lastSeq, head.seq) }
            logger.debug("wrote the index checkpoint", metadata: ["path": "\(path)", "seq": "\(head.seq)"])
        } catch {
            // Start-up then reads more of the log; nothing is lost.
            logger.warning("could not write the index checkpoint", metadata: ["path": "\(path)", "error": "\(error)"])
        }
        index.adopt(compacted, head.seq)
        state.withLock { $0.inFlight = false }
    }
}

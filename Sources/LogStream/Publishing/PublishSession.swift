import ArticleLog
import Synchronization

/// Set once, when the publisher is told to stop; read between two records by the blocking loop.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

/// The publisher's blocking half: one connection, the position in the log and the cursor. Every method blocks
/// on the server; `LogPublisher` calls them one at a time from its own queue, never from Swift's cooperative
/// threads.
///
/// Records go out strictly one at a time, each after the previous one's acknowledgement. That keeps every
/// instance's records in seq order in the stream, and means that at most one record can have been stored
/// without the publisher knowing: after any failure, `resume` asks the stream for the instance's last record
/// before sending anything again.
final class PublishSession: @unchecked Sendable {
    private let layout: StreamLayout
    private let connection: NatsConnection
    private let cursorFile: PublishCursorFile
    private var tail: LogTail
    /// The last seq the stream acknowledged.
    private(set) var acknowledged: Int
    /// Whether the stream must be asked where this instance stands before the next publish.
    var needsResume = true
    private var unsynced = 0
    /// Set when the log held no line for a seq the head covers: the next resume reads from the log's start.
    private var rescan = false
    private let onAcknowledged: @Sendable (Int) -> Void

    /// Acknowledgements between two syncs of the cursor (it is synced anyway whenever the publisher catches up).
    static let syncEvery = 256

    init(
        layout: StreamLayout,
        connection: NatsConnection,
        directory: SegmentDirectory,
        cursorFile: PublishCursorFile,
        onAcknowledged: @escaping @Sendable (Int) -> Void
    ) {
        self.layout = layout
        self.connection = connection
        self.cursorFile = cursorFile
        let cursor = cursorFile.read()
        self.tail = LogTail(directory: directory, position: cursor.position)
        self.acknowledged = cursor.seq
        self.onAcknowledged = onAcknowledged
    }

    /// Makes sure the stream exists, then starts after the later of the cursor and the stream's last record of
    /// this instance, checking that this record is this log's own line.
    func resume(head: LogHead) throws {
        try connection.ensureStream(
            name: layout.stream,
            subjects: layout.streamSubjects,
            replicas: layout.replicas,
            duplicateWindowSeconds: layout.duplicateWindowSeconds
        )
        let last = try lastPublished()
        if last.seq > head.seq {
            throw PublishError.streamAhead(instance: layout.instance, streamSeq: last.seq, logSeq: head.seq)
        }
        if acknowledged > head.seq {
            // A cursor ahead of the log (the state folder was restored from a backup): read from the start.
            tail = LogTail(directory: tail.directory, position: .start)
            acknowledged = 0
        } else if rescan {
            // The cursor's position did not lead to the next record: find it from the start, skipping.
            tail = LogTail(directory: tail.directory, position: .start)
        }
        rescan = false
        if last.seq > acknowledged { try skip(through: last.seq, expecting: last.sha256, head: head) }
        acknowledged = max(acknowledged, last.seq)
        try writeCursor(sync: true)
        onAcknowledged(acknowledged)
        needsResume = false
    }

    /// Publishes every record after `acknowledged` up to `head`, until done or `stop` is set; returns how many.
    func publishAvailable(head: LogHead, stop: StopFlag) throws -> Int {
        // While the client reconnects, fail at once (and back off) instead of blocking on a request timeout.
        guard connection.isConnected else { throw PublishError.notConnected }
        if needsResume { try resume(head: head) }
        var count = 0
        defer { if unsynced > 0 { try? writeCursor(sync: true) } }
        try tail.forEachLine(upTo: head) { line, after in
            if stop.isSet { return false }
            guard let record = RecordMessage(line: line) else { throw PublishError.unreadableLine(after) }
            if record.seq <= acknowledged { return true }
            _ = try connection.publish(
                subject: layout.subject(kind: record.kind),
                data: line,
                messageID: layout.messageID(seq: record.seq),
                headers: record.headers(instance: layout.instance)
            )
            acknowledged = record.seq
            count += 1
            unsynced += 1
            if unsynced >= Self.syncEvery { try writeCursor(at: after, sync: true) }
            onAcknowledged(record.seq)
            return true
        }
        if !stop.isSet && acknowledged < head.seq {
            // Never spin on a position that leads nowhere: report it, and look again from the start.
            rescan = true
            throw PublishError.missingRecords(after: acknowledged, head: head.seq)
        }
        return count
    }

    /// The stream's last record of this instance, over all its subjects (records go out in seq order, so the
    /// last one stored is the highest seq stored).
    private func lastPublished() throws -> (seq: Int, sha256: String?) {
        guard
            let message = try connection.lastMessage(
                stream: layout.stream,
                subject: StreamLayout.subjects(prefix: layout.subjectPrefix, instance: layout.instance),
                headers: StreamLayout.Header.all
            ),
            let seq = message.headers[StreamLayout.Header.seq].flatMap(Int.init)
        else { return (0, nil) }
        return (seq, message.headers[StreamLayout.Header.sha256])
    }

    /// Moves past the lines up to `seq`, checking that the line of `seq` is the one the stream holds. When the
    /// cursor's position does not lead to that line, it is looked for again from the log's start.
    private func skip(through seq: Int, expecting sha256: String?, head: LogHead) throws {
        var found: RecordMessage? = nil
        let fromStart = tail.position == .start
        try tail.forEachLine(upTo: head) { line, _ in
            guard let record = RecordMessage(line: line) else { return true }
            if record.seq >= seq { found = record }
            return record.seq < seq
        }
        guard let found, found.seq == seq else {
            guard !fromStart else { throw PublishError.missingRecords(after: acknowledged, head: head.seq) }
            tail = LogTail(directory: tail.directory, position: .start)
            return try skip(through: seq, expecting: sha256, head: head)
        }
        if let sha256, found.sha256 != sha256 { throw PublishError.foreignRecord(instance: layout.instance, seq: seq) }
    }

    private func writeCursor(at position: LogReader.Position? = nil, sync: Bool) throws {
        try cursorFile.write(PublishCursor(seq: acknowledged, position: position ?? tail.position), sync: sync)
        if sync { unsynced = 0 }
    }
}

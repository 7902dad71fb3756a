import ArticleLog

/// Why the publisher cannot go on from the log it has; each is reported and retried with backoff, since the
/// operator can mend it while the daemon runs.
public enum PublishError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stream holds a record of this instance beyond the log's head: another daemon uses this instance
    /// name, or this log was replaced. Publishing would plant or hide records.
    case streamAhead(instance: String, streamSeq: Int, logSeq: Int)
    /// The stream's record of this seq is not this log's line: another daemon uses this instance name.
    case foreignRecord(instance: String, seq: Int)
    /// A line in the log is not a record (the log is damaged; `articled log verify` names it).
    case unreadableLine(LogReader.Position)
    /// No server answers; the client keeps reconnecting in the background.
    case notConnected
    /// The log's head covers seqs after `after` that reading from the cursor did not find.
    case missingRecords(after: Int, head: Int)

    public var description: String {
        switch self {
        case .streamAhead(let instance, let streamSeq, let logSeq):
            return "the stream holds seq \(streamSeq) of instance \(instance) but this log ends at \(logSeq): "
                + "another daemon uses this instance name, or the log was replaced; publishing is paused"
        case .foreignRecord(let instance, let seq):
            return "the stream's seq \(seq) of instance \(instance) is not this log's record: another daemon uses "
                + "this instance name; publishing is paused"
        case .missingRecords(let after, let head):
            return "the log's head is seq \(head) but no record after seq \(after) was found from the cursor's "
                + "position; reading the log again from its start"
        case .notConnected:
            return "not connected to any NATS server (reconnecting)"
        case .unreadableLine(let position):
            return "the log line at segment \(position.segment), byte \(position.offset) is not a record; run "
                + "`articled log verify`"
        }
    }
}

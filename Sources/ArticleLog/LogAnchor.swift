/// A record's seq and line hash kept somewhere other than the log (a ticket, another machine), for
/// `articled log verify --expect SEQ:HASH`: the chain proves the log consistent with itself, an anchor proves
/// it is the same log, because rewriting history would change the hash at SEQ.
public struct LogAnchor: Sendable, Equatable {
    /// The record's seq.
    public var seq: Int
    /// Lower-case hex SHA-256 of its line.
    public var sha256: String

    /// Creates an anchor.
    public init(seq: Int, sha256: String) {
        self.seq = seq
        self.sha256 = sha256
    }

    /// Parses `SEQ:HASH`, as `articled log verify` prints the head; nil when it is not that.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int(parts[0]), seq >= 1 else { return nil }
        let hash = parts[1].lowercased()
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ Hex.isDigit($0) }) else { return nil }
        self.init(seq: seq, sha256: hash)
    }
}

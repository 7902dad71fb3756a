import ArticleLog

/// Checks records read back from the stream, per instance, as `articled log verify` checks a log: each message
/// is the exact line its headers describe (SHA-256, seq), and each instance's records follow one another (seq
/// + 1, `prev` = the previous record's SHA-256). The first record seen of an instance starts its chain, unless
/// it is seq 1, whose `prev` must be the genesis value.
public struct ChainCheck: Sendable {
    private var last: [String: (seq: Int, sha256: String)] = [:]
    /// Records checked, per instance.
    public private(set) var counts: [String: Int] = [:]

    public init() {}

    /// The problems with one message, empty when it continues its instance's chain.
    public mutating func check(_ message: ReceivedMessage) -> [String] {
        let h = message.headers
        guard let instance = h[StreamLayout.Header.instance], let seqText = h[StreamLayout.Header.seq],
            let seq = Int(seqText), let sha = h[StreamLayout.Header.sha256]
        else { return ["stream seq \(message.streamSequence): missing Articled-* headers"] }
        var problems: [String] = []
        let at = "\(instance) seq \(seq)"
        guard let record = RecordMessage(line: message.data) else { return ["\(at): the payload is not a record line"] }
        if record.sha256 != sha { problems.append("\(at): the payload's SHA-256 is not the header's") }
        if record.seq != seq { problems.append("\(at): the payload holds seq \(record.seq)") }
        let prev = Self.prev(of: message.data)
        if let before = last[instance] {
            if seq != before.seq + 1 { problems.append("\(at): follows seq \(before.seq)") }
            if prev != before.sha256 { problems.append("\(at): prev does not match seq \(before.seq)'s SHA-256") }
        } else if seq == 1 && prev != LogHead.empty.sha256 {
            problems.append("\(at): the first record's prev is not the genesis value")
        }
        last[instance] = (seq, record.sha256)
        counts[instance, default: 0] += 1
        return problems
    }

    /// The `prev` member, read from the line's fixed opening `{"seq":N,"prev":"HEX"`.
    static func prev(of line: [UInt8]) -> String? {
        let marker = Array(",\"prev\":\"".utf8)
        guard let start = line.firstRange(of: marker)?.upperBound,
            let end = line[start...].firstIndex(of: UInt8(ascii: "\""))
        else { return nil }
        return String(decoding: line[start..<end], as: UTF8.self)
    }
}

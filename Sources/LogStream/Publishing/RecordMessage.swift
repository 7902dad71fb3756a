import ArticleLog
import Crypto

/// One log line as a stream message: its exact bytes, the seq and kind read from its fixed opening, and its
/// SHA-256 (which the next record's `prev` repeats, so a consumer can check the chain across messages).
public struct RecordMessage: Sendable, Equatable {
    public var seq: Int
    public var kind: String
    public var sha256: String
    public var line: [UInt8]

    /// Reads the seq and kind of a record line; nil for a line that is not one.
    public init?(line: [UInt8]) {
        guard let seq = LogReader.seq(of: line), let kind = Self.kind(of: line) else { return nil }
        self.seq = seq
        self.kind = kind
        self.line = line
        self.sha256 = Hex.encode(SHA256.hash(data: line))
    }

    /// The headers the message carries.
    public func headers(instance: String) -> [(String, String)] {
        [
            (StreamLayout.Header.instance, instance), (StreamLayout.Header.seq, String(seq)),
            (StreamLayout.Header.kind, kind), (StreamLayout.Header.sha256, sha256),
        ]
    }

    /// The value of the first `"kind":"…"` member: it follows seq, prev and time, whose values cannot hold an
    /// unescaped quote, so the first match is the record's own.
    static func kind(of line: [UInt8]) -> String? {
        guard let start = line.firstRange(of: Array(",\"kind\":\"".utf8))?.upperBound,
            let end = line[start...].firstIndex(of: UInt8(ascii: "\""))
        else { return nil }
        let kind = String(decoding: line[start..<end], as: UTF8.self)
        return StreamLayout.isToken(kind) ? kind : nil
    }
}

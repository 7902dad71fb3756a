import ArticleLog
import Crypto
import Glibc

/// Where a daemon's records go in JetStream: the stream, the subjects and the message ids, all derived from a
/// few settings so that every publisher and consumer agrees on them.
public struct StreamLayout: Sendable, Equatable {
    /// The stream's name (`publish-stream`, default `ARTICLED`).
    public var stream: String
    /// The first subject token (`publish-subject-prefix`, default `articled`).
    public var subjectPrefix: String
    /// This daemon's name in subjects and message ids (`instance`).
    public var instance: String
    /// Copies the stream keeps when this daemon creates it (`publish-replicas`, default 1).
    public var replicas: Int
    /// The server drops a second message with the same id within this window: it covers the one record a
    /// publisher may have sent without learning that it was stored.
    public var duplicateWindowSeconds: Int

    /// Creates a layout.
    public init(
        stream: String = "ARTICLED",
        subjectPrefix: String = "articled",
        instance: String,
        replicas: Int = 1,
        duplicateWindowSeconds: Int = 120
    ) {
        self.stream = stream
        self.subjectPrefix = subjectPrefix
        self.instance = instance
        self.replicas = replicas
        self.duplicateWindowSeconds = duplicateWindowSeconds
    }

    /// The header names every message carries.
    public enum Header {
        public static let instance = "Articled-Instance"
        public static let seq = "Articled-Seq"
        public static let kind = "Articled-Kind"
        public static let sha256 = "Articled-Sha256"
        public static let all = [instance, seq, kind, sha256]
    }

    /// The subjects the stream is created with: every instance's records.
    public var streamSubjects: [String] { [subjectPrefix + ".>"] }

    /// `PREFIX.INSTANCE.KIND`.
    public func subject(kind: String) -> String { "\(subjectPrefix).\(instance).\(kind)" }

    /// Every subject of one instance, or of all of them.
    public static func subjects(prefix: String, instance: String?) -> String { "\(prefix).\(instance ?? "*").>" }

    /// `INSTANCE/SEQ`: unique across the daemons that share a stream, and the same each time a record is sent.
    public func messageID(seq: Int) -> String { "\(instance)/\(seq)" }

    /// The default instance name: the host name (dots become `-`, since dots separate subject tokens) and 8 hex
    /// digits of the state folder's path, so that two daemons on one host differ and a restart keeps the name.
    public static func defaultInstance(stateFolder: String) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        return sanitized(host) + "-" + Hex.encode(SHA256.hash(data: Array(stateFolder.utf8)).prefix(4))
    }

    /// Whether `token` can be one subject token: letters, digits, `-` and `_` only.
    public static func isToken(_ token: String) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { isTokenByte($0) }
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
    }

    private static func sanitized(_ host: String) -> String {
        let bytes = host.utf8.map { isTokenByte($0) ? $0 : UInt8(ascii: "-") }
        return String(decoding: bytes, as: UTF8.self)
    }
}

import Glibc
import Logging
import PosixSupport

/// A swift-log handler that writes one JSON object per line to stderr, for log shippers that expect JSON Lines.
///
/// `{"time":"2026-11-21T19:30:00.123Z","level":"info","label":"articled","message":"…","source":"…",
/// "file":"…","line":42,"metadata":{"seq":"7"}}`. Each line is written with a single `write(2)`, so lines from
/// different threads do not interleave.
public struct JSONLogHandler: LogHandler {
    /// swift-log's label of the logger.
    public let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let fileDescriptor: Int32

    /// Creates a handler writing to `fileDescriptor` (stderr by default).
    public init(label: String, fileDescriptor: Int32 = STDERR_FILENO, metadataProvider: Logger.MetadataProvider? = nil)
    {
        self.label = label
        self.fileDescriptor = fileDescriptor
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = self.line(for: event, time: Self.now())
        line.append("\n")
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes {
                write(self.fileDescriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// The JSON object for `event`, without the newline.
    func line(for event: LogEvent, time: String) -> String {
        var merged = self.metadata
        if let provided = self.metadataProvider?.get() {
            merged.merge(provided, uniquingKeysWith: { _, new in new })
        }
        if let explicit = event.metadata {
            merged.merge(explicit, uniquingKeysWith: { _, new in new })
        }
        var out = "{\"time\":\(Self.quoted(time)),\"level\":\(Self.quoted(event.level.rawValue))"
        out += ",\"label\":\(Self.quoted(self.label)),\"message\":\(Self.quoted(event.message.description))"
        out += ",\"source\":\(Self.quoted(event.source)),\"file\":\(Self.quoted(event.file)),\"line\":\(event.line)"
        if let error = event.error {
            out += ",\"error\":\(Self.quoted("\(error)"))"
        }
        if !merged.isEmpty {
            out += ",\"metadata\":" + Self.render(.dictionary(merged))
        }
        out += "}"
        return out
    }

    static func render(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return quoted(string)
        case .stringConvertible(let convertible): return quoted(convertible.description)
        case .array(let values): return "[" + values.map(render).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            let members = dictionary.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + render($0.value) }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal (RFC 8259 escaping).
    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// UTC time with milliseconds, like the log records' `time` (one formatter for both).
    static func now() -> String { Timestamp.now() }
}

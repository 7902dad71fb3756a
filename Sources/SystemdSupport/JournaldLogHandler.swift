import CSystemd
import Glibc
import Logging

/// A swift-log handler that writes native journald entries through `sd_journal_sendv(3)`.
///
/// Metadata becomes journal fields, so operators can filter on them: `journalctl ARTICLED_KIND=rejected`.
/// A metadata key is upper-cased, every character other than A–Z, 0–9 and `_` becomes `_`, and the prefix
/// (`ARTICLED_` by default) is added unless already there: `seq` and `articled_seq` both become `ARTICLED_SEQ`.
/// The prefix keeps the daemon's fields apart from journald's own (`MESSAGE`, `PRIORITY`, `_PID`, …).
public struct JournaldLogHandler: LogHandler {
    /// swift-log's label of the logger, recorded as `<PREFIX>LOGGER`.
    public let label: String
    /// `SYSLOG_IDENTIFIER` of every entry.
    public let identifier: String
    /// Prepended to every metadata field name.
    public let fieldPrefix: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler.
    public init(
        label: String,
        identifier: String = "articled",
        fieldPrefix: String = "ARTICLED_",
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.identifier = identifier
        self.fieldPrefix = fieldPrefix
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let fields = self.fields(for: event)
        let result = Self.send(fields)
        if result < 0 {
            // log(event:) cannot throw; stderr is the only place left to say that the journal is unreachable.
            let line = "articled: \(SystemdError.journalSend(errno: -result)): \(event.message)\n"
            _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        }
    }

    /// The entry's fields in the order they are sent: journald's well-known fields, then metadata sorted by name.
    func fields(for event: LogEvent) -> [(name: String, value: String)] {
        var merged = self.metadata
        if let provided = self.metadataProvider?.get() {
            merged.merge(provided, uniquingKeysWith: { _, new in new })
        }
        if let explicit = event.metadata {
            merged.merge(explicit, uniquingKeysWith: { _, new in new })
        }
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", event.message.description),
            ("PRIORITY", String(Self.priority(event.level))),
            ("SYSLOG_IDENTIFIER", self.identifier),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
            (self.fieldName("logger"), self.label),
        ]
        if let error = event.error {
            fields.append((self.fieldName("error"), "\(error)"))
        }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            fields.append((self.fieldName(key), value.description))
        }
        return fields
    }

    /// A valid journal field name for a metadata key.
    func fieldName(_ key: String) -> String {
        var name = String(
            key.uppercased().unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "A"..."Z", "0"..."9", "_": return Character(scalar)
                default: return "_"
                }
            }
        )
        if !name.hasPrefix(self.fieldPrefix) {
            name = self.fieldPrefix + name
        }
        // journald ignores longer names.
        return String(name.prefix(64))
    }

    /// syslog priorities, as journald stores them in `PRIORITY`.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// Sends one entry; `sd_journal_sendv` copes with newlines and any bytes in values.
    /// - Returns: 0, or a negative errno.
    static func send(_ fields: [(name: String, value: String)]) -> Int32 {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = bytes.count
            bytes.append(contentsOf: field.name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: field.value.utf8)
            ranges.append(start..<bytes.count)
        }
        return bytes.withUnsafeMutableBytes { buffer in
            var vectors = ranges.map { range in
                iovec(iov_base: buffer.baseAddress! + range.lowerBound, iov_len: range.count)
            }
            return sd_journal_sendv(&vectors, Int32(vectors.count))
        }
    }
}

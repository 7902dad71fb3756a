/// How the daemon writes its own log (`--log-format`, `ARTICLED_LOG_FORMAT`, `log-format` in the TOML file).
public enum LogFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Native journald entries with structured fields (``JournaldLogHandler``).
    case journald
    /// swift-log's plain text on stderr, for a terminal.
    case text
    /// One JSON object per line on stderr (``JSONLogHandler``), for log shippers.
    case json

    public var description: String { self.rawValue }
}

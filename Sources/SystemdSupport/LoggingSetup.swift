import Glibc
import Logging

/// Chooses and builds the daemon's log handler. Libraries never call this; only `articled`'s entry point
/// bootstraps `LoggingSystem`, once.
public enum LoggingSetup {
    /// journald when stderr is connected to the journal, text otherwise.
    ///
    /// systemd sets `JOURNAL_STREAM=DEV:INODE` for a service whose stderr goes to the journal; comparing it with
    /// stderr's own device and inode tells that apart from an inherited variable with stderr redirected elsewhere
    /// (see systemd.exec(5), "JOURNAL_STREAM").
    public static func defaultFormat() -> LogFormat {
        let value = getenv("JOURNAL_STREAM").map { String(cString: $0) }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return .text }
        return isJournalStream(value, device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) ? .journald : .text
    }

    /// Whether a `JOURNAL_STREAM` value names the given device and inode.
    static func isJournalStream(_ value: String?, device: UInt64, inode: UInt64) -> Bool {
        guard let value else { return false }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let dev = UInt64(parts[0]), let ino = UInt64(parts[1]) else { return false }
        return dev == device && ino == inode
    }

    /// A handler for `label` in `format`, ready for `LoggingSystem.bootstrap`:
    /// `LoggingSystem.bootstrap { LoggingSetup.handler(label: $0, format: format) }`.
    /// - Parameters:
    ///   - identifier: journald's `SYSLOG_IDENTIFIER`, what `journalctl -t` filters on.
    public static func handler(label: String, format: LogFormat, identifier: String = "articled") -> any LogHandler {
        switch format {
        case .journald:
            return JournaldLogHandler(label: label, identifier: identifier)
        case .text:
            return StreamLogHandler.standardError(label: label)
        case .json:
            return JSONLogHandler(label: label)
        }
    }
}

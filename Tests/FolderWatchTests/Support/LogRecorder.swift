import Logging
import Synchronization

/// Keeps every log event a `Logger` built by `makeLogger()` emits, so tests can assert on warnings and errors.
final class LogRecorder: Sendable {
    /// One captured event.
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
    }

    private let storage = Mutex<[Entry]>([])

    /// Everything logged so far.
    var entries: [Entry] { storage.withLock { $0 } }

    /// A logger writing into this recorder.
    func makeLogger() -> Logger {
        Logger(label: "folderwatch-tests") { _ in Handler(recorder: self) }
    }

    /// Whether something at `level` was logged with `text` in its message.
    func contains(_ level: Logger.Level, _ text: String) -> Bool {
        entries.contains { $0.level == level && $0.message.contains(text) }
    }

    fileprivate func append(_ entry: Entry) {
        storage.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.append(Entry(level: event.level, message: event.message.description))
        }
    }
}

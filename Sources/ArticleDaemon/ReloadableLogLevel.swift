import Logging
import Synchronization

/// The log level, changeable while the daemon runs (`systemctl reload` after editing `log-level`). swift-log
/// reads a handler's `logLevel` on every call, so handlers wrapped in `ReloadableLevelHandler` follow it at once.
public final class ReloadableLogLevel: Sendable {
    private let level: Mutex<Logger.Level>

    /// Creates the shared level.
    public init(_ level: Logger.Level) {
        self.level = Mutex(level)
    }

    /// The level in force.
    public var current: Logger.Level {
        get { level.withLock { $0 } }
        set { level.withLock { $0 = newValue } }
    }
}

/// A log handler whose level is the shared `ReloadableLogLevel`; everything else goes to the wrapped handler.
public struct ReloadableLevelHandler: LogHandler {
    private var inner: any LogHandler
    private let shared: ReloadableLogLevel

    /// Wraps `inner`, taking the level from `level`.
    public init(_ inner: any LogHandler, level: ReloadableLogLevel) {
        self.inner = inner
        self.shared = level
    }

    public var logLevel: Logger.Level {
        get { shared.current }
        set { shared.current = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        inner.log(event: event)
    }
}

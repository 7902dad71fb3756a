import Logging

/// Reports every file in a folder tree that is completely written: once at start-up for the files already
/// there, then as writers close or rename them in. Placeholder until the inotify implementation lands.
public struct FolderWatcher: Sendable {
    /// The options this watcher runs with.
    public let options: WatchOptions
    let logger: Logger

    /// Creates a watcher; nothing is watched until `run` is called.
    public init(options: WatchOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// Watches until the task is cancelled, calling `ready` with each ready file's path relative to the root.
    /// `ready` may suspend (a full intake queue); events are then held back, never dropped.
    public func run(ready: @Sendable (String) async -> Void) async throws {
        fatalError("not implemented")
    }
}

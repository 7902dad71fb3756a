/// How a `FolderWatcher` watches its folder.
public struct WatchOptions: Sendable, Equatable {
    /// The folder to watch (absolute path). Files below it, in any subfolder, are reported.
    public var root: String
    /// A file is reported only after this long without further events on it; nil reports it at once. Not used in
    /// polling mode, where a file is reported only once it has been unchanged for a whole poll interval anyway.
    public var settle: Duration?
    /// Polls the folder at this interval instead of using inotify, for NFS/SMB mounts where inotify is silent.
    public var pollInterval: Duration?
    /// In inotify mode, how often the subtrees that inotify cannot watch (see `FolderWatcher.degradedSubtrees`) are
    /// polled instead. The timer runs only while there are such subtrees.
    public var degradedPollInterval: Duration

    /// Creates options; by default inotify without a settle delay, degraded subtrees polled every second.
    public init(
        root: String,
        settle: Duration? = nil,
        pollInterval: Duration? = nil,
        degradedPollInterval: Duration = .seconds(1)
    ) {
        self.root = root
        self.settle = settle
        self.pollInterval = pollInterval
        self.degradedPollInterval = degradedPollInterval
    }
}

/// Which watch descriptor belongs to which watched folder, in both directions. Kept apart from the event loop so
/// that the bookkeeping for moved and deleted folders can be tested without a kernel.
struct WatchTable: Sendable {
    private var directoryByWatch: [Int32: String] = [:]
    private var watchByDirectory: [String: Int32] = [:]

    /// How many folders are watched.
    var count: Int { directoryByWatch.count }

    /// The root-relative folder a watch reports for, or nil for a watch that is already gone (its events are stale).
    func directory(for watch: Int32) -> String? {
        directoryByWatch[watch]
    }

    /// The watch on a root-relative folder, if any.
    func watch(for directory: String) -> Int32? {
        watchByDirectory[directory]
    }

    /// Records that `watch` reports for `directory`, replacing whatever either was paired with before.
    mutating func insert(_ watch: Int32, for directory: String) {
        if let oldDirectory = directoryByWatch[watch] { watchByDirectory[oldDirectory] = nil }
        if let oldWatch = watchByDirectory[directory] { directoryByWatch[oldWatch] = nil }
        directoryByWatch[watch] = directory
        watchByDirectory[directory] = watch
    }

    /// Forgets one watch (the kernel sent `IN_IGNORED` for it) and returns its folder.
    @discardableResult
    mutating func remove(_ watch: Int32) -> String? {
        guard let directory = directoryByWatch.removeValue(forKey: watch) else { return nil }
        watchByDirectory[directory] = nil
        return directory
    }

    /// Forgets the watches on `directory` and every folder below it, returning them so they can be removed from the
    /// kernel too: a folder moved out of the tree would otherwise keep reporting under its old path.
    mutating func removeSubtree(_ directory: String) -> [Int32] {
        let doomed = watchByDirectory.filter { TreePaths.isWithin($0.key, directory) }
        for (path, watch) in doomed {
            watchByDirectory[path] = nil
            directoryByWatch[watch] = nil
        }
        return doomed.map(\.value).sorted()
    }

    /// Renames `source` and every folder below it to lie under `destination`, keeping their watches; for a folder
    /// found under a new name after events about its move were lost.
    mutating func moveSubtree(from source: String, to destination: String) {
        let moved = watchByDirectory.filter { TreePaths.isWithin($0.key, source) }
        for (path, _) in moved { watchByDirectory[path] = nil }
        for (path, watch) in moved {
            let renamed = destination + path.dropFirst(source.count)
            watchByDirectory[renamed] = watch
            directoryByWatch[watch] = renamed
        }
    }
}

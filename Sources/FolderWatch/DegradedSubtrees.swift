/// The subtrees the inotify watcher polls because their folder could not be watched. Subtrees never nest: a folder
/// inside a polled one is polled with it, and a folder that contains polled ones takes them over. Pure, so the
/// bookkeeping is tested without making inotify fail.
struct DegradedSubtrees: Sendable {
    private var byPath: [String: DegradedSubtree] = [:]
    /// How many times a subtree has been switched to polling since the watcher started, including ones that are
    /// watched again or gone by now.
    private(set) var total = 0

    /// Whether nothing is polled, so the watcher sets no poll timer.
    var isEmpty: Bool { byPath.isEmpty }

    /// The polled subtrees, sorted by path.
    var all: [DegradedSubtree] { byPath.values.sorted { $0.path < $1.path } }

    /// The polled folders, sorted.
    var paths: [String] { byPath.keys.sorted() }

    /// Whether `path` lies in a polled subtree.
    func covers(_ path: String) -> Bool {
        byPath.keys.contains { TreePaths.isWithin(path, $0) }
    }

    /// Starts polling a subtree. Returns false, changing nothing, when it is already polled (itself or as part of
    /// a larger one), so that the caller logs each subtree once.
    mutating func insert(_ subtree: DegradedSubtree) -> Bool {
        if covers(subtree.path) { return false }
        byPath = byPath.filter { !TreePaths.isWithin($0.key, subtree.path) }
        byPath[subtree.path] = subtree
        total += 1
        return true
    }

    /// Stops polling the subtree at `directory` (it can be watched now); subtrees below it were part of it and are
    /// not separately polled. Returns whether it was polled.
    @discardableResult
    mutating func remove(exactly directory: String) -> Bool {
        byPath.removeValue(forKey: directory) != nil
    }

    /// Stops polling `directory` and every subtree below it (it is watched now, or deleted, or renamed away).
    /// Returns whether anything was polled there.
    @discardableResult
    mutating func remove(below directory: String) -> Bool {
        let before = byPath.count
        byPath = byPath.filter { !TreePaths.isWithin($0.key, directory) }
        return byPath.count != before
    }
}

/// The polling mode's memory: the previous scan, to tell which files have stopped changing, and what has been
/// reported, so each stable version of a file is reported once. Pure, so it is tested without a file system.
struct StabilityTracker: Sendable {
    private var previous: [String: FileStatus] = [:]
    private var reported: [String: FileStatus] = [:]

    /// Takes one scan of the tree and returns, sorted, the paths whose identity (size, mtime, inode) is the same
    /// as in the previous scan and has not been reported yet. Paths that disappeared are forgotten. Entries below
    /// `unlistable` folders (a listing failed, e.g. a flaky NFS server) are kept as they were, neither reported
    /// nor forgotten, so a transient error does not make their files reappear as new.
    mutating func update(with scan: [String: FileStatus], unlistable: [String] = []) -> [String] {
        var current = scan
        var keptReports: [String: FileStatus] = [:]
        for directory in unlistable {
            for (path, status) in previous where TreePaths.isWithin(path, directory) { current[path] = status }
            for (path, status) in reported where TreePaths.isWithin(path, directory) { keptReports[path] = status }
        }
        var stable: [String] = []
        var nowReported = keptReports
        for (path, status) in current {
            if reported[path] == status {
                nowReported[path] = status
            } else if previous[path] == status && !unlistable.contains(where: { TreePaths.isWithin(path, $0) }) {
                nowReported[path] = status
                stable.append(path)
            }
        }
        previous = current
        reported = nowReported
        return stable.sorted()
    }
}

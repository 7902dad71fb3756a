/// The paths that one batch of events found ready, reported together once the batch is handled: a path closed
/// many times while the watcher was held back is reported once, and a file deleted or renamed away later in the
/// same batch is not reported at all, since the consumer could no longer open it.
struct ReportBatch: Sendable {
    private var order: [String] = []
    private var members: Set<String> = []

    /// Whether nothing is waiting.
    var isEmpty: Bool { members.isEmpty }

    /// Adds a ready path; a path already waiting keeps its place.
    mutating func add(_ path: String) {
        if members.insert(path).inserted { order.append(path) }
    }

    /// Withdraws a path that was deleted or renamed away.
    mutating func remove(_ path: String) {
        members.remove(path)
    }

    /// Withdraws every path below a folder that was deleted or renamed away.
    mutating func remove(below directory: String) {
        members = members.filter { !TreePaths.isWithin($0, directory) }
    }

    /// Returns the waiting paths in the order they became ready, and empties the batch.
    mutating func take() -> [String] {
        var taken: [String] = []
        for path in order where members.remove(path) != nil { taken.append(path) }
        order.removeAll(keepingCapacity: true)
        return taken
    }
}

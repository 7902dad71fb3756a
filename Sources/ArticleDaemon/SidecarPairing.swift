import Synchronization

/// Pairs an article file `NAME.txt` with its metadata sidecar `NAME.json`, which scrapers write in either
/// order: the pair becomes one record. A file whose partner may still be coming is looked at again once it
/// has waited `wait` since the daemon first saw it; after that an article goes on alone, and a sidecar alone
/// is rejected. The wait is counted from when the daemon saw the file, not from its mtime, so clock skew on
/// network filesystems cannot shorten or stretch it.
final class SidecarPairing: Sendable {
    let wait: Duration
    private let firstSeen = Mutex<[String: ContinuousClock.Instant]>([:])

    init(wait: Duration) {
        self.wait = wait
    }

    static func isSidecar(_ path: String) -> Bool {
        path.hasSuffix(".json")
    }

    /// `a/b.txt` → `a/b.json`; nil for files that do not take a sidecar.
    static func sidecar(for article: String) -> String? {
        article.hasSuffix(".txt") ? String(article.dropLast(4)) + ".json" : nil
    }

    /// `a/b.json` → `a/b.txt`.
    static func article(for sidecar: String) -> String {
        String(sidecar.dropLast(5)) + ".txt"
    }

    /// How much longer `path` should wait for its partner, or nil when its wait is over.
    func remainingWait(_ path: String) -> Duration? {
        guard wait > .zero else { return nil }
        let now = ContinuousClock.now
        let seen = firstSeen.withLock { table in
            if let t = table[path] { return t }
            table[path] = now
            return now
        }
        let left = wait - (now - seen)
        return left > .zero ? left : nil
    }

    /// The file is dealt with; a later file under the same name starts a new wait.
    func forget(_ path: String) {
        _ = firstSeen.withLock { $0.removeValue(forKey: path) }
    }
}

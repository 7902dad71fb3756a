import Synchronization

/// Pairs an article file `NAME.txt` with its metadata sidecar `NAME.json`, which scrapers write in either
/// order: the pair becomes one record.
///
/// A sidecar already there when its text is read is always paired. Waiting for one that may still come costs
/// every text its wait, so by default a text waits only in folders that have had sidecars (most scrapers never
/// write them, and those that do write them for every file); `sidecar-wait-ms`, when set, makes every text wait
/// that long instead. A sidecar alone waits for its text, then is rejected. Waits count from when the daemon
/// first saw the file, not from its mtime, so clock skew on network filesystems cannot shorten or stretch them.
final class SidecarPairing: Sendable {
    /// The operator's explicit wait, for every text; nil to learn which folders have sidecars.
    let fixedWait: Duration?
    /// How long a text waits in a folder known to have sidecars, and a sidecar for its text, when not fixed.
    let learnedWait: Duration
    private let state = Mutex(State())

    private struct State {
        var firstSeen: [String: ContinuousClock.Instant] = [:]
        var foldersWithSidecars: Set<Substring> = []
    }

    init(fixedWait: Duration?, learnedWait: Duration = .seconds(1)) {
        self.fixedWait = fixedWait
        self.learnedWait = learnedWait
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

    /// A sidecar was seen at `path`: texts in its folder now wait for theirs.
    func sidecarSeen(_ path: String) {
        _ = state.withLock { $0.foldersWithSidecars.insert(Self.folder(of: path)) }
    }

    /// How long `path` (a text or a sidecar) waits for its partner in all.
    func wait(for path: String) -> Duration {
        if Self.isSidecar(path) { return fixedWait ?? learnedWait }
        if let fixedWait { return fixedWait }
        return state.withLock { $0.foldersWithSidecars.contains(Self.folder(of: path)) } ? learnedWait : .zero
    }

    /// How much longer `path` should wait for its partner, or nil when its wait is over (or it has none).
    func remainingWait(_ path: String) -> Duration? {
        let wait = wait(for: path)
        guard wait > .zero else { return nil }
        let now = ContinuousClock.now
        let seen = state.withLock { state in
            if let t = state.firstSeen[path] { return t }
            state.firstSeen[path] = now
            return now
        }
        let left = wait - (now - seen)
        return left > .zero ? left : nil
    }

    /// The file is dealt with; a later file under the same name starts a new wait.
    func forget(_ path: String) {
        _ = state.withLock { $0.firstSeen.removeValue(forKey: path) }
    }

    private static func folder(of path: String) -> Substring {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return path[..<slash]
    }
}

/// Suppresses the second report of a file that a scan has just reported and that then produces its own close
/// (or creation) event: the "echo" of the scan, common when a writer fills a brand-new folder while it is being
/// watched and listed. An event is an echo only if the file is unchanged since the scan examined it (same size,
/// mtime and inode): its reported content is then still current. A file the scan caught half-written changes
/// before its close and is reported again.
///
/// Echoes arrive within moments of the scan, so files are remembered only for `window`; a file renamed away or
/// deleted is forgotten at once, so a later file under the same name is always reported.
struct ScanEchoFilter: Sendable {
    /// How long after a scan an event for a scanned file may still be its echo.
    let window: Duration
    private var scanned: [String: (status: FileStatus, at: ContinuousClock.Instant)] = [:]

    init(window: Duration = .seconds(5)) {
        self.window = window
    }

    /// Whether nothing is remembered, so callers can skip the `lstat` an echo check needs.
    var isEmpty: Bool { scanned.isEmpty }

    /// Remembers a file as the scan saw it when reporting it.
    mutating func remember(_ path: String, as status: FileStatus, now: ContinuousClock.Instant) {
        scanned[path] = (status, now)
    }

    /// Whether an event for `path` only repeats what the scan reported. Either way the path is forgotten: a file
    /// has at most one echo.
    mutating func isEcho(_ path: String, now status: FileStatus?) -> Bool {
        guard let seen = scanned.removeValue(forKey: path), let status else { return false }
        return seen.status == status
    }

    /// Forgets a file that was deleted or renamed away.
    mutating func forget(_ path: String) {
        scanned[path] = nil
    }

    /// Forgets every file below a folder that was deleted or renamed away.
    mutating func forget(below directory: String) {
        guard !scanned.isEmpty else { return }
        scanned = scanned.filter { !TreePaths.isWithin($0.key, directory) }
    }

    /// Forgets files scanned longer than `window` ago; their echoes would have arrived by now.
    mutating func forgetExpired(now: ContinuousClock.Instant) {
        guard !scanned.isEmpty else { return }
        scanned = scanned.filter { now - $0.value.at < window }
    }
}

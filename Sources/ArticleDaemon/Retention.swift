import Foundation
import Glibc
import Logging
import ServiceLifecycle
import Synchronization

/// `keep-originals`: how long originals stay in `done/` after their record, or for ever (the default). Written
/// as a number and a unit: `90m`, `12h`, `30d`, `4w`, or `forever`.
public enum KeepOriginals: Sendable, Equatable {
    case forever
    case seconds(Int)

    public init?(_ text: String) {
        if text == "forever" {
            self = .forever
            return
        }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let factor = units[unit], let n = Int(text.dropLast()), n > 0 else {
            return nil
        }
        self = .seconds(n * factor)
    }

    public var description: String {
        switch self {
        case .forever: "forever"
        case .seconds(let s): "\(s)s"
        }
    }
}

/// Removes originals from `done/` once they have been there longer than `keep-originals`; `failed/` is kept,
/// since its files wait for a person. Age is counted from the move into `done/` (the file's ctime, which the
/// rename set), not from when the scraper wrote it. Sweeps at start, then every tenth of the period (between
/// one second and one hour), so an idle daemon wakes at most hourly for it.
final class RetentionSweeper: Sendable {
    let done: String
    private let period: Atomic<Int>
    private let pruned = Atomic<Int>(0)

    init(done: String, keepSeconds: Int) {
        self.done = done
        self.period = Atomic(keepSeconds)
    }

    /// The period, which `systemctl reload` may change.
    var keepSeconds: Int {
        get { period.load(ordering: .relaxed) }
        set { period.store(newValue, ordering: .relaxed) }
    }

    /// Originals removed since start.
    var prunedCount: Int { pruned.load(ordering: .relaxed) }

    var interval: Duration { .seconds(min(max(keepSeconds / 10, 1), 3600)) }

    /// Removes the files under `done/` older than the period at time `now` (seconds since the epoch), and the
    /// folders that leaves empty; returns how many files went.
    @discardableResult
    func sweep(now: Int) -> Int {
        let limit = now - keepSeconds
        var removed = 0
        guard let walker = FileManager.default.enumerator(atPath: done) else { return 0 }
        var folders: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = done + "/" + relative
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR: folders.append(path)
            // The daemon never stores a link in done/; should one appear, nothing behind it is walked or removed.
            case S_IFLNK: walker.skipDescendants()
            case S_IFREG where Int(st.st_ctim.tv_sec) < limit:
                if unlink(path) == 0 { removed += 1 }
            default: break
            }
        }
        // Deepest first; rmdir leaves any folder that still holds something.
        for folder in folders.reversed() { _ = rmdir(folder) }
        pruned.add(removed, ordering: .relaxed)
        return removed
    }
}

/// Runs the sweeper until shutdown.
struct RetentionService: Service {
    let sweeper: RetentionSweeper
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let removed = sweeper.sweep(now: Int(Date().timeIntervalSince1970))
                if removed > 0 {
                    logger.info(
                        "originals past keep-originals removed from done/",
                        metadata: ["count": "\(removed)", "keep_seconds": "\(sweeper.keepSeconds)"]
                    )
                }
                try await Task.sleep(for: sweeper.interval)
            }
        }
    }
}

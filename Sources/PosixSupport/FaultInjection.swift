import Glibc

/// A switch for crash and I/O-error tests, read once from `ARTICLED_FAULT=POINT:ACTION[:AFTER]` in debug builds
/// only (release builds compile it away): at the named point the process aborts (`abort`, a crash as abrupt as
/// kill -9 at that exact step) or the step fails with EIO (`eio`), the first time the point is reached after
/// `AFTER` passes (default 0). Tests use it to reproduce each crash window and each failing step.
public enum FaultInjection {
    /// The steps a fault can be injected at.
    public enum Point: String, Sendable {
        /// The log writer's write of a batch to its segment.
        case logWrite = "log-write"
        /// The fdatasync of a batch.
        case logSync = "log-fdatasync"
        /// The head's update after a synced batch.
        case headWrite = "head-write"
        /// The rename of an original into done/ or failed/.
        case rename
        /// The record is durable; no original has moved yet.
        case afterCommit = "after-commit"
        /// The first original (the text) has moved; its sidecar has not.
        case betweenOriginals = "between-originals"
        /// A cross-filesystem copy is written and synced under its temporary name, not yet renamed.
        case copyBeforeRename = "copy-before-rename"
        /// The moves are done; the folders are not yet fsynced.
        case beforeDirectorySync = "before-directory-sync"
    }

    #if DEBUG
        private struct Plan {
            var point: Point
            var abort: Bool
            var after: Int
        }

        private static let plan: Plan? = {
            guard let raw = getenv("ARTICLED_FAULT") else { return nil }
            let parts = String(cString: raw).split(separator: ":").map(String.init)
            guard parts.count >= 2, let point = Point(rawValue: parts[0]), ["abort", "eio"].contains(parts[1])
            else { return nil }
            return Plan(point: point, abort: parts[1] == "abort", after: parts.count > 2 ? Int(parts[2]) ?? 0 : 0)
        }()

        private static let passes = Counter()

        /// Aborts, or returns the errno the step must fail with, as `ARTICLED_FAULT` says for `point`; nil to go on.
        public static func fault(at point: Point) -> Int32? {
            guard let plan, plan.point == point, passes.next() == plan.after else { return nil }
            if plan.abort { Glibc.abort() }
            return EIO
        }

        /// Counts the passes through the planned point.
        private final class Counter: @unchecked Sendable {
            private var value = 0
            private var lock = pthread_mutex_t()
            init() { pthread_mutex_init(&lock, nil) }
            func next() -> Int {
                pthread_mutex_lock(&lock)
                defer { pthread_mutex_unlock(&lock) }
                value += 1
                return value - 1
            }
        }
    #else
        @inline(__always) public static func fault(at point: Point) -> Int32? { nil }
    #endif
}

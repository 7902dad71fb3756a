import Dispatch
import Glibc
import Synchronization

/// A child process started with `posix_spawn` and reaped with `waitpid`, for tests. Foundation's `Process` on
/// Linux can hang for ever in `waitUntilExit` (and `isRunning` can stay true) when several tests start and wait
/// for processes at once: its child monitoring runs on a run loop that a busy 2-core host starves. Nothing here
/// needs a run loop.
public final class ChildProcess: Sendable {
    /// The child's process id.
    public let pid: pid_t
    private let exit = Mutex<Int32?>(nil)

    /// Where a standard stream of the child goes.
    public enum Stream: Sendable {
        /// The test's own stream.
        case inherit
        /// /dev/null.
        case null
        /// A descriptor the caller owns (dup'ed into the child).
        case descriptor(Int32)
        /// A file, opened for appending (created if absent).
        case appending(String)
    }

    /// Starts `executable` with `arguments`; `environment` replaces the test's when given.
    public init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        stdout: Stream = .inherit,
        stderr: Stream = .inherit
    ) throws(SpawnError) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (fd, stream) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch stream {
            case .inherit: break
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
            case .appending(let path):
                posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            }
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let envList = environment.map { $0.map { "\($0.key)=\($0.value)" } }
        let envp = envList.map { $0.map { strdup($0) } + [nil] }
        defer { for p in envp ?? [] { free(p) } }
        // The child starts with no signal blocked and every signal at its default: a thread of the test process
        // may block SIGTERM (signal handling libraries do), and a child inheriting that mask ignores kill.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let result: Int32
        if let envp {
            result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        } else {
            result = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        }
        guard result == 0 else { throw SpawnError(executable: executable, errno: result) }
        pid = child
    }

    /// Whether the child still runs (reaps it when it has ended).
    public var isRunning: Bool {
        reap(blocking: false) == nil
    }

    /// Waits for the child to end and returns its status: the exit code, or 128 + the signal that ended it.
    @discardableResult
    public func wait() -> Int32 {
        reap(blocking: true) ?? -1
    }

    /// The status, once the child has ended.
    public var terminationStatus: Int32? {
        exit.withLock { $0 }
    }

    private func reap(blocking: Bool) -> Int32? {
        exit.withLock { known -> Int32? in
            if let known { return known }
            var status: Int32 = 0
            while true {
                let r = waitpid(pid, &status, blocking ? 0 : WNOHANG)
                if r == 0 { return nil }
                if r < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                let signal = status & 0x7f
                known = signal == 0 ? (status >> 8) & 0xff : 128 + signal
                return known
            }
        }
    }

    /// Runs a program to its end and returns its status and standard output.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        stderr: Stream = .null
    ) throws(SpawnError) -> (status: Int32, output: String) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(executable: executable, errno: errno) }
        let child: ChildProcess
        do {
            child = try ChildProcess(executable, arguments, environment: environment, stdout: .descriptor(fds[1]), stderr: stderr)
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        close(fds[1])
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            output += buffer[0..<n]
        }
        close(fds[0])
        return (child.wait(), String(decoding: output, as: UTF8.self))
    }
}

extension ChildProcess {
    /// `run`, on a thread of its own: waiting for a child on one of Swift's cooperative threads (two on this
    /// machine) would stall every other test's tasks while it runs.
    public static func running(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        stderr: Stream = .null
    ) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result { () throws(SpawnError) in
                        try run(executable, arguments, environment: environment, stderr: stderr)
                    }
                )
            }
        }
    }
}

/// posix_spawn failed.
public struct SpawnError: Error, CustomStringConvertible {
    public var executable: String
    public var errno: Int32
    public var description: String { "posix_spawn \(executable): \(String(cString: strerror(errno)))" }
}

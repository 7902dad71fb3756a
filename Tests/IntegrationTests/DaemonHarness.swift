import ArticleLog
import ArticledTestSupport
import Foundation
import Glibc

/// Runs the real `articled` binary on temporary folders, as a user would: files go into the drop folder, and
/// the test looks at the log, the moved originals and the status socket.
final class DaemonHarness: @unchecked Sendable {
    let root: String
    let incoming: String
    let state: String
    let socket: String
    private(set) var process: ChildProcess?
    private var extraArguments: [String]
    /// Added to the daemon's environment at the next `start` (e.g. ARTICLED_FAULT); cleared by assigning [:].
    var environment: [String: String] = [:]

    init(arguments: [String] = []) throws {
        root = "/tmp/articled-it-\(UUID().uuidString.prefix(8))"
        incoming = root + "/incoming"
        state = root + "/state"
        socket = root + "/status.sock"
        extraArguments = arguments
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
    }

    deinit {
        if let p = process, p.isRunning {
            kill(p.pid, SIGKILL)
            p.wait()
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The binary under test: ARTICLED_BIN, else the one built beside the test bundle.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["ARTICLED_BIN"] { return path }
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = bundleDir.appendingPathComponent("articled").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/articled").path
    }

    func start() throws {
        process = try ChildProcess(
            Self.binary,
            ["run", "--watch", incoming, "--state", state, "--socket", socket, "--log-format", "text"]
                + extraArguments,
            environment: Self.daemonEnvironment.merging(environment) { $1 },
            stdout: .null,
            stderr: .appending(root + "/daemon.log")
        )
    }

    /// The test process's environment without systemd's variables: a SystemdSupport test points NOTIFY_SOCKET at
    /// a fake socket while it runs, and a daemon started meanwhile would send to it for its whole life, until the
    /// socket's queue filled and its sd_notify blocked (the daemon then could not even stop).
    static var daemonEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter {
            !["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"]
                .contains($0.key)
        }
    }

    /// The running daemon's process id.
    var pid: pid_t? { process?.pid }

    /// What the daemon wrote to stderr so far (all runs).
    var daemonLog: String {
        (try? String(contentsOfFile: root + "/daemon.log", encoding: .utf8)) ?? ""
    }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(20)) async throws -> Int32 {
        guard let p = process else { return 0 }
        kill(p.pid, signal)
        try await waitUntil(timeout: timeout, "articled to exit") { !p.isRunning }
        process = nil
        return p.terminationStatus ?? -1
    }

    var isRunning: Bool { process?.isRunning ?? false }

    // MARK: Files

    func write(_ name: String, _ text: String) throws {
        let path = incoming + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw HarnessError("could not write \(path)")
        }
    }

    func incomingFiles() -> [String] {
        (FileManager.default.enumerator(atPath: incoming)?.allObjects as? [String] ?? []).filter {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: incoming + "/" + $0, isDirectory: &isDir) && !isDir.boolValue
                || isSymlinkOrSpecial(incoming + "/" + $0)
        }
    }

    private func isSymlinkOrSpecial(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFDIR && (st.st_mode & S_IFMT) != S_IFREG
    }

    func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    // MARK: The log

    func records() throws -> [LogRecord] {
        var out: [LogRecord] = []
        try LogReader(directory: SegmentDirectory(path: state + "/log")).read { line in
            out.append(try JSONDecoder().decode(LogRecord.self, from: Data(line)))
        }
        return out
    }

    /// Waits until the log holds at least `count` records, and returns them.
    func waitForRecords(_ count: Int, timeout: Duration = .seconds(30)) async throws -> [LogRecord] {
        var latest: [LogRecord] = []
        try await waitUntil(timeout: timeout, "\(count) records") {
            latest = (try? self.records()) ?? []
            return latest.count >= count
        }
        return latest
    }

    /// Runs `articled` with other arguments and returns its exit status and standard output.
    static func runTool(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await ChildProcess.running(binary, arguments, environment: daemonEnvironment)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` until it holds or the deadline passes; never a fixed sleep standing in for a condition.
func waitUntil(
    timeout: Duration = .seconds(30),
    _ what: String,
    _ condition: () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(25))
    }
    if try condition() { return }
    throw HarnessError("timed out after \(timeout) waiting for \(what)")
}

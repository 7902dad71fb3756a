import ArticledTestSupport
import Foundation
import Glibc
import Testing

/// Promise 5 of the design: a log that cannot be written pauses ingestion; nothing is lost and work resumes by
/// itself. The log folder is put on a tiny tmpfs (root only) and filled up.
@Suite(.serialized)
struct BackPressureTests {
    static func mount(_ args: [String]) -> Bool {
        (try? ChildProcess.run("/usr/bin/env", ["mount"] + args))?.status == 0
    }

    static var canMount: Bool {
        guard geteuid() == 0 else { return false }
        let probe = "/tmp/articled-mount-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { rmdir(probe) }
        guard mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]) else { return false }
        umount(probe)
        return true
    }

    @Test(.enabled(if: canMount, "needs root and tmpfs mounts"))
    func aFullDiskPausesIngestionKeepsTheFilesAndResumesByItself() async throws {
        let d = try DaemonHarness()
        let logDir = d.state + "/log"
        try FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)
        #expect(Self.mount(["-t", "tmpfs", "-o", "size=256k", "tmpfs", logDir]))
        defer { umount2(logDir, Int32(MNT_DETACH)) }

        try d.start()
        try d.write("before.txt", IngestionTests.article)
        _ = try await d.waitForRecords(1)

        // Fill the log's filesystem.
        let filler = logDir + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: filler))
        let chunk = Data(repeating: 0x41, count: 4096)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try? handle.close()

        for i in 0..<5 {
            try d.write("during-\(i).txt", "Full Disk \(i)\n\nThis file arrives while the log cannot grow.")
        }
        try await waitUntil("the daemon to report that the log cannot be written") {
            d.daemonLog.contains("cannot write the log")
        }
        #expect(d.isRunning)
        // Records that still fitted in the segment's last page were written; every other file is still waiting
        // in the drop folder, none is lost.
        try await waitUntil("each file recorded or waiting") {
            let recorded = Set(try d.records().map(\.source.name))
            let waiting = Set(d.incomingFiles())
            return recorded.isDisjoint(with: waiting) && recorded.union(waiting).count == 6
        }
        #expect(!d.incomingFiles().isEmpty)

        // Free the space: the daemon resumes without being told.
        try FileManager.default.removeItem(atPath: filler)
        let records = try await d.waitForRecords(6, timeout: .seconds(30))
        #expect(Set(records.map(\.source.name)).count == 6)
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
        try await d.stop()
        #expect(try await DaemonHarness.runTool(["log", "verify", "--state", d.state]).status == 0)
    }

    @Test(.enabled(if: canMount, "needs root and tmpfs mounts"))
    func stoppingWhileTheDiskIsFullDoesNotHangAndLosesNothing() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        let logDir = d.state + "/log"
        try FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)
        #expect(Self.mount(["-t", "tmpfs", "-o", "size=256k", "tmpfs", logDir]))
        defer { umount2(logDir, Int32(MNT_DETACH)) }
        try d.start()
        try d.write("before.txt", IngestionTests.article)
        _ = try await d.waitForRecords(1)
        let filler = logDir + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: filler))
        while (try? handle.write(contentsOf: Data(repeating: 0x41, count: 4096))) != nil {}
        try? handle.close()
        for i in 0..<5 { try d.write("during-\(i).txt", "Full Disk \(i)\n\nThis file arrives while the log cannot grow.") }
        try await waitUntil("the daemon to report that the log cannot be written") {
            d.daemonLog.contains("cannot write the log")
        }
        // SIGTERM with the disk still full: the daemon must stop within the harness's deadline.
        _ = try await d.stop(timeout: .seconds(15))
        let recorded = Set(try d.records().map(\.source.name))
        let waiting = Set(d.incomingFiles())
        #expect(recorded.isDisjoint(with: waiting))
        #expect(recorded.union(waiting).count == 6)
        try FileManager.default.removeItem(atPath: filler)
        #expect(try await DaemonHarness.runTool(["log", "verify", "--state", d.state]).status == 0)
    }
}

import ArticleLog
import Foundation
import Glibc
import Testing

/// Each crash window of the completer, reproduced with the debug build's fault switch (`ARTICLED_FAULT`): the
/// daemon aborts at the exact step, as abruptly as kill -9, then starts again without the fault. Every file must
/// end with exactly one record and its original moved.
@Suite(.serialized)
struct FaultTests {
    static let body = "A Headline For The Fault Test\n\nA body long enough to be an article, for this test only."

    /// Starts with the fault, waits for the abort, restarts clean, and waits for the drop folder to empty.
    static func crashAndRecover(_ d: DaemonHarness, fault: String, drop: () throws -> Void) async throws {
        d.environment = ["ARTICLED_FAULT": fault]
        try d.start()
        _ = try await d.waitForRecords(0)
        try drop()
        try await waitUntil("the daemon to abort at \(fault)") { !d.isRunning }
        try await d.stop()
        d.environment = [:]
        try d.start()
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
    }

    @Test func aCrashBetweenCommitAndMoveLeavesOneRecordAndTheOriginalMoved() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        try await Self.crashAndRecover(d, fault: "after-commit:abort") { try d.write("a.txt", Self.body) }
        let records = try d.records()
        #expect(records.count == 1)
        #expect(records.first?.kind == .article)
        #expect(d.exists(d.state + "/done/a.txt"))
        try await AttackTests.expectIntact(d)
        try await d.stop()
    }

    @Test func aCrashBetweenTheMovesOfATextAndItsSidecarLeavesOneRecord() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "2000"])
        try await Self.crashAndRecover(d, fault: "between-originals:abort") {
            try d.write("story.json", #"{"outlet": "The Test Gazette"}"#)
            try d.write("story.txt", Self.body)
        }
        let records = try d.records()
        #expect(records.count == 1, "\(records.map { "\($0.seq) \($0.kind) \($0.source.path)" })")
        #expect(d.exists(d.state + "/done/story.txt"))
        #expect(d.exists(d.state + "/done/story.json"))
        try await d.stop()
    }

    @Test func anUnsyncedFolderAfterTheMoveIsReportedAndTheDaemonGoesOn() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        d.environment = ["ARTICLED_FAULT": "before-directory-sync:eio"]
        try d.start()
        try d.write("a.txt", Self.body)
        _ = try await d.waitForRecords(1)
        try d.write("b.txt", Self.body + " The second file.")
        _ = try await d.waitForRecords(2)
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
        #expect(try d.records().count == 2)
        #expect(d.daemonLog.contains("fault-injection"))
        try await AttackTests.expectIntact(d)
        try await d.stop()
    }

    @Test(.enabled(if: BackPressureTests.canMount, "needs root and tmpfs mounts"))
    func aCrashInTheMiddleOfACrossFilesystemCopyLeavesNoPartialFileUnderTheFinalName() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        let done = d.state + "/done"
        try FileManager.default.createDirectory(atPath: done, withIntermediateDirectories: true)
        #expect(BackPressureTests.mount(["-t", "tmpfs", "-o", "size=4m", "tmpfs", done]))
        defer { umount2(done, Int32(MNT_DETACH)) }
        try await Self.crashAndRecover(d, fault: "copy-before-rename:abort") { try d.write("a.txt", Self.body) }
        #expect(try d.records().count == 1)
        #expect(try String(contentsOfFile: done + "/a.txt", encoding: .utf8) == Self.body)
        #expect(try FileManager.default.contentsOfDirectory(atPath: done) == ["a.txt"])
        try await d.stop()
    }

    @Test(arguments: ["log-write:eio", "log-fdatasync:eio", "head-write:eio"])
    func aFailingLogStepIsRetriedAndTheFileRecordedOnce(fault: String) async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        d.environment = ["ARTICLED_FAULT": fault]
        try d.start()
        try d.write("a.txt", Self.body)
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
        let records = try d.records()
        #expect(records.count == 1)
        #expect(d.daemonLog.contains("cannot write the log"))
        try await AttackTests.expectIntact(d)
        try await d.stop()
    }

    @Test(arguments: ["log-fdatasync:abort", "head-write:abort"])
    func aCrashInsideTheLogsCommitLeavesOneRecordAfterTheRestart(fault: String) async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        try await Self.crashAndRecover(d, fault: fault) { try d.write("a.txt", Self.body) }
        let records = try d.records()
        #expect(records.count == 1)
        #expect(d.exists(d.state + "/done/a.txt"))
        try await AttackTests.expectIntact(d)
        try await d.stop()
    }

    @Test func aFailedMoveLeavesTheOriginalWhichTheNextStartOnlyMoves() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        d.environment = ["ARTICLED_FAULT": "rename:eio"]
        try d.start()
        try d.write("a.txt", Self.body)
        _ = try await d.waitForRecords(1)
        try await waitUntil("the failed move to be logged") { d.daemonLog.contains("could not move the original") }
        #expect(d.exists(d.incoming + "/a.txt"))
        try await d.stop()
        d.environment = [:]
        try d.start()
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
        #expect(try d.records().count == 1)
        #expect(d.exists(d.state + "/done/a.txt"))
        try await d.stop()
    }
}

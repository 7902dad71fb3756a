import ArticleLog
import ArticledTestSupport
import Foundation
import Glibc
import StatusServer
import Testing

/// The daemon as a user sees it: files in, records out, originals moved. Each test runs its own daemon on its
/// own folders; they are serialized to keep the 2-core CI machine from timing out under load.
@Suite(.serialized)
struct IngestionTests {
    static let article = """
        Harbour Council Approves New Ferry Timetable

        The harbour council voted on Tuesday to add three evening crossings to the island ferry.
        Residents had asked for later boats for more than two years, the council's chair said.
        """

    @Test func aFileWrittenAndClosedBecomesOneArticleAndMovesToDone() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("ferry.txt", Self.article)
        let records = try await d.waitForRecords(1)
        #expect(records.count == 1)
        let r = try #require(records.first)
        #expect(r.kind == .article)
        #expect(r.seq == 1)
        #expect(r.source.name == "ferry.txt")
        #expect(r.source.sha256?.count == 64)
        #expect(r.article?.title == "Harbour Council Approves New Ferry Timetable")
        try await waitUntil("the original to move to done/") { d.exists(d.state + "/done/ferry.txt") }
        #expect(!d.exists(d.incoming + "/ferry.txt"))
        #expect(try await d.stop() == 0)
    }

    @Test func aFileRenamedInFromATemporaryNameIsTakenUnderItsFinalNameOnly() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("report.txt.part", Self.article)
        try d.write("marker.txt", "Marker\n\nA second file proves the daemon has looked at the folder.")
        _ = try await d.waitForRecords(1)
        #expect(d.exists(d.incoming + "/report.txt.part"))
        #expect(rename(d.incoming + "/report.txt.part", d.incoming + "/report.txt") == 0)
        let records = try await d.waitForRecords(2)
        #expect(records.map(\.source.name).sorted() == ["marker.txt", "report.txt"])
        try await d.stop()
    }

    @Test func filesPresentBeforeStartAreTaken() async throws {
        let d = try DaemonHarness()
        try d.write("early-1.txt", Self.article)
        try d.write("early-2.txt", "Another Headline\n\nA different body so that this is not a duplicate.")
        try d.start()
        let records = try await d.waitForRecords(2)
        #expect(Set(records.map(\.kind)) == [.article])
        try await d.stop()
    }

    @Test func aFileInANewSubdirectoryIsTakenWithItsPath() async throws {
        let d = try DaemonHarness()
        try d.start()
        _ = try await d.waitForRecords(0)
        try d.write("2026/11/night.txt", Self.article)
        let records = try await d.waitForRecords(1)
        #expect(records.first?.source.path == "2026/11/night.txt")
        try await waitUntil("the move into done/2026/11") { d.exists(d.state + "/done/2026/11/night.txt") }
        try await d.stop()
    }

    @Test func theSameContentUnderASecondNameIsADuplicateOfTheFirst() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("first.txt", Self.article)
        _ = try await d.waitForRecords(1)
        try d.write("second.txt", Self.article)
        let records = try await d.waitForRecords(2)
        #expect(records[1].kind == .duplicate)
        #expect(records[1].duplicateOf == 1)
        #expect(records[1].article == nil)
        try await waitUntil("both originals in done/") {
            d.exists(d.state + "/done/first.txt") && d.exists(d.state + "/done/second.txt")
        }
        try await d.stop()
    }

    @Test func anEmptyFileIsRejectedAndMovedToFailedWithItsReason() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("empty.txt", "")
        let records = try await d.waitForRecords(1)
        #expect(records[0].kind == .rejected)
        #expect(records[0].reason == "empty file")
        try await waitUntil("empty.txt in failed/") { d.exists(d.state + "/failed/empty.txt.reason") }
        let reason = try String(contentsOfFile: d.state + "/failed/empty.txt.reason", encoding: .utf8)
        #expect(reason == "empty file\n")
        try await d.stop()
    }

    @Test func filesLeftOutByIncludeAndExcludeStayWhereTheyAreWithoutARecord() async throws {
        let d = try DaemonHarness(arguments: ["--workers", "1", "--include", "*.txt", "--exclude", "drafts/**"])
        try d.write("notes.md", "Notes\n\nNot a text file by the include pattern.")
        try d.write("drafts/early.txt", "Early Draft\n\nExcluded by its folder.")
        try d.start()
        try d.write("drafts/late.txt", "Late Draft\n\nExcluded, and written while the daemon runs.")
        try d.write("notes2.md", "More Notes\n\nAlso left alone.")
        try d.write("taken.txt", Self.article)
        let records = try await d.waitForRecords(1)
        #expect(records.map(\.source.path) == ["taken.txt"])
        try await d.stop()
        #expect(try d.records().count == 1)
        for name in ["notes.md", "drafts/early.txt", "drafts/late.txt", "notes2.md"] {
            #expect(d.exists(d.incoming + "/" + name), "\(name) should stay in the drop folder")
        }
    }

    @Test func keepOriginalsPrunesDoneButNotFailedAndStatusCountsIt() async throws {
        let d = try DaemonHarness(arguments: ["--keep-originals", "2s"])
        try d.start()
        try d.write("kept-briefly.txt", Self.article)
        try d.write("empty.txt", "")
        _ = try await d.waitForRecords(2)
        // The record is durable before the original is moved, so "not in done/" alone can hold before the move.
        try await waitUntil("the original to be pruned from done/") {
            let status = try StatusClient.get(socketPath: d.socket, path: "/status")
            return status.body.contains("\"originals_pruned\":1") && !d.exists(d.state + "/done/kept-briefly.txt")
        }
        #expect(d.exists(d.state + "/failed/empty.txt"))
        let status = try await DaemonHarness.runTool(["status", "--json", "--socket", d.socket])
        #expect(status.output.contains("\"originals_pruned\":1"), "\(status.output)")
        try await d.stop()
    }

    @Test func aSavedHTMLPageIsRejectedAsMarkupAndMovedToFailed() async throws {
        let d = try DaemonHarness()
        try d.start()
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><title>Harbour reopens</title></head>
            <body><div class="story"><p>The harbour reopened on Monday after repairs.</p></div></body></html>
            """
        try d.write("page.html", page)
        let records = try await d.waitForRecords(1)
        #expect(records[0].kind == .rejected)
        #expect(records[0].reason == "markup (HTML/XML) is not taken as article text")
        try await waitUntil("page.html in failed/") { d.exists(d.state + "/failed/page.html.reason") }
        try await d.stop()
    }

    @Test func aFIFODoesNotBlockTheDaemon() async throws {
        let d = try DaemonHarness(arguments: ["--workers", "1"])
        try d.start()
        #expect(mkfifo(d.incoming + "/pipe.txt", 0o644) == 0)
        try d.write("after.txt", Self.article)
        let records = try await d.waitForRecords(2)
        let fifo = try #require(records.first { $0.source.name == "pipe.txt" })
        #expect(fifo.kind == .rejected)
        #expect(fifo.reason == "not a regular file (FIFO)")
        #expect(records.contains { $0.source.name == "after.txt" && $0.kind == .article })
        try await d.stop()
    }

    @Test func aSymlinkPointingOutsideIsRejectedAndItsTargetNeverRead() async throws {
        let d = try DaemonHarness()
        let secret = d.root + "/secret.txt"
        try "Private Notes\n\nThese words must never reach the log.".write(
            toFile: secret,
            atomically: true,
            encoding: .utf8
        )
        try d.start()
        #expect(symlink(secret, d.incoming + "/link.txt") == 0)
        let records = try await d.waitForRecords(1)
        #expect(records[0].kind == .rejected)
        #expect(records[0].reason == "symbolic link")
        #expect(records[0].source.sha256 == nil)
        let log = try String(contentsOfFile: d.state + "/log/00000001.jsonl", encoding: .utf8)
        #expect(!log.contains("Private Notes"))
        // A link is never stored as a link: it is removed, and its note is kept in failed/.
        try await waitUntil("the link's note in failed/") { d.exists(d.state + "/failed/link.txt.reason") }
        #expect(!d.exists(d.incoming + "/link.txt"))
        #expect(!d.exists(d.state + "/failed/link.txt"))
        #expect(FileManager.default.fileExists(atPath: secret))
        try await d.stop()
    }

    @Test func aFileDeletedRightAfterItIsWrittenLeavesTheDaemonWorking() async throws {
        let d = try DaemonHarness()
        try d.start()
        for i in 0..<20 {
            try d.write("gone-\(i).txt", "Short Lived \(i)\n\nWritten and deleted at once.")
            unlink(d.incoming + "/gone-\(i).txt")
        }
        try d.write("stays.txt", Self.article)
        let records = try await d.waitForRecords(1)
        try await waitUntil("stays.txt recorded") { try d.records().contains { $0.source.name == "stays.txt" } }
        // A file gone before it was read has no record (nothing was read); one read in time has one.
        let all = try d.records()
        for i in 0..<20 {
            let mine = all.filter { $0.source.name == "gone-\(i).txt" }
            #expect(mine.count <= 1)
            #expect(mine.allSatisfy { $0.kind != .rejected })
        }
        #expect(records.count >= 1)
        #expect(d.isRunning)
        try await d.stop()
    }

    @Test func sigtermFinishesCleanlyWithExitZero() async throws {
        let d = try DaemonHarness()
        try d.start()
        for i in 0..<50 { try d.write("t\(i).txt", "Headline \(i)\n\nBody number \(i) of the shutdown test.") }
        _ = try await d.waitForRecords(1)
        #expect(try await d.stop() == 0)
        // Whatever was recorded has moved; whatever was not is still in the drop folder: nothing lost.
        let recorded = Set(try d.records().map(\.source.name))
        let left = Set(d.incomingFiles())
        #expect(recorded.isDisjoint(with: left))
        #expect(recorded.union(left).count == 50)
        #expect(try await DaemonHarness.runTool(["log", "verify", "--state", d.state]).status == 0)
    }
}

/// The JSON Schema in docs/ is the contract for readers of the log; real output must satisfy it.
@Suite(.serialized)
struct RecordSchemaTests {
    @Test func everyKindOfRecordMatchesTheSchemaInDocs() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("one.txt", IngestionTests.article)
        try d.write("two.txt", IngestionTests.article)
        try d.write("empty.txt", "")
        #expect(mkfifo(d.incoming + "/fifo", 0o644) == 0)
        _ = try await d.waitForRecords(4)
        try await d.stop()
        let kinds = Set(try d.records().map(\.kind))
        #expect(kinds == [.article, .duplicate, .rejected])

        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let checker = try await ChildProcess.running("/usr/bin/env", [
            "python3", "-c",
            """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema)
            bad = 0
            for n, line in enumerate(open(sys.argv[2]), 1):
                for error in validator.iter_errors(json.loads(line)):
                    print(f"line {n}: {error.message}"); bad += 1
            sys.exit(1 if bad else 0)
            """,
            packageRoot + "/docs/record.schema.json",
            d.state + "/log/00000001.jsonl",
        ])
        #expect(checker.status == 0, "\(checker.output)")
    }
}

@Suite(.serialized)
struct WatchRootTests {
    @Test func removingTheDropFolderStopsTheDaemonWithAnErrorInTheLog() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("a.txt", IngestionTests.article)
        _ = try await d.waitForRecords(1)
        try FileManager.default.removeItem(atPath: d.incoming)
        try await waitUntil("the daemon to exit") { !d.isRunning }
        let status = try await d.stop()
        #expect(status != 0)
        #expect(d.daemonLog.contains(d.incoming))
        #expect(d.daemonLog.contains("critical") || d.daemonLog.contains("error"))
    }
}

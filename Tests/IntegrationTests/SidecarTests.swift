import ArticleLog
import Foundation
import Testing

/// A scraper's `NAME.json` sidecar and its `NAME.txt` become one record, whichever arrives first.
@Suite(.serialized)
struct SidecarTests {
    static let sidecar =
        #"{"url": "https://example.invalid/harbour", "outlet": "The Harbour Gazette", "title": "Ferry Timetable Approved"}"#

    @Test func aSidecarWrittenFirstGivesItsHintsToTheArticle() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("story.json", Self.sidecar)
        try d.write("story.txt", IngestionTests.article)
        let records = try await d.waitForRecords(1)
        try await waitUntil("both files in done/") {
            d.exists(d.state + "/done/story.txt") && d.exists(d.state + "/done/story.json")
        }
        #expect(try d.records().count == 1)
        let r = records[0]
        #expect(r.source.name == "story.txt")
        #expect(r.sidecar?.name == "story.json")
        #expect(r.article?.outlet == "The Harbour Gazette")
        #expect(r.article?.title == "Ferry Timetable Approved")
        try await d.stop()
    }

    @Test func theRecordKeepsTheSidecarsURLAndEveryKeyAsRead() async throws {
        let d = try DaemonHarness()
        try d.start()
        let sidecar = #"{"url": "https://example.invalid/harbour", "tags": ["port", "ferry"], "score": 7, "paywall": false, "seen": {"by": "crawler-3"}}"#
        try d.write("keys.json", sidecar)
        try d.write("keys.txt", IngestionTests.article)
        let records = try await d.waitForRecords(1)
        let r = records[0]
        #expect(r.article?.url == "https://example.invalid/harbour")
        let fields = try #require(r.sidecar?.fields)
        #expect(fields["url"] == .string("https://example.invalid/harbour"))
        #expect(fields["tags"] == .array([.string("port"), .string("ferry")]))
        #expect(fields["score"] == .number(7))
        #expect(fields["paywall"] == .bool(false))
        #expect(fields["seen"] == .object(["by": .string("crawler-3")]))
        // The raw line holds the object with sorted keys, a whole number written as one.
        let log = try String(contentsOfFile: d.state + "/log/00000001.jsonl", encoding: .utf8)
        #expect(log.contains(#""fields":{"paywall":false,"score":7,"seen":{"by":"crawler-3"},"tags":["port","ferry"],"url":"https://example.invalid/harbour"}"#))
        try await d.stop()
    }

    @Test func aSidecarArrivingShortlyAfterItsArticleIsStillPaired() async throws {
        // 5 s: on a loaded 2-core host the test's own 300 ms pause can stretch past a shorter wait.
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "5000"])
        try d.start()
        try d.write("late.txt", IngestionTests.article)
        try await Task.sleep(for: .milliseconds(300))
        try d.write("late.json", Self.sidecar)
        let records = try await d.waitForRecords(1)
        try await waitUntil("both files in done/") {
            d.exists(d.state + "/done/late.txt") && d.exists(d.state + "/done/late.json")
        }
        #expect(try d.records().count == 1)
        #expect(records[0].sidecar?.name == "late.json")
        #expect(records[0].article?.outlet == "The Harbour Gazette")
        try await d.stop()
    }

    @Test func aSidecarAloneIsRejectedAfterTheWait() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "200"])
        try d.start()
        try d.write("orphan.json", Self.sidecar)
        let records = try await d.waitForRecords(1)
        #expect(records[0].kind == .rejected)
        #expect(records[0].reason == "metadata sidecar without its article orphan.txt")
        try await waitUntil("the sidecar in failed/") { d.exists(d.state + "/failed/orphan.json") }
        try await d.stop()
    }

    @Test func anArticleWithoutSidecarGoesOnAloneAfterTheWait() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "200"])
        try d.start()
        try d.write("single.txt", IngestionTests.article)
        let records = try await d.waitForRecords(1)
        #expect(records[0].kind == .article)
        #expect(records[0].sidecar == nil)
        try await d.stop()
    }

    @Test func byDefaultATextWaitsForASidecarOnlyInAFolderThatHasHadSidecars() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("feed/first.json", Self.sidecar)
        try d.write("feed/first.txt", IngestionTests.article)
        _ = try await d.waitForRecords(1)
        // The folder has had a sidecar: a text written just before its sidecar waits for it (SidecarPairingTests
        // hold the policy itself; a pause here could outlast the 1 s wait on a loaded host).
        try d.write("feed/second.txt", IngestionTests.article + "\nA second story with its own words.")
        try d.write("feed/second.json", #"{"outlet": "The Second Gazette"}"#)
        let records = try await d.waitForRecords(2)
        let second = try #require(records.first { $0.source.name == "second.txt" })
        #expect(second.sidecar?.name == "second.json")
        #expect(second.article?.outlet == "The Second Gazette")
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
        #expect(try d.records().count == 2)
        try await d.stop()
    }
}

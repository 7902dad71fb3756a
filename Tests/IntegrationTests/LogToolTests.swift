import ArticleLog
import ArticledTestSupport
import Foundation
import Glibc
import Testing

/// `articled log cat` as analysts use it: from a seq, and following new records like tail -f.
@Suite(.serialized)
struct LogToolTests {
    @Test func catFromASeqPrintsThatRecordAndTheOnesAfterIt() async throws {
        let d = try DaemonHarness()
        try d.start()
        for i in 0..<5 { try d.write("c\(i).txt", "Cat \(i)\n\nBody of record \(i).") }
        _ = try await d.waitForRecords(5)
        try await d.stop()
        let result = try await DaemonHarness.runTool(["log", "cat", "--state", d.state, "--from", "3"])
        #expect(result.status == 0)
        let seqs = result.output.split(separator: "\n").compactMap { LogReader.seq(of: Array($0.utf8)) }
        #expect(seqs == [3, 4, 5])
    }

    /// Two outlets, a person named in one article only, and a rejected file: each filter picks what it says.
    @Test func catAndExportPickRecordsByOutletPersonWordsAndKind() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("a.json", #"{"outlet": "Harbour Gazette", "url": "https://gazette.example/a"}"#)
        try d.write(
            "a.txt",
            "Ferry Timetable Approved\n\nMayor Odile Marchetti said the new ferry timetable starts in May, "
                + "with boats every twenty minutes."
        )
        try d.write("b.json", #"{"outlet": "Valley Courier"}"#)
        try d.write("b.txt", "Bridge Repairs Finish Early\n\nThe bridge reopened on Friday, two weeks early, engineers said.")
        try d.write("c.txt", "")
        _ = try await d.waitForRecords(3)
        try await d.stop()

        func seqNames(_ args: [String]) async throws -> [String] {
            let r = try await DaemonHarness.runTool(["log", "cat", "--state", d.state] + args)
            #expect(r.status == 0, "\(r.output)")
            return r.output.split(separator: "\n").compactMap { line in
                (try? JSONDecoder().decode(LogRecord.self, from: Data(line.utf8)))?.source.name
            }
        }
        #expect(try await seqNames(["--outlet", "harbour gazette"]) == ["a.txt"])
        #expect(try await seqNames(["--person", "Marchetti"]) == ["a.txt"])
        #expect(try await seqNames(["--query", "bridge early"]) == ["b.txt"])
        #expect(try await seqNames(["--kind", "rejected"]) == ["c.txt"])
        #expect(try await seqNames(["--since", "2000-01-01", "--kind", "article"]).sorted() == ["a.txt", "b.txt"])
        #expect(try await seqNames(["--until", "2000-01-01"]).isEmpty)

        let csv = try await DaemonHarness.runTool(["log", "export", "--state", d.state, "--outlet", "Harbour Gazette"])
        #expect(csv.status == 0)
        let rows = csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == RecordCSV.columns.joined(separator: ","))
        #expect(rows.count == 2)
        #expect(rows.last?.contains(",article,a.txt,https://gazette.example/a,Ferry Timetable Approved,Harbour Gazette,") == true)
        #expect(rows.last?.contains("Odile Marchetti") == true)

        let bad = try await DaemonHarness.runTool(["log", "export", "--state", d.state, "--since", "last week"])
        #expect(bad.status == 64)
    }

    @Test func configCheckExitsZeroOrSeventyEightAndLogReadsTheStateFolderFromTheSameFile() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("one.txt", "One\n\nA record to find through the configuration file.")
        _ = try await d.waitForRecords(1)
        try await d.stop()
        let good = d.root + "/good.toml"
        try "watch = \"\(d.incoming)\"\nstate = \"\(d.state)\"\n".write(toFile: good, atomically: true, encoding: .utf8)
        let ok = try await DaemonHarness.runTool(["config", "check", "--config", good])
        #expect(ok.status == 0, "\(ok.output)")
        let cat = try await DaemonHarness.runTool(["log", "cat", "--config", good])
        #expect(cat.status == 0)
        #expect(cat.output.contains("one.txt"))

        let bad = d.root + "/bad.toml"
        try "watch = \"\(d.root)/nowhere\"\nstate = \"\(d.state)\"\nworkrs = 2\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try await DaemonHarness.runTool(["config", "check", "--config", bad])
        #expect(refused.status == 78)
        #expect(refused.output.contains("unknown configuration key 'workrs'"))
        #expect(refused.output.contains("nowhere is not an existing folder"))
    }

    @Test func reextractWritesAVerifiableLogWhoseRecordsNameTheirSource() async throws {
        let d = try DaemonHarness(arguments: ["--workers", "1"])
        try d.start()
        try d.write("r1.txt", "Harbour Reopens\n\nThe harbour reopened on Monday after three weeks of repairs.")
        _ = try await d.waitForRecords(1)
        try d.write("r2.txt", "Bridge Closes\n\nThe old bridge closes for a month of repairs from Friday.")
        try d.write("r3.txt", "")
        try d.write("r4.txt", "Market Moves\n\nThe weekly market moves to the square by the station.")
        let original = try await d.waitForRecords(4)
        try await d.stop()
        // A pruned original: its record is skipped and counted.
        let r4 = try #require(original.first { $0.source.name == "r4.txt" })
        try FileManager.default.removeItem(atPath: d.state + "/done/r4.txt")

        let target = d.root + "/again"
        let run = try await DaemonHarness.runTool(["log", "reextract", "--state", d.state, "--to", target])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("reextracted 2 records"))
        #expect(run.output.contains("skipped 1 whose original is gone"))
        let verify = try await DaemonHarness.runTool(["log", "verify", "--state", target])
        #expect(verify.status == 0, "\(verify.output)")
        let cat = try await DaemonHarness.runTool(["log", "cat", "--state", target])
        let again = cat.output.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(LogRecord.self, from: Data($0.utf8))
        }
        #expect(again.map(\.source.name) == ["r1.txt", "r2.txt"])
        for r in again {
            let from = try #require(original.first { $0.seq == r.reextractedFrom })
            #expect(from.source == r.source)
            #expect(from.article?.title == r.article?.title)
        }
        #expect(!again.contains { $0.reextractedFrom == r4.seq })
    }

    @Test func catFollowPrintsRecordsAppendedAfterItStarted() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("first.txt", "First\n\nWritten before the reader starts.")
        _ = try await d.waitForRecords(1)

        let out = d.root + "/follow.out"
        let reader = try ChildProcess(
            DaemonHarness.binary,
            ["log", "cat", "--state", d.state, "--follow"],
            stdout: .appending(out),
            stderr: .null
        )
        defer {
            kill(reader.pid, SIGKILL)
            reader.wait()
        }

        try d.write("second.txt", "Second\n\nWritten while the reader follows.")
        try await waitUntil("the follower to print the second record") {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").count == 2 && text.contains("second.txt")
        }
        try await d.stop()
    }

    @Test func verifyExpectPassesForTheHeadItPrintedAndFailsForAnotherHash() async throws {
        let d = try DaemonHarness()
        try d.start()
        for i in 0..<3 { try d.write("e\(i).txt", "Expect \(i)\n\nBody of anchored record \(i).") }
        _ = try await d.waitForRecords(3)
        try await d.stop()
        let first = try await DaemonHarness.runTool(["log", "verify", "--state", d.state])
        #expect(first.status == 0)
        let headLine = try #require(first.output.split(separator: "\n").first { $0.hasPrefix("head: seq 3 sha256 ") })
        let hash = String(try #require(headLine.split(separator: " ").last))

        let kept = try await DaemonHarness.runTool(["log", "verify", "--state", d.state, "--expect", "3:\(hash)"])
        #expect(kept.status == 0, "\(kept.output)")
        let other = String(repeating: "0", count: 64)
        let rewritten = try await DaemonHarness.runTool(["log", "verify", "--state", d.state, "--expect", "3:\(other)"])
        #expect(rewritten.status == 1)
        #expect(rewritten.output.contains("--expect"))
        #expect(try await DaemonHarness.runTool(["log", "verify", "--state", d.state, "--expect", "3"]).status != 0)
    }
}

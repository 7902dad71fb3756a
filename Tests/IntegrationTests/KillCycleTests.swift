import ArticleLog
import Foundation
import Glibc
import Testing

/// kill -9 at random moments of a burst, again and again, then one clean run: every file has exactly one
/// record, the log verifies, and the drop folder is empty. `make test` runs a few cycles; RELIABILITY_LONG=1
/// runs hundreds.
@Suite(.serialized)
struct KillCycleTests {
    static let long = ProcessInfo.processInfo.environment["RELIABILITY_LONG"] == "1"

    @Test func killNineCyclesDuringABurstLoseAndDoubleNothing() async throws {
        let cycles = Self.long ? 300 : 12
        let perCycle = Self.long ? 40 : 25
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        var generator = SystemRandomNumberGenerator()
        var written = 0
        for _ in 0..<cycles {
            try d.start()
            for _ in 0..<perCycle {
                try d.write("k/\(written).txt", "Cycle Headline \(written)\n\nBody \(written), seen once. \(written * 7919)")
                written += 1
            }
            // Let it get into the burst (at least one new record), then kill it without warning.
            let before = try d.records().count
            _ = try await d.waitForRecords(before + 1, timeout: .seconds(60))
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...30, using: &generator)))
            try await d.stop(signal: SIGKILL)
        }
        try d.start()
        try await waitUntil(timeout: .seconds(120), "the drop folder to empty") { d.incomingFiles().isEmpty }
        try await d.stop()
        let records = try d.records()
        let paths = records.map(\.source.path)
        #expect(records.count == written, "\(records.count) records for \(written) files")
        #expect(Set(paths).count == written)
        #expect(records.allSatisfy { $0.kind == .article })
        #expect(records.map(\.seq) == Array(1...records.count))
        #expect(try await DaemonHarness.runTool(["log", "verify", "--state", d.state]).status == 0)
        let done = FileManager.default.enumerator(atPath: d.state + "/done/k")?.allObjects.count ?? 0
        #expect(done == written)
    }
}

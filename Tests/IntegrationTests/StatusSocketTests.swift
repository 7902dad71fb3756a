import Foundation
import StatusServer
import Testing

/// What an operator sees with `curl --unix-socket … /status` and `articled status`.
@Suite(.serialized)
struct StatusSocketTests {
    @Test func statusHealthAndMetricsAnswerWithTheCountsFromTheLog() async throws {
        let d = try DaemonHarness()
        try d.start()
        try d.write("a.txt", IngestionTests.article)
        try d.write("b.txt", IngestionTests.article)
        try d.write("c.txt", "")
        _ = try await d.waitForRecords(3)
        try await waitUntil("the status socket") { FileManager.default.fileExists(atPath: d.socket) }

        var snapshot: StatusSnapshot?
        try await waitUntil("the counts to reach the status") {
            let reply = try StatusClient.get(socketPath: d.socket, path: "/status")
            snapshot = try JSONDecoder().decode(StatusSnapshot.self, from: Data(reply.body.utf8))
            return reply.status == 200 && snapshot?.counts == .init(articles: 1, duplicates: 1, rejected: 1)
        }
        #expect(snapshot?.state == .running)
        #expect(snapshot?.lastSeq == 3)
        #expect(snapshot?.watch == d.incoming)

        #expect(try StatusClient.get(socketPath: d.socket, path: "/health").status == 200)
        let metrics = try StatusClient.get(socketPath: d.socket, path: "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("articled_files_total"))

        let summary = try await DaemonHarness.runTool(["status", "--socket", d.socket])
        #expect(summary.status == 0)
        #expect(summary.output.contains("1 article, 1 duplicate, 1 rejected"))
        try await d.stop()
        #expect(!FileManager.default.fileExists(atPath: d.socket))
    }

    @Test func statusSaysTheDaemonIsNotRunningWhenTheSocketIsGone() async throws {
        let result = try await DaemonHarness.runTool([
            "status", "--socket", "/tmp/articled-no-such-\(UUID().uuidString).sock",
        ])
        #expect(result.status != 0)
    }
}

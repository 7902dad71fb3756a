import ArticledTestSupport
import Foundation
import Glibc
import Testing

/// What Prometheus sees: every declared series from the start, values that follow the files, and the opt-in TCP
/// listener that answers only /metrics and /health.
@Suite(.serialized)
struct MetricsTests {
    /// A port nothing listens on now: bind port 0, read it, close.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Int32 in
                guard bind(fd, p, length) == 0 else { return -1 }
                return getsockname(fd, p, &length)
            }
        }
        guard bound == 0 else { throw HarnessError("no free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func get(_ url: String) async throws -> (code: String, body: String) {
        let r = try await ChildProcess.running("/usr/bin/curl", ["-s", "-w", "\n%{http_code}", url])
        let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
    }

    @Test func everySeriesIsThereFromStartAndFollowsTheFilesOverTCP() async throws {
        let port = try Self.freePort()
        let d = try DaemonHarness(arguments: ["--metrics-listen", "127.0.0.1:\(port)"])
        try d.start()
        let base = "http://127.0.0.1:\(port)"
        try await waitUntilAsync("the metrics listener") { (try? await Self.get(base + "/health"))?.code == "200" }
        let first = try await Self.get(base + "/metrics")
        #expect(first.code == "200")
        for series in [
            "articled_files_total{outcome=\"article\"} 0", "articled_queue_depth 0", "articled_log_bytes 0",
            "articled_fsync_seconds_count 0", "articled_ingest_latency_seconds_count 0", "articled_build_info{",
        ] {
            #expect(first.body.contains(series), "\(series) missing before the first file")
        }

        try d.write("m.txt", IngestionTests.article)
        _ = try await d.waitForRecords(1)
        try await waitUntilAsync("the counters to move") {
            let body = (try? await Self.get(base + "/metrics"))?.body ?? ""
            return body.contains("articled_files_total{outcome=\"article\"} 1")
                && !body.contains("articled_fsync_seconds_count 0") && !body.contains("articled_log_bytes 0.0")
        }
        // The TCP listener never answers /status: paths and records stay behind the Unix socket's group check.
        #expect(try await Self.get(base + "/status").code == "404")
        try await d.stop()
    }
}

/// `waitUntil` for a condition that has to await.
func waitUntilAsync(
    timeout: Duration = .seconds(30),
    _ what: String,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw HarnessError("timed out after \(timeout) waiting for \(what)")
}

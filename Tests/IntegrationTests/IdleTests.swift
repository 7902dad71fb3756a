import Foundation
import Glibc
import StatusServer
import Testing

/// An idle daemon sleeps in the kernel: no thread of it runs until a file, a signal or a status query comes.
/// (Swift concurrency's default executor on Linux, libdispatch, would wake it once a second for ever.)
@Suite(.serialized)
struct IdleTests {
    /// Each thread's context switches (voluntary and involuntary), by thread id.
    static func contextSwitches(of pid: pid_t) -> [String: Int] {
        let tasks = "/proc/\(pid)/task"
        var counts: [String: Int] = [:]
        for tid in (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? [] {
            guard let status = try? String(contentsOfFile: "\(tasks)/\(tid)/status", encoding: .utf8) else { continue }
            counts[tid] = status.split(separator: "\n").filter { $0.contains("ctxt_switches:") }
                .compactMap { Int($0.split(separator: "\t").last ?? "") }
                .reduce(0, +)
        }
        return counts
    }

    @Test func afterAFileAndAStatusQueryNoThreadWakesUp() async throws {
        let d = try DaemonHarness()
        try d.start()
        // Everything runs once first: the watcher, the workers, the log writer, the mover, the status server.
        try d.write("story.txt", IngestionTests.article)
        _ = try await d.waitForRecords(1)
        try await waitUntil("the original moved to done/") { d.exists(d.state + "/done/story.txt") }
        #expect(try StatusClient.get(socketPath: d.socket, path: "/status").status == 200)
        let pid = try #require(d.pid)
        // A window of five seconds must pass with no thread switched in or out, and no thread started or
        // ended; a periodic timer of up to five seconds fails every window. Three tries leave room for work that
        // was still finishing when the first window opened.
        var wakeUps: [Int] = []
        for _ in 0..<3 {
            let before = Self.contextSwitches(of: pid)
            try await Task.sleep(for: .seconds(5))
            let after = Self.contextSwitches(of: pid)
            let changed = Set(before.keys).symmetricDifference(after.keys).count
                + before.keys.filter { after[$0] != nil && after[$0] != before[$0] }.count
            wakeUps.append(changed)
            if changed == 0 { break }
        }
        #expect(wakeUps.last == 0, "threads woke in every 5 s window: \(wakeUps)")
        try await d.stop()
    }
}

import Foundation
import Glibc
import Testing

/// `systemctl reload` sends SIGHUP: the daemon re-reads its configuration and applies the log level at once.
@Suite(.serialized)
struct ReloadTests {
    @Test func sighupAppliesANewLogLevelFromTheConfigurationFile() async throws {
        let config = "/tmp/articled-reload-\(UUID().uuidString).toml"
        try "log-level = \"warning\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let d = try DaemonHarness(arguments: ["--config", config])
        try d.start()
        try d.write("quiet.txt", IngestionTests.article)
        _ = try await d.waitForRecords(1)
        #expect(!d.daemonLog.contains("quiet.txt"))

        try "log-level = \"info\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(d.pid!, SIGHUP)
        try await waitUntil("the reload to be logged") { d.daemonLog.contains("configuration re-read") }
        try d.write("loud.txt", "Loud Headline\n\nThis one is logged at info level.")
        _ = try await d.waitForRecords(2)
        try await waitUntil("the info line for loud.txt") { d.daemonLog.contains("loud.txt") }
        #expect(d.isRunning)
        try await d.stop()
    }

    @Test func aBrokenConfigurationOnReloadKeepsTheDaemonRunning() async throws {
        let config = "/tmp/articled-reload-\(UUID().uuidString).toml"
        try "log-level = \"info\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let d = try DaemonHarness(arguments: ["--config", config])
        try d.start()
        try d.write("a.txt", IngestionTests.article)
        _ = try await d.waitForRecords(1)
        try "fsync = \"sometimes\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(d.pid!, SIGHUP)
        try await waitUntil("the failed reload to be logged") { d.daemonLog.contains("reload failed") }
        try d.write("b.txt", "Still Working\n\nThe daemon carries on with its old configuration.")
        _ = try await d.waitForRecords(2)
        try await d.stop()
    }

    @Test func sighupAppliesIncludeAndExcludeAndNamesTheKeysThatWaitForARestart() async throws {
        let config = "/tmp/articled-reload-\(UUID().uuidString).toml"
        try "include = [\"*.txt\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let d = try DaemonHarness(arguments: ["--config", config, "--workers", "1"])
        try d.start()
        try d.write("first.md", "Left Alone\n\nNot a .txt file while include says *.txt.")
        try d.write("first.txt", IngestionTests.article)
        _ = try await d.waitForRecords(1)

        try "include = [\"*.md\"]\nqueue-size = 10\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(d.pid!, SIGHUP)
        try await waitUntil("the reload to be logged") { d.daemonLog.contains("configuration re-read") }
        #expect(d.daemonLog.contains("take effect at the next restart"))
        #expect(d.daemonLog.contains("queue-size"))
        try d.write("second.md", "Taken Now\n\nThe reloaded include takes .md files.")
        let records = try await d.waitForRecords(2)
        #expect(records.map(\.source.name) == ["first.txt", "second.md"])
        #expect(d.exists(d.incoming + "/first.md"))
        try await d.stop()
    }
}

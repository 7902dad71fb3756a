import Foundation
import Testing

@testable import ArticleDaemon

/// `config check` names every problem at once, and `config show` says where each setting came from.
struct ConfigurationReportTests {
    static func folder() throws -> String {
        let path = "/tmp/articled-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/incoming", withIntermediateDirectories: true)
        return path
    }

    @Test func everyProblemIsNamedNotOnlyTheFirst() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/bad.toml"
        try """
        watch = "\(root)/missing"
        state = "\(root)/state"
        colour = "blue"
        workers = "many"
        segment-bytes = 10
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let report = ConfigurationReport.make(flags: [:], environment: [:], configFile: file)
        #expect(report.errors.count == 4, "\(report.errors)")
        #expect(report.errors.contains { $0.contains("'colour'") })
        #expect(report.errors.contains { $0.contains("'workers'") })
        #expect(report.errors.contains { $0.contains("segment-bytes") })
        #expect(report.errors.contains { $0.contains("missing is not an existing folder") })
        #expect(report.warnings.contains { $0.contains("does not exist yet") })
    }

    @Test func publishingFilesThatCannotBeReadAreErrorsAndTheNetworkAWarning() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "ca".write(toFile: root + "/ca.pem", atomically: true, encoding: .utf8)
        let report = ConfigurationReport.make(
            flags: [
                "watch": root + "/incoming", "state": root + "/state", "publish-url": "nats://127.0.0.1:4222",
                "publish-tls-ca": root + "/ca.pem", "publish-credentials": root + "/missing.creds",
            ],
            environment: [:],
            configFile: nil
        )
        #expect(report.errors == ["publish-credentials: \(root)/missing.creds is not a readable file"])
        #expect(report.warnings.contains { $0.hasPrefix("publish-url: ") })
    }

    @Test func aWatchFolderInsideTheStateFolderIsAnError() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let report = ConfigurationReport.make(
            flags: ["watch": root + "/incoming", "state": root],
            environment: [:],
            configFile: nil
        )
        #expect(report.errors.contains { $0.contains("outside the state folder") })
    }

    @Test func showSaysWhetherEachValueCameFromTheFileTheEnvironmentAFlagOrTheDefault() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/good.toml"
        try "watch = \"\(root)/incoming\"\nstate = \"\(root)/state\"\nworkers = 3\n".write(
            toFile: file,
            atomically: true,
            encoding: .utf8
        )
        let report = ConfigurationReport.make(
            flags: ["log-level": "debug"],
            environment: ["ARTICLED_WORKERS": "2"],
            configFile: file
        )
        #expect(report.errors.isEmpty, "\(report.errors)")
        let text = report.settingsText
        #expect(text.contains("watch = \"\(root)/incoming\"  # file"))
        #expect(text.contains("workers = 2  # environment"))
        #expect(text.contains("log-level = \"debug\"  # flag"))
        #expect(text.contains("queue-size = 4096  # default"))
    }
}

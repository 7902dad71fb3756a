import Foundation
import Testing

@testable import ArticleDaemon

@Test func flagsWinOverEnvironmentWhichWinsOverTheFile() throws {
    let file = "/tmp/articled-config-\(UUID().uuidString).toml"
    try """
    # a comment
    watch = "/from/file"
    state = "/state/file"
    max-bytes = 100
    workers = 3
    """.write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let config = try DaemonConfiguration.load(
        flags: ["watch": "/from/flag"],
        environment: ["ARTICLED_WATCH": "/from/env", "ARTICLED_MAX_BYTES": "200", "UNRELATED": "x"],
        configFile: file
    )
    #expect(config.watch == "/from/flag")
    #expect(config.maxBytes == 200)
    #expect(config.workers == 3)
    #expect(config.state == "/state/file")
}

@Test func everyKeyHasTheSameSpellingInTheEnvironment() {
    #expect(DaemonConfiguration.environmentName("segment-bytes") == "ARTICLED_SEGMENT_BYTES")
    #expect(DaemonConfiguration.environmentName("watch") == "ARTICLED_WATCH")
}

@Test(arguments: [
    ("fsync", "sometimes"),
    ("max-bytes", "lots"),
    ("log-format", "xml"),
    ("log-level", "loud"),
    ("nonsense", "1"),
    ("publish-url", "http://host:4222"),
    ("publish-replicas", "7"),
    ("publish-subject-prefix", "a.b"),
    ("instance", "edge*"),
    ("publish-stream", "has space"),
    ("publish-tls-cert", "/etc/articled/client.pem"),
])
func invalidValuesAreRefusedWithTheKeyNamed(key: String, value: String) {
    #expect(throws: ConfigurationError.self) {
        try DaemonConfiguration.load(flags: [key: value], environment: [:], configFile: nil)
    }
}

@Test func aStateFolderInsideTheDropFolderIsRefused() {
    #expect(throws: ConfigurationError.self) {
        try DaemonConfiguration.load(
            flags: ["watch": "/a/in", "state": "/a/in/state"],
            environment: [:],
            configFile: nil
        )
    }
}

@Test func aMissingConfigFileIsAnErrorNamingIt() {
    do {
        _ = try DaemonConfiguration.load(flags: [:], environment: [:], configFile: "/nonexistent/articled.toml")
        Issue.record("expected an error")
    } catch {
        #expect(error.description.contains("/nonexistent/articled.toml"))
    }
}

@Test func publishingSettingsReadFromTheFileAsNATSUsersWriteThem() throws {
    let file = "/tmp/articled-config-\(UUID().uuidString).toml"
    try """
    publish-url = ["nats://a:4222", "nats://b:4222"]
    publish-replicas = 3
    publish-stream = "NEWS"
    instance = "edge-7"
    publish-tls-cert = "/etc/articled/client.pem"
    publish-tls-key = "/etc/articled/client.key"
    """.write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let config = try DaemonConfiguration.load(flags: [:], environment: [:], configFile: file)
    #expect(config.publishURL == ["nats://a:4222", "nats://b:4222"])
    #expect(config.publishReplicas == 3)
    #expect(config.publishStream == "NEWS")
    #expect(config.instance == "edge-7")
    #expect(config.publishSubjectPrefix == "articled")
    let flagged = try DaemonConfiguration.load(
        flags: ["publish-url": "nats://c:4222,tls://d:4222"],
        environment: [:],
        configFile: nil
    )
    #expect(flagged.publishURL == ["nats://c:4222", "tls://d:4222"])
    #expect(DaemonConfiguration().publishURL.isEmpty, "publishing is off by default")
}

import Foundation
import Testing

@testable import ArticleDaemon

/// `include` and `exclude`: names at any depth, paths with `*` inside a folder and `**` across folders.
struct PathSelectionTests {
    @Test func aNamePatternMatchesAtAnyDepthAndExclusionsWin() {
        let s = PathSelection(include: ["*.txt"], exclude: ["*draft*"])
        #expect(s.takes("a.txt"))
        #expect(s.takes("feeds/x/2026/b.txt"))
        #expect(!s.takes("a.json"))
        #expect(!s.takes("feeds/draft-1.txt"))
    }

    @Test func aPathPatternKeepsStarInsideAFolderAndDoubleStarCrossesFolders() {
        #expect(PathSelection.matches("feeds/*.txt", "feeds/a.txt"))
        #expect(!PathSelection.matches("feeds/*.txt", "feeds/x/a.txt"))
        #expect(PathSelection.matches("drafts/**", "drafts/x/y/a.txt"))
        #expect(!PathSelection.matches("drafts/**", "final/a.txt"))
    }

    @Test func noPatternTakesEverything() {
        let s = PathSelection()
        #expect(s.takesEverything && s.takes("anything/at/all.bin"))
    }

    @Test func listsComeFromTOMLArraysOrCommaSeparatedFlags() throws {
        let file = "/tmp/articled-select-\(UUID().uuidString).toml"
        try "include = [\"*.txt\", \"feeds/**\"]\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let config = try DaemonConfiguration.load(
            flags: ["exclude": "drafts/**, *.tmp.txt"],
            environment: [:],
            configFile: file
        )
        #expect(config.include == ["*.txt", "feeds/**"])
        #expect(config.exclude == ["drafts/**", "*.tmp.txt"])
        #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.load(flags: ["include": "[abc"], environment: [:], configFile: nil)
        }
    }
}

@Test func metricsListenTakesHostAndPort() throws {
    #expect(MetricsListenerAddress.valid("127.0.0.1:9464"))
    #expect(MetricsListenerAddress.valid("[::1]:9464"))
    #expect(!MetricsListenerAddress.valid("localhost"))
    #expect(!MetricsListenerAddress.valid("127.0.0.1:99999"))
    #expect(throws: ConfigurationError.self) {
        try DaemonConfiguration.load(flags: ["metrics-listen": "9464"], environment: [:], configFile: nil)
    }
}

/// `MetricsListener.split` as the configuration sees it.
enum MetricsListenerAddress {
    static func valid(_ s: String) -> Bool {
        (try? DaemonConfiguration.load(flags: ["metrics-listen": s], environment: [:], configFile: nil)) != nil
    }
}

import Foundation
import Glibc
import Logging
import Testing

@testable import SystemdSupport

struct JournaldLogHandlerTests {
    func event(_ metadata: Logger.Metadata, level: Logger.Level = .info) -> LogEvent {
        LogEvent(
            level: level,
            message: "ingested x.txt",
            metadata: metadata,
            source: nil,
            file: "ArticleDaemon/Pipeline.swift",
            function: "ingest(_:)",
            line: 42
        )
    }

    @Test func wellKnownFieldsComeFirst() {
        let fields = JournaldLogHandler(label: "articled.pipeline").fields(for: self.event([:], level: .warning))
        let names = fields.map(\.name)
        #expect(names.prefix(6) == ["MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC"])
        let values = Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(values["MESSAGE"] == "ingested x.txt")
        #expect(values["PRIORITY"] == "4")
        #expect(values["SYSLOG_IDENTIFIER"] == "articled")
        #expect(values["CODE_FILE"] == "ArticleDaemon/Pipeline.swift")
        #expect(values["CODE_LINE"] == "42")
        #expect(values["CODE_FUNC"] == "ingest(_:)")
        #expect(values["ARTICLED_LOGGER"] == "articled.pipeline")
    }

    @Test func metadataBecomesPrefixedUpperCaseFields() {
        var handler = JournaldLogHandler(label: "articled")
        handler[metadataKey: "source"] = "x.txt"
        let fields = handler.fields(
            for: self.event(["seq": "7", "articled_kind": "article", "sha256": "ab", "odd-key.name": "v"])
        )
        let values = Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(values["ARTICLED_SEQ"] == "7")
        #expect(values["ARTICLED_KIND"] == "article")
        #expect(values["ARTICLED_SOURCE"] == "x.txt")
        #expect(values["ARTICLED_SHA256"] == "ab")
        #expect(values["ARTICLED_ODD_KEY_NAME"] == "v")
    }

    @Test func prioritiesFollowSyslog() {
        #expect(JournaldLogHandler.priority(.critical) == 2)
        #expect(JournaldLogHandler.priority(.error) == 3)
        #expect(JournaldLogHandler.priority(.notice) == 5)
        #expect(JournaldLogHandler.priority(.debug) == 7)
    }

    @Test func handlerHasValueSemantics() {
        var first = Logger(label: "a", factory: { JournaldLogHandler(label: $0) })
        first[metadataKey: "only-on"] = "first"
        var second = first
        second.logLevel = .error
        second[metadataKey: "only-on"] = "second"
        #expect(first.logLevel == .info)
        #expect(first[metadataKey: "only-on"] == "first")
        #expect(second[metadataKey: "only-on"] == "second")
    }
}

struct JSONLogHandlerTests {
    @Test func oneParsableObjectPerLine() throws {
        var handler = JSONLogHandler(label: "articled")
        handler[metadataKey: "seq"] = "7"
        let event = LogEvent(
            level: .error,
            message: "line one\nline \"two\"",
            metadata: ["nested": ["a": "b"]],
            source: "ArticleDaemon",
            file: "F.swift",
            function: "f()",
            line: 3
        )
        let line = handler.line(for: event, time: "2026-11-21T19:30:00.123Z")
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "line one\nline \"two\"")
        #expect(object["level"] as? String == "error")
        #expect(object["line"] as? Int == 3)
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["seq"] as? String == "7")
        #expect((metadata["nested"] as? [String: String])?["a"] == "b")
    }

    @Test func timeIsUTCWithMilliseconds() {
        let time = JSONLogHandler.now()
        #expect(time.count == 24)
        #expect(time.hasSuffix("Z"))
    }
}

struct LoggingSetupTests {
    @Test func journalStreamMatchesOnlyTheSameDeviceAndInode() {
        #expect(LoggingSetup.isJournalStream("8:1234", device: 8, inode: 1234))
        #expect(!LoggingSetup.isJournalStream("8:1234", device: 8, inode: 99))
        #expect(!LoggingSetup.isJournalStream(nil, device: 8, inode: 1234))
        #expect(!LoggingSetup.isJournalStream("garbage", device: 8, inode: 1234))
    }

    @Test func handlersForEachFormat() {
        #expect(LoggingSetup.handler(label: "a", format: .journald) is JournaldLogHandler)
        #expect(LoggingSetup.handler(label: "a", format: .json) is JSONLogHandler)
        #expect(LoggingSetup.handler(label: "a", format: .text) is StreamLogHandler)
        #expect(LogFormat(rawValue: "json") == .json)
    }
}

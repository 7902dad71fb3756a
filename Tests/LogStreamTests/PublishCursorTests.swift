import ArticleLog
import Foundation
import Testing

@testable import LogStream

@Suite struct PublishCursorTests {
    let folder = NSTemporaryDirectory() + "articled-cursor-\(UUID().uuidString.prefix(8))"

    init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

    @Test func aWrittenCursorReadsBackForItsInstanceAndStreamOnly() throws {
        let cursor = PublishCursor(seq: 4711, position: .init(segment: 3, offset: 123_456))
        try PublishCursorFile(stateFolder: folder, instance: "edge-a", stream: "ARTICLED").write(cursor, sync: true)
        #expect(try PublishCursorFile(stateFolder: folder, instance: "edge-a", stream: "ARTICLED").read() == cursor)
        #expect(try PublishCursorFile(stateFolder: folder, instance: "edge-b", stream: "ARTICLED").read() == .start)
        #expect(try PublishCursorFile(stateFolder: folder, instance: "edge-a", stream: "OTHER").read() == .start)
        try FileManager.default.removeItem(atPath: folder)
    }

    @Test func aDamagedCursorIsIgnored() throws {
        let file = try PublishCursorFile(stateFolder: folder, instance: "edge-a", stream: "ARTICLED")
        try file.write(PublishCursor(seq: 99, position: .init(segment: 1, offset: 10)), sync: true)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path)))
        let nine = bytes.firstIndex(of: UInt8(ascii: "9"))!
        bytes[nine] = UInt8(ascii: "8")  // seq 89: the checksum no longer matches
        try Data(bytes).write(to: URL(fileURLWithPath: file.path))
        #expect(file.read() == .start)
        try FileManager.default.removeItem(atPath: folder)
    }
}

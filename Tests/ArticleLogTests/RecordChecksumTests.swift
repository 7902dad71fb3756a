import Testing

@testable import ArticleLog

private func line(reason: String = "too short") -> [UInt8] {
    RecordLine.make(
        seq: 1,
        prev: RecordLine.genesis,
        time: "2026-01-01T00:00:00.000Z",
        kind: .rejected,
        source: SourceInfo(name: "a", path: "a", size: 0, sha256: nil, mtime: nil),
        sidecar: nil,
        duplicateOf: nil,
        nearDuplicateOf: nil,
        reason: reason,
        articleJSON: nil,
        extractor: "articled test"
    )
}

@Test func everyLineEndsWithTheCRC32COfTheBytesBeforeTheMember() throws {
    let bytes = line()
    let text = String(decoding: bytes, as: UTF8.self)
    let member = try #require(text.range(of: ",\"crc32c\":\""))
    #expect(text.hasSuffix("\"}"))
    let body = Array(text[..<member.lowerBound].utf8)
    #expect(text.hasSuffix(",\"crc32c\":\"\(CRC32C.hex(body))\"}"))
    #expect(RecordLine.checksum(of: bytes[...]) == .valid)
}

@Test func oneChangedLetterMakesTheChecksumMismatch() {
    var bytes = line(reason: "too short")
    let at = bytes.firstIndex(of: UInt8(ascii: "t"))!
    bytes[at] = UInt8(ascii: "T")
    guard case .mismatch = RecordLine.checksum(of: bytes[...]) else {
        Issue.record("a changed letter passed the checksum")
        return
    }
}

@Test func aLineWithoutTheMemberIsOldAndOneWithAMangledMemberIsDamaged() {
    let old = Array("{\"seq\":1,\"prev\":\"00\",\"reason\":\"x\"}".utf8)
    #expect(RecordLine.checksum(of: old[...]) == .absent)
    var mangled = line()
    mangled[mangled.count - 3] = UInt8(ascii: "g")  // the last hex digit, no longer hex
    mangled.removeLast(2)
    guard case .mismatch = RecordLine.checksum(of: mangled[...]) else {
        Issue.record("a mangled checksum member passed for an old line")
        return
    }
}

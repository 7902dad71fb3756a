import Testing

@testable import FolderWatch

@Test func validRunsAreKeptAndOtherBytesWrittenAsPercentHex() {
    #expect(UndecodableNames.escaped(Array("caf".utf8) + [0xE9] + Array(".txt".utf8)) == "caf%E9.txt")
    #expect(UndecodableNames.escaped([0xFF, 0xFE]) == "%FF%FE")
    #expect(UndecodableNames.escaped(Array("naïve".utf8)) == "naïve")
    // A truncated multi-byte sequence: its bytes are escaped, the character after it is kept.
    #expect(UndecodableNames.escaped([0xC3, 0x41]) == "%C3A")
}

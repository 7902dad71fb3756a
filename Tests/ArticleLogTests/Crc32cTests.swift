import Testing

@testable import ArticleLog

/// Bit by bit, straight from the definition, to check the table-driven code against.
private func referenceCRC32C(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
    }
    return ~crc
}

@Test func crc32cOfTheStandardCheckStringIsE3069283() {
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    #expect(CRC32C.hex(Array("123456789".utf8)) == "e3069283")
}

@Test func crc32cOfNothingIsZero() {
    #expect(CRC32C.checksum([UInt8]()) == 0)
}

@Test func slicingByEightAgreesWithTheBitwiseDefinitionAtEveryLengthAndAlignment() {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<100).map { _ in UInt8.random(in: 0...255, using: &generator) }
    for start in 0..<8 {
        for end in start...bytes.count {
            let slice = bytes[start..<end]
            #expect(CRC32C.checksum(slice) == referenceCRC32C(Array(slice)), "bytes \(start)..<\(end)")
        }
    }
}

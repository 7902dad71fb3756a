/// CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF), the checksum
/// iSCSI, ext4 and RocksDB use. Every record line carries one so that a changed byte is caught by the line
/// itself, not only by the next record's `prev` (which the last record does not have).
///
/// Slicing-by-8: eight 256-entry tables let the loop take eight bytes per step, which matters for lines that
/// hold a whole article.
public enum CRC32C {
    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        if let crc = bytes.withContiguousStorageIfAvailable({ update(0, $0) }) { return crc }
        return Array(bytes).withUnsafeBufferPointer { update(0, $0) }
    }

    /// The checksum as the log writes it: eight lower-case hex digits.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let crc = checksum(bytes)
        return Hex.encode([24, 16, 8, 0].map { UInt8(truncatingIfNeeded: crc >> $0) })
    }

    /// Continues `crc` (a finished checksum of earlier bytes, 0 for none) over `buffer`.
    static func update(_ crc: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var c = ~crc
        tables.withUnsafeBufferPointer { t in
            var i = 0
            let n = buffer.count
            while n - i >= 8 {
                let lo =
                    c
                    ^ (UInt32(buffer[i]) | UInt32(buffer[i + 1]) << 8 | UInt32(buffer[i + 2]) << 16
                        | UInt32(buffer[i + 3]) << 24)
                let hi =
                    UInt32(buffer[i + 4]) | UInt32(buffer[i + 5]) << 8 | UInt32(buffer[i + 6]) << 16
                    | UInt32(buffer[i + 7]) << 24
                c =
                    t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                i += 8
            }
            while i < n {
                c = t[Int((c ^ UInt32(buffer[i])) & 0xFF)] ^ (c >> 8)
                i += 1
            }
        }
        return ~c
    }

    /// Table k maps a byte to its contribution k bytes further on; table 0 is the classic byte-wise table.
    static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            t[i] = c
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let previous = t[(k - 1) * 256 + i]
                t[k * 256 + i] = (previous >> 8) ^ t[Int(previous & 0xFF)]
            }
        }
        return t
    }()
}

/// Decoding one scalar from UTF-8 bytes, for the byte-level passes (normalisation, tokenisation) that handle
/// ASCII themselves and need a scalar only for the rest.
enum UTF8Scalar {
    /// The scalar value that starts at `i` and its length in bytes. The bytes come from a `String`, so they are
    /// valid UTF-8; a truncated sequence (impossible there) yields U+FFFD and one byte.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let b0 = p[i]
        let n = p.count
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 & 0xE0 == 0xC0, i + 1 < n { return (UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 & 0xF0 == 0xE0, i + 2 < n {
            return (UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < n {
            let high = UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12
            return (high | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }
}

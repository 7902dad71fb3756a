import CUchardet
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The text of a file and the encoding it was read from.
public struct DecodedText: Sendable, Equatable {
    /// The decoded text; bytes that could not be decoded are U+FFFD.
    public var text: String
    /// IANA name of the encoding, lower case ("utf-8", "windows-1251", "utf-16le").
    public var encoding: String
}

/// Turns bytes into text: a byte-order mark wins, then valid UTF-8, then what uchardet guesses, decoded by iconv.
/// Never fails on bad bytes (they become U+FFFD); only data that is not text at all is refused.
public enum TextDecoding {
    /// Decodes `bytes`, or throws `.binary` when they hold NUL or too many control bytes for any text encoding.
    public static func decode(_ bytes: [UInt8]) throws(ExtractionRejection) -> DecodedText {
        // A BOM is the writer's own statement of the encoding; it wins over every guess.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return DecodedText(text: String(decoding: bytes[3...], as: UTF8.self), encoding: "utf-8")
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return DecodedText(text: decodeUTF16(bytes[2...], littleEndian: true), encoding: "utf-16le")
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return DecodedText(text: decodeUTF16(bytes[2...], littleEndian: false), encoding: "utf-16be")
        }
        if let endian = bomlessUTF16(bytes) {
            return DecodedText(
                text: decodeUTF16(bytes[...], littleEndian: endian),
                encoding: endian ? "utf-16le" : "utf-16be"
            )
        }
        if looksBinary(bytes) { throw .binary }
        // The standard library validates strictly (no overlongs, no surrogates) while it builds the string: one
        // pass instead of a check and a copy.
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: text, encoding: "utf-8")
        }
        let charset = detectCharset(bytes)
        if charset == "utf-8" {
            // Mostly UTF-8 with a few broken sequences: the standard library repairs them with U+FFFD.
            return DecodedText(text: String(decoding: bytes, as: UTF8.self), encoding: "utf-8")
        }
        if let text = legacyDecode(bytes, from: charset) {
            return DecodedText(text: text, encoding: charset)
        }
        return DecodedText(text: decodeLatin1(bytes), encoding: "iso-8859-1")
    }

    /// NUL bytes or a large share of C0 control bytes mean binary data, as git and grep judge it.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        // Over the first 4 KiB. Text has few bytes below 0x20 (line feeds, mostly), so a count of those and of
        // NULs, in arithmetic the compiler turns into vector code, settles nearly every file; only when a tenth of
        // the bytes are below 0x20 are the control bytes text may hold (tab, line feed, form feed, carriage
        // return, escape) told apart, byte by byte. (A test per byte with conditions did not vectorise and cost
        // 1% of extraction.)
        return bytes.withUnsafeBufferPointer { p in
            let n = min(p.count, 4096)
            guard n > 0 else { return false }
            var zeros: UInt32 = 0
            var low: UInt32 = 0
            for i in 0..<n {
                let b = UInt32(p[i])
                // 1 when b is 0, and when b is below 0x20: the subtraction wraps into the top bit.
                zeros &+= (b &- 1) >> 31
                low &+= (b &- 0x20) >> 31
            }
            if zeros > 0 { return true }
            guard Int(low) * 10 > n else { return false }
            let allowed: Set<UInt8> = [0x09, 0x0A, 0x0C, 0x0D, 0x1B]
            var controls = 0
            for i in 0..<n where p[i] < 0x20 && !allowed.contains(p[i]) { controls += 1 }
            return controls * 10 > n
        }
    }

    /// UTF-16 without a BOM shows itself as NUL in every other byte of ASCII-heavy text.
    static func bomlessUTF16(_ bytes: [UInt8]) -> Bool? {
        let n = min(bytes.count, 512) & ~1
        guard n >= 8 else { return nil }
        // Counted without branches: every file that is not UTF-16 pays for this test.
        let (evenZero, oddZero) = bytes.withUnsafeBufferPointer { p -> (Int, Int) in
            var even: UInt32 = 0
            var odd: UInt32 = 0
            for i in stride(from: 0, to: n, by: 2) {
                even &+= p[i] == 0 ? 1 : 0
                odd &+= p[i + 1] == 0 ? 1 : 0
            }
            return (Int(even), Int(odd))
        }
        let pairs = n / 2
        if oddZero * 10 >= pairs * 7 && evenZero * 10 <= pairs { return true }
        if evenZero * 10 >= pairs * 7 && oddZero * 10 <= pairs { return false }
        return nil
    }

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        // Transcoded to UTF-8 by hand, then validated as UTF-8: `String(decoding:as: UTF16.self)` takes the
        // standard library's generic path, a witness call per code unit, and doubled the cost of a UTF-16 file.
        // Each unpaired surrogate becomes U+FFFD, as it does there.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 * 3 + 3)
        @inline(__always) func unit(_ i: Int) -> UInt32 {
            let a = UInt32(bytes[i])
            let b = UInt32(bytes[i + 1])
            return littleEndian ? a | b << 8 : a << 8 | b
        }
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            var v = unit(i)
            i += 2
            if v >= 0xD800 && v <= 0xDFFF {
                if v <= 0xDBFF, i + 1 < bytes.endIndex, case let low = unit(i), low >= 0xDC00 && low <= 0xDFFF {
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    i += 2
                } else {
                    v = 0xFFFD
                }
            }
            Normalizer.appendUTF8OrASCII(v, to: &out)
        }
        if i < bytes.endIndex { Normalizer.appendUTF8OrASCII(0xFFFD, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Asks uchardet; maps its answer to a lower-case IANA name iconv accepts. Falls back to windows-1252, the
    /// commonest legacy encoding of Western pages, when it has no opinion.
    static func detectCharset(_ bytes: [UInt8]) -> String {
        // uchardet runs every byte through dozens of language models: 0.15–0.3 µs per byte fed, 500 µs for 3 KiB,
        // more than the rest of the extractor. ASCII says nothing about a legacy charset, so it sees only words
        // that hold non-ASCII bytes, up to 256 bytes. On our test texts (Russian and Ukrainian in five Cyrillic
        // charsets; German, French, Spanish, Italian and Portuguese in three Western ones; Polish, Czech and
        // Hungarian in two Central European ones; Turkish and Greek in two each) its answer at 128 bytes already
        // equals its answer at 3 KiB.
        let sample = nonASCIIWords(bytes, limit: 256)
        var name = ChardetPool.shared.detect(sample) ?? "windows-1252"
        if name.isEmpty { name = "windows-1252" }
        switch name {
        case "ascii": return "windows-1252"
        case "iso-8859-1", "iso-8859-15", "iso-8859-2", "iso-8859-7", "iso-8859-9", "iso-8859-13":
            // C1 bytes (0x80–0x9F) are control codes in ISO-8859, never text; Windows code pages put quotes, dashes
            // and letters there, so a page that has them is in the Windows sibling of the charset uchardet named.
            if bytes.contains(where: { $0 >= 0x80 && $0 <= 0x9F }) { return Self.windowsSibling[name] ?? name }
            return name
        case "koi8-r":
            // uchardet has no KOI8-U model. KOI8-U puts і, ї, є, ґ where KOI8-R has box-drawing characters, which no
            // article contains: their presence means Ukrainian.
            let ukrainian: Set<UInt8> = [0xA4, 0xA6, 0xA7, 0xAD, 0xB4, 0xB6, 0xB7, 0xBD]
            if bytes.contains(where: { ukrainian.contains($0) }) { return "koi8-u" }
            return name
        default: return name
        }
    }

    /// The Windows code page that extends each ISO-8859 charset with printable characters in 0x80–0x9F.
    static let windowsSibling: [String: String] = [
        "iso-8859-1": "windows-1252", "iso-8859-15": "windows-1252", "iso-8859-2": "windows-1250",
        "iso-8859-7": "windows-1253", "iso-8859-9": "windows-1254", "iso-8859-13": "windows-1257",
    ]

    /// The space-separated words of `bytes` that contain a byte ≥ 0x80, joined by spaces.
    static func nonASCIIWords(_ bytes: [UInt8], limit: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count, limit) + 64)
        var start = 0
        var high = false
        var i = 0
        let n = bytes.count
        while i <= n && out.count < limit {
            let b: UInt8 = i < n ? bytes[i] : 0x20
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                if high && i > start {
                    out.append(contentsOf: bytes[start..<i])
                    out.append(0x20)
                }
                start = i + 1
                high = false
            } else if b >= 0x80 {
                high = true
            }
            i += 1
        }
        return out
    }

    /// Decodes a legacy charset to a String. Single-byte charsets (all of windows-125x, KOI8, ISO-8859, IBM866)
    /// go through a 256-entry table that iconv fills once per charset; iconv_open loads a gconv module with dlopen
    /// on every call, which cost more than the rest of decoding. Multi-byte charsets go through iconv.
    static func legacyDecode(_ bytes: [UInt8], from charset: String) -> String? {
        if let table = SingleByteTables.shared.table(for: charset) {
            // Each byte becomes its scalar's UTF-8 form, read whole from the table: at most three bytes per byte,
            // written straight into the string's storage.
            return bytes.withUnsafeBufferPointer { input in
                table.utf8.withUnsafeBufferPointer { forms in
                    String(unsafeUninitializedCapacity: input.count * 3) { out in
                        var o = 0
                        for b in input {
                            if b < 0x80 {
                                out[o] = b
                                o += 1
                                continue
                            }
                            let form = forms[Int(b)]
                            let length = Int(form >> 24)
                            out[o] = UInt8(truncatingIfNeeded: form)
                            out[o + 1] = UInt8(truncatingIfNeeded: form >> 8)
                            out[o + 2] = UInt8(truncatingIfNeeded: form >> 16)
                            o += length
                        }
                        return o
                    }
                }
            }
        }
        return iconvDecode(bytes, from: charset).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Decodes with iconv to UTF-8, turning every byte it cannot convert into U+FFFD and carrying on.
    static func iconvDecode(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", charset.uppercased())
        if cd == nil || Int(bitPattern: cd) == -1 { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 16384)
        input.withUnsafeMutableBufferPointer { inBuf in
            chunk.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                while inLeft > 0 {
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let produced = outBuf.count - outLeft
                    output.append(contentsOf: outBuf[0..<produced])
                    if r == -1 {
                        let e = errno
                        if e == E2BIG { continue }
                        // EILSEQ or EINVAL: one bad byte becomes U+FFFD, then go on after it.
                        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        if inLeft > 0 {
                            inPtr = inPtr.map { $0 + 1 }
                            inLeft -= 1
                        }
                    }
                }
            }
        }
        return output
    }

    static func decodeLatin1(_ bytes: [UInt8]) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(Unicode.Scalar(b)) }
        return String(s)
    }
}

/// uchardet handles kept for reuse: a handle builds its probers on first use, and a reset one is as good as new.
/// A mutex-guarded stack rather than one per thread, because extraction runs on whatever thread the caller has.
final class ChardetPool: Sendable {
    static let shared = ChardetPool()

    /// An owned uchardet handle; only one thread uses it at a time (it is out of the pool while in use).
    struct Handle: @unchecked Sendable {
        let raw: uchardet_t
    }

    private let free = Mutex<[Handle]>([])

    /// The lower-case charset uchardet names for `sample`, or nil when it has no answer.
    func detect(_ sample: [UInt8]) -> String? {
        let taken = free.withLock { $0.popLast() }
        guard let handle = taken ?? uchardet_new().map(Handle.init) else { return nil }
        defer {
            uchardet_reset(handle.raw)
            free.withLock { if $0.count < 64 { $0.append(handle) } else { uchardet_delete(handle.raw) } }
        }
        _ = sample.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { c in uchardet_handle_data(handle.raw, c.baseAddress, c.count) }
        }
        uchardet_data_end(handle.raw)
        guard let c = uchardet_get_charset(handle.raw) else { return nil }
        return String(cString: c).lowercased()
    }
}

/// Byte-to-scalar tables of single-byte charsets, each built once by asking iconv about every byte.
final class SingleByteTables: Sendable {
    static let shared = SingleByteTables()

    /// A charset's bytes as UTF-8: entry b holds the form of the scalar byte b stands for (U+FFFD for bytes the
    /// charset leaves undefined), its bytes from the lowest up and its length in the top byte. Single-byte
    /// charsets map into the Basic Multilingual Plane, so a form has at most three bytes.
    struct Table: Sendable {
        var utf8: [UInt32]

        init(scalars: [UInt32]) {
            utf8 = scalars.map { v in
                var form: [UInt8] = []
                Normalizer.appendUTF8OrASCII(v, to: &form)
                return form.enumerated().reduce(UInt32(form.count) << 24) { $0 | UInt32($1.element) << (8 * $1.offset) }
            }
        }
    }

    /// nil for a charset that is not single-byte (or that iconv does not know).
    private let tables = Mutex<[String: Table?]>([:])

    /// The table for `charset`.
    func table(for charset: String) -> Table? {
        if let known = tables.withLock({ $0[charset] }) { return known }
        let built = Self.build(charset)
        tables.withLock { $0[charset] = built }
        return built
    }

    static func build(_ charset: String) -> Table? {
        let cd = iconv_open("UTF-32LE", charset.uppercased())
        if cd == nil || Int(bitPattern: cd) == -1 { return nil }
        defer { iconv_close(cd) }
        var table = [UInt32](repeating: 0xFFFD, count: 256)
        for b in 0..<256 {
            var input: [UInt8] = [UInt8(b)]
            var output = [UInt8](repeating: 0, count: 16)
            let (r, produced, err): (Int, Int, Int32) = input.withUnsafeMutableBufferPointer { inBuf in
                output.withUnsafeMutableBufferPointer { outBuf in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = 1
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = 16
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    return (r, 16 - outLeft, r == -1 ? errno : 0)
                }
            }
            // Reset the shift state before the next byte.
            _ = iconv(cd, nil, nil, nil, nil)
            if r == -1 {
                // EINVAL: the byte starts a longer sequence, so the charset is not single-byte.
                if err == EINVAL { return nil }
                continue
            }
            // One byte must give exactly one scalar, and ASCII must stay ASCII.
            if produced != 4 { return nil }
            let v = UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16 | UInt32(output[3]) << 24
            // A scalar beyond the Basic Multilingual Plane would need four bytes: iconv's answer for such a
            // charset goes through iconv itself.
            if b < 0x80 && v != UInt32(b) || v > 0xFFFF { return nil }
            table[b] = v
        }
        return Table(scalars: table)
    }
}

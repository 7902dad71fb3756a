import Foundation

/// One line of normalised text and whether a blank line came before it (scrapers mark paragraphs either way).
public struct NormalizedLine: Sendable, Equatable {
    /// The line, trimmed, with runs of spaces folded to one.
    public var text: String
    /// True when one or more blank lines separate this line from the previous one.
    public var blankBefore: Bool
    /// 1-based line number in the decoded text, so that explanations point at the source.
    public var lineNumber: Int
}

/// Cleans decoded text so later stages see one kind of line break, one kind of space and no invisible characters.
/// Typographic quotes and dashes are kept as written: the article's own spelling is the output.
public enum Normalizer {
    /// Splits `text` into non-empty normalised lines.
    public static func lines(_ text: String) -> [NormalizedLine] {
        var bytes = text
        return bytes.withUTF8 { lines(utf8: $0, of: text) }
    }

    /// Works on the UTF-8 bytes: runs of printable ASCII and two-byte letters (Latin, Cyrillic) are copied as
    /// they are, other scalars are decoded only to be classified. Each line is assembled in one scratch buffer;
    /// a line that needed no change is copied out of `text` instead, which skips validating its UTF-8 again.
    static func lines(utf8 p: UnsafeBufferPointer<UInt8>, of text: String) -> [NormalizedLine] {
        let n = p.count
        // The input is valid UTF-8 (it came from a String), so a line never grows: the scratch can be the input's
        // size.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 4) { out in
            var result: [NormalizedLine] = []
            result.reserveCapacity(n / 64 + 1)
            var o = 0
            var lineNumber = 1
            var blankSeen = false
            var pendingSpace = false
            var needsNFC = false
            var previousWasCR = false
            // Where the line's first kept byte is in the input, and whether anything between it and the last kept
            // byte was dropped or changed.
            var start = 0
            var end = 0
            var changed = false

            /// Before a kept piece at input byte `x`: the space folded from the white space before it, and whether
            /// the line still equals its input bytes (one plain space between pieces, nothing dropped).
            @inline(__always)
            func keep(at x: Int) {
                if o == 0 {
                    start = x
                } else if pendingSpace ? (x != end + 1 || p[end] != 0x20) : x != end {
                    changed = true
                }
                if pendingSpace {
                    out[o] = 0x20
                    o += 1
                    pendingSpace = false
                }
            }

            func flush() {
                if o > 0 {
                    var s: String
                    let u = text.utf8
                    // The input's own bytes, sliced on scalar boundaries (not rounded to characters: a line may
                    // start with a combining mark).
                    if !changed && end - start == o,
                        let same = String(u[u.index(u.startIndex, offsetBy: start)..<u.index(u.startIndex, offsetBy: end)])
                    {
                        s = same
                    } else {
                        s = String(decoding: UnsafeBufferPointer(rebasing: out[0..<o]), as: UTF8.self)
                    }
                    if needsNFC { s = s.precomposedStringWithCanonicalMapping }
                    result.append(
                        NormalizedLine(text: s, blankBefore: blankSeen && !result.isEmpty, lineNumber: lineNumber)
                    )
                    blankSeen = false
                } else {
                    blankSeen = true
                }
                o = 0
                pendingSpace = false
                needsNFC = false
                changed = false
            }

            var i = 0
            while i < n {
                let b0 = p[i]
                if Self.isPlain(b0) && (b0 < 0x80 || i + 1 < n) {
                    // A stretch of printable ASCII and two-byte letters (Latin-1 to spacing modifiers, U+00C0–
                    // U+02FF, and basic Cyrillic, U+0400–U+047F: nothing to drop, fold or compose), with the single
                    // spaces between its words: copied as it is, in one piece.
                    keep(at: i)
                    var j = i
                    while j < n {
                        let b = p[j]
                        if b >= 0x21 && b < 0x7F {
                            j += 1
                            // Then eight bytes at a time while they are plain ASCII words.
                            while j + 8 <= n,
                                Self.isPlainASCII(UnsafeRawPointer(p.baseAddress! + j).loadUnaligned(as: UInt64.self))
                            {
                                j += 8
                            }
                        } else if b >= 0xC3 && b <= 0xD1 && (b <= 0xCB || b >= 0xD0) && j + 1 < n {
                            j += 2
                        } else if b == 0x20 && j + 1 < n && Self.isPlain(p[j + 1]) {
                            j += 1
                        } else {
                            break
                        }
                    }
                    (out.baseAddress! + o).update(from: p.baseAddress! + i, count: j - i)
                    o += j - i
                    i = j
                    end = j
                    previousWasCR = false
                    continue
                }
                if b0 == 0x20 {
                    if o > 0 { pendingSpace = true }
                    previousWasCR = false
                    i += 1
                    continue
                }
                let (v, len) = UTF8Scalar.decode(p, at: i)
                let first = i
                i += len
                if v == 0x0A && previousWasCR {
                    previousWasCR = false
                    continue
                }
                previousWasCR = v == 0x0D
                switch v {
                case 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                    flush()
                    lineNumber += 1
                    continue
                case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                    if o > 0 { pendingSpace = true }
                    continue
                case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064,
                    0x2066...0x2069, 0xFEFF, 0xFFF9...0xFFFB:
                    // Invisible and control characters carry nothing a reader sees.
                    continue
                default:
                    break
                }
                keep(at: first)
                end = i
                if v >= 0x300 && !needsNFC, let scalar = Unicode.Scalar(v), mayChangeUnderNFC(scalar) {
                    needsNFC = true
                }
                if v == 0xFFFD && len != 3 {
                    // A stray byte, impossible in a String's bytes; U+FFFD takes three, so only where there is room.
                    changed = true
                    guard o + 3 <= out.count else { continue }
                    out[o] = 0xEF
                    out[o + 1] = 0xBF
                    out[o + 2] = 0xBD
                    o += 3
                } else {
                    (out.baseAddress! + o).update(from: p.baseAddress! + first, count: len)
                    o += len
                }
            }
            flush()
            return result
        }
    }

    /// Eight bytes (in memory order, little-endian) that the byte loop would copy one by one: printable ASCII, no
    /// two spaces together and no space last (a space is copied only before a plain byte). Tested on the word at
    /// once; the tests are exact because every byte is first checked to be below 0x80, so nothing carries.
    @inline(__always)
    static func isPlainASCII(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        guard w & high == 0 else { return false }
        // A byte below 0x20 borrows into its high bit; 0x7F carries into it.
        guard (w &- ones &* 0x20) & ~w & high == 0, (w &+ ones) & high == 0 else { return false }
        // The high bit of each byte that is a space.
        let x = w ^ (ones &* 0x20)
        let spaces = ~((((x & ~high) &+ ~high) | x)) & high
        return spaces & (spaces >> 8) == 0 && spaces >> 63 == 0
    }

    /// A byte that starts printable ASCII or a two-byte letter the normaliser copies as it is.
    @inline(__always)
    static func isPlain(_ b: UInt8) -> Bool {
        (b >= 0x21 && b < 0x7F) || (b >= 0xC3 && b <= 0xCB) || b == 0xD0 || b == 0xD1
    }

    /// Combining marks and Hangul jamo are what NFC composes; everything else is already composed.
    @inline(__always)
    static func mayChangeUnderNFC(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        // Cyrillic letters, Latin-1 and general punctuation never change; only look up the rest.
        if (v >= 0x400 && v <= 0x482) || (v >= 0x48A && v <= 0x52F) || (v >= 0x2000 && v <= 0x20CF) { return false }
        if v >= 0x1100 && v <= 0x11FF { return true }
        if v >= 0x2126 && v <= 0x212B { return true }
        return s.properties.canonicalCombiningClass != .notReordered
            || (v >= 0x0900 && v <= 0x0DFF && s.properties.generalCategory == .spacingMark)
    }

    @inline(__always)
    static func appendUTF8(_ v: UInt32, to buffer: inout [UInt8]) {
        if v < 0x800 {
            buffer.append(UInt8(0xC0 | (v >> 6)))
            buffer.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            buffer.append(UInt8(0xE0 | (v >> 12)))
            buffer.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            buffer.append(UInt8(0xF0 | (v >> 18)))
            buffer.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

extension Normalizer {
    /// Appends the UTF-8 encoding of any scalar value.
    @inline(__always)
    static func appendUTF8OrASCII(_ v: UInt32, to buffer: inout [UInt8]) {
        if v < 0x80 {
            buffer.append(UInt8(v))
        } else {
            appendUTF8(v, to: &buffer)
        }
    }
}

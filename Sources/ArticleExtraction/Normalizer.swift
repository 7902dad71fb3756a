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
        var text = text
        return text.withUTF8 { lines(utf8: $0) }
    }

    /// Works on the UTF-8 bytes: ASCII is handled byte by byte, other scalars are decoded only to be classified
    /// and then copied as they are.
    static func lines(utf8 p: UnsafeBufferPointer<UInt8>) -> [NormalizedLine] {
        var result: [NormalizedLine] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        var lineNumber = 1
        var blankSeen = false
        var pendingSpace = false
        var needsNFC = false
        var previousWasCR = false

        func flush() {
            if !buffer.isEmpty {
                var s = String(decoding: buffer, as: UTF8.self)
                if needsNFC { s = s.precomposedStringWithCanonicalMapping }
                result.append(
                    NormalizedLine(text: s, blankBefore: blankSeen && !result.isEmpty, lineNumber: lineNumber)
                )
                blankSeen = false
            } else {
                blankSeen = true
            }
            buffer.removeAll(keepingCapacity: true)
            pendingSpace = false
            needsNFC = false
        }

        let n = p.count
        var i = 0
        while i < n {
            let b0 = p[i]
            if b0 >= 0x21 && b0 < 0x7F {
                if pendingSpace {
                    buffer.append(0x20)
                    pendingSpace = false
                }
                buffer.append(b0)
                previousWasCR = false
                i += 1
                continue
            }
            let (v, len) = UTF8Scalar.decode(p, at: i)
            let start = i
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
                if !buffer.isEmpty { pendingSpace = true }
                continue
            case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064,
                0x2066...0x2069, 0xFEFF, 0xFFF9...0xFFFB:
                // Invisible and control characters carry nothing a reader sees.
                continue
            default:
                break
            }
            if pendingSpace {
                buffer.append(0x20)
                pendingSpace = false
            }
            if v >= 0x300 && !needsNFC, let scalar = Unicode.Scalar(v), mayChangeUnderNFC(scalar) { needsNFC = true }
            if v == 0xFFFD && len != 3 {
                buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])
            } else {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i]))
            }
        }
        flush()
        return result
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

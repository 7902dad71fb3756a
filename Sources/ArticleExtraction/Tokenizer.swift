/// Splits text into lower-case words without Foundation, because every block is tokenised once and the extractor
/// must keep up with 20 MB/s.
public enum Tokenizer {
    /// Lower-case words: runs of letters and digits, with inner apostrophes and hyphens kept ("don't",
    /// "ukraine-russia"). "©" counts as a word so that lexicons can name it.
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var pendingJoiner: Unicode.Scalar? = nil
        for s in text.unicodeScalars {
            if isWordScalar(s) {
                if let j = pendingJoiner, !current.isEmpty { current.append(j) }
                pendingJoiner = nil
                appendLowercased(s, to: &current)
            } else if (s == "'" || s == "\u{2019}" || s == "-") && !current.isEmpty && pendingJoiner == nil {
                pendingJoiner = s == "\u{2019}" ? "'" : s
            } else {
                pendingJoiner = nil
                if !current.isEmpty {
                    result.append(String(current))
                    current = String.UnicodeScalarView()
                }
                if s == "©" { result.append("©") }
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    /// Letters, digits and combining marks form words.
    @inline(__always)
    public static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        if v >= 0x0400 && v <= 0x04FF { return true }
        if v >= 0xC0 && v <= 0x24F { return v != 0xD7 && v != 0xF7 }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    @inline(__always)
    static func appendLowercased(_ s: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = s.value
        if v >= 0x41 && v <= 0x5A {
            out.append(Unicode.Scalar(v + 32)!)
        } else if v < 0x80 {
            out.append(s)
        } else if v >= 0x410 && v <= 0x42F {
            out.append(Unicode.Scalar(v + 32)!)
        } else if v >= 0x400 && v <= 0x40F {
            out.append(Unicode.Scalar(v + 80)!)
        } else if v >= 0xC0 && v <= 0xDE && v != 0xD7 {
            out.append(Unicode.Scalar(v + 32)!)
        } else if (v >= 0xDF && v <= 0xFF) || (v >= 0x430 && v <= 0x45F) {
            out.append(s)
        } else if s.properties.isUppercase {
            out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        } else {
            out.append(s)
        }
    }

    /// True when the scalar is an upper-case letter.
    @inline(__always)
    public static func isUpper(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v >= 0x400 && v <= 0x42F { return true }
        if v >= 0x430 && v <= 0x45F { return false }
        return s.properties.isUppercase
    }
}

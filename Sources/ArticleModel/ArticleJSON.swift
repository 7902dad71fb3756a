/// Writes an `Article` as the bytes Foundation's `JSONEncoder` gives with `[.sortedKeys, .withoutEscapingSlashes]`
/// (what records have always held), without going through `Encoder`: a fifth of `articled extract`'s time was
/// spent there. Keys in sorted order, every field written (unknown values as `null`), strings escaped as
/// JSONEncoder escapes them. Tests hold it to JSONEncoder's bytes, so a field added to `Article` without being
/// added here fails them.
package enum ArticleJSON {
    package static func encode(_ a: Article) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + a.body.reduce(0) { $0 + $1.utf8.count + 3 })
        out += Array("{\"body\":".utf8)
        strings(a.body, &out)
        out += Array(",\"boilerplate\":[".utf8)
        for (i, block) in a.boilerplate.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"reason\":".utf8)
            string(block.reason, &out)
            out += Array(",\"text\":".utf8)
            string(block.text, &out)
            out.append(UInt8(ascii: "}"))
        }
        out += Array("],\"byline\":".utf8)
        strings(a.byline, &out)
        out += Array(",\"captions\":".utf8)
        strings(a.captions, &out)
        out += Array(",\"credits\":".utf8)
        strings(a.credits, &out)
        out += Array(",\"encoding\":".utf8)
        string(a.encoding, &out)
        out += Array(",\"language\":".utf8)
        optional(a.language, &out)
        out += Array(",\"organizations\":".utf8)
        entities(a.organizations, &out)
        out += Array(",\"outlet\":".utf8)
        optional(a.outlet, &out)
        out += Array(",\"people\":".utf8)
        entities(a.people, &out)
        out += Array(",\"places\":".utf8)
        entities(a.places, &out)
        out += Array(",\"published\":".utf8)
        optional(a.published, &out)
        out += Array(",\"quotes\":[".utf8)
        for (i, quote) in a.quotes.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"speaker\":".utf8)
            optional(quote.speaker, &out)
            out += Array(",\"text\":".utf8)
            string(quote.text, &out)
            out.append(UInt8(ascii: "}"))
        }
        out += Array("],\"simhash\":".utf8)
        optional(a.simhash, &out)
        out += Array(",\"standfirst\":".utf8)
        optional(a.standfirst, &out)
        out += Array(",\"title\":".utf8)
        optional(a.title, &out)
        out += Array(",\"updated\":".utf8)
        optional(a.updated, &out)
        out += Array(",\"url\":".utf8)
        optional(a.url, &out)
        out += Array(",\"word_count\":\(a.wordCount)}".utf8)
        return out
    }

    private static func entities(_ list: [Entity], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, e) in list.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"aliases\":".utf8)
            strings(e.aliases, &out)
            out += Array(",\"mentions\":\(e.mentions),\"name\":".utf8)
            string(e.name, &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func strings(_ list: [String], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, s) in list.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(s, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func optional(_ s: String?, _ out: inout [UInt8]) {
        if let s { string(s, &out) } else { out += Array("null".utf8) }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// JSONEncoder's escaping: `"` and `\`, the short forms \b \f \n \r \t, `\u00XX` for other control
    /// characters; everything else (slashes included, with `.withoutEscapingSlashes`) as UTF-8.
    package static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                switch byte {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x08: out += [0x5C, UInt8(ascii: "b")]
                case 0x0C: out += [0x5C, UInt8(ascii: "f")]
                case 0x0A: out += [0x5C, UInt8(ascii: "n")]
                case 0x0D: out += [0x5C, UInt8(ascii: "r")]
                case 0x09: out += [0x5C, UInt8(ascii: "t")]
                default: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

import Foundation
import Testing

@testable import ArticleExtraction

@Suite("Decoding")
struct DecodingTests {
    static let russian =
        "Совет города в четверг утвердил план ремонта старого моста через реку. Работы начнутся весной и продлятся почти два года, сообщили в администрации."
    static let ukrainian =
        "Міська рада у четвер затвердила план ремонту старого мосту через річку. Роботи почнуться навесні й триватимуть майже два роки, повідомили в адміністрації."
    static let french =
        "Le conseil municipal a approuvé jeudi la rénovation du vieux pont. Les travaux commenceront au printemps et dureront près de deux ans, a précisé la mairie."
    static let german =
        "Der Stadtrat hat am Donnerstag die Sanierung der alten Brücke beschlossen. Die Arbeiten beginnen im Frühjahr und dauern fast zwei Jahre, teilte die Verwaltung mit."

    static let polish =
        "Rada miejska zdecydowała w czwartek, że nowy most zostanie zbudowany do końca przyszłego roku. „To dobra wiadomość” – powiedział burmistrz, a żeglarze z klubu zapytali, czy łodzie przepłyną pod mostem."
    static let turkish =
        "Belediye meclisi perşembe günü yeni köprünün gelecek yılın sonuna kadar inşa edileceğine karar verdi. “Bu iyi bir haber” dedi başkan; dükkân sahipleri ise müşteri kaybetmekten korkuyor."
    static let greek =
        "Το δημοτικό συμβούλιο αποφάσισε την Πέμπτη ότι η νέα γέφυρα θα κατασκευαστεί έως το τέλος του επόμενου έτους. “Είναι καλά νέα” είπε ο δήμαρχος."

    @Test(
        "legacy encodings are detected and decoded",
        arguments: [
            (russian, "ISO-8859-5", "iso-8859-5"),
            (russian, "IBM866", "ibm866"),
            (ukrainian, "KOI8-U", "koi8-u"),
            (polish, "WINDOWS-1250", "windows-1250"),
            (polish.replacingOccurrences(of: "„", with: "\"").replacingOccurrences(of: "”", with: "\"")
                .replacingOccurrences(of: "–", with: "-"), "ISO-8859-2", "iso-8859-2"),
            (turkish, "WINDOWS-1254", "windows-1254"),
            (greek, "WINDOWS-1253", "windows-1253"),
            (russian, "WINDOWS-1251", "windows-1251"),
            (russian, "KOI8-R", "koi8-r"),
            (ukrainian, "WINDOWS-1251", "windows-1251"),
            (french, "ISO-8859-1", "iso-8859-1"),
            (german, "ISO-8859-1", "iso-8859-1"),
            ("\u{201C}Quoted,\u{201D} she said \u{2014} and left. " + french, "WINDOWS-1252", "windows-1252"),
        ]
    )
    func legacy(text: String, charset: String, expected: String) throws {
        let decoded = try TextDecoding.decode(encode(text, as: charset))
        #expect(decoded.text == text)
        #expect(
            decoded.encoding == expected
                || (expected.hasPrefix("iso-8859") && decoded.encoding.hasPrefix("windows-125"))
        )
    }

    @Test(
        "byte-order marks win",
        arguments: [
            ("UTF-16LE", [0xFF, 0xFE] as [UInt8], "utf-16le"), ("UTF-16BE", [0xFE, 0xFF], "utf-16be"),
            ("UTF-8", [0xEF, 0xBB, 0xBF], "utf-8"),
        ]
    )
    func bom(charset: String, bom: [UInt8], expected: String) throws {
        let decoded = try TextDecoding.decode(bom + encode(Self.russian, as: charset))
        #expect(decoded.text == Self.russian)
        #expect(decoded.encoding == expected)
    }

    @Test("valid UTF-8 stays UTF-8")
    func utf8() throws {
        let decoded = try TextDecoding.decode(Array(Self.ukrainian.utf8))
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.text == Self.ukrainian)
    }

    @Test(
        "undecodable bytes become U+FFFD, never a crash",
        arguments: [
            [0x41, 0xC3, 0x28, 0x42] as [UInt8], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xFF, 0xFF, 0x41, 0x80, 0x80],
            [0xED, 0xA0, 0x80],
        ]
    )
    func broken(bytes: [UInt8]) throws {
        let decoded = try TextDecoding.decode(bytes + Array(" plain text after the damage".utf8))
        #expect(decoded.text.hasSuffix("plain text after the damage"))
    }

    @Test("binary data is refused")
    func binary() {
        #expect(throws: ExtractionRejection.binary) {
            try TextDecoding.decode([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00])
        }
        #expect(throws: ExtractionRejection.binary) { try TextDecoding.decode([UInt8](repeating: 0x01, count: 64)) }
    }

    @Test("white space only is no text")
    func empty() {
        #expect(throws: ExtractionRejection.noText) { try Extractor().extract(Array(" \r\n\t\u{A0}\n".utf8)) }
        #expect(throws: ExtractionRejection.noText) { try Extractor().extract([]) }
    }
}

@Suite("Normalisation")
struct NormalizerTests {
    @Test(
        "line endings, spaces and invisible characters",
        arguments: [
            ("one\r\ntwo\rthree\nfour", ["one", "two", "three", "four"]),
            ("non\u{A0}breaking\u{2009}thin  double\tspace", ["non breaking thin double space"]),
            ("zero\u{200B}width\u{FEFF} soft\u{AD}hyphen", ["zerowidth softhyphen"]),
            ("control\u{07}\u{1B}chars\u{0}", ["controlchars"]),
            ("  trimmed  \n\n\n  lines ", ["trimmed", "lines"]),
            ("e\u{301}te\u{301}", ["\u{E9}t\u{E9}"]),
            (
                "\u{201C}curly\u{201D} \u{AB}guillemets\u{BB} \u{2018}single\u{2019}",
                ["\u{201C}curly\u{201D} \u{AB}guillemets\u{BB} \u{2018}single\u{2019}"]
            ),
        ]
    )
    func normalises(input: String, expected: [String]) {
        let lines = Normalizer.lines(input).map(\.text)
        #expect(lines == expected)
        #expect(lines.allSatisfy { $0.unicodeScalars.elementsEqual($0.precomposedForTest.unicodeScalars) })
    }

    /// The same normalisation written scalar by scalar with the standard library, to hold the byte loop to.
    static func reference(_ text: String) -> [NormalizedLine] {
        let breaks: Set<UInt32> = [0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029]
        var lines: [[Unicode.Scalar]] = [[]]
        var previousCR = false
        for s in text.unicodeScalars {
            if s.value == 0x0A && previousCR {
                previousCR = false
                continue
            }
            previousCR = s.value == 0x0D
            if breaks.contains(s.value) { lines.append([]) } else { lines[lines.count - 1].append(s) }
        }
        var result: [NormalizedLine] = []
        var blank = false
        for (k, line) in lines.enumerated() {
            var out = String.UnicodeScalarView()
            var space = false
            for s in line {
                let v = s.value
                let isSpace = v == 0x09 || v == 0x20 || v == 0xA0 || v == 0x1680 || (0x2000...0x200A).contains(v)
                    || v == 0x202F || v == 0x205F || v == 0x3000
                let invisible = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xAD || v == 0x200B || v == 0x200E
                    || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2060...0x2064).contains(v)
                    || (0x2066...0x2069).contains(v) || v == 0xFEFF || (0xFFF9...0xFFFB).contains(v)
                if isSpace {
                    space = !out.isEmpty
                } else if !invisible {
                    if space { out.append(" ") }
                    space = false
                    out.append(s)
                }
            }
            if out.isEmpty {
                blank = true
                continue
            }
            let text = String(out).precomposedStringWithCanonicalMapping
            result.append(NormalizedLine(text: text, blankBefore: blank && !result.isEmpty, lineNumber: k + 1))
            blank = false
        }
        return result
    }

    @Test("the byte loop equals the scalar-by-scalar definition on fixtures and random text")
    func differential() throws {
        var texts: [String] = []
        for url in try FileManager.default.contentsOfDirectory(at: fixturesURL, includingPropertiesForKeys: nil)
        where url.pathExtension == "txt" {
            texts.append(try TextDecoding.decode([UInt8](Data(contentsOf: url))).text)
        }
        var rng = SplitMix(seed: 11)
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", " ", "\t", "\n", "\r", "\u{0B}", "\u{85}", "\u{2028}", "\u{A0}", "\u{2009}", "\u{200B}", "\u{AD}",
            "\u{FEFF}", "\u{07}", "é", "e", "\u{301}", "Ж", "\u{483}", "ї", "ǅ", "\u{1100}", "\u{1161}", "中", "😀", "«",
            "\u{2019}", ".", "\u{308}",
        ]
        for _ in 0..<2000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 24) { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            texts.append(String(s))
        }
        for text in texts {
            let fast = Normalizer.lines(text)
            let slow = Self.reference(text)
            // Bytes, not String equality (which holds for canonically equivalent texts).
            #expect(
                fast.map { Array($0.text.utf8) } == slow.map { Array($0.text.utf8) } && fast == slow,
                "\(text.unicodeScalars.map { String($0.value, radix: 16) })"
            )
        }
    }

    @Test("blank lines are remembered as paragraph breaks")
    func blanks() {
        let lines = Normalizer.lines("a\n\nb\nc")
        #expect(lines.map(\.blankBefore) == [false, true, false])
        #expect(lines.map(\.lineNumber) == [1, 3, 4])
    }
}

extension String {
    var precomposedForTest: String { self.precomposedStringWithCanonicalMapping }
}

extension DecodingTests {
    @Test("UTF-16 is transcoded as the standard library does it, lone surrogates and an odd last byte included")
    func utf16Differential() {
        var rng = SplitMix(seed: 16)
        let units: [UInt16] = [0x41, 0x20, 0xE9, 0x416, 0x4E2D, 0xD83D, 0xDE00, 0xDC00, 0xD800, 0xFFFD, 0xFEFF, 0x0A]
        for _ in 0..<2000 {
            let sample = (0..<Int(rng.next() % 24)).map { _ in units[Int(rng.next() % UInt64(units.count))] }
            for littleEndian in [true, false] {
                var bytes: [UInt8] = sample.flatMap {
                    littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)]
                }
                var expected = String(decoding: sample, as: UTF16.self)
                if rng.next() % 4 == 0 {
                    bytes.append(0x41)
                    expected += "\u{FFFD}"
                }
                let decoded = TextDecoding.decodeUTF16(bytes[...], littleEndian: littleEndian)
                #expect(Array(decoded.utf8) == Array(expected.utf8), "\(sample) \(littleEndian)")
            }
        }
    }
}

extension DecodingTests {
    @Test(
        "single-byte charsets decode every byte as iconv does",
        arguments: [
            "windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254", "windows-1257", "koi8-r",
            "koi8-u", "iso-8859-1", "iso-8859-2", "iso-8859-5", "iso-8859-7", "iso-8859-15", "ibm866",
        ]
    )
    func singleByteTables(charset: String) throws {
        // Every byte value, each alone between spaces and all of them in a row, against iconv's own answer (an
        // undefined byte is U+FFFD in both).
        var bytes: [UInt8] = Array(0...255)
        for b in 0...255 { bytes += [0x20, UInt8(b), 0x20] }
        #expect(SingleByteTables.shared.table(for: charset) != nil)
        let viaTable = try #require(TextDecoding.legacyDecode(bytes, from: charset))
        let viaIconv = try #require(TextDecoding.iconvDecode(bytes, from: charset))
        #expect(Array(viaTable.utf8) == viaIconv)
    }

    @Test("the counting binary test agrees with a byte-by-byte reading")
    func binaryDifferential() {
        var rng = SplitMix(seed: 20)
        let alphabet: [UInt8] = [0x00, 0x01, 0x07, 0x09, 0x0A, 0x0C, 0x0D, 0x1B, 0x1F, 0x20, 0x41, 0x7F, 0xC3, 0xFF]
        for _ in 0..<3000 {
            let count = Int(rng.next() % 64)
            // Mostly text, with a varying share of control bytes and the odd NUL.
            let controlShare = rng.next() % 40
            var bytes: [UInt8] = (0..<count).map { _ in
                rng.next() % 100 < controlShare ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : 0x61
            }
            // A third look like UTF-16 of either order: NUL in most odd or most even positions.
            if rng.next() % 3 == 0 {
                let phase = Int(rng.next() % 2)
                for k in stride(from: phase, to: bytes.count, by: 2) where rng.next() % 10 < 8 { bytes[k] = 0 }
            }
            let zeros = bytes.filter { $0 == 0 }.count
            let controls = bytes.filter { $0 != 0 && $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains($0) }.count
            #expect(TextDecoding.looksBinary(bytes) == (zeros > 0 || controls * 10 > bytes.count), "\(bytes)")
            let pairs = bytes.count / 2
            let even = stride(from: 0, to: pairs * 2, by: 2).filter { bytes[$0] == 0 }.count
            let odd = stride(from: 1, to: pairs * 2, by: 2).filter { bytes[$0] == 0 }.count
            let expected: Bool? =
                pairs < 4 ? nil
                : odd * 10 >= pairs * 7 && even * 10 <= pairs ? true
                : even * 10 >= pairs * 7 && odd * 10 <= pairs ? false : nil
            #expect(TextDecoding.bomlessUTF16(bytes) == expected, "\(bytes)")
        }
    }
}

/// Markup is rejected; text that mentions a tag or compares numbers is not. Texts written for these tests.
struct MarkupTests {
    @Test(
        "a saved page, a feed or a tag soup is markup",
        arguments: [
            "  <!DOCTYPE html><html><body><p>Text</p></body></html>",
            "<?xml version=\"1.0\"?><rss><channel><title>News</title></channel></rss>",
            "<div class=\"a\"><span>One</span><span>Two</span><a href=\"/x\">Three</a><b>Four</b></div>",
        ]
    )
    func markupIsRejected(_ text: String) {
        #expect(throws: ExtractionRejection.markup) { try Extractor().extract(Array(text.utf8)) }
    }

    @Test(
        "an article that quotes a tag or compares numbers is text",
        arguments: [
            "Browsers in 1995\n\nThe <blink> tag made text flash, and editors hated it. Few pages used <marquee> twice.",
            "Budget Talks\n\nIf a < b and c > d, the council said, the plan holds for 3 < 4 years at most.",
        ]
    )
    func textIsNotMarkup(_ text: String) throws {
        let article = try Extractor().extract(Array(text.utf8))
        #expect(!article.body.isEmpty)
    }
}

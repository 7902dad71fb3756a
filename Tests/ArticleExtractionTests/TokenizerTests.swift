import Foundation
import Testing

@testable import ArticleExtraction

/// The tokenizer is a hand-tuned byte loop; these tests hold it to a plain scalar-by-scalar definition of the same
/// words, on our fixtures in nine languages and on generated strings full of edge cases.
struct TokenizerTests {
    /// What a word is, written the slow and obvious way: runs of word scalars lower-cased with the Unicode
    /// tables, joined across one inner apostrophe or hyphen; "©" is a word of its own.
    static func referenceWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var pending: Unicode.Scalar? = nil
        func end() {
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for s in text.unicodeScalars {
            if Tokenizer.isWordScalar(s) {
                if let j = pending, !current.isEmpty { current.append(j) }
                pending = nil
                current.append(contentsOf: s.properties.isUppercase ? s.properties.lowercaseMapping.unicodeScalars : "\(s)".unicodeScalars)
            } else if (s == "'" || s == "\u{2019}" || s == "-") && !current.isEmpty && pending == nil {
                pending = s == "-" ? "-" : "'"
            } else {
                pending = nil
                end()
                if s == "©" { words.append("©") }
            }
        }
        end()
        return words
    }

    static var samples: [String] {
        var texts: [String] = [
            "Don't stop—Russia's ‘talks’ in Kyiv-Lviv, 2022-02-27; © 2019 AP.",
            "ÀÉÎÕÜ àéîõü ÆØÅ æøå Łódź ŻÓŁW İstanbul ΑΘΗΝΑ Αθήνα",
            "Ґанок, Їжак, Єва, Ёлка, ЁЖИК — «Київ» і «Москва»",
            "x--y a''b end- 'quoted' O'Neil's U.S. e-mail 3½ ½ x²",
            "× Close ÷ 2×3 ÀÞßÿ ЀЏѐџ",
            "日本語のテキスト 中文 한국어 עברית العربية",
            "",
            "   ",
            "@handle #tag http://example.com/a-b?c=d",
        ]
        let fixtures = (try? FileManager.default.contentsOfDirectory(at: fixturesURL, includingPropertiesForKeys: nil))
            ?? []
        for url in fixtures where url.pathExtension == "txt" {
            guard let bytes = try? [UInt8](Data(contentsOf: url)),
                let text = try? TextDecoding.decode(bytes).text
            else { continue }
            texts.append(contentsOf: Normalizer.lines(text).map(\.text))
        }
        // Random strings over an alphabet of troublemakers, with a fixed seed.
        var generator = SplitMix(seed: 42)
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", "7", " ", "'", "\u{2019}", "-", ".", "©", "É", "ß", "Ж", "ї", "Ґ", "İ", "ǅ", "ﬁ", "Ω", "中", "😀",
            "\u{301}", "@", "#", "…", "×", "÷", "ß", "ÿ", "Ѐ", "џ",
        ]
        for _ in 0..<500 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 20) { s.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            texts.append(String(s))
        }
        return texts
    }

    @Test func fastTokenizerEqualsTheReferenceDefinition() {
        for text in Self.samples {
            let expected = Self.referenceWords(text)
            let tokens = Tokenizer.tokenize(text, keepWords: true)
            #expect(tokens.words == expected, "\(text)")
            #expect(tokens.hashes == expected.map(WordHash.of), "\(text)")
            #expect(tokens.stems.count == expected.count)
        }
    }

    @Test func stemsIgnorePossessivesAndShortWords() {
        let t = Tokenizer.tokenize("Russia's Russian to go")
        #expect(t.stems[0] == t.stems[1])
        #expect(t.stems[0] == WordHash.of("russi"))
        #expect(t.stems[2] == 0 && t.stems[3] == 0)
    }

    @Test(arguments: [
        ("Published 13:42 IST, February 27th 2022", 4, 2),
        ("2 min read", 1, 0),
        ("Updated 2022-02-27", 1, 1),
        ("No numbers here.", 0, 0),
    ])
    func numbersAreCounted(text: String, numeric: Int, yearLike: Int) {
        let shape = Tokenizer.tokenize(text).shape
        #expect(shape.numericWords == numeric)
        #expect(shape.yearLikeNumbers == yearLike)
    }

    @Test func shapeIsMeasuredInTheSamePass() {
        let shape = Tokenizer.tokenize("By Jane Doe. Photo: AP/Reuters (c) «Done.»").shape
        #expect(shape.capitalized == 7)
        #expect(shape.sentenceBreaks == 1)
        #expect(shape.hasColon && shape.hasSlash && shape.hasParenthesis)
        #expect(shape.lastScalars == (0x65, 0x2E, 0xBB))
    }
}

/// The module's deterministic generator, under the name these tests use.
typealias SplitMix = SplitMix64

extension TokenizerTests {
    @Test("the Cyrillic fast path gives the general path's hashes, stems and shape")
    func cyrillicRunsEqualTheGeneralPath() {
        var generator = SplitMix(seed: 7)
        let alphabet: [Unicode.Scalar] = [
            "Ж", "ж", "Ѐ", "Џ", "ѐ", "џ", "А", "Я", "а", "я", "П", "Р", "п", "р", "Ґ", "ї", "Ѡ", "ѡ", "a", "Z", " ",
            "'", "’", "-", ".", "7", "©",
        ]
        var texts = Self.samples
        for _ in 0..<1000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 24) { s.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            texts.append(String(s))
        }
        for text in texts {
            var bytes = text
            let (fast, general) = bytes.withUTF8 {
                (Tokenizer.tokenize(bytes: $0, keepWords: true), Tokenizer.tokenize(bytes: $0, keepWords: true, cyrillicRuns: false))
            }
            #expect(fast == general, "\(text)")
        }
    }
}

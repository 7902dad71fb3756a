import Testing

@testable import ArticleExtraction

/// The entity tokenizer reads ASCII and basic Cyrillic words eight bytes at a time; its tokens must be those of
/// the plain definition, whatever the word's length and wherever it ends relative to a chunk or a paragraph.
struct EntityTokenizerChunkTests {
    /// Every word of `text` (words separated by single spaces, no punctuation) is one token whose hash and
    /// case traits follow from the word's string.
    func expectPlainTokens(_ text: String) {
        let doc = EntityRecognizer.tokenize(paragraphs: [text])
        let words = text.split(separator: " ").map(String.init)
        #expect(doc.tokens.count == words.count, "\(text)")
        for (k, word) in zip(doc.tokens.indices, words) {
            let t = doc.tokens[k]
            let scalars = Array(word.unicodeScalars)
            let uppers = scalars.filter(Tokenizer.isUpper).count
            let lowers = scalars.filter(EntityRecognizer.isLower).count
            #expect(t.isWord, "\(word)")
            #expect(doc.text(k) == word)
            #expect(t.hash == WordHash.of(word.lowercased()), "\(word)")
            #expect(t.capitalized == Tokenizer.isUpper(scalars[0]), "\(word)")
            #expect(t.hasUpper == (uppers > 0), "\(word)")
            #expect(t.allCaps == (uppers >= 2 && lowers == 0), "\(word)")
        }
    }

    @Test func asciiWordsOfEveryLengthAroundAChunk() {
        let letters = Array("aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789")
        for length in 1...20 {
            let word = String(letters.prefix(length))
            // Alone (shorter than a chunk, so the byte loop reads it), then with room for a chunk after it.
            expectPlainTokens(word)
            expectPlainTokens("\(word) \(word.uppercased()) \(word.lowercased()) x tail words here")
        }
    }

    @Test func cyrillicWordsOfEveryLengthAroundAChunk() {
        // Every basic Cyrillic letter, upper and lower: Ѐ–Џ, А–П, Р–Я and their lower cases.
        let all = (0x400...0x45F).compactMap { Unicode.Scalar($0) }
        for length in 1...12 {
            for start in stride(from: 0, to: all.count, by: 7) {
                var word = String.UnicodeScalarView()
                for k in 0..<length { word.append(all[(start + k) % all.count]) }
                let w = String(word)
                expectPlainTokens("\(w) \(w) и ещё несколько слов")
                expectPlainTokens(w)
            }
        }
    }

    @Test func wordsThatMixScriptsOrJoinAcrossAChunk() {
        for text in [
            "COVIDпандемия ПутинPutin abcdefgh-ijklmnop Ukraine-Belarus Санкт-Петербург rock'n'roll",
            "abcdefgé abcdefghé éabcdefgh Müllerstraße Łódź abcdefg1 12345678 1234567890123",
            "ЁЖИКИЁЖИКИ ЄвропаЇЇ Ўўўўўўўў абвгдеёжзий",
        ] {
            expectPlainTokens(text)
        }
    }

    @Test func possessivesAndPunctuationAfterAChunk() {
        let doc = EntityRecognizer.tokenize(paragraphs: ["Zelenskiy's Government’s words, Administration. Ok"])
        let words = doc.tokens.indices.filter { doc.tokens[$0].isWord }
        #expect(words.map { doc.text($0) } == ["Zelenskiy", "Government", "words", "Administration", "Ok"])
        #expect(words.map { doc.tokens[$0].possessive } == [true, true, false, false, false])
        #expect(words.map { doc.tokens[$0].hash } == ["zelenskiy", "government", "words", "administration", "ok"].map(WordHash.of))
        #expect(doc.tokens.filter { !$0.isWord }.map(\.mark) == [",", "."])
    }
}

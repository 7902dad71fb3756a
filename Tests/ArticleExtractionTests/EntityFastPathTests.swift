import Testing

@testable import ArticleExtraction

/// The entity stage's shortcuts give the answers of the plain computations they replace.
struct EntityFastPathTests {
    @Test func theBranchFreeStopWordSetHoldsExactlyTheBlockPassStopWords() {
        let set = SimHash.StopWords.shared
        for language in Lexicons.languages {
            for word in Lexicons.stopWords[language] ?? [] {
                #expect(set.contains(WordHash.of(word)), "\(word)")
            }
        }
        for word in ["harbour", "dredging", "Zelensky", "kremlin", "погода", "x", ""] {
            let hash = WordHash.of(word.lowercased())
            #expect(set.contains(hash) == Lexicons.isStopWord(hash, languages: Lexicons.allLanguages), "\(word)")
        }
    }

    @Test func aFingerprintFromTokensEqualsOneFromTheirWordHashes() {
        let texts = [
            "The harbour authority said on Tuesday that dredging would begin in June, closing the berth.",
            "One two three four",
            "«Мы не отступим», — сказал Песков журналистам в Москве.",
            "and the of",
        ]
        for text in texts {
            let tokens = EntityRecognizer.tokenize([text])
            let hashes = tokens.compactMap { $0.isWord ? $0.hash : nil }
            #expect(SimHash.fingerprint(tokens: tokens) == SimHash.fingerprint(wordHashes: hashes), "\(text)")
        }
    }

    @Test func wordsCompareAsTheirStringsDo() {
        // "José" with a precomposed é and with e + U+0301; "Kelvin" with K and with the Kelvin sign.
        let doc = EntityRecognizer.tokenize(paragraphs: ["Jos\u{E9} Jose\u{301} Kelvin \u{212A}elvin Kelvin Kelvins"])
        let words = doc.tokens.indices.filter { doc.tokens[$0].isWord }
        for a in words {
            for b in words {
                #expect(doc.sameText(a, b) == (doc.text(a) == doc.text(b)), "\(doc.text(a)) / \(doc.text(b))")
            }
        }
    }

    @Test func theGazetteerTellsAPlaceAndAFirstWordApart() {
        let gazetteer = Gazetteer.shared
        #expect(gazetteer.word(WordHash.of("kyiv")).place.map { gazetteer.names[$0] } == "Kyiv")
        #expect(gazetteer.word(WordHash.of("new")).opensLongerName)
        #expect(gazetteer.word(WordHash.of("harbour")).place == nil)
    }

    @Test func theRecordedCapitalisedWordsAreTheCapitalisedTokens() {
        let doc = EntityRecognizer.tokenize(paragraphs: ["The Kremlin said, and Peskov agreed.", "no capitals here"])
        let expected = doc.tokens.indices.filter { doc.tokens[$0].isWord && doc.tokens[$0].capitalized }
        #expect(doc.capitalized.map(Int.init) == expected)
        #expect(doc.wordCounts == [6, 3])
        #expect(doc.capitalCounts == [3, 0])
    }
}

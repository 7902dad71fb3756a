import Testing

@testable import ArticleExtraction

/// The block pipeline works on whole documents at once (one pair of token arrays, features measured in place);
/// these tests hold it to the line-by-line definitions it replaces.
struct BlockPipelineTests {
    static let document = """
        Home › World › Europe
        By Jane Doe. Photo: AP/Reuters (c) 2021
        Russia's president said on Tuesday that the talks would go on, according to officials.

        Ж Я. — «Москва» заявил 12 марта 2022 года, что переговоры продолжатся.
        İstanbul, 2022-02-27: the Ukraine-Russia talks don't end.
        a
        """

    @Test("tokenising a document gives every line the words it has on its own")
    func documentTokensMatchLines() {
        let lines = Normalizer.lines(Self.document)
        let document = Tokenizer.tokenize(lines: lines)
        #expect(document.ends.count == lines.count)
        for (k, line) in lines.enumerated() {
            let alone = Tokenizer.tokenize(line.text)
            let slice = document.line(k)
            #expect(Array(slice.hashes) == alone.hashes, "\(line.text)")
            #expect(Array(slice.stems) == alone.stems, "\(line.text)")
            #expect(slice.shape == alone.shape, "\(line.text)")
        }
    }

    @Test("measuring a document gives each line its own features and zeroes exactly the stop-words' stems")
    func measuringZeroesStopWordStems() {
        let lines = Normalizer.lines(Self.document)
        var document = Tokenizer.tokenize(lines: lines)
        let before = document.stems
        let english = Lexicons.stopLanguages(of: "en")
        let features = document.measure(lines, stopLanguages: english)
        for (k, line) in lines.enumerated() {
            let alone = LineTokens(Tokenizer.tokenize(line.text))
            #expect(features[k] == BlockFeatures(text: line.text, tokens: alone, stopLanguages: english))
            #expect(Array(document.line(k).stems) == Array(LineTokens(Tokenizer.tokenize(line.text), stopLanguages: english).stems))
        }
        for i in before.indices {
            let stop = Lexicons.isStopWord(document.hashes[i], languages: english)
            #expect(document.stems[i] == (stop ? 0 : before[i]))
        }
    }

    /// The byte loop's rule for one byte that `isPlainASCII` tests eight at a time.
    static func copiedOneByOne(_ bytes: [UInt8]) -> Bool {
        for (k, b) in bytes.enumerated() {
            if b >= 0x21 && b < 0x7F { continue }
            if b == 0x20 && k + 1 < bytes.count && bytes[k + 1] >= 0x21 && bytes[k + 1] < 0x7F { continue }
            return false
        }
        return true
    }

    @Test("eight bytes at a time are taken exactly when the byte loop would take each of them")
    func plainASCIIWord() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x00, 0x09, 0x1F, 0x20, 0x20, 0x20, 0x21, 0x41, 0x61, 0x7E, 0x7F, 0x80, 0xC3, 0xD0, 0xFF]
        for _ in 0..<20000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &generator)
                    ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            #expect(Normalizer.isPlainASCII(word) == Self.copiedOneByOne(bytes), "\(bytes)")
        }
        #expect(Normalizer.isPlainASCII(0x6f6c_6c65_4820_6961))  // "ai Hello"
        #expect(!Normalizer.isPlainASCII(0x206f_6c6c_6548_6961))  // "aiHello "
    }

    @Test("breadcrumbs are two arrows after spaces, and a «» quotation is none")
    func breadcrumbs() {
        let classifier = BoilerplateClassifier(languageKnown: true)
        #expect(classifier.isBreadcrumb("Home › World › Europe"))
        #expect(classifier.isBreadcrumb("Главная » Город » Транспорт"))
        #expect(classifier.isBreadcrumb("Accueil > Région > Bretagne"))
        #expect(!classifier.isBreadcrumb("Accueil > Région"))
        #expect(!classifier.isBreadcrumb("Он сказал «да» » и » ушёл"))
        #expect(!classifier.isBreadcrumb("Home›World›Europe"))
    }
}

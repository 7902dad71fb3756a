import Foundation
import Testing

@testable import ArticleExtraction

@Suite("Evaluation")
struct EvaluationTests {
    @Test("shingles, leaks, fields and near-duplicates are scored as the seeds README says")
    func scorer() {
        let gold = GoldArticle(
            title: "A title",
            standfirst: nil,
            titleOrStandfirst: nil,
            outlet: "Daily",
            published: "2022-02-27T13:42:00+05:30",
            updated: nil,
            body: englishParagraphs,
            boilerplate: ["Read more", "Support our newsroom today please"],
            captions: ["A caption"],
            credits: ["AP"],
            nearDuplicates: [],
            ignore: [],
            byline: nil,
            scoredFields: ["title", "standfirst", "outlet", "published"]
        )
        var article = Article(
            title: "A title",
            outlet: "Daily",
            published: "2022-02-27T08:12:00Z",
            body: englishParagraphs,
            captions: ["A caption"],
            credits: ["AP"]
        )
        var s = Scorer().score(article, gold: gold, sourceLines: [])
        #expect(s.f1 == 1)
        #expect(s.fieldErrors.isEmpty)
        #expect(s.fieldsScored == 4)
        article.body.append("Read more")
        article.body[0] += " Support our newsroom today please"
        article.title = "A \u{201C}title\u{201D}"
        s = Scorer().score(article, gold: gold, sourceLines: [])
        #expect(s.leaks.count == 2)
        #expect(s.precision < 1)
        #expect(s.recall > 0.9)
        #expect(s.fieldErrors == ["title=A \u{201C}title\u{201D}"])
    }

    @Test("folding makes typographic quotes and spaces plain")
    func folding() {
        #expect(Folding.fold(" \u{201C}Ready\u{201D}  it\u{2019}s ") == "\"Ready\" it's")
        // Non-ASCII white space (no-break, ideographic) folds like a space; other scalars pass through whole.
        #expect(Folding.fold("Caf\u{E9}\u{A0}\u{3000}`na\u{EF}ve`\t\u{1F600}\n") == "Caf\u{E9} 'na\u{EF}ve' \u{1F600}")
    }

    @Test("our fixtures: every field right, body F1 ≥ 0.97, no leaks")
    func fixtures() throws {
        try evaluate(folder: fixturesURL)
    }

    @Test(
        "the shared seeds: every field right, body F1 ≥ 0.97, no leaks, captions and credits found",
        .enabled(if: FileManager.default.fileExists(atPath: seedsURL.appendingPathComponent("gold.json").path))
    )
    func seeds() throws {
        try evaluate(folder: seedsURL)
    }

    func evaluate(folder: URL) throws {
        let gold = try GoldArticle.parseFile([UInt8](Data(contentsOf: folder.appendingPathComponent("gold.json"))))
        #expect(!gold.isEmpty)
        for (name, expected) in gold.sorted(by: { $0.key < $1.key }) {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let article = try Extractor().extract(bytes)
            let lines = String(decoding: bytes, as: UTF8.self).split(omittingEmptySubsequences: false) {
                $0 == "\n" || $0 == "\r\n"
            }.map(String.init)
            let s = Scorer().score(article, gold: expected, sourceLines: lines)
            #expect(s.f1 >= 0.97, "\(name): body F1 \(s.f1)")
            #expect(s.fieldErrors.isEmpty, "\(name): \(s.fieldErrors)")
            #expect(s.leaks.isEmpty, "\(name): \(s.leaks)")
            #expect(s.captionsFound == s.captionsExpected, "\(name): captions")
            #expect(s.creditsFound == s.creditsExpected, "\(name): credits")
            #expect(s.nearDuplicatesKept == s.nearDuplicatesExpected, "\(name): near-duplicates")
        }
    }
}

/// The record's `extractor` names the release and the extractor's digest.
struct ExtractorIdentityTests {
    @Test func theExtractorStringNamesTheReleaseAndSixteenHexDigitsOfDigest() {
        let parts = Extractor.version.split(separator: " ")
        #expect(parts.count == 3)
        #expect(parts.first == "articled")
        #expect(parts.dropFirst().first.map(String.init) == ArticledVersion.number)
        let digest = parts.last ?? ""
        #expect(digest.count == 16 && digest.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }
}

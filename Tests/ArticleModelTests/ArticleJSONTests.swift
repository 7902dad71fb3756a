import Foundation
import Testing

@testable import ArticleModel

/// What records held before the byte-level writer: Foundation's encoder with sorted keys and plain slashes.
private func foundationBytes(_ article: Article) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array(try! encoder.encode(article))
}

@Test func anEmptyArticleIsWrittenAsJSONEncoderWritesIt() {
    #expect(ArticleJSON.encode(Article()) == foundationBytes(Article()))
}

@Test func everyFieldFilledIsWrittenAsJSONEncoderWritesIt() {
    let article = Article(
        title: "A \"quoted\" title / with a slash",
        standfirst: "Stand\\first\twith a tab",
        url: "https://news.example/2026/harbour?id=7&lang=en",
        byline: ["Jane Doe", "Ján Novák"],
        outlet: "Outlet",
        published: "2026-01-02T03:04:05Z",
        updated: "2026-01-03",
        language: "sk",
        encoding: "windows-1250",
        body: ["Line one.", "Ünïcödé — “quotes” and emoji 🎉", "", "\u{2028}separators\u{2029}"],
        captions: ["A caption"],
        credits: ["Photo: Someone"],
        wordCount: 12_345,
        boilerplate: [RemovedBlock(text: "Subscribe now", reason: "donation appeal")],
        people: [Entity(name: "Jane Doe", mentions: 3, aliases: ["Doe", "J. Doe"])],
        places: [Entity(name: "Bratislava", mentions: 1)],
        organizations: [Entity(name: "ACME", mentions: -1)],
        quotes: [Quote(text: "We said so", speaker: "Jane Doe"), Quote(text: "Nobody", speaker: nil)],
        simhash: "00ff00ff00ff00ff"
    )
    #expect(ArticleJSON.encode(article) == foundationBytes(article))
}

@Test func everyASCIIAndControlCharacterIsEscapedAsJSONEncoderEscapesIt() {
    var text = String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) })
    text += "\u{7F}\u{80}\u{FEFF}\u{10FFFF}"
    let article = Article(title: text, body: [text, "<\\/script>"])
    #expect(
        String(decoding: ArticleJSON.encode(article), as: UTF8.self)
            == String(decoding: foundationBytes(article), as: UTF8.self)
    )
}

import ArticleModel
import Testing

@testable import ArticleLog

@Test func csvQuotesFieldsWithCommasQuotesAndLineBreaksOnly() {
    #expect(RecordCSV.quoted("plain") == "plain")
    #expect(RecordCSV.quoted("a, b") == "\"a, b\"")
    #expect(RecordCSV.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(RecordCSV.quoted("two\nlines") == "\"two\nlines\"")
}

@Test func aDateBoundIncludesTheWholeDayAndATimestampGetsMilliseconds() {
    #expect(RecordFilter.lowerBound("2026-12-01") == "2026-12-01T00:00:00.000Z")
    #expect(RecordFilter.upperBound("2026-12-01") == "2026-12-01T23:59:59.999Z")
    #expect(RecordFilter.lowerBound("2026-12-01T08:00:00Z") == "2026-12-01T08:00:00.000Z")
    #expect(RecordFilter.names([Entity(name: "Vladimir Putin", mentions: 2, aliases: ["Putin"])], contain: "putin"))
    #expect(!RecordFilter.names([Entity(name: "Putinka Vodka", mentions: 1, aliases: [])], contain: "Putin Vodka"))
}

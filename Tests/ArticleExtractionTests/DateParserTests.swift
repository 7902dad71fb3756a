import Foundation
import Testing

@testable import ArticleExtraction

@Suite("Dates")
struct DateParserTests {
    @Test(
        "datelines in many formats",
        arguments: [
            ("Published 13:42 IST, February 27th 2022", nil, "2022-02-27T13:42:00+05:30"),
            ("Updated 13:42 IST, February 27th 2022", nil, "2022-02-27T13:42:00+05:30"),
            ("Nov 18, 2019 at 9:24 pm ET", nil, "2019-11-18T21:24:00-05:00"),
            ("July 4, 2021 10:05 a.m. ET", nil, "2021-07-04T10:05:00-04:00"),
            ("Mar 10, 2019 1:30 GMT", nil, "2019-03-10T01:30:00+00:00"),
            ("Sunday 3 March 2019 18.04 GMT", nil, "2019-03-03T18:04:00+00:00"),
            ("Wed 6 Mar 2024 07.15 GMT", nil, "2024-03-06T07:15:00+00:00"),
            ("Publié le 12/06/2024 à 11h20", "cet", "2024-06-12T11:20:00+02:00"),
            ("21.09.2023, 9.30 Uhr", "cet", "2023-09-21T09:30:00+02:00"),
            ("06/12/2024 11:20", nil, "2024-06-12T11:20:00+00:00"),
            ("Publicado em 06/25/2024 10:00", "wet", "2024-06-25T10:00:00+01:00"),
            ("12 марта 2022, 14:05 МСК", nil, "2022-03-12T14:05:00+03:00"),
            ("3 березня 2022 р., 10:15", "eet", "2022-03-03T10:15:00+02:00"),
            ("14. Juli 2021, 08:30 Uhr", "cet", "2021-07-14T08:30:00+02:00"),
            ("Publié le 5 janvier 2021 à 18:30", "cet", "2021-01-05T18:30:00+01:00"),
            ("Actualizado: 14/02/2023 08:15 CET", nil, "2023-02-14T08:15:00+01:00"),
            ("8 de setembro de 2020, 09:00", "wet", "2020-09-08T09:00:00+01:00"),
            ("10 maggio 2022, ore 17:45", "cet", "2022-05-10T17:45:00+02:00"),
            ("2022-02-27T13:42:00+05:30", nil, "2022-02-27T13:42:00+05:30"),
            ("2021-06-01 08:00:00Z", nil, "2021-06-01T08:00:00+00:00"),
            ("27.02.2022 09:10", "msk", "2022-02-27T09:10:00+03:00"),
            ("Posted 8/23/2020 4:45 PM EDT", nil, "2020-08-23T16:45:00-04:00"),
            ("January 15, 2020 12:30 pm CT", nil, "2020-01-15T12:30:00-06:00"),
            ("Oct 30, 2022 10:00 CET", nil, "2022-10-30T10:00:00+01:00"),
            ("Mar 27, 2022 10:00 CET", nil, "2022-03-27T10:00:00+02:00"),
            ("1st May 2020, 12:00 BST", nil, "2020-05-01T12:00:00+01:00"),
            ("27th of Feb. 2022, 10:30 P.M. ET", nil, "2022-02-27T22:30:00-05:00"),
            ("2 мая 2022 года, 9.30 мск", nil, "2022-05-02T09:30:00+03:00"),
            ("1er mai 2022 à 8h05", "cet", "2022-05-01T08:05:00+02:00"),
            ("2022-01-01 10:00 GMT−03:00", nil, "2022-01-01T10:00:00-03:00"),
        ]
    )
    func parses(text: String, zone: String?, expected: String) throws {
        let m = try #require(DateParser().parse(text, zone: zone ?? "utc"))
        #expect(m.date.iso8601 == expected)
    }

    @Test(
        "text without a date gives nothing",
        arguments: ["Read more", "The talks lasted 5 hours", "Chapter 12", "1,000 people", "Version 2.10 GMT"]
    )
    func noDate(text: String) {
        #expect(DateParser().parse(text) == nil)
    }

    @Test(
        "written dates in eight languages, with and without a time",
        arguments: [
            ("Published 3 March 2024, 10:00", "utc", "2024-03-03T10:00:00+00:00"),
            ("Updated: 2024-03-05", "utc", "2024-03-05T00:00:00+00:00"),
            ("Veröffentlicht am 3. März 2024, 10:00 Uhr", "cet", "2024-03-03T10:00:00+01:00"),
            ("Publié le 3 mars 2024 à 10h00", "cet", "2024-03-03T10:00:00+01:00"),
            ("Publicado el 3 de marzo de 2024, 10:00", "cet", "2024-03-03T10:00:00+01:00"),
            ("Pubblicato il 3 marzo 2024 alle 10:00", "cet", "2024-03-03T10:00:00+01:00"),
            ("Publicado em 3 de março de 2024 às 10:00", "wet", "2024-03-03T10:00:00+00:00"),
            ("Gepubliceerd op 3 maart 2024 om 10:00", "cet", "2024-03-03T10:00:00+01:00"),
            ("Опубликовано 3 марта 2024, 10:00", "msk", "2024-03-03T10:00:00+03:00"),
            ("3 set 2024", "cet", "2024-09-03T00:00:00+02:00"),
            ("15 ago 2024", "cet", "2024-08-15T00:00:00+02:00"),
        ] as [(String, String, String)]
    )
    func languages(text: String, zone: String, expected: String) throws {
        let m = try #require(DateParser().parse(text, zone: zone, referenceYear: 2026))
        #expect(m.date.iso8601 == expected)
    }

    @Test(
        "relative forms and English words that are month abbreviations elsewhere give no date",
        arguments: ["2 hours ago", "Updated 3 days ago", "Rated 4.2 out of 5", "A set of 3 tools", "5 ago"]
    )
    func relativeOrWordLike(text: String) {
        #expect(DateParser().parse(text, referenceYear: 2026) == nil)
    }

    @Test("a missing year comes from the file's mtime")
    func referenceYear() throws {
        let m = try #require(DateParser().parse("Updated March 3, 10:00 GMT", referenceYear: 2022))
        #expect(m.date.iso8601 == "2022-03-03T10:00:00+00:00")
    }

    @Test(
        "a number over 12 is the day whatever the separator says",
        arguments: [("06.18.2025", "2025-06-18"), ("18.06.2025", "2025-06-18"), ("06/18/2025", "2025-06-18"),
                    ("09.10.2024", "2024-10-09"), ("09/10/2024", "2024-09-10")] as [(String, String)]
    )
    func numericDayOverTwelve(text: String, expected: String) throws {
        let m = try #require(DateParser().parse(text, referenceYear: 2026))
        #expect(m.date.iso8601.hasPrefix(expected))
        #expect(m.date.yearWritten)
    }

    @Test("a year taken from the mtime is marked as not written")
    func yearNotWritten() throws {
        let m = try #require(DateParser().parse("Apr 12", referenceYear: 2026))
        #expect(m.date.iso8601.hasPrefix("2026-04-12"))
        #expect(!m.date.yearWritten)
    }

    @Test("a date without its year takes the year the page writes for the same day elsewhere")
    func yearFromTheSameDayInFull() throws {
        let text =
            "A headline about the harbour works\n03 Dec\nHarbour news\nPublished: 03 Dec 2024\n"
            + englishParagraphs.joined(separator: "\n")
        // 2026-12-07T00:00:00Z: the mtime's year alone would say 2026.
        let article = try extract(text, hints: ExtractionHints(modified: 1_796_601_600))
        #expect(article.published?.hasPrefix("2024-12-03") == true)
    }

    @Test("a date without its year that the mtime's year puts in the future is last year's")
    func yearlessInTheFuture() throws {
        let text = "A headline about the harbour works\nDec 19\n" + englishParagraphs.joined(separator: "\n")
        // 2026-01-05T00:00:00Z
        let article = try extract(text, hints: ExtractionHints(modified: 1_767_571_200))
        #expect(article.published?.hasPrefix("2025-12-19") == true)
        let written = try extract(
            text.replacingOccurrences(of: "Dec 19", with: "Dec 19, 2026"), hints: ExtractionHints(modified: 1_767_571_200))
        #expect(written.published == nil)
    }

    @Test("a dateline that gives the update first and then the first publication dates the article by the latter")
    func originallyPublished() throws {
        let text =
            "A headline about the harbour works\nUpdated November 11, 2022 8:23 PM ET Originally published November 9, "
            + "2022 11:01 AM ET\n" + englishParagraphs.joined(separator: "\n")
        let article = try extract(text)
        #expect(article.published == "2022-11-09T11:01:00-05:00")
        #expect(article.updated == "2022-11-11T20:23:00-05:00")
    }

    @Test("three dated rows in a row are a list or a table, not the article's dateline")
    func datedRows() throws {
        let rows = [
            "Recent posts", "Harbour dredging begins - 3 January 2024", "New ferry timetable - 2 January 2024",
            "Council approves budget - 1 January 2024", "A headline about the harbour works",
        ]
        let text = (rows + [englishParagraphs[0], "Published 5 March 2024"] + englishParagraphs.dropFirst())
            .joined(separator: "\n")
        let article = try extract(text)
        #expect(article.published == "2024-03-05T00:00:00+00:00")
    }

    @Test("a dateline in the future of the file's mtime is rejected")
    func future() throws {
        let text = "Published 09:00 GMT, March 3rd 2031\n" + englishParagraphs.joined(separator: "\n")
        // 2022-03-04T00:00:00Z
        let article = try extract(text, hints: ExtractionHints(modified: 1_646_352_000))
        #expect(article.published == nil)
        let past = try extract(
            text.replacingOccurrences(of: "2031", with: "2022"),
            hints: ExtractionHints(modified: 1_646_352_000)
        )
        #expect(past.published == "2022-03-03T09:00:00+00:00")
    }

    @Test("published and updated datelines are told apart and removed from the body")
    func publishedAndUpdated() throws {
        let text =
            "Published 13:42 IST, February 27th 2022\nA headline about the talks\n"
            + englishParagraphs.joined(separator: "\n") + "\nUpdated 15:10 IST, February 27th 2022"
        let a = try extract(text)
        #expect(a.published == "2022-02-27T13:42:00+05:30")
        #expect(a.updated == "2022-02-27T15:10:00+05:30")
        #expect(!a.body.contains { $0.contains("IST") })
    }
}

import Foundation
import Testing

@testable import ArticleExtraction

/// Headline, byline and dates in the layouts of pages nobody tuned for: the page title on the first line, metadata
/// lines of several pieces, labels on their own line, furniture dated and signed like the article.
@Suite("Fields on web pages")
struct WebFieldTests {
    let menu = ["Home", "Gardening", "Recipes", "Travel", "Subscribe"]
    var body: [String] { englishParagraphs }

    @Test("the page title's headline recurs under the menu: that line is the headline, the site is the outlet")
    func pageTitleRecurs() throws {
        let text = (["Flood school to be rebuilt by 2026 | Valley Courier"] + menu
            + ["Listen to this story", "Flood school to be rebuilt by 2026", "By Ann Lee", "March 3, 2024"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Flood school to be rebuilt by 2026")
        #expect(a.outlet == "Valley Courier")
        #expect(a.body == body)
    }

    @Test(
        "a blog's or section's name before the headline, an author after it: the headline recurs as a line",
        arguments: [
            "Valley Notes: Flood school to be rebuilt by 2026", "Flood school to be rebuilt by 2026 (Ann Lee)",
            "Flood school to be rebuilt by 2026, Ann Lee",
            // A section's name before the headline with no separator at all.
            "Valley Notes > Flood school to be rebuilt by 2026",
            "Valley Courier Schools Flood school to be rebuilt by 2026",
        ]
    )
    func pageTitleWithBlogOrAuthor(pageTitle: String) throws {
        let text = ([pageTitle, "Valley Notes", "Flood school to be rebuilt by 2026", "March 3, 2024"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Flood school to be rebuilt by 2026")
        #expect(a.body == body)
    }

    @Test("the page title's headline recurs far below the first lines, under long menus: that line is the headline")
    func pageTitleRecursFar() throws {
        let longMenu = (1...12).flatMap { ["Section \($0)", "Topic \($0) guides"] }
        let text = (["Flood school to be rebuilt by 2026 | Valley Courier"] + longMenu + ["Valley Courier"]
            + englishParagraphs.prefix(2) + longMenu + ["Flood school to be rebuilt by 2026", "March 3, 2024"]
            + englishParagraphs.suffix(from: 2))
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Flood school to be rebuilt by 2026")
    }

    @Test("the headline above the article's byline and date wins over a promotion line before the text")
    func headlineAboveChosenByline() throws {
        let text = (["Valley flood walls: the lessons - Valley Courier"] + menu
            + ["Ten lessons from the valley as a town counts the cost of broken flood walls", "Ann Lee", "9 min read",
                "March 3, 2024",
                "Open submenu", "Prefer the Valley Courier on Google"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Ten lessons from the valley as a town counts the cost of broken flood walls")
        #expect(a.byline == ["Ann Lee"])
        #expect(a.published?.hasPrefix("2024-03-03") == true)
    }

    @Test(
        "a cue and a date open a line of any length: the date is the article's",
        arguments: [
            ("Posted on May 22, 2024 by Ann Lee - 5 Comments on How to keep tomatoes through the winter in a cold shed",
                "2024-05-22"),
            ("Valley Desk Last Updated: May 22, 2024, 01:00:00 AM GMT", "2024-05-22"),
            ("Veröffentlicht am 22. Mai 2024 von Anna Schmidt in der Rubrik Garten und Balkon", "2024-05-22"),
        ] as [(String, String)]
    )
    func cuedDateline(line: String, date: String) throws {
        let text = (menu + ["How to keep tomatoes through the winter", line] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.published?.hasPrefix(date) == true)
        #expect(a.body == body)
    }

    @Test("today's date in the page header loses to the date under the headline found above the byline")
    func headerDateLoses() throws {
        let text = (["Valley flood walls: the lessons - Valley Courier", "Friday, December 20, 2024"] + menu
            + ["Ten lessons from the valley as a town counts the cost of broken flood walls", "By Ann Lee",
                "March 3, 2024", "Open submenu", "Prefer the Valley Courier on Google"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Ten lessons from the valley as a town counts the cost of broken flood walls")
        #expect(a.published?.hasPrefix("2024-03-03") == true)
    }

    @Test("an article element's dump: under a section label, the line above the byline and date is the headline")
    func regionDumpHeadline() throws {
        let text = (["Blog", "Ten lessons from a town that lost its flood walls", "Ann Lee", "9 min read",
            "Updated March 3, 2024", "Why the river keeps winning"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Ten lessons from a town that lost its flood walls")
        #expect(a.byline == ["Ann Lee"])
    }

    @Test("the breadcrumb's last step recurs as a line: that line is the headline")
    func breadcrumbHeadline() throws {
        let text = (["Home > Gardening > How to keep tomatoes through the winter"] + menu
            + ["Sign up for the weekly garden letter", "How to keep tomatoes through the winter", "Ann Lee"] + body
            + ["Related", "How to keep peppers through the winter"])
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "How to keep tomatoes through the winter")
        #expect(Analysis.lastBreadcrumbStep("Home > Blog") == "Blog")
        #expect(Analysis.lastBreadcrumbStep("News / World / Floods close the valley road") == "Floods close the valley road")
        #expect(Analysis.lastBreadcrumbStep("Either / or") == nil)
    }

    @Test(
        "a search placeholder or a credit label above the text is no headline",
        arguments: ["Search this website...", "Reviewed By: Ann Lee, PhD"]
    )
    func notHeadlines(line: String) throws {
        let text = (menu + ["How to keep tomatoes through the winter", line] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title != line)
    }

    @Test("a short first line that recurs as a tag is not taken for the page title")
    func shortSectionLabel() throws {
        let text = (["Tips & Tricks", "How to keep tomatoes through the winter", "By Ann Lee"] + englishParagraphs
            + ["Tags", "Tips & Tricks"]).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "How to keep tomatoes through the winter")
    }

    @Test("a page title that names sections and the site is split down to the headline")
    func nestedSiteSuffixes() throws {
        let text = (["Council agrees to rebuild the flooded school | Local News - Valley Courier"] + menu + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Council agrees to rebuild the flooded school")
        #expect(a.outlet == "Valley Courier")
    }

    @Test("the line right above the byline is the headline even with a full stop")
    func headlineAboveByline() throws {
        let text = (menu + ["Ten lessons from a flooded town.", "By Ann Lee 12th February 2024"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Ten lessons from a flooded town.")
        #expect(a.byline == ["Ann Lee"])
        #expect(a.published?.hasPrefix("2024-02-12") == true)
    }

    @Test(
        "a metadata line of several pieces gives its date and its names",
        arguments: [
            ("Ann Lee | May 22, 2024", "2024-05-22", [String]()),
            ("Posted on May 22, 2024 by Ann Lee - 5 Comments", "2024-05-22", ["Ann Lee"]),
            ("May 22, 2024 | by Ann Lee | Gardening", "2024-05-22", ["Ann Lee"]),
        ] as [(String, String, [String])]
    )
    func metadataPieces(line: String, date: String, names: [String]) throws {
        let text = (menu + ["How to keep tomatoes through the winter", line] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.published?.hasPrefix(date) == true)
        if !names.isEmpty { #expect(a.byline == names) }
        #expect(a.body == body)
    }

    @Test(
        "a line of a date and a full name alone is signed by that name; a topic beside a date is not",
        arguments: [
            ("Dec 26, 2025 • Ann Lee in Schools", ["Ann Lee"]), ("Ann Lee | Dec 26, 2025", ["Ann Lee"]),
            ("Dec 26, 2025 • School Building", []), ("Ann Lee December 26, 2025", ["Ann Lee"]),
            ("School Building December 26, 2025", []), ("Dec 26, 2025 Ann K. Lee", ["Ann K. Lee"]),
            ("Dec 26, 2025 No Comments", []), ("Posted on December 26, 2025 by annlee", ["annlee"]),
            ("Medically reviewed by Ann Lee — Written by Tom Roe — Updated on Dec 26, 2025", ["Tom Roe"]),
            // A cue, the author, then the date, in a line that goes on as a sentence.
            ("Posted by Ann Lee on 2025-12-26 in Schools. Tags: floods, council, river.", ["Ann Lee"]),
            ("Posted by AnnLeeNews on Friday December 26, 2025 @08:00PM from the schools dept.", ["AnnLeeNews"]),
            ("Posted on December 26, 2025 by Ann Lee - 5 Comments on How did the valley rebuild its school?", ["Ann Lee"]),
        ] as [(String, [String])]
    )
    func dateAndBareName(line: String, byline: [String]) throws {
        let text = (menu + ["How the valley rebuilt its school", line] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == byline)
        #expect(a.published?.hasPrefix("2025-12-26") == true)
    }

    @Test(
        "a label alone on its line puts the author's name on the next",
        arguments: [("Written by", "Ann Lee"), ("Article written by:", "Ann Lee"), ("Contributors:", "Ann Lee"), ("By", "Ann Lee, Ph.D.")]
    )
    func labelLine(label: String, name: String) throws {
        let text = (menu + ["How to keep tomatoes through the winter", label, name, "May 22, 2024"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == ["Ann Lee"])
        #expect(a.title == "How to keep tomatoes through the winter")
    }

    @Test("the byline and date under the headline win over those of a sidebar story above it")
    func nearestToHeadline() throws {
        let text = (["Editor's picks", "By Tom Roe", "January 2, 2020"] + menu
            + ["How to keep tomatoes through the winter", "By Ann Lee", "May 22, 2024"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == ["Ann Lee"])
        #expect(a.published?.hasPrefix("2024-05-22") == true)
    }

    @Test("a filter menu of By lines is no byline")
    func filterMenu() throws {
        let text = (["Filter", "By Role", "By Industry", "By Region"] + ["How to keep tomatoes through the winter"]
            + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline.isEmpty)
    }

    @Test("a page that shows only when it was updated is dated by that")
    func updatedOnly() throws {
        let text = (["How to keep tomatoes through the winter", "Last updated: May 22, 2024"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.published?.hasPrefix("2024-05-22") == true)
        #expect(a.updated?.hasPrefix("2024-05-22") == true)
    }

    @Test(
        "bylines hold names only: credentials, roles, sections, repeats and doubled labels go; agencies stay",
        arguments: [
            ("By Ann Lee, MS, RDN", ["Ann Lee"]),
            ("By Ann Lee Updated: Dec 19, 2025 1:06 PM EST", ["Ann Lee"]),
            ("By Ann Lee in Travel, Travel Tips", ["Ann Lee"]),
            ("By Ann Lee with Tom Roe", ["Ann Lee", "Tom Roe"]),
            ("Written by by Ann Lee", ["Ann Lee"]),
            ("By Dr. Ann B. Lee", ["Dr. Ann B. Lee"]),
            ("By Ann Lee Ann Lee", ["Ann Lee"]),
            ("By Ann Lee, Health Correspondent", ["Ann Lee"]),
            ("By AP", ["AP"]),
            ("By Marco Bambini", ["Marco Bambini"]),
            ("By Ann Lee, May 3", ["Ann Lee"]),
            ("By Ann Lee March 3, 2024", ["Ann Lee"]),
            ("By Tom May", ["Tom May"]),
            ("By Rita Maio | Staff", ["Rita Maio"]),
            ("By Written By: Tom May", ["Tom May"]),
            ("By Posted by Ann Lee", ["Ann Lee"]),
            ("Contributors: Ann Lee, Tom Roe", ["Ann Lee", "Tom Roe"]),
            ("Guide by Ann Lee Former Deputy Tech Editor", ["Ann Lee"]),
            ("Review by Ann Lee", ["Ann Lee"]),
            ("by News Desk", ["News Desk"]),
            ("By Sarah July 30, 2019", ["Sarah"]),
            ("By Rita Maio on January 21, 2023", ["Rita Maio"]),
            ("By Ann Lee, Garden Expert & Tom Roe, Home Expert Last Updated on Feb 27, 2026 at 10:15 AM", ["Ann Lee", "Tom Roe"]),
            ("By Ann Lee and Tom Roe, Guest Columnists", ["Ann Lee", "Tom Roe"]),
            ("By John Roe PhD", ["John Roe"]),
            ("By LEONARDO GARCIA", ["LEONARDO GARCIA"]),
            ("By FlowGuard EMEA", ["FlowGuard EMEA"]),
            ("By A. J. Neal View Profile", ["A. J. Neal"]),
            ("By The Valley Courier Team", ["The Valley Courier Team"]),
        ] as [(String, [String])]
    )
    func bylineNames(line: String, names: [String]) {
        #expect(BylineParser().parse(line) == names)
    }

    @Test(
        "a lower-case user name after a printed by is a byline; a common word or a name line without by is not",
        arguments: [
            ("Posted by jdoe_77 | May 2, 2025", true, ["jdoe_77"] as [String]?),
            ("by annlee", true, ["annlee"]), ("by annlee on May 2", true, ["annlee"]),
            ("by email or phone", true, nil), ("By the way", true, nil), ("by annlee", false, nil),
        ] as [(String, Bool, [String]?)]
    )
    func userNames(line: String, handles: Bool, names: [String]?) {
        #expect(BylineParser().parse(line, handles: handles) == names)
    }

    @Test("a name alone between the headline and the date is the byline")
    func bareNameUnderHeadline() throws {
        let text = (menu + ["How to keep tomatoes through the winter", "Ann Lee", "May 22, 2024"] + body)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == ["Ann Lee"])
        #expect(a.body == body)
    }

    @Test(
        "a name over the author's job title under the headline is the byline; a heading over a title line is not",
        arguments: [("Ann Lee", "Senior Garden Editor", ["Ann Lee"]), ("Regional Council", "Garden Editor", [])]
            as [(String, String, [String])]
    )
    func nameOverJobTitle(name: String, role: String, expected: [String]) throws {
        let text = (menu + ["How to keep tomatoes through the winter", name, role] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == expected)
        #expect(a.body == body)
    }

    @Test("a name alone under the headline wins over a By line far down the page")
    func bareNameOverFarByline() throws {
        let footer = (1...45).map { "Archive entry \($0)" } + ["Garden notes for the spring", "By Tom Ray"]
        let text = (menu + ["How to keep tomatoes through the winter", "Ann Lee", "May 22, 2024"] + body + footer)
            .joined(separator: "\n")
        #expect(try extract(text).byline == ["Ann Lee"])
        // Without the name under the headline, the far By line is still better than nothing.
        let unsigned = (menu + ["How to keep tomatoes through the winter", "May 22, 2024"] + body + footer)
            .joined(separator: "\n")
        #expect(try extract(unsigned).byline == ["Tom Ray"])
        // A By line within reach but below a full name under the headline signs a sidebar, not the article.
        let near = (menu + ["How to keep tomatoes through the winter", "Ann Lee", "May 22, 2024"] + body
            + ["Garden notes for the spring", "By Tom Ray"]).joined(separator: "\n")
        #expect(try extract(near).byline == ["Ann Lee"])
    }

    @Test("a name right under the headline signs the article; a product the prose keeps naming does not")
    func nameUnderHeadlineWithoutDate() throws {
        let text = (menu + ["How to keep tomatoes through the winter", "Ann Lee", "Start Trial"] + body)
            .joined(separator: "\n")
        #expect(try extract(text).byline == ["Ann Lee"])
        let product = "Verdant Cloche"
        let prose = body + [
            "We tested \(product) on twelve beds of tomatoes over the whole of a cold and wet winter in the valley.",
            "In the end \(product) kept the plants alive through three hard frosts, which the old fleece never did.",
        ]
        let review = (menu + ["How to keep tomatoes through the winter", product, "Start Trial"] + prose)
            .joined(separator: "\n")
        #expect(try extract(review).byline.isEmpty)
    }

    @Test("the headline over a credit-like line is the headline, not a photo's caption")
    func headlineOverCreditLine() throws {
        let headline = "How to keep tomatoes through a long winter in the valley"
        let text = ([headline, "Lists / Valley Garden News", "March 6, 2024"] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == headline)
        #expect(a.captions.isEmpty)
    }

    @Test("a headline that names the HTTP protocol holds no link")
    func httpInHeadline() throws {
        let headline = "Raw HTTP message logging for the school's booking site"
        let text = ([headline, "18 Dec 2025"] + body).joined(separator: "\n")
        #expect(try extract(text).title == headline)
        for (line, links) in [("See https://example.org/a for more", 1), ("The HTTP and HTTPS protocols", 0)] {
            let features = BlockFeatures(text: line, tokens: LineTokens(Tokenizer.tokenize(line)), stopLanguages: 0)
            #expect(features.links == links)
        }
    }

    @Test("places side by side under the headline are no name", arguments: ["Asia Japan", "Paris France"])
    func placesAreNoBareName(line: String) throws {
        let text = (menu + ["How to keep tomatoes through the winter", line, "May 22, 2024"] + body)
            .joined(separator: "\n")
        #expect(try extract(text).byline.isEmpty)
    }

    @Test(
        "a widget's label beside the date is no byline",
        arguments: ["Key Takeaways", "Advertiser Disclosure", "No Comments", "Related Blog Posts"]
    )
    func widgetLabelIsNoName(label: String) throws {
        let text = (menu + ["How to keep tomatoes through the winter", label, "May 22, 2024"] + body)
            .joined(separator: "\n")
        #expect(try extract(text).byline.isEmpty)
    }

    @Test("a date's label on its own line is stepped over on the way up to the headline")
    func dateLabelIsNoHeadline() throws {
        let text = (["Garden Tips", "Ten ways to keep tomatoes through the winter", "Last updated", "Aug 04, 2025"] + body)
            .joined(separator: "\n")
        #expect(try extract(text).title == "Ten ways to keep tomatoes through the winter")
    }

    @Test("a headline that lists single words is no list of authors")
    func headlineListingWords() throws {
        let headline = "Social Shopping: Instagram, Reels, TikTok and More"
        let text = (["Marketing Strategy", headline, "By Ann Lee", "June 26, 2025"] + body).joined(separator: "\n")
        #expect(try extract(text).title == headline)
    }

    @Test("a section's label over a signed card at the foot of the article is not taken for the headline")
    func sectionLabelIsNoHeadline() throws {
        let headline = "Introduction to data analysis: understanding the basics"
        let more = (1...10).map {
            "Part \($0) of the guide goes on about the council's data and how its analysis was done, in plain words."
        }
        let text = ([headline] + body + more + ["Tags:", "Data & Analysis", "By Ann Lee", "July 18, 2024"])
            .joined(separator: "\n")
        #expect(try extract(text).title == headline)
    }

    @Test("a headline in title case that ends with a question mark is the headline, not the first paragraph")
    func titleCaseQuestionHeadline() throws {
        let headline = "Is It Too Late for Adults to Start Taking Music Lessons at Home?"
        let text = (menu + ["Your account Manage your profile My projects", headline] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == headline)
        #expect(a.body == body)
    }

    @Test("a byline's label alone under the headline names nobody")
    func labelIsNoBareName() throws {
        let text = (menu + ["How to keep tomatoes through the winter", "By", "May 22, 2024"] + body)
            .joined(separator: "\n")
        #expect(try extract(text).byline.isEmpty)
    }

    @Test("a menu heading that starts with By is no byline")
    func menuHeading() throws {
        let text = (["Solutions", "By Role", "Marketing", "Sales", "How to keep tomatoes through the winter"] + body)
            .joined(separator: "\n")
        #expect(try extract(text).byline.isEmpty)
    }

    @Test(
        "a date with a few words beside it dates the article, and a name before it signs it",
        arguments: [
            ("Ann Lee October 11, 2024", "2024-10-11", ["Ann Lee"]),
            ("Nov 8, 2024 7 min read", "2024-11-08", [String]()),
            ("19 Dec 2024 Reading time: 2 minutes", "2024-12-19", [String]()),
        ] as [(String, String, [String])]
    )
    func dateWithWords(line: String, date: String, names: [String]) throws {
        let text = (menu + ["How to keep tomatoes through the winter", line] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.published?.hasPrefix(date) == true)
        #expect(a.byline == names)
        #expect(a.body == body)
    }

    @Test(
        "written dates in eight languages",
        arguments: [
            ("Veröffentlicht am 3. März 2024, 14:05 Uhr", "2024-03-03T14:05"),
            ("Stand: 03.03.2024 14:05 Uhr", "2024-03-03T14:05"),
            ("Publié le 3 mars 2024 à 14h05", "2024-03-03T14:05"),
            ("Publicado el 3 de marzo de 2024", "2024-03-03"),
            ("Pubblicato il 3 marzo 2024 alle 14:05", "2024-03-03T14:05"),
            ("Publicado em 3 de março de 2024, às 14h05", "2024-03-03T14:05"),
            ("Gepubliceerd op 3 maart 2024 om 14:05", "2024-03-03T14:05"),
            ("3 mrt 2024", "2024-03-03"),
            ("Опубликовано 3 марта 2024 г., 14:05", "2024-03-03T14:05"),
            ("Sun, 03 Mar 2024 14:05:00 GMT", "2024-03-03T14:05"),
            ("3rd March 2024", "2024-03-03"),
        ] as [(String, String)]
    )
    func writtenDates(line: String, prefix: String) throws {
        let m = try #require(DateParser().parse(line, referenceYear: 2024))
        #expect(m.date.iso8601.hasPrefix(prefix))
    }

    @Test(
        "relative dates are left null rather than guessed",
        arguments: [
            "2 hours ago", "vor 2 Stunden", "il y a 2 heures", "hace 2 horas", "2 ore fa", "há 2 horas",
            "2 uur geleden", "2 часа назад", "Yesterday",
        ]
    )
    func relativeDates(line: String) throws {
        #expect(DateParser().parse(line, referenceYear: 2024) == nil)
        let text = (menu + ["How to keep tomatoes through the winter", line] + body).joined(separator: "\n")
        #expect(try extract(text).published == nil)
    }

    @Test("the headline is the line above the byline and date, even with a subheading before the first paragraph")
    func headlineAboveMetadataBlock() throws {
        let text = (["Blog", "Gardening", "How to keep tomatoes through the winter", "Ann Lee", "May 22, 2024",
            "Listen to this article", "At a glance"] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "How to keep tomatoes through the winter")
        #expect(a.byline == ["Ann Lee"])
    }

    @Test(
        "names beside dates and roles in the metadata block under the headline",
        arguments: [
            (["Published August 7, 2023 by Ann Lee"], ["Ann Lee"]),
            (["May 18, 2023 By Ann Lee In"], ["Ann Lee"]),
            (["Ann Lee Founder & Lead Reviewer", "Updated Feb 27, 2024"], ["Ann Lee"]),
            (["Ann Lee, MS, RD", "Published Jun 4, 2024"], ["Ann Lee"]),
            (["Ann Lee 25 March 2024 Gardening, Winter tips, Tomatoes"], ["Ann Lee"]),
        ] as [([String], [String])]
    )
    func namesInMetadataBlock(lines: [String], names: [String]) throws {
        let text = (menu + ["How to keep tomatoes through the winter"] + lines + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == names)
        #expect(a.published != nil)
        #expect(a.body == body)
    }

    @Test("menu and widget words name nobody", arguments: ["By Company Size", "By Use Case", "Recent Posts"])
    func menuWords(line: String) {
        #expect(BylineParser().parse(line) == nil)
    }

    @Test("the page shows a variant of its <title>: the headline is that line, not the <title>")
    func variantOfPageTitle() throws {
        let text = (["Tomatoes in winter: how to keep them | Valley Courier"] + menu
            + ["Keeping tomatoes through the winter months", "Editor's picks"] + body).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Keeping tomatoes through the winter months")
    }
}

import FolderWatch
import Testing

@Suite("Names of files still being written")
struct IgnoredNamesTests {
    @Test(
        "are ignored",
        arguments: [
            ".hidden", ".article.txt", "..double", "article.tmp", "article.txt.part", "download.partial",
            "page.html.crdownload", ".article.txt.swp", "notes.swp", "article.txt~", "ARTICLE.TMP", "Report.Part",
        ]
    )
    func isIgnored(_ name: String) {
        #expect(IgnoredNames.isIgnored(name))
    }

    @Test(
        "are not ignored once renamed",
        arguments: [
            "article.txt", "article", "tmp", "article.tmp.txt", "part1.html", "my.partial.story.xml", "a~b.txt",
            "swp", "news-2024.json", "übersicht.txt",
        ]
    )
    func isNotIgnored(_ name: String) {
        #expect(!IgnoredNames.isIgnored(name))
    }
}

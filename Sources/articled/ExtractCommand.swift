import ArgumentParser
import ArticleExtraction
import ArticleLog
import Foundation

/// `articled extract FILE…`: the article a record would hold, one JSON line per file, for people and tests.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the article extracted from each file as one JSON line."
    )

    @Argument(help: "Article files to extract.")
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("articled: cannot read \(file)\n".utf8))
                failed = true
                continue
            }
            do {
                let article = try Extractor().extract(Array(data))
                FileHandle.standardOutput.write(Data(RecordDraft.encode(article) + [UInt8(ascii: "\n")]))
            } catch {
                FileHandle.standardError.write(Data("articled: \(file): rejected: \(error.description)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}

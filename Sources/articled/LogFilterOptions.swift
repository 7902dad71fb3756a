import ArgumentParser
import ArticleLog
import Foundation

extension RecordKind: ExpressibleByArgument {}

/// The options `log cat` and `log export` share to pick records: "this outlet, this week, mentioning this
/// person".
struct LogFilterOptions: ParsableArguments {
    @Option(help: "Only records of this kind (article, duplicate, rejected); repeat for several.")
    var kind: [RecordKind] = []

    @Option(help: "Only records written at or after this date or UTC time (2026-12-01, 2026-12-01T08:00:00Z).")
    var since: String?

    @Option(help: "Only records written at or before this date (the whole day) or UTC time.")
    var until: String?

    @Option(help: "Only articles from this outlet (ignoring case).")
    var outlet: String?

    @Option(help: "Only articles naming this person (a full name or part of one: 'Putin').")
    var person: String?

    @Option(help: "Only articles naming this place.")
    var place: String?

    @Option(help: "Only articles naming this organisation.")
    var organization: String?

    @Option(help: "Only articles in this language (ISO 639-1: en, de, ru).")
    var language: String?

    @Option(help: "Only articles whose title or body holds all these words.")
    var query: String?

    var filter: RecordFilter {
        var f = RecordFilter()
        f.kinds = Set(kind)
        f.since = since
        f.until = until
        f.outlet = outlet
        f.person = person
        f.place = place
        f.organization = organization
        f.language = language
        f.query = query
        return f
    }

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            guard let value else { continue }
            let pattern = #"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?$"#
            guard value.range(of: pattern, options: .regularExpression) != nil else {
                throw ValidationError("\(name) takes a date (2026-12-01) or a UTC time (2026-12-01T08:00:00Z), not '\(value)'")
            }
        }
    }
}

/// Decodes record lines for a filter; a line that does not decode is passed over (`log verify` reports it).
struct RecordMatcher {
    let filter: RecordFilter
    private let decoder = JSONDecoder()

    init(_ filter: RecordFilter) { self.filter = filter }

    func record(_ line: [UInt8]) -> LogRecord? {
        guard let r = try? decoder.decode(LogRecord.self, from: Data(line)), filter.matches(r) else { return nil }
        return r
    }
}

import ArticleModel
import Foundation

/// Which records an analyst asked for: `log cat` and `log export` take the same options. Every condition given
/// must hold; names and words match ignoring case. A condition on the article (outlet, people, language, words)
/// never matches a rejected record, which has no article.
public struct RecordFilter: Sendable, Equatable {
    public var kinds: Set<RecordKind> = []
    /// Records at or after this time: a date (`2026-12-01`) or a timestamp in UTC (`2026-12-01T08:00:00Z`).
    public var since: String?
    /// Records at or before this time; a date includes the whole day.
    public var until: String?
    public var outlet: String?
    public var person: String?
    public var place: String?
    public var organization: String?
    public var language: String?
    /// Words that must all be in the title or the body.
    public var query: String?

    public init() {}

    /// No condition: every record passes, and `log cat` need not decode them.
    public var isEmpty: Bool { self == RecordFilter() }

    public func matches(_ r: LogRecord) -> Bool {
        if !kinds.isEmpty && !kinds.contains(r.kind) { return false }
        if let since, r.time < Self.lowerBound(since) { return false }
        if let until, r.time > Self.upperBound(until) { return false }
        let articleConditions = [outlet, person, place, organization, language, query].contains { $0 != nil }
        guard articleConditions else { return true }
        guard let a = r.article else { return false }
        if let outlet, a.outlet.map({ Self.same($0, outlet) }) != true { return false }
        if let language, a.language.map({ Self.same($0, language) }) != true { return false }
        if let person, !Self.names(a.people, contain: person) { return false }
        if let place, !Self.names(a.places, contain: place) { return false }
        if let organization, !Self.names(a.organizations, contain: organization) { return false }
        if let query, !Self.text(of: a, containsAllWordsOf: query) { return false }
        return true
    }

    /// Dates and timestamps compare as the records write time (`2026-12-07T15:45:37.123Z`): a date is its
    /// midnight; a timestamp without milliseconds gets them.
    static func lowerBound(_ s: String) -> String {
        s.count == 10 ? s + "T00:00:00.000Z" : normalized(s)
    }

    static func upperBound(_ s: String) -> String {
        s.count == 10 ? s + "T23:59:59.999Z" : normalized(s)
    }

    private static func normalized(_ s: String) -> String {
        // "2026-12-01T08:00:00Z" → "2026-12-01T08:00:00.000Z"; anything else is compared as given.
        if s.count == 20, s.hasSuffix("Z") { return String(s.dropLast()) + ".000Z" }
        return s
    }

    static func same(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
    }

    /// An entity whose name or one of whose aliases is `wanted`, or contains it as whole words ("Putin" finds
    /// "Vladimir Putin").
    static func names(_ entities: [Entity], contain wanted: String) -> Bool {
        let w = words(wanted)
        return entities.contains { e in ([e.name] + e.aliases).contains { containsRun(words($0), w) } }
    }

    static func text(of a: Article, containsAllWordsOf query: String) -> Bool {
        var present = Set(words(a.title ?? ""))
        for p in a.body { present.formUnion(words(p)) }
        return words(query).allSatisfy { present.contains($0) }
    }

    static func words(_ s: String) -> [String] {
        s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func containsRun(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<$0 + needle.count]) == needle }
    }
}

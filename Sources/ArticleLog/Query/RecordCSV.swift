import ArticleModel
import Foundation

/// Records as CSV (RFC 4180: comma-separated, fields with a comma, quote or line break quoted, quotes doubled,
/// CRLF line ends), one row per record under a header, for spreadsheets and DuckDB. Lists (byline, people,
/// places) are joined with "; ". A rejected record leaves the article's columns empty and says why in `reason`.
public enum RecordCSV {
    /// The columns, in order; docs/operations.md describes each.
    public static let columns = [
        "seq", "time", "kind", "source", "url", "title", "outlet", "published", "byline", "language", "word_count",
        "people", "places", "reason",
    ]

    public static var header: String { columns.joined(separator: ",") + "\r\n" }

    public static func row(_ r: LogRecord) -> String {
        let a = r.article
        let fields: [String] = [
            String(r.seq), r.time, r.kind.rawValue, r.source.path, a?.url ?? "", a?.title ?? "", a?.outlet ?? "",
            a?.published ?? "", (a?.byline ?? []).joined(separator: "; "), a?.language ?? "",
            a.map { String($0.wordCount) } ?? "", (a?.people ?? []).map(\.name).joined(separator: "; "),
            (a?.places ?? []).map(\.name).joined(separator: "; "), r.reason ?? "",
        ]
        return fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import ArgumentParser
import ArticleLog
import Foundation

extension LogCommand {
    /// `articled log export`: the acknowledged records that match, as CSV for spreadsheets and DuckDB, or as
    /// JSON Lines (the records' own bytes).
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export acknowledged records that match the filters as CSV or JSON Lines.",
            discussion: "CSV columns: \(RecordCSV.columns.joined(separator: ", ")). Lists are joined with '; '."
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, jsonl
        }

        @OptionGroup var options: StateOption

        @Option(help: "csv or jsonl.")
        var format: Format = .csv

        @OptionGroup var select: LogFilterOptions

        func run() throws {
            let reader = LogReader(directory: options.directory)
            let matcher = RecordMatcher(select.filter)
            var out = BatchedOutput()
            if format == .csv { out.append(RecordCSV.header.utf8) }
            let head = try reader.head()
            _ = try reader.read(upTo: head) { line in
                guard let record = matcher.record(line) else { return }
                switch format {
                case .csv: out.append(RecordCSV.row(record).utf8)
                case .jsonl: out.appendLine(line)
                }
            }
            out.flush()
        }
    }
}

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
            let out = FileHandle.standardOutput
            var batch: [UInt8] = []
            if format == .csv { batch += Array(RecordCSV.header.utf8) }
            let head = try reader.head()
            _ = try reader.read(upTo: head) { line in
                guard let record = matcher.record(line) else { return }
                switch format {
                case .csv: batch += Array(RecordCSV.row(record).utf8)
                case .jsonl:
                    batch += line
                    batch.append(UInt8(ascii: "\n"))
                }
                if batch.count > 1 << 16 {
                    out.write(Data(batch))
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { out.write(Data(batch)) }
        }
    }
}

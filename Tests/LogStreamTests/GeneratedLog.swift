import ArticleLog
import Foundation

/// A generated log (`LogGenerator`: valid chain, checksums and head) in a folder removed with the value.
final class GeneratedLog {
    let state: String
    let directory: SegmentDirectory
    let head: LogHead

    init(records: Int, segmentBytes: Int = 64 << 20) throws {
        state = NSTemporaryDirectory() + "articled-stream-\(UUID().uuidString.prefix(8))"
        directory = SegmentDirectory(path: state + "/log")
        head = try LogGenerator.generate(directory, count: records, segmentBytes: segmentBytes).head
    }

    deinit { try? FileManager.default.removeItem(atPath: state) }

    /// Every line, as `LogReader` delivers them.
    func lines() throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        try LogReader(directory: directory).read { out.append($0) }
        return out
    }
}

import Glibc

/// The log's folder: numbered JSON Lines segments `00000001.jsonl`, `00000002.jsonl`, … read in number order.
public struct SegmentDirectory: Sendable {
    /// The folder holding the segments (`STATE/log`).
    public let path: String

    /// Creates a handle on a log folder; nothing is touched on disk.
    public init(path: String) {
        self.path = path
    }

    /// The state folder holding the log folder: the head file and torn tails live here, beside `log/`, so
    /// that `log/` holds nothing but numbered segments.
    public var stateDirectory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `STATE/log.head`: the last acknowledged record (see `LogHead`).
    public var headPath: String {
        stateDirectory + "/log.head"
    }

    /// `STATE/torn`: unacknowledged bytes that recovery cut off the end of the log, kept for inspection.
    public var tornDirectory: String {
        stateDirectory + "/torn"
    }

    /// `STATE/index`: the seen-index checkpoint (`IndexCheckpoint`), beside `log/` for the same reason.
    public var indexDirectory: String {
        stateDirectory + "/index"
    }

    /// `STATE/index/seen.idx`.
    public var checkpointPath: String {
        indexDirectory + "/" + IndexCheckpoint.fileName
    }

    /// The file name of segment `number`: eight digits, so that names sort like numbers.
    public static func fileName(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".jsonl"
    }

    /// The full path of segment `number`.
    public func segmentPath(_ number: Int) -> String {
        path + "/" + Self.fileName(number)
    }

    /// The segment numbers present, ascending. A missing folder is an empty log.
    public func segmentNumbers() throws(LogError) -> [Int] {
        guard let dir = opendir(path) else {
            if errno == ENOENT { return [] }
            throw .system(call: "opendir", path: path, errno: errno)
        }
        defer { closedir(dir) }
        var numbers: [Int] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasSuffix(".jsonl"), name.count == 14, let n = Int(name.prefix(8)) else { continue }
            numbers.append(n)
        }
        return numbers.sorted()
    }
}

import Glibc
import Synchronization

/// Which dropped files are taken, as Filebeat, Fluent Bit and Vector let their users say: `include` and `exclude`
/// glob patterns matched on the path below the drop folder; an exclusion wins, and with no `include` every file
/// is taken. A pattern without a slash matches the file's name at any depth (`*.txt`); one with a slash matches
/// the whole relative path, where `*` stays within a folder and `**` crosses folders (`drafts/**`). A file not
/// taken is left where it is, without a record.
public struct PathSelection: Sendable, Equatable {
    public var include: [String]
    public var exclude: [String]

    public init(include: [String] = [], exclude: [String] = []) {
        self.include = include
        self.exclude = exclude
    }

    /// Every file is taken: no pattern to test.
    public var takesEverything: Bool { include.isEmpty && exclude.isEmpty }

    /// Whether the file at `relativePath` (below the drop folder, no leading slash) is taken.
    public func takes(_ relativePath: String) -> Bool {
        if exclude.contains(where: { Self.matches($0, relativePath) }) { return false }
        return include.isEmpty || include.contains { Self.matches($0, relativePath) }
    }

    /// `fnmatch(3)`: per path component for `*` (FNM_PATHNAME), across components where the pattern has `**`.
    static func matches(_ pattern: String, _ relativePath: String) -> Bool {
        let subject = pattern.contains("/") ? relativePath : String(relativePath.split(separator: "/").last ?? "")
        if pattern.contains("**") {
            return fnmatch(pattern.replacingOccurrences(of: "**", with: "*"), subject, 0) == 0
        }
        return fnmatch(pattern, subject, FNM_PATHNAME) == 0
    }

    /// A pattern `fnmatch` cannot use: empty, or an unclosed bracket.
    public static func problem(in pattern: String) -> String? {
        if pattern.isEmpty { return "an empty pattern" }
        var open = false
        for c in pattern {
            if c == "[" { open = true } else if c == "]" { open = false }
        }
        return open ? "an unclosed '['" : nil
    }
}

/// The selection the watcher consults for every file, replaced by `systemctl reload` without a restart.
final class LiveSelection: Sendable {
    private let value: Mutex<PathSelection>

    init(_ selection: PathSelection) { value = Mutex(selection) }

    var current: PathSelection { value.withLock { $0 } }

    func replace(with selection: PathSelection) { value.withLock { $0 = selection } }
}

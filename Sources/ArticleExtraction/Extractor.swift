/// What the daemon knows about a file besides its bytes: a sidecar's fields and the file's modification time.
/// Hints win over guesses made from the text.
public struct ExtractionHints: Sendable, Equatable {
    /// The article's URL, from a sidecar.
    public var url: String?
    /// The headline, from a sidecar.
    public var title: String?
    /// The outlet, from a sidecar.
    public var outlet: String?
    /// The publication time (ISO 8601), from a sidecar.
    public var published: String?
    /// The file's modification time in seconds since the epoch; dates after it are rejected as implausible.
    public var modified: Double?

    /// Creates hints; all are optional.
    public init(
        url: String? = nil,
        title: String? = nil,
        outlet: String? = nil,
        published: String? = nil,
        modified: Double? = nil
    ) {
        self.url = url
        self.title = title
        self.outlet = outlet
        self.published = published
        self.modified = modified
    }
}

/// Why a file cannot become an article. The description is the reason an operator reads in the log.
public enum ExtractionRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not text in any encoding we know (NUL bytes, control characters).
    case binary
    /// The file decodes to text, but there is nothing but white space in it.
    case noText

    public var description: String {
        switch self {
        case .binary: return "binary data, not text"
        case .noText: return "no text (only white space)"
        }
    }
}

/// Turns the bytes of one file into an `Article`. Pure and deterministic: no I/O, no clock, no randomness,
/// so that the same bytes and hints always give the same record.
public struct Extractor: Sendable {
    /// The extractor's name and version, written into every record so that readers know what produced it.
    public static let version = "articled 0.1.0"

    /// Creates an extractor.
    public init() {}

    /// Extracts an article, or says why the bytes are not one.
    public func extract(_ bytes: [UInt8], hints: ExtractionHints = ExtractionHints()) throws(ExtractionRejection)
        -> Article
    {
        if Self.looksBinary(bytes) { throw .binary }
        let text = String(decoding: bytes, as: UTF8.self)
        var lines: [String] = []
        text.enumerateLines { line, _ in
            let trimmed = line.trimmingWhitespace()
            if !trimmed.isEmpty { lines.append(trimmed) }
        }
        guard let first = lines.first else { throw .noText }
        let title = hints.title ?? first
        let body = hints.title == nil ? Array(lines.dropFirst()) : lines
        let words = body.reduce(0) { $0 + $1.split(whereSeparator: { $0.isWhitespace }).count }
        return Article(
            title: title,
            outlet: hints.outlet,
            published: hints.published,
            encoding: "utf-8",
            body: body,
            wordCount: words
        )
    }

    /// A NUL byte in the first 8 KiB marks binary data, as in git and grep.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8192).contains(0)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

}

extension String {
    /// Calls `body` for every line, splitting on LF, CRLF and CR.
    func enumerateLines(_ body: (Substring, inout Bool) -> Void) {
        var stop = false
        for line in self.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            body(line, &stop)
            if stop { return }
        }
    }
}

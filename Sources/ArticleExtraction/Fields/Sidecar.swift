import Foundation

/// Why a sidecar could not be read.
public enum SidecarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not JSON, or not an object.
    case notAnObject
    public var description: String { "sidecar is not a JSON object" }
}

extension ExtractionHints {
    /// Reads a scraper's `NAME.json` sidecar: its `url`, `outlet`, `published` and `title` become hints. Keys that are
    /// missing, null, empty or not strings are ignored; other keys are allowed. Pure: the caller reads the file.
    public init(sidecarJSON bytes: [UInt8], modified: Double? = nil) throws(SidecarError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw .notAnObject
        }
        guard let dict = object as? [String: Any] else { throw .notAnObject }
        func string(_ key: String) -> String? {
            guard let s = dict[key] as? String else { return nil }
            let t = s.trimmed(" \t\n\r")
            return t.isEmpty ? nil : String(t)
        }
        self.init(
            url: string("url"),
            title: string("title"),
            outlet: string("outlet"),
            published: string("published"),
            modified: modified
        )
    }
}

import Foundation

/// A fresh folder under /tmp for one test, removed with everything in it when the test's body returns or throws.
func withTemporaryFolder<T>(
    _ body: (String) async throws -> T
) async throws -> T {
    var template = Array("/tmp/folderwatch-tests-XXXXXX".utf8CString)
    let root = try template.withUnsafeMutableBufferPointer { buffer -> String in
        guard let created = mkdtemp(buffer.baseAddress!) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return String(cString: created)
    }
    defer { try? FileManager.default.removeItem(atPath: root) }
    return try await body(root)
}

/// Writes `contents` to `path` (creating or truncating it) and closes it: one IN_CLOSE_WRITE.
func writeFile(_ path: String, _ contents: String = "article text\n") throws {
    try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
}

/// Appends to an existing file and closes it again.
func appendToFile(_ path: String, _ contents: String) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(contents.utf8))
}

/// Creates a folder (and its parents).
func makeFolder(_ path: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
}

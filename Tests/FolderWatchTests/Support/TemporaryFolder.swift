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

/// Writes `contents` to `path` (creating or truncating it) with one open, write and close, so the watcher sees
/// exactly one IN_CLOSE_WRITE, as from a simple writer.
func writeFile(_ path: String, _ contents: String = "article text\n") throws {
    let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(fd) }
    let bytes = Array(contents.utf8)
    guard write(fd, bytes, bytes.count) == bytes.count else {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
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

/// Creates an empty file whose name is the given bytes, which need not be UTF-8 (Swift strings cannot say that).
func writeFile(in folder: String, rawName: [UInt8]) throws {
    let path = Array(folder.utf8) + [UInt8(ascii: "/")] + rawName + [0]
    let fd = path.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    close(fd)
}

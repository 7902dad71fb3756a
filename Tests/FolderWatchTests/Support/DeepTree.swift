import Foundation
import Glibc

/// Folders nested below `root` until their absolute paths are longer than PATH_MAX, made and used with
/// `mkdirat`/`openat` because path-based calls fail there, as a dropper can make them. `remove()` must be called:
/// `FileManager` cannot remove what it cannot name.
struct DeepTree {
    let root: String
    /// The name of every level: 200 bytes, so that 21 levels pass PATH_MAX.
    static let levelName = String(repeating: "d", count: 200)

    /// Makes `levels` nested folders below `root`.
    init(in root: String, levels: Int) throws {
        self.root = root
        var fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        for _ in 0..<levels {
            guard mkdirat(fd, Self.levelName, 0o755) == 0 else { throw Self.fail(closing: fd) }
            let next = openat(fd, Self.levelName, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard next >= 0 else { throw Self.fail(closing: fd) }
            close(fd)
            fd = next
        }
        close(fd)
    }

    /// The root-relative path of the folder `level` levels down (1 is the top one).
    static func folder(level: Int) -> String {
        Array(repeating: levelName, count: level).joined(separator: "/")
    }

    /// Whether the absolute path of that folder is too long for path-based calls.
    func isBeyondPathMax(level: Int) -> Bool {
        (root + "/" + Self.folder(level: level)).utf8.count >= Int(PATH_MAX)
    }

    /// Writes a file `name` into the folder `level` levels down, with one open, write and close.
    func writeFile(level: Int, name: String) throws {
        let folder = try openFolder(level: level)
        defer { close(folder) }
        let fd = openat(folder, name, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let bytes = Array("article text\n".utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Removes the whole tree below `root`'s top level folder.
    func remove() {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        Self.removeEntry(Self.levelName, in: fd)
    }

    private func openFolder(level: Int) throws -> Int32 {
        var fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        for _ in 0..<level where fd >= 0 {
            let next = openat(fd, Self.levelName, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            close(fd)
            fd = next
        }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return fd
    }

    private static func removeEntry(_ name: String, in parent: Int32) {
        if unlinkat(parent, name, 0) == 0 { return }
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0, let listing = fdopendir(dup(fd)) else { return }
        var names: [String] = []
        while let entry = readdir(listing) {
            let child = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if child != "." && child != ".." { names.append(child) }
        }
        closedir(listing)
        for child in names { removeEntry(child, in: fd) }
        close(fd)
        unlinkat(parent, name, AT_REMOVEDIR)
    }

    private static func fail(closing fd: Int32) -> POSIXError {
        let code = errno
        close(fd)
        return POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}

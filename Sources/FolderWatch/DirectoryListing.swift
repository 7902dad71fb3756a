import Glibc
import PosixSupport

/// One entry of a directory: its name and kind.
struct DirectoryEntry: Sendable, Hashable {
    var name: String
    var kind: FileKind
    /// False when the name's bytes are not UTF-8: `name` then approximates it for logs and names no file.
    var nameIsValidUTF8 = true
    /// The name's bytes, kept when they are not UTF-8 (to rename the entry).
    var rawName: [UInt8]? = nil

    /// A `readdir` entry's name as a string, with its raw bytes when they are not UTF-8 (the string then only
    /// approximates it). Shared by the path and the descriptor listings.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> (name: String, raw: [UInt8]?) {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in
            let bytes = raw.prefix { $0 != 0 }
            let validName = String(validating: bytes, as: UTF8.self)
            return (validName ?? String(decoding: bytes, as: UTF8.self), validName == nil ? Array(bytes) : nil)
        }
    }
}

/// Why a folder could not be listed: the failing call and its errno.
struct ListingError: Error, Equatable {
    var call: String
    var code: Int32
}

/// Lists one directory level with `opendir`/`readdir`. Kinds come from `d_type` and fall back to `lstat` where
/// the file system does not fill it in; links are never followed. Entries that vanish between `readdir` and
/// `lstat` are left out, since they can no longer be reported anyway.
enum DirectoryListing {
    /// The entries of `path` except `.` and `..`, in directory order. Fails with the errno of `opendir`, or of
    /// `readdir` (e.g. EIO from a network file system) rather than returning a silently shortened listing.
    static func entries(of path: String) -> Result<[DirectoryEntry], ListingError> {
        let directory: OpaquePointer
        switch open(path) {
        case .success(let opened): directory = opened
        case .failure(let error): return .failure(ListingError(call: "opendir", code: error.code))
        }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        while true {
            Glibc.errno = 0  // readdir returns NULL both at the end and on error; only errno tells them apart.
            guard let entry = readdir(directory) else {
                if Glibc.errno != 0 { return .failure(ListingError(call: "readdir", code: Glibc.errno)) }
                break
            }
            let (name, raw) = DirectoryEntry.name(of: entry)
            if name == "." || name == ".." { continue }
            if let raw {
                entries.append(DirectoryEntry(name: name, kind: .other, nameIsValidUTF8: false, rawName: raw))
            } else if let kind = FileKind(directoryEntryType: entry.pointee.d_type) {
                entries.append(DirectoryEntry(name: name, kind: kind))
            } else if case .success(let status) = FileStatus.ofEntry(path + "/" + name) {
                entries.append(DirectoryEntry(name: name, kind: status.kind))
            }
        }
        return .success(entries)
    }

    private static func open(_ path: String) -> Result<OpaquePointer, Errno> {
        while true {
            if let directory = opendir(path) { return .success(directory) }
            let code = Glibc.errno
            if code != EINTR { return .failure(Errno(code: code)) }
        }
    }
}

import Glibc
import PosixSupport
import Logging

/// One pass of `TreeScanner` over some subtrees.
struct TreeScan: Sendable {
    /// Every reportable entry found, by root-relative path, with its status.
    var statuses: [String: FileStatus] = [:]
    /// Folders that could not be listed this time; what was known below them is kept, not forgotten.
    var unlistable: [String] = []
    /// Subtrees asked for that no longer exist (deleted, renamed away, or replaced by something not a folder).
    var missing: [String] = []
}

/// Lists whole folder trees for the polling modes: the tree under the root in polling mode, and the subtrees that
/// inotify could not watch in inotify mode. Folders are opened through descriptors relative to the root (see
/// `DirectoryDescriptor`), so a tree deeper than PATH_MAX is listed like any other. Iterative, so a deep tree cannot
/// exhaust the stack; a descriptor is held only for every `DirectoryDescriptor.stepLimit` bytes of path depth.
///
/// Each unlistable folder and each undecodable name is logged once, not at every scan, so that polling every
/// second cannot flood the journal.
struct TreeScanner {
    let paths: TreePaths
    let logger: Logger
    private var warnedUnlistable: Set<String> = []
    private var warnedUndecodable: Set<String> = []

    init(paths: TreePaths, logger: Logger) {
        self.paths = paths
        self.logger = logger
    }

    /// Lists `subtrees` (root-relative folders; "" for the whole tree) and everything below them. Throws
    /// `CancellationError` only.
    mutating func scan(_ subtrees: [String]) throws -> TreeScan {
        var result = TreeScan()
        var stillUnlistable: Set<String> = []
        var undecodable: Set<String> = []
        defer {
            warnedUnlistable = stillUnlistable
            warnedUndecodable = undecodable
        }
        let root: DirectoryDescriptor
        switch DirectoryDescriptor.openRoot(paths.root) {
        case .success(let opened):
            root = opened
        case .failure(let error):
            noteUnlistable("", call: "open", code: error.code, into: &result, &stillUnlistable)
            result.unlistable = subtrees
            return result
        }
        for subtree in subtrees {
            // Folders whose relative path is long hold a descriptor that their descendants are opened from.
            var anchors: [(path: String, folder: DirectoryDescriptor)] = [("", root)]
            var pending = [subtree]
            while let directory = pending.popLast() {
                try Task.checkCancellation()
                while anchors.count > 1, let last = anchors.last, !TreePaths.isWithin(directory, last.path) {
                    anchors.removeLast()
                }
                let anchor = anchors[anchors.count - 1]
                let remainder = Self.remainder(of: directory, below: anchor.path)
                let opened: Result<DirectoryDescriptor, Errno> =
                    remainder.isEmpty ? .success(anchor.folder) : anchor.folder.openDescendant(remainder)
                let folder: DirectoryDescriptor
                switch opened {
                case .success(let opened):
                    folder = opened
                case .failure(let error) where error.code == ENOENT || error.code == ENOTDIR || error.code == ELOOP:
                    // Gone, or replaced by a file or a symbolic link, which is never followed.
                    if directory == subtree { result.missing.append(subtree) }
                    continue
                case .failure(let error):
                    noteUnlistable(directory, call: "openat", code: error.code, into: &result, &stillUnlistable)
                    continue
                }
                let entries: [(entry: DirectoryEntry, status: FileStatus?)]
                switch folder.entries() {
                case .success(let listed):
                    entries = listed
                case .failure(let error):
                    noteUnlistable(directory, call: error.call, code: error.code, into: &result, &stillUnlistable)
                    continue
                }
                if remainder.utf8.count > DirectoryDescriptor.stepLimit { anchors.append((directory, folder)) }
                for (entry, status) in entries where !IgnoredNames.isIgnored(entry.name) {
                    let path = TreePaths.join(directory, entry.name)
                    if !entry.nameIsValidUTF8 {
                        // Renamed to a UTF-8 name, which the next scan lists; warned once if that fails.
                        let renamed = entry.rawName.flatMap {
                            UndecodableNames.rename(
                                $0,
                                in: folder.fileDescriptor,
                                folderPath: paths.absolute(directory),
                                logger: logger
                            )
                        }
                        if renamed == nil {
                            if !warnedUndecodable.contains(path) { logger.warnUndecodableName(paths.absolute(path)) }
                            undecodable.insert(path)
                        }
                    } else if entry.kind == .directory {
                        pending.append(path)
                    } else if let status {
                        result.statuses[path] = status
                    }
                }
            }
        }
        return result
    }

    /// `path` relative to `anchor`, a folder it lies within; cut by bytes, as a name may begin with a combining
    /// character that would merge with the slash into one `Character`.
    static func remainder(of path: String, below anchor: String) -> String {
        if path == anchor { return "" }
        if anchor.isEmpty { return path }
        return String(decoding: path.utf8.dropFirst(anchor.utf8.count + 1), as: UTF8.self)
    }

    private mutating func noteUnlistable(
        _ directory: String,
        call: String,
        code: Int32,
        into result: inout TreeScan,
        _ stillUnlistable: inout Set<String>
    ) {
        if !warnedUnlistable.contains(directory) {
            logger.warning(
                "cannot list folder; files in it are reported once it can be listed again",
                metadata: [
                    "path": "\(paths.absolute(directory))", "call": "\(call)",
                    "error": "\(FolderWatchError.describe(code))",
                ]
            )
        }
        stillUnlistable.insert(directory)
        result.unlistable.append(directory)
    }
}

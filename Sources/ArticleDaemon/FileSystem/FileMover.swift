import Glibc
import PosixSupport

/// A dropped file to move once its record is durable: its path below the drop folder, and which file it was
/// when it was read.
struct Original: Sendable, Equatable {
    var path: String
    /// nil when the read found nothing to identify (the file had already gone).
    var identity: FileIdentity?
}

/// Moves originals out of the drop folder once their record is durable: to `done/` (articles, duplicates) or
/// `failed/` (rejected, beside a `NAME.reason` note), keeping the path below the drop folder.
///
/// Every step goes through descriptors: the source folder is the one the read went through (opened beneath
/// the drop folder without following links), the target folders are created and opened one component at a
/// time with O_NOFOLLOW, the rename never replaces (RENAME_NOREPLACE; a taken name gets the record's seq,
/// `x.txt` → `x.42.txt`, then `x.42-2.txt` …), and the note is created with O_EXCL|O_NOFOLLOW. The file's
/// device and inode are checked before the move, so a file replaced since the read stays for its own record.
/// A link or other special entry is never stored: it is removed, and only its note is kept.
struct FileMover: Sendable {
    let drop: SafeFile
    /// The state folder, opened once at start-up.
    let state: DirectoryHandle

    /// Where an original goes.
    enum Area: String, Sendable {
        case done, failed
    }

    /// What a move did.
    enum Result {
        /// Moved (or, for a special entry, removed with its note kept) to `target`; the folders whose entries
        /// changed must be fsynced before the move counts as durable (by descriptor: their paths may be too
        /// long to open again, or swapped by a dropper).
        case moved(target: String, directories: [DirectoryHandle])
        /// The name now holds another file than the one read: it was left for its own record.
        case replaced
        /// Nothing by that name any more.
        case vanished
    }

    /// Moves `original` into `area`, with `note` written beside it when given.
    func move(_ original: Original, into area: Area, seq: Int, note: String?) throws(IngestError) -> Result {
        let source: DirectoryHandle
        let name: String
        switch drop.openParent(of: original.path) {
        case .success(let opened): (source, name) = opened
        case .failure(let e) where e.code == ENOENT: return .vanished
        case .failure(let e): throw .system(call: "openat2", path: original.path, errno: e.code)
        }
        guard let st = source.status(of: name) else { return .vanished }
        if let expected = original.identity, FileIdentity(st) != expected { return .replaced }
        let target = try targetFolder(for: original.path, in: area, seq: seq)
        let stored = Self.storedName(name)
        let placed: String
        if st.st_mode & S_IFMT == S_IFREG {
            let names = Self.candidates(stored, seq: seq).filter { note == nil || target.status(of: $0 + ".reason") == nil }
            placed = try place(name, from: source, into: target, as: names, identity: FileIdentity(st))
        } else {
            placed = try freeName(stored, in: target, seq: seq)
            try source.unlink(name)
        }
        if let note { try writeNote(note, named: placed + ".reason", in: target, seq: seq) }
        return .moved(target: target.path + "/" + placed, directories: [target, source])
    }

    /// The folder below `area` that mirrors the original's folder. When a component cannot be a folder (a file
    /// of that name is already stored there), the original goes to the area's top level instead.
    private func targetFolder(for relative: String, in area: Area, seq: Int) throws(IngestError) -> DirectoryHandle {
        let root = try state.subdirectory(area.rawValue, create: true)
        guard let slash = relative.lastIndex(of: "/") else { return root }
        do {
            return try root.subdirectory(String(relative[..<slash]), create: true)
        } catch .system(let failure) where [ENOTDIR, ELOOP, EXDEV].contains(failure.errno) {
            return root
        } catch {
            throw error
        }
    }

    /// Renames the regular file `name` into `target` under a free name; across filesystems it is copied.
    private func place(
        _ name: String,
        from source: DirectoryHandle,
        into target: DirectoryHandle,
        as names: [String],
        identity: FileIdentity
    ) throws(IngestError) -> String {
        for candidate in names {
            try FaultInjection.check(.rename, path: source.path + "/" + name)
            switch source.renameWithoutReplacing(name, to: target, as: candidate) {
            case 0: return candidate
            case EEXIST: continue
            case EXDEV:
                return try CrossFilesystemCopy(source: source, name: name, identity: identity, target: target)
                    .run(names: names)
            case let code: throw .system(call: "renameat2", path: source.path + "/" + name, errno: code)
            }
        }
        throw .system(call: "renameat2", path: target.path + "/" + name, errno: EEXIST)
    }

    /// The first candidate name that neither exists nor has a note beside it.
    private func freeName(_ stored: String, in target: DirectoryHandle, seq: Int) throws(IngestError) -> String {
        for candidate in Self.candidates(stored, seq: seq)
        where target.status(of: candidate) == nil && target.status(of: candidate + ".reason") == nil {
            return candidate
        }
        throw .system(call: "fstatat", path: target.path + "/" + stored, errno: EEXIST)
    }

    /// Writes the `.reason` note durably; never through a link, never over an existing file.
    private func writeNote(_ text: String, named name: String, in target: DirectoryHandle, seq: Int) throws(IngestError) {
        var fd: Int32 = -1
        var chosen = name
        for candidate in [name] + (2...100).map({ "\(name).\($0)" }) {
            chosen = candidate
            do {
                fd = try target.createExclusive(candidate)
                break
            } catch .system(let failure) where failure.errno == EEXIST {
                continue
            }
        }
        guard fd >= 0 else { throw .system(call: "openat", path: target.path + "/" + name, errno: EEXIST) }
        defer { Glibc.close(fd) }
        let path = target.path + "/" + chosen
        try PosixWrite.all(fd, Array((text + "\n").utf8), path: path)
        if Glibc.fsync(fd) != 0 { throw .system(call: "fsync", path: path, errno: errno) }
    }

    /// A stored name never ends in `.reason` (the daemon's notes do): a dropped `x.reason` becomes `x.reason_`,
    /// so nobody can pass a file of theirs off as the daemon's note.
    static func storedName(_ name: String) -> String {
        name.hasSuffix(".reason") ? name + "_" : name
    }

    /// `x.txt`, then `x.SEQ.txt`, `x.SEQ-2.txt` … (a bounded list: a hundred taken names is an attack, not bad luck).
    static func candidates(_ name: String, seq: Int) -> [String] {
        let stem: Substring
        let ext: Substring
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            (stem, ext) = (name[..<dot], name[dot...])
        } else {
            (stem, ext) = (Substring(name), "")
        }
        return [name, "\(stem).\(seq)\(ext)"] + (2...100).map { "\(stem).\(seq)-\($0)\(ext)" }
    }
}

import CLinuxSupport
import Glibc
import Logging

/// Names whose bytes are not UTF-8 (Latin-1 from an old SMB client, say). Paths travel as Swift strings, which
/// cannot hold such a name, so the watcher renames the entry in place to a UTF-8 name first: valid runs kept,
/// each other byte written `%XX`, and `marker` appended (`caf\xE9.txt` → `caf%E9.txt.not-utf-8`). The renamed
/// entry then arrives like any other; the daemon records it (a file with the marker is rejected, naming why),
/// so nothing stays in the drop folder for ever.
public enum UndecodableNames {
    /// The suffix of a renamed entry.
    public static let marker = ".not-utf-8"

    /// The escaped form of a name's bytes.
    static func escaped(_ raw: [UInt8]) -> String {
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var input = raw.makeIterator()
        var position = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                out.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                position += encoded.count
            case .error(let length):
                for byte in raw[position..<position + length] { out += "%" + hex(byte) }
                position += length
            case .emptyInput:
                return out
            }
        }
    }

    /// Renames the entry `raw` in the folder `folderFD` to its escaped name (a free one: `-2`, `-3` … added if
    /// taken), never replacing anything. Returns the new name, or nil when the entry could not be renamed.
    static func rename(_ raw: [UInt8], in folderFD: Int32, folderPath: String, logger: Logger) -> String? {
        let base = escaped(raw)
        for attempt in 1...20 {
            let name = base + (attempt == 1 ? "" : "-\(attempt)") + marker
            let result = raw.withUnsafeBufferPointer { bytes -> Int32 in
                var terminated = Array(bytes)
                terminated.append(0)
                return terminated.withUnsafeBufferPointer { pointer in
                    pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                        articled_renameat2(folderFD, $0, folderFD, name, ARTICLED_RENAME_NOREPLACE)
                    }
                }
            }
            if result == 0 {
                logger.notice(
                    "renamed an entry whose name was not UTF-8, so that it can be recorded",
                    metadata: ["folder": "\(folderPath)", "new_name": "\(name)"]
                )
                return name
            }
            if errno == EEXIST { continue }
            if errno != ENOENT {
                logger.warning(
                    "name is not valid UTF-8 and the entry could not be renamed; rename it to a UTF-8 name",
                    metadata: ["folder": "\(folderPath)", "escaped_name": "\(base)", "errno": "\(errno)"]
                )
            }
            return nil
        }
        return nil
    }

    /// Opens `folderPath` without following a link and renames `raw` in it.
    static func rename(_ raw: [UInt8], inFolderAt folderPath: String, logger: Logger) -> String? {
        let fd = open(folderPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return rename(raw, in: fd, folderPath: folderPath, logger: logger)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}

extension Logger {
    /// An entry whose name is not UTF-8 could not be renamed to one (see `UndecodableNames`).
    func warnUndecodableName(_ approximatePath: String) {
        warning(
            "name is not valid UTF-8 and the entry could not be renamed; rename it to a UTF-8 name",
            metadata: ["path": "\(approximatePath)"]
        )
    }
}

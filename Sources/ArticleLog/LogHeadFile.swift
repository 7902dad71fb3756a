import Foundation
import Glibc
import PosixSupport

/// `STATE/log.head` on disk: two 512-byte slots, each one JSON line padded with spaces,
/// `{"seq":N,"sha256":"H","segment":S,"offset":O,"checksums_from":C,"crc32c":"XXXXXXXX"}` (the checksum member as in record lines).
/// Updates go to the slots in turn with pwrite + fdatasync: a crash in the middle of a write can tear only the
/// slot being written, the other still holds the previous head, and the checksum tells which one is whole. The
/// file is created once with temp + rename + directory fsync; in-place updates measured cheaper than a rename
/// per batch (see docs/architecture.md).
struct LogHeadFile {
    /// Each slot sits in its own 512-byte sector.
    static let slotSize = 512

    let path: String
    private(set) var fd: Int32
    private var nextSlot: Int

    /// Reads the newest whole slot; nil when the file does not exist (an empty log before its first start, or a
    /// log written before heads existed). Throws when the file exists but neither slot is whole.
    static func read(_ path: String) throws(LogError) -> LogHead? {
        try readSlots(path)?.head
    }

    private static func readSlots(_ path: String) throws(LogError) -> (head: LogHead, slot: Int)? {
        let bytes: [UInt8]
        do throws(LogError) {
            bytes = try FileIO.readAll(path)
        } catch .system(let failure) where failure.errno == ENOENT {
            return nil
        }
        var best: (head: LogHead, slot: Int)?
        for slot in 0..<2 where bytes.count > slot * slotSize {
            let raw = bytes[(slot * slotSize)..<min(bytes.count, (slot + 1) * slotSize)]
            guard let head = decode(raw) else { continue }
            if best.map({ head.seq > $0.head.seq }) ?? true { best = (head, slot) }
        }
        guard let best else {
            throw .damagedHead(path: path, detail: "neither of its two slots holds a whole head (\(bytes.count) bytes)")
        }
        return best
    }

    private static func decode(_ raw: ArraySlice<UInt8>) -> LogHead? {
        var end = raw.endIndex
        while end > raw.startIndex, [0x20, 0x0A, 0x00].contains(raw[end - 1]) { end -= 1 }
        let line = raw[raw.startIndex..<end]
        guard RecordLine.checksum(of: line) == .valid else { return nil }
        return try? JSONDecoder().decode(LogHead.self, from: Data(line))
    }

    static func encode(_ head: LogHead) -> [UInt8] {
        let text =
            "{\"seq\":\(head.seq),\"sha256\":\"\(head.sha256)\",\"segment\":\(head.segment),"
            + "\"offset\":\(head.offset),\"checksums_from\":\(head.checksumsFrom)"
        var out = Array(text.utf8)
        RecordLine.seal(&out)
        out += [UInt8](repeating: 0x20, count: slotSize - 1 - out.count)
        out.append(0x0A)
        return out
    }

    /// Creates the file with `head` in both slots, durably, replacing any file there, and opens it for updates.
    static func create(_ path: String, head: LogHead) throws(LogError) -> LogHeadFile {
        let temporary = path + ".tmp"
        let fd = try FileIO.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        do {
            try FileIO.writeAll(fd, encode(head) + encode(head), path: temporary)
            try FileIO.fsync(fd, path: temporary)
        } catch {
            FileIO.close(fd)
            throw error
        }
        FileIO.close(fd)
        _ = try FileIO.check("rename", path) { Glibc.rename(temporary, path) }
        try FileIO.fsyncDirectory(String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]))
        return try open(path)
    }

    /// Opens the existing file for updates; the next write goes to the slot not holding the newest head.
    static func open(_ path: String) throws(LogError) -> LogHeadFile {
        guard let current = try readSlots(path) else {
            throw .system(call: "open", path: path, errno: ENOENT)
        }
        let fd = try FileIO.open(path, O_RDWR)
        return LogHeadFile(path: path, fd: fd, nextSlot: 1 - current.slot)
    }

    /// Makes `head` durable: one pwrite and one fdatasync.
    mutating func write(_ head: LogHead) throws(LogError) {
        if let code = FaultInjection.fault(at: .headWrite) { throw .system(call: "pwrite", path: path, errno: code) }
        try FileIO.pwriteAll(fd, Self.encode(head), at: nextSlot * Self.slotSize, path: path)
        try FileIO.fdatasync(fd, path: path)
        nextSlot = 1 - nextSlot
    }

    func close() {
        FileIO.close(fd)
    }
}

import Glibc

/// The seen-index as it was at one head, kept in `STATE/index/seen.idx` so that start-up reads it and only the
/// records after that head, not the whole log. Never trusted blindly: recovery uses it only if its checksum
/// holds, its head is at or before the log's head, and the line at its seq is where it says and hashes to the
/// hash it names (see `LogRecovery`); otherwise the index is rebuilt from the log.
///
/// Layout (integers little-endian, arrays as they lie in memory, each section padded to 8 bytes):
/// the magic `ARTIDX01`; twelve UInt64s: head seq, segment, offset, checksums_from, the head line's number in
/// its segment, articles, duplicates, rejected, and the counts of kinds, content entries, replay entries and
/// SimHashes; the head's SHA-256 as 64 hex digits; kinds (1 byte per record); content keys (16 bytes each) and
/// seqs (4); replay keys and seqs; SimHashes (8) and seqs (4); last, the CRC-32C of everything before it as a
/// UInt64. Written to a temporary file, fsynced, renamed over the old one, and the folder fsynced.
struct IndexCheckpoint: Sendable {
    static let magic = Array("ARTIDX01".utf8)
    static let fileName = "seen.idx"
    static let headerSize = 8 + 12 * 8 + 64

    /// The head the index was built at: every record up to it, none after.
    var head: LogHead
    /// The line number of the head's line in its segment (for error messages about the lines after it).
    var headLine: Int
    /// The index, compacted.
    var index: SeenIndex

    /// What reading the file found.
    enum Loaded {
        case missing
        case unusable(String)
        case loaded(IndexCheckpoint)
    }

    // MARK: Writing

    /// Writes the checkpoint durably to `path`, replacing the previous one only once the new one is on disk.
    func write(to path: String) throws(LogError) {
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        try FileIO.makeDirectories(folder)
        let temporary = path + ".tmp"
        let fd = try FileIO.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        do {
            var out = ChecksummedWriter(fd: fd, path: temporary)
            try out.write(header())
            try out.write(array: index.kinds)
            try out.write(array: index.firstArticles.keys)
            try out.write(array: index.firstArticles.values)
            try out.write(array: index.recorded.keys)
            try out.write(array: index.recorded.values)
            try out.write(array: index.nearDuplicates.hashes)
            try out.write(array: index.nearDuplicates.seqs)
            try out.finish()
            try FileIO.fsync(fd, path: temporary)
        } catch {
            FileIO.close(fd)
            _ = unlink(temporary)
            throw error
        }
        FileIO.close(fd)
        _ = try FileIO.check("rename", path) { Glibc.rename(temporary, path) }
        try FileIO.fsyncDirectory(folder)
    }

    private func header() -> [UInt8] {
        var out = Self.magic
        let fields = [
            head.seq, head.segment, head.offset, head.checksumsFrom, headLine,
            index.articles, index.duplicates, index.rejected,
            index.kinds.count, index.firstArticles.keys.count, index.recorded.keys.count,
            index.nearDuplicates.hashes.count,
        ]
        for field in fields { withUnsafeBytes(of: UInt64(field).littleEndian) { out += $0 } }
        out += Array(head.sha256.utf8.prefix(64))
        out += [UInt8](repeating: UInt8(ascii: "0"), count: Self.headerSize - out.count)
        return out
    }

    // MARK: Reading

    /// Reads and checks the file; anything short of a whole, self-consistent checkpoint is `unusable`.
    static func read(_ path: String) -> Loaded {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            return errno == ENOENT ? .missing : .unusable("open failed: \(String(cString: strerror(errno)))")
        }
        defer { FileIO.close(fd) }
        do throws(LogError) {
            let size = try FileIO.fileSize(fd, path: path)
            var input = ChecksummedReader(fd: fd, path: path)
            guard size >= headerSize + 8, let header = try input.read(count: headerSize, as: UInt8.self),
                Array(header[0..<8]) == magic
            else { return .unusable("not a checkpoint (bad magic or too short)") }
            let fields: [Int] = (0..<12).map { i in
                var v: UInt64 = 0
                for b in 0..<8 { v |= UInt64(header[8 + i * 8 + b]) << (8 * UInt64(b)) }
                return Int(truncatingIfNeeded: v)
            }
            let sha = String(decoding: header[(8 + 96)..<(8 + 96 + 64)], as: UTF8.self)
            let counts = Array(fields[8..<12])
            guard counts.allSatisfy({ $0 >= 0 && $0 <= size }), fields[0...7].allSatisfy({ $0 >= 0 }) else {
                return .unusable("implausible counts")
            }
            func padded(_ n: Int) -> Int { (n + 7) / 8 * 8 }
            let expected =
                headerSize + padded(counts[0]) + counts[1] * 16 + padded(counts[1] * 4) + counts[2] * 16
                + padded(counts[2] * 4) + counts[3] * 8 + padded(counts[3] * 4) + 8
            guard expected == size else { return .unusable("size \(size), its counts make \(expected)") }
            guard let kinds = try input.read(count: counts[0], as: UInt8.self),
                let contentKeys = try input.read(count: counts[1], as: Key128.self),
                let contentSeqs = try input.read(count: counts[1], as: UInt32.self),
                let replayKeys = try input.read(count: counts[2], as: Key128.self),
                let replaySeqs = try input.read(count: counts[2], as: UInt32.self),
                let hashes = try input.read(count: counts[3], as: UInt64.self),
                let hashSeqs = try input.read(count: counts[3], as: UInt32.self)
            else { return .unusable("ends early") }
            let computed = input.crc
            guard let trailer = try input.read(count: 1, as: UInt64.self), UInt64(computed) == trailer[0] else {
                return .unusable("checksum mismatch")
            }
            // Bisection needs strictly ascending keys; a file that passes its checksum has them, but check.
            guard isAscending(contentKeys), isAscending(replayKeys), sha.utf8.allSatisfy(Hex.isDigit) else {
                return .unusable("keys out of order")
            }
            let head = LogHead(
                seq: fields[0],
                sha256: sha,
                segment: fields[1],
                offset: fields[2],
                checksumsFrom: fields[3]
            )
            guard kinds.count == head.seq, fields[5] + fields[6] + fields[7] == head.seq else {
                return .unusable("counts do not add up to seq \(head.seq)")
            }
            let index = SeenIndex(
                kinds: kinds,
                firstArticles: KeyTable(sortedKeys: contentKeys, values: contentSeqs),
                recorded: KeyTable(sortedKeys: replayKeys, values: replaySeqs),
                nearDuplicates: SimHashTable(hashes: hashes, seqs: hashSeqs),
                articles: fields[5],
                duplicates: fields[6],
                rejected: fields[7]
            )
            return .loaded(IndexCheckpoint(head: head, headLine: fields[4], index: index))
        } catch {
            return .unusable("\(error)")
        }
    }

    private static func isAscending(_ keys: [Key128]) -> Bool {
        var i = 1
        while i < keys.count {
            if !(keys[i - 1] < keys[i]) { return false }
            i += 1
        }
        return true
    }
}

/// Writes sections of raw memory, each padded to 8 bytes, keeping a running CRC-32C; `finish` appends it.
private struct ChecksummedWriter {
    let fd: Int32
    let path: String
    var crc: UInt32 = 0
    var buffer: [UInt8] = []

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ bytes: [UInt8]) throws(LogError) {
        try append(contentsOf: bytes)
    }

    mutating func write<T>(array: [T]) throws(LogError) {
        try append(contentsOf: array)
        let pad = (8 - (array.count * MemoryLayout<T>.stride) % 8) % 8
        if pad > 0 { try append(contentsOf: [UInt8](repeating: 0, count: pad)) }
    }

    private mutating func append<T>(contentsOf array: [T]) throws(LogError) {
        var failure: LogError?
        array.withUnsafeBytes { raw in
            do throws(LogError) {
                try append(raw)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Checksums and buffers `raw`, writing in 1 MiB pieces.
    private mutating func append(_ raw: UnsafeRawBufferPointer) throws(LogError) {
        guard raw.count > 0 else { return }
        crc = CRC32C.update(crc, raw.bindMemory(to: UInt8.self))
        var start = 0
        while start < raw.count {
            let n = min(raw.count - start, (1 << 20) - buffer.count)
            buffer += UnsafeRawBufferPointer(rebasing: raw[start..<(start + n)])
            start += n
            if buffer.count >= 1 << 20 { try flush() }
        }
    }

    private mutating func flush() throws(LogError) {
        try FileIO.writeAll(fd, buffer, path: path)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() throws(LogError) {
        withUnsafeBytes(of: UInt64(crc).littleEndian) { buffer += $0 }
        try flush()
    }
}

/// Reads sections straight into typed arrays (no second copy of the file in memory), keeping a running
/// CRC-32C of the bytes read.
private struct ChecksummedReader {
    let fd: Int32
    let path: String
    var position = 0
    var crc: UInt32 = 0

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// `count` values of `T` and the section's padding; nil when the file ends first.
    mutating func read<T>(count: Int, as: T.Type) throws(LogError) -> [T]? {
        if count == 0 { return [] }
        let bytes = count * MemoryLayout<T>.stride
        let pad = (8 - bytes % 8) % 8
        var short = false
        var failure: Int32 = 0
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var done = 0
            while done < bytes {
                let n = Glibc.pread(fd, raw.baseAddress! + done, bytes - done, off_t(position + done))
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno }
                if n <= 0 { break }
                done += n
            }
            if done < bytes {
                // Leave nothing uninitialized behind: zero the rest (the result is dropped anyway).
                raw.baseAddress!.advanced(by: done).initializeMemory(as: UInt8.self, repeating: 0, count: bytes - done)
                short = true
            }
            crc = CRC32C.update(
                crc,
                UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: bytes)
            )
            initialized = count
        }
        if failure != 0 { throw .system(call: "pread", path: path, errno: failure) }
        if short { return nil }
        position += bytes
        if pad > 0 {
            var zeros = [UInt8](repeating: 0, count: pad)
            let n = zeros.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress!, pad, off_t(position)) }
            if n != pad { return nil }
            crc = zeros.withUnsafeBufferPointer { CRC32C.update(crc, $0) }
            position += pad
        }
        return values
    }
}

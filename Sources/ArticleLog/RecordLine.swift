import Crypto
import ArticleModel

/// Builds the bytes of one record line in a fixed key order (seq, prev, time, kind, source, …), so that the
/// log reads naturally and every line's hash is reproducible. Foundation's JSONEncoder does not keep key order.
///
/// Every line ends with its checksum member: a line is `BODY,"crc32c":"XXXXXXXX"}` where BODY is every byte of
/// the line before `,"crc32c":` (from the opening `{` to the end of the member before it) and XXXXXXXX is the
/// CRC-32C of BODY as eight lower-case hex digits. The newline is not part of the line. `prev` stays the SHA-256
/// of the previous line's complete bytes, checksum member included.
enum RecordLine {
    /// The checksum member's opening, `,"crc32c":"`. It cannot occur inside a JSON string, where quotes are
    /// escaped, so finding it at its fixed place near the end of a line is unambiguous.
    static let checksumMarker = Array(",\"crc32c\":\"".utf8)
    /// The bytes the checksum member adds at the end of a line: the marker, eight hex digits, `"}`.
    static let checksumSuffixLength = checksumMarker.count + 8 + 2

    /// What a line's checksum member says about the line.
    enum Checksum: Equatable {
        /// The member is there and matches the line's bytes.
        case valid
        /// The member is there (or something like it) but does not match: the line was changed or damaged.
        case mismatch(detail: String)
        /// No checksum member: a line written before checksums existed.
        case absent
    }

    static func make(
        seq: Int,
        prev: String,
        time: String,
        kind: RecordKind,
        source: SourceInfo,
        sidecar: SourceInfo?,
        duplicateOf: Int?,
        nearDuplicateOf: Int?,
        reason: String?,
        articleJSON: [UInt8]?,
        extractor: String,
        reextractedFrom: Int? = nil
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + (articleJSON?.count ?? 0))
        out += Array("{\"seq\":\(seq),\"prev\":\"\(prev)\",\"time\":".utf8)
        JSONText.appendString(time, to: &out)
        out += Array(",\"kind\":\"\(kind.rawValue)\",\"source\":".utf8)
        appendSource(source, to: &out)
        if let sidecar {
            out += Array(",\"sidecar\":".utf8)
            appendSource(sidecar, to: &out)
        }
        out += Array(",\"extractor\":".utf8)
        JSONText.appendString(extractor, to: &out)
        if let reextractedFrom {
            out += Array(",\"reextracted_from\":\(reextractedFrom)".utf8)
        }
        if let duplicateOf {
            out += Array(",\"duplicate_of\":\(duplicateOf)".utf8)
        }
        if let nearDuplicateOf {
            out += Array(",\"near_duplicate_of\":\(nearDuplicateOf)".utf8)
        }
        if let reason {
            out += Array(",\"reason\":".utf8)
            JSONText.appendString(reason, to: &out)
        }
        if let articleJSON {
            out += Array(",\"article\":".utf8)
            out += articleJSON
        }
        seal(&out)
        return out
    }

    /// Ends an open JSON object (everything but its closing brace) with the checksum member and the brace.
    static func seal(_ body: inout [UInt8]) {
        let crc = CRC32C.hex(body)
        body += checksumMarker
        body += Array(crc.utf8)
        body += [UInt8(ascii: "\""), UInt8(ascii: "}")]
    }

    /// Checks a line (without its newline) against its checksum member.
    static func checksum(of line: ArraySlice<UInt8>) -> Checksum {
        let suffixStart = line.endIndex - checksumSuffixLength
        guard line.count > checksumSuffixLength,
            line[suffixStart..<(suffixStart + checksumMarker.count)].elementsEqual(checksumMarker),
            line[line.endIndex - 2] == UInt8(ascii: "\""), line[line.endIndex - 1] == UInt8(ascii: "}")
        else {
            // A damaged member must not pass for an old line that never had one.
            let name = Array("\"crc32c\"".utf8)
            return LogRecovery.firstIndex(of: name, in: line) == nil ? .absent : .mismatch(detail: "malformed crc32c")
        }
        let storedStart = suffixStart + checksumMarker.count
        let stored = String(decoding: line[storedStart..<(storedStart + 8)], as: UTF8.self)
        let computed = CRC32C.hex(line[line.startIndex..<suffixStart])
        return stored == computed ? .valid : .mismatch(detail: "crc32c is \(stored), the line's bytes give \(computed)")
    }

    static func appendSource(_ source: SourceInfo, to out: inout [UInt8]) {
        out += Array("{\"name\":".utf8)
        JSONText.appendString(source.name, to: &out)
        out += Array(",\"path\":".utf8)
        JSONText.appendString(source.path, to: &out)
        out += Array(",\"size\":\(source.size),\"sha256\":".utf8)
        JSONText.appendOptionalString(source.sha256, to: &out)
        out += Array(",\"mtime\":".utf8)
        JSONText.appendOptionalString(source.mtime, to: &out)
        if let identity = source.identity {
            out += Array(",\"identity\":".utf8)
            JSONText.appendString(identity, to: &out)
        }
        if let fields = source.fields {
            out += Array(",\"fields\":".utf8)
            JSONValue.object(fields).append(to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Lower-case hex SHA-256 of a line's bytes (without its newline): the next record's `prev`.
    static func hash(_ line: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(line))
        return Hex.encode(hasher.finalize())
    }

    /// The `prev` of the first record.
    static let genesis = String(repeating: "0", count: 64)
}

/// JSON strings in record lines: the same escaping as the article object (`ArticleJSON.string`, JSONEncoder's),
/// so that a record has one way of writing a string.
enum JSONText {
    static func appendString(_ s: String, to out: inout [UInt8]) {
        ArticleJSON.string(s, &out)
    }

    static func appendOptionalString(_ s: String?, to out: inout [UInt8]) {
        if let s { appendString(s, to: &out) } else { out += Array("null".utf8) }
    }
}

/// Lower-case hexadecimal, as the record format writes hashes.
public enum Hex {
    /// Encodes bytes as lower-case hex.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `byte` is a lower-case hex digit.
    public static func isDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}

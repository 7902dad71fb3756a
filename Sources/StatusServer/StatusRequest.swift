import NIOCore

/// A request line and headers, all the status server needs: it serves bodiless GETs only.
struct StatusRequest: Sendable, Equatable {
    var method: String
    /// The path without query string, from origin form (`/status`) or absolute form (`http://localhost/status`).
    var path: String
    var version: String
}

/// Why a request could not be read.
enum StatusRequestError: Error, Equatable {
    /// The head was larger than the configured limit (answered with 431).
    case headerTooLarge
    /// The request line was not `METHOD SP TARGET SP HTTP/x.y` (answered with 400).
    case malformed
}

/// Frames one HTTP/1.x request head: bytes up to the first empty line, refusing heads beyond a size limit.
///
/// The server answers one request per connection (`Connection: close`), so it needs no keep-alive, chunked
/// bodies or pipelining, and a hand-written framer keeps the size limit exact.
struct StatusRequestDecoder: ByteToMessageDecoder {
    typealias InboundOut = StatusRequest

    let maxHeaderBytes: Int
    private var done = false

    init(maxHeaderBytes: Int) {
        self.maxHeaderBytes = maxHeaderBytes
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if self.done {
            // Anything after the head (a body, a pipelined request) is ignored: the connection closes after the reply.
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        guard let end = Self.endOfHead(buffer.readableBytesView) else {
            if buffer.readableBytes > self.maxHeaderBytes { throw StatusRequestError.headerTooLarge }
            return .needMoreData
        }
        let length = end - buffer.readerIndex
        if length > self.maxHeaderBytes { throw StatusRequestError.headerTooLarge }
        let head = buffer.readString(length: length) ?? ""
        self.done = true
        context.fireChannelRead(Self.wrapInboundOut(try Self.parse(head)))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }

    /// The index just past the blank line that ends the head (`\r\n\r\n`, or `\n\n` from lax clients).
    static func endOfHead(_ bytes: ByteBufferView) -> Int? {
        var newlines = 0
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                newlines += 1
                if newlines == 2 { return index + 1 }
            case UInt8(ascii: "\r"):
                continue
            default:
                newlines = 0
            }
        }
        return nil
    }

    /// Parses the request line; headers are not needed.
    static func parse(_ head: String) throws -> StatusRequest {
        let line = head.prefix { !$0.isNewline }
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { throw StatusRequestError.malformed }
        var target = Substring(parts[1])
        if target.hasPrefix("http://") || target.hasPrefix("https://"), let scheme = target.firstRange(of: "://") {
            let afterScheme = target[scheme.upperBound...]
            target = afterScheme.firstIndex(of: "/").map { afterScheme[$0...] } ?? "/"
        }
        guard target.hasPrefix("/") else { throw StatusRequestError.malformed }
        let path = target.prefix { $0 != "?" && $0 != "#" }
        return StatusRequest(method: String(parts[0]), path: String(path), version: String(parts[2]))
    }
}

extension StatusRequest {
    /// Reads a connection's one request and answers it with `answer`; a head too large or malformed gets 431 or
    /// 400 instead. Nil when the client closed before sending a request.
    static func answerFirst(
        of inbound: NIOAsyncChannelInboundStream<StatusRequest>,
        _ answer: (StatusRequest) async -> StatusResponse
    ) async throws -> StatusResponse? {
        var requests = inbound.makeAsyncIterator()
        do {
            guard let request = try await requests.next() else { return nil }
            return await answer(request)
        } catch StatusRequestError.headerTooLarge {
            return .error(431, "request head too large")
        } catch StatusRequestError.malformed {
            return .error(400, "bad request")
        }
    }
}

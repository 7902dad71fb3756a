import NIOCore

/// A complete HTTP/1.1 response; every response closes the connection.
struct StatusResponse: Sendable, Equatable {
    var status: Int
    var contentType: String
    var body: String
    var extraHeaders: [(String, String)] = []

    static func == (lhs: StatusResponse, rhs: StatusResponse) -> Bool {
        lhs.status == rhs.status && lhs.contentType == rhs.contentType && lhs.body == rhs.body
    }

    static func json(_ status: Int, _ body: String) -> StatusResponse {
        StatusResponse(status: status, contentType: "application/json", body: body)
    }

    static func error(_ status: Int, _ message: String) -> StatusResponse {
        .json(status, "{\"error\":\"\(message)\"}\n")
    }

    /// The bytes on the wire.
    func encoded() -> ByteBuffer {
        var head = "HTTP/1.1 \(self.status) \(Self.reason(self.status))\r\n"
        head += "Content-Type: \(self.contentType)\r\n"
        head += "Content-Length: \(self.body.utf8.count)\r\n"
        head += "Cache-Control: no-store\r\n"
        for (name, value) in self.extraHeaders {
            head += "\(name): \(value)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        var buffer = ByteBuffer()
        buffer.writeString(head)
        buffer.writeString(self.body)
        return buffer
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status \(status)"
        }
    }
}

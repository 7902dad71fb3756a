import CNats

/// A failed call into the NATS C client, with what the library and, for JetStream calls, the server said.
public struct NatsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed (`js_PublishMsg`, `natsConnection_Connect`, …).
    public var call: String
    /// The library's status code (`natsStatus`).
    public var status: UInt32
    /// The library's text for `status`, and its last error detail when it has one.
    public var text: String
    /// The JetStream API's error code (`jsErrCode`), 0 when the server gave none.
    public var jetStreamCode: Int

    /// The code JetStream answers when a stream has no message on the subject asked for.
    static let noMessageFound = 10037
    /// The code JetStream answers when the stream does not exist.
    static let streamNotFound = 10059

    init(call: String, status: natsStatus, jetStreamCode: jsErrCode = jsErrCode(rawValue: 0)) {
        self.call = call
        self.status = status.rawValue
        var text = String(cString: natsStatus_GetText(status))
        var last = NATS_OK
        if let detail = nats_GetLastError(&last), last != NATS_OK {
            let d = String(cString: detail)
            if !d.isEmpty && d != text { text += ": " + d }
        }
        self.text = text
        self.jetStreamCode = Int(jetStreamCode.rawValue)
    }

    /// Whether the server is unreachable or slow (the call may be tried again later) rather than refusing.
    public var isTransient: Bool {
        [NATS_TIMEOUT, NATS_NO_RESPONDERS, NATS_CONNECTION_CLOSED, NATS_CONNECTION_DISCONNECTED,
         NATS_NO_SERVER, NATS_NOT_YET_CONNECTED, NATS_STALE_CONNECTION, NATS_IO_ERROR]
            .map(\.rawValue).contains(status)
    }

    public var description: String {
        jetStreamCode == 0 ? "\(call): \(text)" : "\(call): \(text) (JetStream error \(jetStreamCode))"
    }
}

/// Runs a C call and throws its status unless it is `NATS_OK`.
@inline(__always)
func check(_ call: String, _ status: natsStatus, _ code: jsErrCode = jsErrCode(rawValue: 0)) throws(NatsError) {
    if status != NATS_OK { throw NatsError(call: call, status: status, jetStreamCode: code) }
}

/// Reads records back from the stream for `articled stream cat`: an ordered consumer over one instance's
/// subjects or all of them, from a time or from the start, until it has caught up (or for ever with `follow`).
public struct StreamReader: Sendable {
    public var settings: NatsConnectionSettings
    public var stream: String
    public var subjectPrefix: String

    public init(settings: NatsConnectionSettings, stream: String, subjectPrefix: String) {
        self.settings = settings
        self.stream = stream
        self.subjectPrefix = subjectPrefix
    }

    /// Hands every message to `deliver` in stream order. Without `follow`, returns after the selection's last
    /// message as it stood when reading began (looked up first: a consumer's own pending count can read 0 too
    /// early while a cluster changes leaders).
    public func read(
        instance: String?,
        startNanos: Int64?,
        follow: Bool,
        quietMs: Int64 = 2000,
        deliver: (ReceivedMessage) throws -> Void
    ) throws {
        let connection = try NatsConnection(settings, retryForever: false)
        let subject = StreamLayout.subjects(prefix: subjectPrefix, instance: instance)
        var end: UInt64? = nil
        if !follow {
            let last = try connection.lastMessage(stream: stream, subject: subject, headers: [])
            guard let last, last.timestampNanos >= (startNanos ?? 0) else { return }
            end = last.streamSequence
        }
        let subscription = try connection.orderedSubscription(stream: stream, subject: subject, startNanos: startNanos)
        var quiet = 0
        while true {
            guard let message = try subscription.next(timeoutMs: quietMs, headers: StreamLayout.Header.all) else {
                quiet += 1
                if let end, quiet >= Self.patience {
                    throw StreamReadError.stalled(waitingFor: end, seconds: Int(quietMs) * quiet / 1000)
                }
                continue
            }
            quiet = 0
            try deliver(message)
            if let end, message.streamSequence >= end { return }
        }
    }

    /// Quiet periods in a row after which a read that still expects messages gives up.
    static let patience = 15
}

/// The stream stopped delivering before the last message that was there when reading began.
public enum StreamReadError: Error, CustomStringConvertible {
    case stalled(waitingFor: UInt64, seconds: Int)

    public var description: String {
        switch self {
        case .stalled(let sequence, let seconds):
            return "no message for \(seconds) s while stream sequence \(sequence) was still to come"
        }
    }
}

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

    /// Hands every message to `deliver` in stream order. Without `follow`, returns once a message says none
    /// is pending, or when nothing arrives for `quietMs` (an empty selection).
    public func read(
        instance: String?,
        startNanos: Int64?,
        follow: Bool,
        quietMs: Int64 = 2000,
        deliver: (ReceivedMessage) throws -> Void
    ) throws {
        let connection = try NatsConnection(settings, retryForever: false)
        let subscription = try connection.orderedSubscription(
            stream: stream,
            subject: StreamLayout.subjects(prefix: subjectPrefix, instance: instance),
            startNanos: startNanos
        )
        while true {
            guard let message = try subscription.next(timeoutMs: quietMs, headers: StreamLayout.Header.all) else {
                if follow { continue }
                return
            }
            try deliver(message)
            if !follow && message.pending == 0 { return }
        }
    }
}

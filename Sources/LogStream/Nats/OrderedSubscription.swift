import CNats

/// A JetStream ordered consumer: every message of its subject once, in stream order, with gaps the client
/// repairs itself. Blocking; for one reader.
public final class OrderedSubscription: @unchecked Sendable {
    private let subscription: OpaquePointer
    /// Keeps the connection open while the subscription lives.
    private let owner: NatsConnection

    init(_ subscription: OpaquePointer, owner: NatsConnection) {
        self.subscription = subscription
        self.owner = owner
    }

    deinit {
        natsSubscription_Unsubscribe(subscription)
        natsSubscription_Destroy(subscription)
    }

    /// The next message, or nil when none came within `timeoutMs`.
    public func next(timeoutMs: Int64, headers: [String]) throws(NatsError) -> ReceivedMessage? {
        var message: OpaquePointer? = nil
        let status = natsSubscription_NextMsg(&message, subscription, timeoutMs)
        if status == NATS_TIMEOUT { return nil }
        try check("natsSubscription_NextMsg", status)
        guard let message else { return nil }
        defer { natsMsg_Destroy(message) }
        return NatsConnection.copy(message, headers: headers, metadata: true)
    }
}

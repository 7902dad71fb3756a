/// A message read from a stream, copied out of the C client's memory.
public struct ReceivedMessage: Sendable, Equatable {
    /// The subject it was published to.
    public var subject: String
    /// Its payload, byte for byte.
    public var data: [UInt8]
    /// The headers asked for that it carries.
    public var headers: [String: String]
    /// Its sequence in the stream (0 when unknown).
    public var streamSequence: UInt64
    /// Messages of the consumer still to come after this one (0 when unknown or caught up).
    public var pending: UInt64
    /// When the server stored it, nanoseconds since the epoch (0 when unknown).
    public var timestampNanos: Int64
}

/// The stream publisher's figures in `/status`, present only when publishing is on.
public struct PublishFigures: Sendable, Equatable, Codable {
    /// `connecting`, `publishing`, `caught-up`, `retrying` or `stopped`.
    public var state: String
    /// This daemon's instance name and the stream it publishes to.
    public var instance: String
    public var stream: String
    /// The last seq the stream acknowledged.
    public var acknowledgedSeq: Int
    /// Acknowledged records of the log not yet acknowledged by the stream.
    public var lag: Int
    /// Records published since the daemon started.
    public var published: Int
    /// Failed attempts since the daemon started.
    public var failures: Int
    /// The last failure, kept after recovery.
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case state, instance, stream
        case acknowledgedSeq = "acknowledged_seq"
        case lag, published, failures
        case lastError = "last_error"
    }

    public init(
        state: String,
        instance: String,
        stream: String,
        acknowledgedSeq: Int,
        lag: Int,
        published: Int,
        failures: Int,
        lastError: String?
    ) {
        self.state = state
        self.instance = instance
        self.stream = stream
        self.acknowledgedSeq = acknowledgedSeq
        self.lag = lag
        self.published = published
        self.failures = failures
        self.lastError = lastError
    }
}

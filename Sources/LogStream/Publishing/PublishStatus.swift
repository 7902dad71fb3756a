/// What the publisher is doing, for `/status`, `/metrics` and the STATUS= line.
public struct PublishStatus: Sendable, Equatable {
    public enum State: String, Sendable, Equatable {
        /// Not yet in touch with the stream.
        case connecting
        /// Sending records.
        case publishing
        /// Every acknowledged record of the log is in the stream.
        case caughtUp = "caught-up"
        /// The last attempt failed; the next comes after a backoff.
        case retrying
        /// Stopped with the daemon.
        case stopped
    }

    public var state: State = .connecting
    /// This daemon's instance name and the stream.
    public var instance: String
    public var stream: String
    /// The last seq the stream acknowledged.
    public var acknowledgedSeq: Int = 0
    /// Records acknowledged since the daemon started.
    public var publishedSinceStart: Int = 0
    /// Failed attempts since the daemon started.
    public var failures: Int = 0
    /// The last failure, kept after recovery so that an operator can see what happened.
    public var lastError: String? = nil

    public init(instance: String, stream: String) {
        self.instance = instance
        self.stream = stream
    }
}

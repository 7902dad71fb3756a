import Glibc

extension StatusServer {
    /// Where the server listens, who may ask, and the limits that keep a slow or hostile client from tying it up.
    public struct Configuration: Sendable {
        /// The socket's path. Bound (and removed on exit) by the server unless ``adoptedDescriptor`` is set, in
        /// which case it is only used in messages.
        public var socketPath: String
        /// A listening socket passed by systemd (`ListenFDs.take()`); it is served as is and never unlinked.
        public var adoptedDescriptor: Int32?
        /// Permissions of a socket the server binds itself: owner and group may connect, others may not.
        public var socketMode: mode_t
        /// Largest request head (request line and headers) accepted; a larger one gets 431 and is closed.
        public var maxHeaderBytes: Int
        /// Longest a connection may live, from accept to response; a client that sends too slowly is cut off.
        public var requestTimeout: Duration
        /// Connections served at once; others get 503 at once.
        public var maxConnections: Int
        /// Connections served at once for one peer uid (SO_PEERCRED, read at accept); more from that user get 503
        /// at once and are counted, while other users are still answered. Keep it well under ``maxConnections``.
        public var maxConnectionsPerUser: Int
        /// Users held only to ``maxConnections``, not to ``maxConnectionsPerUser``: by default root and the
        /// daemon's own user (``PeerAccessPolicy/uid``), who run monitoring and `articled status` and cannot be
        /// shut out by a dropper; neither is a dropper's account.
        public var usersWithoutPerUserLimit: Set<uid_t>
        /// Who may ask, judged from the peer's credentials (SO_PEERCRED).
        public var accessPolicy: PeerAccessPolicy

        /// Creates a configuration.
        public init(
            socketPath: String,
            adoptedDescriptor: Int32? = nil,
            socketMode: mode_t = 0o660,
            maxHeaderBytes: Int = 8 * 1024,
            requestTimeout: Duration = .seconds(5),
            maxConnections: Int = 32,
            maxConnectionsPerUser: Int = 8,
            usersWithoutPerUserLimit: Set<uid_t>? = nil,
            accessPolicy: PeerAccessPolicy = .daemonUserAndGroup()
        ) {
            self.socketPath = socketPath
            self.adoptedDescriptor = adoptedDescriptor
            self.socketMode = socketMode
            self.maxHeaderBytes = maxHeaderBytes
            self.requestTimeout = requestTimeout
            self.maxConnections = maxConnections
            self.maxConnectionsPerUser = maxConnectionsPerUser
            self.usersWithoutPerUserLimit = usersWithoutPerUserLimit ?? [0, accessPolicy.uid]
            self.accessPolicy = accessPolicy
        }
    }
}

import Glibc
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Answers `GET /status`, `/metrics` and `/health` with HTTP/1.1 on a Unix socket, as a `Service`.
///
/// One request per connection, each connection in its own child task, errors caught per connection: a client
/// that misbehaves costs at most one slot of ``Configuration/maxConnections`` for ``Configuration/requestTimeout``,
/// and never reaches the pipeline. The peer's uid is read (SO_PEERCRED) as soon as a connection is accepted, so
/// that one user holds at most ``Configuration/maxConnectionsPerUser`` of those slots.
public actor StatusServer: Service {
    enum State {
        case initial
        case running(NIOAsyncChannel<NIOAsyncChannel<StatusRequest, ByteBuffer>, Never>)
        case shutdown
    }

    /// The server's configuration.
    public nonisolated let configuration: Configuration
    private let source: any StatusSource
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let onListening: @Sendable () async -> Void
    private let credentials: CredentialsProvider
    private var state: State = .initial
    /// Open connections, in total and per user.
    nonisolated let limiter: ConnectionLimiter

    /// How many connections were refused since start because their user already had
    /// ``Configuration/maxConnectionsPerUser`` open; for `/metrics`.
    public nonisolated var connectionsRefusedPerUser: Int { limiter.refusedForUser }

    /// Creates a server; nothing happens until ``run()``.
    /// - Parameters:
    ///   - configuration: Socket and limits.
    ///   - source: Where answers come from.
    ///   - logger: For start, stop and per-connection failures (at debug level: clients are not the daemon's fault).
    ///   - eventLoopGroup: NIO threads; the shared singleton by default.
    ///   - onListening: Called once the socket accepts connections; part of the daemon's READY=1 condition.
    public init(
        configuration: Configuration,
        source: any StatusSource,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onListening: @escaping @Sendable () async -> Void = {}
    ) {
        self.init(
            configuration: configuration,
            source: source,
            logger: logger,
            eventLoopGroup: eventLoopGroup,
            onListening: onListening,
            credentials: { try await Self.peerCredentials(of: $0) }
        )
    }

    /// How the server learns who is at the other end of an accepted connection: SO_PEERCRED, or a stand-in in
    /// tests that need connections from several users.
    typealias CredentialsProvider = @Sendable (any Channel) async throws -> PeerCredentials

    /// Creates a server that learns peers' credentials from `credentials` instead of SO_PEERCRED; for tests that
    /// need connections from several users.
    init(
        configuration: Configuration,
        source: any StatusSource,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onListening: @escaping @Sendable () async -> Void = {},
        credentials: @escaping CredentialsProvider
    ) {
        self.configuration = configuration
        self.source = source
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.onListening = onListening
        self.credentials = credentials
        self.limiter = ConnectionLimiter(
            limit: configuration.maxConnections,
            perUserLimit: configuration.maxConnectionsPerUser,
            unlimitedUsers: configuration.usersWithoutPerUserLimit
        )
    }

    /// Listens and serves until graceful shutdown or cancellation; then stops accepting, lets open requests
    /// finish, and removes the socket file it created (never an adopted one).
    public func run() async throws {
        guard case .initial = self.state else { return }
        let configuration = self.configuration
        let path = configuration.socketPath

        let fd: Int32
        var created: ListeningSocket.Bound?
        if let adopted = configuration.adoptedDescriptor {
            fd = adopted
        } else {
            let bound = try ListeningSocket.bind(path: path, mode: configuration.socketMode)
            created = bound
            fd = bound.fd
        }
        defer {
            if let created { ListeningSocket.remove(created, path: path) }
        }

        let requestTimeout = TimeAmount.nanoseconds(Int64(clamping: configuration.requestTimeout.nanoseconds))
        let maxHeaderBytes = configuration.maxHeaderBytes
        let serverChannel: NIOAsyncChannel<NIOAsyncChannel<StatusRequest, ByteBuffer>, Never>
        do {
            serverChannel = try await ServerBootstrap(group: self.eventLoopGroup)
                .serverChannelOption(.backlog, value: 64)
                .bind(NIOBSDSocket.Handle(fd)) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        // A hard deadline per connection: slow senders (slowloris) are cut off.
                        let deadline = channel.eventLoop.scheduleTask(in: requestTimeout) {
                            channel.close(promise: nil)
                        }
                        channel.closeFuture.whenComplete { _ in deadline.cancel() }
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(StatusRequestDecoder(maxHeaderBytes: maxHeaderBytes))
                        )
                        return try NIOAsyncChannel<StatusRequest, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            if configuration.adoptedDescriptor == nil { close(fd) }
            throw StatusServerError.socketCall(call: "listen", path: path, errno: (error as? IOError)?.errnoCode ?? EIO)
        }

        self.state = .running(serverChannel)
        self.logger.info(
            "status socket listening",
            metadata: ["socket": "\(path)", "activated": "\(configuration.adoptedDescriptor != nil)"]
        )
        await self.onListening()

        let limiter = self.limiter
        let credentials = self.credentials
        let router = StatusRouter(source: self.source)
        let policy = configuration.accessPolicy
        let logger = self.logger
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                do {
                    try await serverChannel.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask {
                                await Self.admit(
                                    connection,
                                    limiter: limiter,
                                    credentials: credentials,
                                    router: router,
                                    policy: policy,
                                    logger: logger
                                )
                            }
                        }
                    }
                } catch {
                    logger.debug("status socket closed", metadata: ["error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            // Closing the listening channel ends the accept loop; open connections finish within their deadline.
            serverChannel.channel.close(promise: nil)
        }
        self.state = .shutdown
        self.logger.info("status socket closed", metadata: ["socket": "\(path)"])
    }

    /// Reads the peer's credentials of a freshly accepted connection, takes a slot for its user and serves it; the
    /// slot is given back when the connection is closed. Without credentials the connection is closed at once.
    private static func admit(
        _ connection: NIOAsyncChannel<StatusRequest, ByteBuffer>,
        limiter: ConnectionLimiter,
        credentials: CredentialsProvider,
        router: StatusRouter,
        policy: PeerAccessPolicy,
        logger: Logger
    ) async {
        let peer: PeerCredentials
        do {
            peer = try await credentials(connection.channel)
        } catch {
            logger.debug("status connection without peer credentials, closed", metadata: ["error": "\(error)"])
            try? await connection.executeThenClose { _, _ in }
            return
        }
        let admission = limiter.acquire(uid: peer.uid)
        defer { if admission == .admitted { limiter.release(uid: peer.uid) } }
        if admission == .userAtLimit {
            logger.debug(
                "status connection refused: too many from this user",
                metadata: ["peer_uid": "\(peer.uid)", "peer_pid": "\(peer.pid)"]
            )
        }
        await serve(connection, peer: peer, admission: admission, router: router, policy: policy, logger: logger)
    }

    /// Serves one connection: reads the request head, checks the peer, writes one response, closes.
    private static func serve(
        _ connection: NIOAsyncChannel<StatusRequest, ByteBuffer>,
        peer: PeerCredentials,
        admission: ConnectionLimiter.Admission,
        router: StatusRouter,
        policy: PeerAccessPolicy,
        logger: Logger
    ) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                let response: StatusResponse
                switch admission {
                case .serverFull:
                    response = .error(503, "too many connections")
                case .userAtLimit:
                    response = .error(503, "too many connections from your user")
                case .admitted:
                    let answer = try await StatusRequest.answerFirst(of: inbound) { request in
                        guard policy.allows(peer) else {
                            logger.notice(
                                "status request refused",
                                metadata: [
                                    "peer_uid": "\(peer.uid)", "peer_gid": "\(peer.gid)", "peer_pid": "\(peer.pid)",
                                ]
                            )
                            return .error(403, "forbidden: join the daemon's group to read its status")
                        }
                        return await router.respond(to: request)
                    }
                    guard let answer else { return }
                    response = answer
                }
                try await outbound.write(response.encoded())
            }
        } catch {
            logger.debug("status connection failed", metadata: ["error": "\(error)"])
        }
    }

    /// SO_PEERCRED of a connected Unix socket.
    static func peerCredentials(of channel: any Channel) async throws -> PeerCredentials {
        guard let provider = channel as? any SocketOptionProvider else {
            throw StatusServerError.socketCall(call: "getsockopt(SO_PEERCRED)", path: "connection", errno: ENOTSOCK)
        }
        // `struct ucred` needs _GNU_SOURCE, which Swift's Glibc module lacks; a tuple has its layout (pid, uid, gid).
        let cred: (pid_t, uid_t, gid_t) = try await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET),
            name: SocketOptionName(SO_PEERCRED)
        ).get()
        return PeerCredentials(pid: cred.0, uid: cred.1, gid: cred.2)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = self.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

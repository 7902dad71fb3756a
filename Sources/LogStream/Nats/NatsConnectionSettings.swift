/// How to reach a NATS server or cluster, as NATS users write it.
public struct NatsConnectionSettings: Sendable, Equatable {
    /// Server URLs (`nats://host:4222`, `tls://host:4222`); several for a cluster, tried in turn.
    public var servers: [String]
    /// The connection's name, shown by the server's monitoring (`articled/INSTANCE`).
    public var name: String
    /// A `.creds` file (user JWT and NKey seed), as `nsc` writes it; nil for none.
    public var credentialsFile: String?
    /// A CA bundle to verify the servers with; setting it turns TLS on.
    public var tlsCA: String?
    /// A client certificate and its key for mutual TLS; both or neither.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// How long a JetStream request (a publish, a stream lookup) waits for its answer.
    public var requestTimeoutMs: Int64

    /// Creates settings; requests wait 5 s, the C client's default.
    public init(
        servers: [String],
        name: String,
        credentialsFile: String? = nil,
        tlsCA: String? = nil,
        tlsCertificate: String? = nil,
        tlsKey: String? = nil,
        requestTimeoutMs: Int64 = 5000
    ) {
        self.servers = servers
        self.name = name
        self.credentialsFile = credentialsFile
        self.tlsCA = tlsCA
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.requestTimeoutMs = requestTimeoutMs
    }
}

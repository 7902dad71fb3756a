import CNats
import Glibc

/// One connection to a NATS server or cluster and its JetStream context, through the C client. Every call
/// blocks its thread until the server answers or the request times out, so callers run them off Swift's
/// cooperative threads (`BlockingQueue`). The C client is thread-safe; this type adds no state of its own.
public final class NatsConnection: @unchecked Sendable {
    private let connection: OpaquePointer
    private let jetStream: OpaquePointer

    /// Connects. With `retryForever`, an unreachable server is not an error: the client keeps trying in the
    /// background (as after a lost connection), and requests fail as transient until it is back.
    public init(_ settings: NatsConnectionSettings, retryForever: Bool) throws(NatsError) {
        let options = try Self.options(settings, retryForever: retryForever)
        defer { natsOptions_Destroy(options) }
        var connection: OpaquePointer? = nil
        let status = natsConnection_Connect(&connection, options)
        guard let connection, status == NATS_OK || (retryForever && status == NATS_NOT_YET_CONNECTED) else {
            natsConnection_Destroy(connection)
            throw NatsError(call: "natsConnection_Connect", status: status)
        }
        var jsOptions = jsOptions()
        jsOptions_Init(&jsOptions)
        jsOptions.Wait = settings.requestTimeoutMs
        var jetStream: OpaquePointer? = nil
        let jsStatus = natsConnection_JetStream(&jetStream, connection, &jsOptions)
        guard let jetStream, jsStatus == NATS_OK else {
            natsConnection_Destroy(connection)
            throw NatsError(call: "natsConnection_JetStream", status: jsStatus)
        }
        self.connection = connection
        self.jetStream = jetStream
    }

    deinit {
        jsCtx_Destroy(jetStream)
        natsConnection_Close(connection)
        natsConnection_Destroy(connection)
    }

    /// Whether the connection is up now.
    public var isConnected: Bool { natsConnection_Status(connection) == NATS_CONN_STATUS_CONNECTED }

    private static func options(_ s: NatsConnectionSettings, retryForever: Bool) throws(NatsError) -> OpaquePointer {
        var created: OpaquePointer? = nil
        try check("natsOptions_Create", natsOptions_Create(&created))
        guard let options = created else { throw NatsError(call: "natsOptions_Create", status: NATS_NO_MEMORY) }
        do throws(NatsError) {
            let servers = s.servers.map { UnsafePointer(strdup($0)) }
            defer { servers.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
            var list = servers
            try check("natsOptions_SetServers", natsOptions_SetServers(options, &list, Int32(list.count)))
            try check("natsOptions_SetName", natsOptions_SetName(options, s.name))
            if retryForever {
                try check("natsOptions_SetMaxReconnect", natsOptions_SetMaxReconnect(options, -1))
                try check("natsOptions_SetReconnectWait", natsOptions_SetReconnectWait(options, 500))
                // With a connected callback the first connect returns at once and retries in the background;
                // without one, the C client would retry inside `natsConnection_Connect`, for ever.
                try check(
                    "natsOptions_SetRetryOnFailedConnect",
                    natsOptions_SetRetryOnFailedConnect(options, true, { _, _ in }, nil)
                )
            }
            if let creds = s.credentialsFile {
                try check(
                    "natsOptions_SetUserCredentialsFromFiles",
                    natsOptions_SetUserCredentialsFromFiles(options, creds, nil)
                )
            }
            if let ca = s.tlsCA {
                try check("natsOptions_SetSecure", natsOptions_SetSecure(options, true))
                try check("natsOptions_LoadCATrustedCertificates", natsOptions_LoadCATrustedCertificates(options, ca))
            }
            if let cert = s.tlsCertificate, let key = s.tlsKey {
                try check("natsOptions_SetSecure", natsOptions_SetSecure(options, true))
                try check("natsOptions_LoadCertificatesChain", natsOptions_LoadCertificatesChain(options, cert, key))
            }
        } catch {
            natsOptions_Destroy(options)
            throw error
        }
        return options
    }

    // MARK: Streams

    /// Creates the stream on file storage with `replicas` copies unless it exists; returns whether it created it.
    /// An existing stream is used as it is (its operator may have tuned it).
    @discardableResult
    public func ensureStream(
        name: String,
        subjects: [String],
        replicas: Int,
        duplicateWindowSeconds: Int
    ) throws(NatsError) -> Bool {
        var info: UnsafeMutablePointer<jsStreamInfo>? = nil
        var code = jsErrCode(rawValue: 0)
        let status = js_GetStreamInfo(&info, jetStream, name, nil, &code)
        jsStreamInfo_Destroy(info)
        if status == NATS_OK { return false }
        guard Int(code.rawValue) == NatsError.streamNotFound || status == NATS_NOT_FOUND else {
            throw NatsError(call: "js_GetStreamInfo", status: status, jetStreamCode: code)
        }
        var config = jsStreamConfig()
        jsStreamConfig_Init(&config)
        let cName = strdup(name)
        let cSubjects = subjects.map { UnsafePointer(strdup($0)) }
        defer {
            free(cName)
            cSubjects.forEach { free(UnsafeMutablePointer(mutating: $0)) }
        }
        var subjectList = cSubjects
        var created: UnsafeMutablePointer<jsStreamInfo>? = nil
        let addStatus = subjectList.withUnsafeMutableBufferPointer { buffer in
            config.Name = UnsafePointer(cName)
            config.Subjects = buffer.baseAddress
            config.SubjectsLen = Int32(buffer.count)
            config.Storage = js_FileStorage
            config.Replicas = Int64(replicas)
            config.Duplicates = Int64(duplicateWindowSeconds) * 1_000_000_000
            return js_AddStream(&created, jetStream, &config, nil, &code)
        }
        jsStreamInfo_Destroy(created)
        // Another publisher may have created it between the two calls.
        if addStatus != NATS_OK && Int(code.rawValue) != 10058 {
            throw NatsError(call: "js_AddStream", status: addStatus, jetStreamCode: code)
        }
        return addStatus == NATS_OK
    }

    /// The cluster member leading the stream, nil when it is not clustered or unknown.
    public func streamLeader(_ name: String) throws(NatsError) -> String? {
        var info: UnsafeMutablePointer<jsStreamInfo>? = nil
        var code = jsErrCode(rawValue: 0)
        try check("js_GetStreamInfo", js_GetStreamInfo(&info, jetStream, name, nil, &code), code)
        defer { jsStreamInfo_Destroy(info) }
        guard let leader = info?.pointee.Cluster?.pointee.Leader else { return nil }
        return String(cString: leader)
    }

    // MARK: Publishing

    /// What the server said about a stored message.
    public struct Acknowledgement: Sendable, Equatable {
        /// Its sequence in the stream.
        public var streamSequence: UInt64
        /// Whether the server had it already under this message id (and stored nothing).
        public var duplicate: Bool
    }

    /// Publishes `data` and waits for the stream's acknowledgement. `messageID` lets the server drop a second
    /// copy within the stream's duplicate window.
    public func publish(
        subject: String,
        data: [UInt8],
        messageID: String,
        headers: [(String, String)]
    ) throws(NatsError) -> Acknowledgement {
        var message: OpaquePointer? = nil
        let created = data.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                natsMsg_Create(&message, subject, nil, $0.baseAddress, Int32($0.count))
            }
        }
        try check("natsMsg_Create", created)
        defer { natsMsg_Destroy(message) }
        for (key, value) in headers {
            try check("natsMsgHeader_Set", natsMsgHeader_Set(message, key, value))
        }
        var ack: UnsafeMutablePointer<jsPubAck>? = nil
        var code = jsErrCode(rawValue: 0)
        let status = messageID.withCString { id in
            var options = jsPubOptions()
            jsPubOptions_Init(&options)
            options.MsgId = id
            return js_PublishMsg(&ack, jetStream, message, &options, &code)
        }
        defer { jsPubAck_Destroy(ack) }
        try check("js_PublishMsg", status, code)
        guard let ack else { throw NatsError(call: "js_PublishMsg", status: NATS_ERR) }
        return Acknowledgement(streamSequence: ack.pointee.Sequence, duplicate: ack.pointee.Duplicate)
    }

    /// The stream's last message on `subject` (wildcards allowed), nil when it has none; its stream sequence
    /// and time are set.
    public func lastMessage(stream: String, subject: String, headers: [String]) throws(NatsError) -> ReceivedMessage? {
        var message: OpaquePointer? = nil
        var code = jsErrCode(rawValue: 0)
        let status = js_GetLastMsg(&message, jetStream, stream, subject, nil, &code)
        defer { natsMsg_Destroy(message) }
        if Int(code.rawValue) == NatsError.noMessageFound { return nil }
        try check("js_GetLastMsg", status, code)
        guard let message else { return nil }
        return Self.copy(message, headers: headers, metadata: false)
    }

    // MARK: Consuming

    /// An ordered, ephemeral consumer of `subject` in `stream` (the client restarts it on a gap), from
    /// `startNanos` (nanoseconds since the epoch) or from the start.
    public func orderedSubscription(
        stream: String,
        subject: String,
        startNanos: Int64?
    ) throws(NatsError) -> OrderedSubscription {
        var options = jsSubOptions()
        jsSubOptions_Init(&options)
        var subscription: OpaquePointer? = nil
        var code = jsErrCode(rawValue: 0)
        let status = stream.withCString { cStream in
            options.Stream = cStream
            options.Ordered = true
            if let startNanos {
                options.Config.DeliverPolicy = js_DeliverByStartTime
                options.Config.OptStartTime = startNanos
            } else {
                options.Config.DeliverPolicy = js_DeliverAll
            }
            return js_SubscribeSync(&subscription, jetStream, subject, nil, &options, &code)
        }
        try check("js_SubscribeSync", status, code)
        guard let subscription else { throw NatsError(call: "js_SubscribeSync", status: NATS_ERR) }
        return OrderedSubscription(subscription, owner: self)
    }

    /// Copies what a C message holds into Swift values.
    static func copy(_ message: OpaquePointer, headers names: [String], metadata: Bool) -> ReceivedMessage {
        let length = Int(natsMsg_GetDataLength(message))
        var data: [UInt8] = []
        if let pointer = natsMsg_GetData(message), length > 0 {
            data = pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                Array(UnsafeBufferPointer(start: $0, count: length))
            }
        }
        var headers: [String: String] = [:]
        for name in names {
            var value: UnsafePointer<CChar>? = nil
            if natsMsgHeader_Get(message, name, &value) == NATS_OK, let value { headers[name] = String(cString: value) }
        }
        var received = ReceivedMessage(
            subject: String(cString: natsMsg_GetSubject(message)),
            data: data,
            headers: headers,
            streamSequence: 0,
            pending: 0,
            timestampNanos: 0
        )
        if !metadata {
            // A message fetched directly (js_GetLastMsg) carries its sequence and time itself.
            received.streamSequence = natsMsg_GetSequence(message)
            received.timestampNanos = natsMsg_GetTime(message)
        }
        var meta: UnsafeMutablePointer<jsMsgMetaData>? = nil
        if metadata, natsMsg_GetMetaData(&meta, message) == NATS_OK, let meta {
            received.streamSequence = meta.pointee.Sequence.Stream
            received.pending = meta.pointee.NumPending
            received.timestampNanos = meta.pointee.Timestamp
            jsMsgMetaData_Destroy(meta)
        }
        return received
    }
}

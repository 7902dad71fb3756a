import ArticledTestSupport
import Foundation
import Glibc

/// Runs Debian's `nats-server` with JetStream on free loopback ports, alone or as a cluster, for the stream
/// publisher's tests. Tests that need it skip when the binary is absent (`make deps` installs it).
final class NatsServerHarness: @unchecked Sendable {
    /// One server of the cluster.
    struct Node {
        var name: String
        var clientPort: UInt16
        var clusterPort: UInt16
        var storeDirectory: String
    }

    static let binary = ["/usr/sbin/nats-server", "/usr/bin/nats-server"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    let root: String
    let nodes: [Node]
    /// With mutual TLS: the server's certificate and key, and the CA its clients' certificates must come from.
    var tls: (certificate: String, key: String, ca: String)? = nil
    private var processes: [String: ChildProcess] = [:]

    /// `count` servers (1: a lone server; 3: a JetStream cluster with routes between all of them).
    init(count: Int = 1) throws {
        root = "/tmp/articled-nats-\(UUID().uuidString.prefix(8))"
        var nodes: [Node] = []
        for i in 1...count {
            nodes.append(
                Node(
                    name: "n\(i)",
                    clientPort: UInt16(try MetricsTests.freePort()),
                    clusterPort: UInt16(try MetricsTests.freePort()),
                    storeDirectory: root + "/n\(i)"
                )
            )
        }
        self.nodes = nodes
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit {
        for p in processes.values where p.isRunning {
            Glibc.kill(p.pid, SIGKILL)
            p.wait()
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Every client URL, comma-separated, as `publish-url` takes them.
    var urls: String { nodes.map { "nats://127.0.0.1:\($0.clientPort)" }.joined(separator: ",") }

    func url(_ name: String) -> String { "nats://127.0.0.1:\(node(name).clientPort)" }

    func node(_ name: String) -> Node { nodes.first { $0.name == name }! }

    /// Starts every server and waits until each accepts connections.
    func startAll() async throws {
        for n in nodes { try start(n.name) }
    }

    /// Starts one server (again after `kill`, on the same port and store).
    func start(_ name: String) throws {
        guard let binary = Self.binary else { throw HarnessError("nats-server is not installed") }
        let n = node(name)
        var arguments = ["-js", "-a", "127.0.0.1", "-p", "\(n.clientPort)", "-sd", n.storeDirectory, "-n", n.name]
        if let tls {
            arguments += ["--tlsverify", "--tlscert", tls.certificate, "--tlskey", tls.key, "--tlscacert", tls.ca]
        }
        if nodes.count > 1 {
            let routes = nodes.filter { $0.name != name }.map { "nats://127.0.0.1:\($0.clusterPort)" }
            arguments += [
                "--cluster_name", "articled-test", "--cluster", "nats://127.0.0.1:\(n.clusterPort)",
                "--routes", routes.joined(separator: ","),
            ]
        }
        processes[name] = try ChildProcess(binary, arguments, stdout: .null, stderr: .appending(root + "/\(name).log"))
    }

    /// Waits until the named servers accept TCP connections.
    func waitUntilListening(_ names: [String]? = nil) async throws {
        for name in names ?? nodes.map(\.name) {
            let port = node(name).clientPort
            try await waitUntil(timeout: .seconds(20), "nats-server \(name) on port \(port)") { Self.accepts(port) }
        }
    }

    /// Kills one server with `signal` and waits for it to end.
    func kill(_ name: String, signal: Int32 = SIGKILL) async throws {
        guard let p = processes[name] else { return }
        Glibc.kill(p.pid, signal)
        try await waitUntil(timeout: .seconds(20), "nats-server \(name) to exit") { !p.isRunning }
        processes[name] = nil
    }

    static func accepts(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Makes a CA, a server certificate for 127.0.0.1 and a client certificate in `folder` with openssl
    /// (EC P-256, valid two days); returns their paths by name: ca, server, server-key, client, client-key.
    static func makeCertificates(in folder: String) async throws -> [String: String] {
        let script = """
            set -e; cd '\(folder)'
            key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
            key ca.key; openssl req -x509 -new -key ca.key -out ca.pem -days 2 -subj /CN=articled-test-ca
            for who in server client; do
              key $who.key
              openssl req -new -key $who.key -out $who.csr -subj /CN=$who
              if [ $who = server ]; then echo 'subjectAltName=IP:127.0.0.1' > $who.ext
              else echo 'extendedKeyUsage=clientAuth' > $who.ext; fi
              openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \\
                -extfile $who.ext -out $who.pem 2>/dev/null
            done
            """
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try await ChildProcess.running("/bin/sh", ["-c", script])
        guard result.status == 0 else { throw HarnessError("openssl failed") }
        return [
            "ca": folder + "/ca.pem", "server": folder + "/server.pem", "server-key": folder + "/server.key",
            "client": folder + "/client.pem", "client-key": folder + "/client.key",
        ]
    }
}

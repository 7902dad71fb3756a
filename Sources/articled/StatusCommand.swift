import ArgumentParser
import Foundation
import StatusServer

/// `articled status`: asks the running daemon over its status socket and prints a summary (or the raw JSON).
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask the running daemon how it is doing.",
        discussion: """
            Reads GET /status from the daemon's Unix socket. Exits 1 when no daemon answers. Root, the daemon's \
            user and members of its group may ask.
            """
    )

    /// Where systemd's articled.socket puts the socket, and so where to look by default.
    static let defaultSocket = "/run/articled/status.sock"

    @Option(help: "The daemon's status socket (default: $ARTICLED_SOCKET, else \(Status.defaultSocket)).")
    var socket: String?

    @OptionGroup var file: ConfigFileOption

    @Flag(help: "Print the daemon's JSON answer as it is, for scripts.")
    var json = false

    func run() async throws {
        // As `run` reads it: the flag, $ARTICLED_SOCKET, the configuration file, then where systemd puts it.
        let path = self.socket ?? file.report(checkingFolders: false).configuration.socket ?? Self.defaultSocket
        let status: Int
        let body: String
        do {
            (status, body) = try StatusClient.get(socketPath: path, path: "/status")
        } catch {
            throw Self.failure("articled status: \(error)")
        }
        guard status == 200 else {
            throw Self.failure(
                "articled status: the daemon answered \(status): \(body.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        if self.json {
            print(body, terminator: body.hasSuffix("\n") ? "" : "\n")
            return
        }
        do {
            let snapshot = try JSONDecoder().decode(StatusSnapshot.self, from: Data(body.utf8))
            print(snapshot.summary)
        } catch {
            throw Self.failure("articled status: cannot read the daemon's answer (\(error)); try --json")
        }
    }

    /// Prints `message` on stderr and returns exit code 1 to throw.
    private static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode.failure
    }
}

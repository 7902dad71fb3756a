#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Maps a request to a response: the status API docs/operations.md describes.
struct StatusRouter: Sendable {
    let source: any StatusSource
    /// The paths answered: all three on the Unix socket, only `/metrics` and `/health` on the TCP listener,
    /// where anyone who can reach the port may ask.
    var paths: Set<String> = ["/status", "/health", "/metrics"]

    func respond(to request: StatusRequest) async -> StatusResponse {
        guard paths.contains(request.path) else { return .error(404, "not found") }
        guard request.method == "GET" else {
            var response = StatusResponse.error(405, "method not allowed")
            response.extraHeaders = [("Allow", "GET")]
            return response
        }
        switch request.path {
        case "/status":
            let snapshot = await self.source.snapshot()
            guard let body = try? Self.encode(snapshot) else { return .error(500, "cannot encode status") }
            return .json(200, body + "\n")
        case "/health":
            let snapshot = await self.source.snapshot()
            let health = Health(state: snapshot.state, lastError: snapshot.lastError)
            let body = (try? Self.encode(health)) ?? "{}"
            return .json(snapshot.state == .running ? 200 : 503, body + "\n")
        default:
            return StatusResponse(
                status: 200,
                contentType: "text/plain; version=0.0.4; charset=utf-8",
                body: await self.source.metricsText()
            )
        }
    }

    /// `/health`'s body: the state, and the reason when it is not running.
    struct Health: Encodable {
        var state: StatusSnapshot.State
        var lastError: String?

        enum CodingKeys: String, CodingKey {
            case state
            case lastError = "last_error"
        }
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

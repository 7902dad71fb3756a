import Dispatch
import Synchronization

/// Runs blocking durable work (writes, fsyncs) in batches on a dedicated serial queue, off Swift's cooperative
/// threads: requests submitted while a batch is being processed wait together and are handled by the next call
/// of `process`, so one fsync serves them all. This is group commit; the log writer and the directory syncer
/// both use it.
public final class GroupCommitQueue<Request: Sendable, Response: Sendable>: Sendable {
    private struct Waiter {
        var request: Request
        var continuation: CheckedContinuation<Response, any Error>
    }

    private struct State {
        var waiting: [Waiter] = []
        var draining = false
        var closed = false
        var busySince: ContinuousClock.Instant?
    }

    private let state = Mutex(State())
    private let queue: DispatchQueue
    private let process: @Sendable ([Request]) -> [Result<Response, any Error>]
    private let closedError: any Error

    /// Creates a queue; `process` gets every batch, in submission order, and returns one result per request.
    public init(
        label: String,
        closedError: any Error,
        process: @escaping @Sendable ([Request]) -> [Result<Response, any Error>]
    ) {
        self.queue = DispatchQueue(label: label)
        self.process = process
        self.closedError = closedError
    }

    /// Submits a request and waits for its batch to be processed.
    public func submit(_ request: Request) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            let start: Bool? = state.withLock { s in
                if s.closed { return nil }
                s.waiting.append(Waiter(request: request, continuation: continuation))
                if s.draining { return false }
                s.draining = true
                return true
            }
            switch start {
            case nil: continuation.resume(throwing: closedError)
            case true?: queue.async { self.drain() }
            case false?: break
            }
        }
    }

    /// Whether a batch has been processing for longer than `limit` (a hung disk).
    public func isBusy(longerThan limit: Duration) -> Bool {
        state.withLock { s in s.busySince.map { ContinuousClock.now - $0 > limit } ?? false }
    }

    /// Refuses new requests, lets the accepted ones finish, then runs `last` on the queue.
    public func close(then last: @escaping @Sendable () -> Void = {}) async {
        state.withLock { $0.closed = true }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.drain()
                last()
                continuation.resume()
            }
        }
    }

    private func drain() {
        while true {
            let batch: [Waiter] = state.withLock { s in
                if s.waiting.isEmpty {
                    s.draining = false
                    s.busySince = nil
                    return []
                }
                defer { s.waiting = [] }
                s.busySince = .now
                return s.waiting
            }
            if batch.isEmpty { return }
            let results = process(batch.map(\.request))
            for (waiter, result) in zip(batch, results) { waiter.continuation.resume(with: result) }
        }
    }
}

/// Tells the STATUS= line that a figure may have changed (a record written, the queue grown, the state
/// changed), so that the line is sent when there is news and never on a timer. Signals that arrive while one is
/// pending merge into it.
final class StatusChanges: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func signal() { continuation.yield() }
}

import Testing

@testable import ArticleDaemon

@Test func aPathWaitingOrInFlightIsHeldOnce() async {
    let queue = IntakeQueue(capacity: 10)
    await queue.enqueue("a")
    await queue.enqueue("a")
    #expect(await queue.depth == 1)
    let taken = await queue.next()
    #expect(taken == "a")
    await queue.enqueue("a")
    #expect(await queue.depth == 0)
    #expect(await queue.inFlightCount == 1)
}

@Test func aPathReportedAgainWhileInFlightIsQueuedOnceMoreWhenFinished() async {
    let queue = IntakeQueue(capacity: 10)
    await queue.enqueue("a")
    _ = await queue.next()
    await queue.enqueue("a")
    await queue.finished("a")
    #expect(await queue.depth == 1)
}

@Test func aFullQueueHoldsTheProducerBackUntilAWorkerTakesOne() async {
    let queue = IntakeQueue(capacity: 2)
    await queue.enqueue("1")
    await queue.enqueue("2")
    let producer = Task { await queue.enqueue("3") }
    // The producer cannot finish while the queue is full.
    try? await Task.sleep(for: .milliseconds(50))
    #expect(await queue.depth == 2)
    _ = await queue.next()
    await producer.value
    #expect(await queue.depth == 2)
}

@Test func closingReleasesIdleWorkersWithNil() async {
    let queue = IntakeQueue(capacity: 2)
    let worker = Task { await queue.next() }
    try? await Task.sleep(for: .milliseconds(20))
    await queue.close()
    #expect(await worker.value == nil)
}

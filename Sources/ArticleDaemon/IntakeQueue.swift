/// The bounded queue between the watcher and the ingest workers. It holds each path once, whether waiting or
/// being worked on, because the watcher may report a file more than once (a start-up scan racing its event, an
/// overflow rescan). When it is full the watcher waits: back-pressure instead of loss.
actor IntakeQueue {
    private let capacity: Int
    private var waiting: [String] = []
    private var head = 0
    private var queued: Set<String> = []
    private var inFlight: Set<String> = []
    /// Paths reported again while being worked on: the writer may have rewritten the file, so look once more.
    private var again: Set<String> = []
    private var consumers: [CheckedContinuation<String?, Never>] = []
    private var producers: [CheckedContinuation<Void, Never>] = []
    /// No new paths are accepted (the watcher is stopping); waiting ones are still handed out.
    private var intakeClosed = false
    private var closed = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Files waiting to be taken.
    var depth: Int { waiting.count - head }

    /// Files being worked on.
    var inFlightCount: Int { inFlight.count }

    /// Adds a path unless it is already waiting or being worked on; waits while the queue is full.
    func enqueue(_ path: String) async {
        if intakeClosed || queued.contains(path) { return }
        if inFlight.contains(path) {
            again.insert(path)
            return
        }
        while depth >= capacity && !intakeClosed {
            await withCheckedContinuation { producers.append($0) }
            if queued.contains(path) || inFlight.contains(path) { return }
        }
        if intakeClosed { return }
        if let consumer = consumers.first {
            consumers.removeFirst()
            inFlight.insert(path)
            consumer.resume(returning: path)
            return
        }
        waiting.append(path)
        queued.insert(path)
    }

    /// The next path to work on, or nil once the queue is closed.
    func next() async -> String? {
        if closed { return nil }
        if head < waiting.count {
            let path = waiting[head]
            head += 1
            if head > 1024 && head * 2 > waiting.count {
                waiting.removeFirst(head)
                head = 0
            }
            queued.remove(path)
            inFlight.insert(path)
            if let producer = producers.first {
                producers.removeFirst()
                producer.resume()
            }
            return path
        }
        return await withCheckedContinuation { consumers.append($0) }
    }

    /// Marks a path as done. A path reported again meanwhile is queued once more.
    func finished(_ path: String) async {
        inFlight.remove(path)
        if again.remove(path) != nil {
            await enqueue(path)
        }
    }

    /// Stops taking paths: a producer held back by a full queue returns at once. The watcher's shutdown calls
    /// this, or it could wait forever for room that only the (later stopped) workers would make.
    func closeIntake() {
        intakeClosed = true
        for p in producers { p.resume() }
        producers.removeAll()
    }

    /// Stops handing out paths too: idle workers get nil. Paths still waiting stay in the drop folder and are
    /// found by the next start-up scan.
    func close() {
        closeIntake()
        closed = true
        for c in consumers { c.resume(returning: nil) }
        consumers.removeAll()
    }
}

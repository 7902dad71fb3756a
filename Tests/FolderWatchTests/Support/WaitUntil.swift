/// Polls `condition` every few milliseconds until it holds or `deadline` has passed; returns whether it held.
/// Tests await outcomes with this instead of sleeping a fixed time and hoping.
func waitUntil(
    deadline: Duration = .seconds(5),
    _ condition: () async -> Bool
) async -> Bool {
    let clock = ContinuousClock()
    let end = clock.now + deadline
    while clock.now < end {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return await condition()
}

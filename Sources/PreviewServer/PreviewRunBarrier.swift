/// Keeps a worker test page "loading" until its check has finished: the page holds a hidden frame
/// whose response waits for the page's own `done` call (or a deadline). A browser's load event, and so
/// `chromium --headless --dump-dom`, then comes after the results are in the DOM.
actor PreviewRunBarrier {
    private var pending: Set<String> = []
    private var finished: Set<String> = []

    func register() -> String {
        let run = AttemptStore.randomToken()
        pending.insert(run)
        return run
    }

    /// False for a run this server never handed out.
    func finish(_ run: String) -> Bool {
        guard pending.remove(run) != nil else { return false }
        finished.insert(run)
        return true
    }

    /// Waits until `run` finishes or `deadline` passes; false for an unknown run.
    func wait(_ run: String, deadline: Duration) async -> Bool {
        guard pending.contains(run) || finished.contains(run) else { return false }
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while !finished.contains(run) && clock.now < end && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
        }
        finished.remove(run)
        pending.remove(run)
        return true
    }
}

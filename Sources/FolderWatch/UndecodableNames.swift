import Logging

extension Logger {
    /// Paths are reported as Swift strings, which cannot hold a name that is not UTF-8 (e.g. Latin-1 from an old
    /// SMB client); such an entry is skipped, and the operator is told to rename it.
    func warnUndecodableName(_ approximatePath: String) {
        warning(
            "name is not valid UTF-8, so the entry cannot be reported; rename it to a UTF-8 name",
            metadata: ["path": "\(approximatePath)"]
        )
    }
}

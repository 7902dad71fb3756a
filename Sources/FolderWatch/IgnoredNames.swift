/// The rule for names writers use while a file is still incomplete (hidden, temporary, partial download, editor
/// swap or backup). Such files are not reported until renamed to a normal name, and folders with such names are not
/// descended into; the daemon applies the same rule when it scans by itself.
public enum IgnoredNames {
    /// Endings that writers, browsers, editors and copy tools give a file until it is complete. Compared without
    /// regard to case, because Windows tools writing over SMB often use upper case.
    public static let ignoredSuffixes: [String] = [".tmp", ".part", ".partial", ".crdownload", ".swp", "~"]

    /// Whether a single path component (not a path) names something that must not be reported yet.
    public static func isIgnored(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix(".") { return true }
        let lowered = name.lowercased()
        return ignoredSuffixes.contains { lowered.hasSuffix($0) }
    }
}

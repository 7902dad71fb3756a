/// Turns the root-relative paths the watcher reports ("" for the root itself, "a/b.txt" below it) into absolute
/// ones and back, in one place, so that no other code concatenates paths by hand.
struct TreePaths: Sendable, Hashable {
    /// The root without trailing slashes ("/" stays "/").
    let root: String

    init(root: String) {
        var trimmed = Substring(root)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        self.root = String(trimmed)
    }

    /// The absolute path of a root-relative path.
    func absolute(_ relative: String) -> String {
        if relative.isEmpty { return root }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    /// The relative path of `name` inside the relative directory `directory`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory + "/" + name
    }

    /// Whether `path` is `directory` itself or lies below it; "" contains everything.
    static func isWithin(_ path: String, _ directory: String) -> Bool {
        directory.isEmpty || path == directory || path.hasPrefix(directory + "/")
    }
}

import Glibc

/// Runs a C call that returns -1 and sets errno on failure, repeating it while it is interrupted by a signal, so
/// callers never see a spurious EINTR. Returns the call's result, or the errno it failed with. (swift-system's
/// `valueOrErrno(retryOnInterrupt:)` does the same; it is not public API.)
@inline(__always)
public func retryingOnInterrupt<T: FixedWidthInteger>(_ call: () -> T) -> Result<T, Errno> {
    while true {
        let result = call()
        if result != -1 { return .success(result) }
        let code = Glibc.errno
        if code != EINTR { return .failure(Errno(code: code)) }
    }
}

/// An errno value as an error, kept typed so that it is not confused with other integers.
public struct Errno: Error, Equatable, Hashable, Sendable {
    /// The value, e.g. `ENOENT`.
    public var code: Int32

    /// Wraps a value.
    public init(code: Int32) {
        self.code = code
    }
}

import Glibc

/// Runs a C call that returns -1 and sets errno on failure, repeating it while it is interrupted by a signal, so
/// callers never see a spurious EINTR. Returns the call's result, or the errno it failed with.
@inline(__always)
func retryingOnInterrupt<T: FixedWidthInteger>(_ call: () -> T) -> Result<T, SystemErrno> {
    while true {
        let result = call()
        if result != -1 { return .success(result) }
        let code = Glibc.errno
        if code != EINTR { return .failure(SystemErrno(code: code)) }
    }
}

/// An errno value as an error, so `Result` can carry it out of `retryingOnInterrupt`.
struct SystemErrno: Error, Equatable {
    var code: Int32
}

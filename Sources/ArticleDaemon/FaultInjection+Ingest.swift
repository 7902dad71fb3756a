import PosixSupport

extension FaultInjection {
    /// Fails the daemon's step at `point` with the planned fault (debug builds; see `FaultInjection`).
    static func check(_ point: Point, path: String) throws(IngestError) {
        if let code = fault(at: point) {
            throw .system(call: "fault-injection(\(point.rawValue))", path: path, errno: code)
        }
    }
}

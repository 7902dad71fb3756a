import Glibc
import Synchronization

/// Counts open connections, in total and per peer uid, so that a flood of clients is turned away instead of piling
/// up, and so that one user cannot hold every slot: any member of the daemon's group can connect, and without a
/// per-user share one of them could keep `/health` at 503 for everyone else.
final class ConnectionLimiter: Sendable {
    /// Whether a connection may be served, and if not, whose limit it hit.
    enum Admission: Equatable, Sendable {
        /// A slot was taken; release it when the connection closes.
        case admitted
        /// Every slot of the server is taken.
        case serverFull
        /// The peer's user has as many connections open as each user may.
        case userAtLimit
    }

    private struct State {
        var total = 0
        var byUser: [uid_t: Int] = [:]
        var refusedForUser = 0
    }

    private let state = Mutex(State())
    /// Connections served at once, over all users.
    let limit: Int
    /// Connections served at once for one uid.
    let perUserLimit: Int
    /// Users held only to the total `limit`, not to `perUserLimit`.
    let unlimitedUsers: Set<uid_t>

    init(limit: Int, perUserLimit: Int = .max, unlimitedUsers: Set<uid_t> = []) {
        self.limit = limit
        self.perUserLimit = perUserLimit
        self.unlimitedUsers = unlimitedUsers
    }

    /// Takes a slot for a connection from `uid`, unless the user or the server is at its limit.
    func acquire(uid: uid_t) -> Admission {
        state.withLock { state in
            let mine = state.byUser[uid, default: 0]
            if mine >= perUserLimit && !unlimitedUsers.contains(uid) {
                state.refusedForUser += 1
                return .userAtLimit
            }
            guard state.total < limit else { return .serverFull }
            state.total += 1
            state.byUser[uid] = mine + 1
            return .admitted
        }
    }

    /// Gives back the slot of a connection from `uid` that was admitted and has closed.
    func release(uid: uid_t) {
        state.withLock { state in
            state.total -= 1
            let left = state.byUser[uid, default: 1] - 1
            state.byUser[uid] = left > 0 ? left : nil
        }
    }

    /// Connections open now, in total.
    var openConnections: Int { state.withLock { $0.total } }

    /// Connections open now for `uid`.
    func openConnections(of uid: uid_t) -> Int { state.withLock { $0.byUser[uid, default: 0] } }

    /// Connections refused since start because their user was at the per-user limit.
    var refusedForUser: Int { state.withLock { $0.refusedForUser } }
}

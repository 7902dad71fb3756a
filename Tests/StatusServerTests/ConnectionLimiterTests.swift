import Glibc
import Testing

@testable import StatusServer

@Suite("Connection slots per user")
struct ConnectionLimiterTests {
    @Test func aUserIsAdmittedUpToTheirLimitThenRefusedWhileOthersAreStillAdmitted() {
        let limiter = ConnectionLimiter(limit: 32, perUserLimit: 2)
        #expect(limiter.acquire(uid: 1000) == .admitted)
        #expect(limiter.acquire(uid: 1000) == .admitted)
        #expect(limiter.acquire(uid: 1000) == .userAtLimit)
        #expect(limiter.acquire(uid: 2000) == .admitted)
        #expect(limiter.openConnections(of: 1000) == 2)
        #expect(limiter.openConnections == 3)
        #expect(limiter.refusedForUser == 1)
    }

    @Test func closingAConnectionGivesItsUserTheSlotBack() {
        let limiter = ConnectionLimiter(limit: 32, perUserLimit: 1)
        #expect(limiter.acquire(uid: 1000) == .admitted)
        #expect(limiter.acquire(uid: 1000) == .userAtLimit)
        limiter.release(uid: 1000)
        #expect(limiter.openConnections(of: 1000) == 0)
        #expect(limiter.openConnections == 0)
        #expect(limiter.acquire(uid: 1000) == .admitted)
    }

    @Test func theServerLimitStillHoldsOverAllUsers() {
        let limiter = ConnectionLimiter(limit: 2, perUserLimit: 2)
        #expect(limiter.acquire(uid: 1000) == .admitted)
        #expect(limiter.acquire(uid: 2000) == .admitted)
        #expect(limiter.acquire(uid: 3000) == .serverFull)
        #expect(limiter.openConnections(of: 3000) == 0)
        #expect(limiter.refusedForUser == 0)
    }

    @Test func unlimitedUsersAreHeldOnlyToTheServerLimit() {
        let limiter = ConnectionLimiter(limit: 3, perUserLimit: 1, unlimitedUsers: [0])
        #expect(limiter.acquire(uid: 0) == .admitted)
        #expect(limiter.acquire(uid: 0) == .admitted)
        #expect(limiter.acquire(uid: 0) == .admitted)
        #expect(limiter.acquire(uid: 0) == .serverFull)
    }

    @Test func byDefaultEachUserGetsEightAndRootAndTheDaemonUserAreUnlimited() {
        let configuration = StatusServer.Configuration(
            socketPath: "/run/articled/status.sock",
            accessPolicy: PeerAccessPolicy(uid: 990, gid: 990)
        )
        #expect(configuration.maxConnectionsPerUser == 8)
        #expect(configuration.usersWithoutPerUserLimit == [0, 990])
    }
}

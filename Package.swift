// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "articled",
    products: [
        .executable(name: "articled", targets: ["articled"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // C libraries and shims.
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .systemLibrary(
            name: "CUchardet",
            pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]
        ),
        .systemLibrary(
            name: "CNats",
            pkgConfig: "libnats",
            providers: [.apt(["libnats-dev"])]
        ),
        .target(name: "CLinuxSupport"),
        .target(name: "CConcurrencyHooks"),
        .target(name: "QuietExecutor", dependencies: ["CConcurrencyHooks"]),
        // The one error type for failed system calls, and the EINTR loop, shared by every module below.
        .target(name: "PosixSupport"),

        // Libraries, one per concern.
        // What a record's article is (the data type and its JSON bytes), shared by the extractor that makes it
        // and the log that stores it, so that the log does not depend on the extractor.
        .target(name: "ArticleModel"),
        .target(name: "ArticleExtraction", dependencies: ["ArticleModel", "CUchardet"]),
        // Trains the entity tagger's embedded weights (`make entity-model`); not installed.
        .executableTarget(name: "train-entity-model", dependencies: ["ArticleExtraction"]),
        .target(
            name: "ArticleLog",
            dependencies: [
                "PosixSupport",
                "ArticleModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Publishes the log to a NATS JetStream stream and reads it back (issue: beyond one machine).
        .target(
            name: "LogStream",
            dependencies: [
                "CNats",
                "ArticleLog",
                "PosixSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "FolderWatch",
            dependencies: [
                "PosixSupport",
                "CLinuxSupport",
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        .target(
            name: "SystemdSupport",
            dependencies: [
                "CSystemd",
                "PosixSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "StatusServer",
            dependencies: [
                "PosixSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "ArticleDaemon",
            dependencies: [
                "ArticleExtraction", "ArticleLog", "FolderWatch", "SystemdSupport", "StatusServer", "CLinuxSupport",
                "PosixSupport", "LogStream",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "articled",
            dependencies: [
                "ArticleDaemon",
                "LogStream",
                "StatusServer",
                "SystemdSupport",
                "QuietExecutor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),

        // Tests.
        .target(name: "ArticledTestSupport", path: "Sources/ArticledTestSupport"),
        .testTarget(name: "ArticleExtractionTests", dependencies: ["ArticleExtraction"], exclude: ["Fixtures"]),
        .testTarget(name: "ArticleLogTests", dependencies: ["ArticleLog"]),
        .testTarget(name: "ArticleModelTests", dependencies: ["ArticleModel"]),
        .testTarget(name: "FolderWatchTests", dependencies: ["FolderWatch"]),
        .testTarget(name: "QuietExecutorTests", dependencies: ["QuietExecutor", "CConcurrencyHooks"]),
        .testTarget(name: "LogStreamTests", dependencies: ["LogStream", "ArticleLog", "ArticledTestSupport"]),
        .testTarget(
            name: "SystemdSupportTests",
            dependencies: [
                "ArticledTestSupport",
                "SystemdSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "StatusServerTests",
            dependencies: [
                "ArticledTestSupport",
                "StatusServer",
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "ArticleDaemonTests",
            dependencies: ["ArticleDaemon", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["ArticledTestSupport", "ArticleLog", "StatusServer", "LogStream"]
        ),
    ]
)

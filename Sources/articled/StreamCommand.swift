import ArgumentParser
import ArticleDaemon
import Foundation
import LogStream

/// `articled stream cat`: the records every daemon published, read back from the JetStream stream.
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Read the records the daemons published to a NATS JetStream stream.",
        subcommands: [Cat.self]
    )

    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the stream's records as JSON Lines, in stream order; with --verify, check each chain.",
            discussion: """
                Reads with an ordered consumer (nothing is left on the server) and stops once it has caught up, \
                or keeps reading with --follow. The server, stream and subject prefix default to the \
                configuration's publish-url, publish-stream and publish-subject-prefix. With --verify, every \
                record must be the exact line its Articled-Sha256 header names and follow its instance's previous \
                record (seq + 1, prev = that record's SHA-256); problems go to stderr and the exit status is 1.
                """
        )

        @Option(help: "NATS server URLs, comma-separated (default: the configuration's publish-url).")
        var server: String?
        @Option(help: "The stream (default: publish-stream, ARTICLED).")
        var stream: String?
        @Option(help: "The subject prefix (default: publish-subject-prefix, articled).")
        var subjectPrefix: String?
        @Option(help: "Only this daemon's records (its `instance`).")
        var instance: String?
        @Option(help: "Start at this time: 2026-12-07 or 2026-12-07T10:00:00Z (default: the stream's start).")
        var fromTime: String?
        @Flag(help: "Check every record and each instance's chain; exit 1 on a problem.")
        var verify = false
        @Flag(help: "Keep reading new records until interrupted.")
        var follow = false
        @OptionGroup var file: ConfigFileOption

        func run() throws {
            let config = file.report(checkingFolders: false).configuration
            let servers = (server?.split(separator: ",").map(String.init)) ?? config.publishURL
            guard !servers.isEmpty else {
                throw ValidationError("no server: give --server nats://HOST:PORT or set publish-url")
            }
            var start: Int64? = nil
            if let fromTime {
                guard let date = Self.parseTime(fromTime) else {
                    throw ValidationError("--from-time \(fromTime): expected 2026-12-07 or 2026-12-07T10:00:00Z")
                }
                start = Int64(date.timeIntervalSince1970 * 1e9)
            }
            let reader = StreamReader(
                settings: NatsConnectionSettings(
                    servers: servers,
                    name: "articled stream cat",
                    credentialsFile: config.publishCredentials,
                    tlsCA: config.publishTLSCA,
                    tlsCertificate: config.publishTLSCert,
                    tlsKey: config.publishTLSKey
                ),
                stream: stream ?? config.publishStream,
                subjectPrefix: subjectPrefix ?? config.publishSubjectPrefix
            )
            try read(with: reader, start: start)
        }

        private func read(with reader: StreamReader, start: Int64?) throws {
            var output = BatchedOutput()
            var check = ChainCheck()
            var problems = 0
            do {
                try reader.read(instance: instance, startNanos: start, follow: follow) { message in
                    output.appendLine(message.data)
                    if follow { output.flush() }
                    guard verify else { return }
                    for problem in check.check(message) {
                        problems += 1
                        FileHandle.standardError.write(Data("articled stream cat: \(problem)\n".utf8))
                    }
                }
            } catch {
                output.flush()
                FileHandle.standardError.write(Data("articled stream cat: \(error)\n".utf8))
                throw ExitCode.failure
            }
            output.flush()
            if verify {
                let total = check.counts.values.reduce(0, +)
                let summary = problems == 0 ? "every chain intact" : "\(problems) problem(s)"
                FileHandle.standardError.write(
                    Data("articled stream cat: \(total) records of \(check.counts.count) instance(s), \(summary)\n".utf8)
                )
                if problems > 0 { throw ExitCode.failure }
            }
        }

        static func parseTime(_ text: String) -> Date? {
            let full = ISO8601DateFormatter()
            if let d = full.date(from: text) { return d }
            full.formatOptions.insert(.withFractionalSeconds)
            if let d = full.date(from: text) { return d }
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            return day.date(from: text)
        }
    }
}

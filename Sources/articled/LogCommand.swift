import ArgumentParser
import ArticleLog
import Foundation

/// `articled log …`: read and check the log without the daemon.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Read or verify the log.",
        subcommands: [Cat.self, Verify.self]
    )

    struct StateOption: ParsableArguments {
        @Option(help: "The daemon's state folder (the log is in STATE/log).")
        var state: String = ProcessInfo.processInfo.environment["ARTICLED_STATE"] ?? "/var/lib/articled"

        var directory: SegmentDirectory { SegmentDirectory(path: state + "/log") }
    }

    /// `articled log cat`: records as JSON Lines, optionally following new ones as they are written.
    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print records as JSON Lines.")

        @OptionGroup var options: StateOption

        @Option(help: "Start at this seq.")
        var from: Int = 1

        @Flag(help: "Keep printing new records as they are appended, like tail -f.")
        var follow = false

        func run() throws {
            let reader = LogReader(directory: options.directory)
            var position = LogReader.Position.start
            let out = FileHandle.standardOutput
            repeat {
                var batch: [UInt8] = []
                position = try reader.read(from: position, fromSeq: from) { line in
                    batch += line
                    batch.append(UInt8(ascii: "\n"))
                    if batch.count > 1 << 16 {
                        out.write(Data(batch))
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { out.write(Data(batch)) }
                if follow { usleep(200_000) }
            } while follow
        }
    }

    /// `articled log verify`: recomputes the hash chain; exit 1 names the first bad record.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain over every segment; exit 1 and name the first bad seq if it breaks."
        )

        @OptionGroup var options: StateOption

        func run() throws {
            let report = try LogVerifier.verify(options.directory)
            if let bad = report.firstBad {
                print("BROKEN at seq \(bad.seq): \(bad.problem)")
                print("checked \(report.records) records in \(report.segments) segments before the break")
                throw ExitCode.failure
            }
            print("OK: \(report.records) records in \(report.segments) segments, chain intact")
        }
    }
}

import ArgumentParser
import ArticleExtraction
import ArticleLog
import Foundation

/// `articled log …`: read and check the log without the daemon.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Read or verify the log.",
        subcommands: [Cat.self, Export.self, Verify.self, Reextract.self, Generate.self]
    )

    struct StateOption: ParsableArguments {
        @Option(
            name: .customLong("state"),
            help: "The daemon's state folder (default: as `run` reads it: $ARTICLED_STATE, the --config file, /var/lib/articled)."
        )
        var stateOption: String?

        @OptionGroup var file: ConfigFileOption

        /// The folder `run` would use with the same environment and configuration file.
        var state: String { stateOption ?? file.report(checkingFolders: false).configuration.state }

        var directory: SegmentDirectory { SegmentDirectory(path: state + "/log") }
    }

    /// `articled log cat`: records as JSON Lines, optionally following new ones as they are written. Only
    /// records the head covers are printed (acknowledged and durable), never one still being written.
    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print acknowledged records (those STATE/log.head covers) as JSON Lines."
        )

        @OptionGroup var options: StateOption

        @Option(help: "Start at this seq.")
        var from: Int = 1

        @Flag(help: "Keep printing new records as they are appended, like tail -f.")
        var follow = false

        @OptionGroup var select: LogFilterOptions

        func run() throws {
            let reader = LogReader(directory: options.directory)
            let filter = select.filter
            let matcher = filter.isEmpty ? nil : RecordMatcher(filter)
            var position = LogReader.Position.start
            var out = BatchedOutput()
            repeat {
                // Read the head first: the lines it covers are already on disk in full.
                let head = try reader.head()
                position = try reader.read(from: position, fromSeq: from, upTo: head) { line in
                    if let matcher, matcher.record(line) == nil { return }
                    out.appendLine(line)
                }
                out.flush()
                if follow { usleep(200_000) }
            } while follow
        }
    }

    /// `articled log verify`: checks every byte (JSON, checksum, seq, chain, head); exit 1 names the first bad
    /// segment, line and seq.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every line's JSON, checksum, seq and hash chain, and the head file; exit 1 and name "
                + "the first bad segment and line."
        )

        @OptionGroup var options: StateOption

        @Option(
            help: ArgumentHelp(
                "Also require the line at SEQ to have this SHA-256 (an anchor kept elsewhere, e.g. a head printed "
                    + "earlier).",
                valueName: "SEQ:HASH"
            )
        )
        var expect: String?

        func validate() throws {
            if let expect, LogAnchor(expect) == nil {
                throw ValidationError("--expect takes SEQ:HASH, a seq ≥ 1 and 64 hex digits, not '\(expect)'")
            }
        }

        func run() throws {
            // On a terminal, a line that moves with each segment: a big log takes minutes.
            let terminal = isatty(STDERR_FILENO) == 1
            let progress: LogVerifier.Progress? =
                terminal
                ? { done, total, records in
                    FileHandle.standardError.write(Data("\rverifying: segment \(done)/\(total), \(records) records".utf8))
                } : nil
            let report = try LogVerifier.verify(options.directory, expect: expect.flatMap(LogAnchor.init), progress: progress)
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            let headLine =
                report.head.map { "head: \($0)" }
                ?? "head: none (a log from before head files; 'articled run' writes one at start-up)"
            if let bad = report.firstBad {
                print("BROKEN at seq \(bad.seq): \(bad.problem)")
                print("checked \(report.records) records in \(report.segments) segments before the break")
                print(headLine)
                throw ExitCode.failure
            }
            let anchor = expect.map { ", seq \($0.prefix { $0 != ":" }) matches --expect" } ?? ""
            print("OK: \(report.records) records in \(report.segments) segments, checksums and chain intact\(anchor)")
            // Last, so that it is what stays on screen: the anchor to note for a later --expect.
            print(headLine)
        }
    }

    /// `articled log generate`: a synthetic log for benchmarks (`bench/make-log`), hidden from help.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic log of realistic records (for benchmarks) into an empty state folder.",
            shouldDisplay: false
        )

        @OptionGroup var options: StateOption

        @Option(help: "How many records to write.")
        var count: Int

        @Option(help: "Seed of the generator; the same seed gives the same log.")
        var seed: UInt64 = 1

        @Option(help: "Start a new segment past this many bytes, as the daemon does (default 67108864).")
        var segmentBytes = 64 << 20

        func run() throws {
            let started = Date()
            let summary = try LogGenerator.generate(
                options.directory,
                count: count,
                seed: seed,
                segmentBytes: segmentBytes,
                extractor: Extractor.version
            )
            let seconds = Date().timeIntervalSince(started)
            print(
                "wrote \(count) records (\(summary.articles) articles, \(summary.duplicates) duplicates, "
                    + "\(summary.rejected) rejected, \(summary.sidecars) with sidecars), \(summary.bytes) bytes in "
                    + "\(String(format: "%.1f", seconds)) s; head: \(summary.head)"
            )
        }
    }
}

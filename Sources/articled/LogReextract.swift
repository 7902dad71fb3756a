import ArgumentParser
import ArticleDaemon
import ArticleLog
import Foundation
import Logging

extension LogCommand {
    /// `articled log reextract --state S --to DIR`: today's extractor over the originals still in S/done/.
    struct Reextract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run today's extractor over the originals still in STATE/done/ into a new state folder.",
            discussion: """
                Writes DIR/log/ (chained and checked like the daemon's) with one record per record of STATE whose \
                original is still in done/ and unchanged; each names its source record in reextracted_from. \
                STATE is only read: stop the daemon first, or pass a copy, so that done/ does not change meanwhile.
                """
        )

        @OptionGroup var options: StateOption

        @Option(help: "The new state folder; DIR/log must not hold segments yet.")
        var to: String

        func run() async throws {
            // Only problems: the writer's notes about segments and checkpoints are the daemon's, not the reader's.
            var logger = Logger(label: "articled.reextract")
            logger.logLevel = .warning
            let terminal = isatty(STDERR_FILENO) == 1
            let summary = try await Reextraction(source: options.state, target: to, logger: logger).run { done, total in
                guard terminal, done % 100 == 0 || done == total else { return }
                FileHandle.standardError.write(Data("\rreextracting: \(done)/\(total) records".utf8))
            }
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            print(
                "reextracted \(summary.written) records into \(to)/log; skipped \(summary.skippedMissing) whose "
                    + "original is gone, \(summary.skippedChanged) whose original changed, \(summary.notInDone) rejected"
            )
        }
    }
}

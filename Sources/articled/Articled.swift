import ArgumentParser
import ArticleExtraction

/// The `articled` command: the daemon and the tools around its log. `main.swift` starts it.
struct Articled: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articled",
        abstract: "Watches a drop folder and turns every news-article file into one record in a tamper-evident log.",
        version: ArticledVersion.number,
        subcommands: [
            Run.self, Status.self, Extract.self, Eval.self, LogCommand.self, ConfigCommand.self, StreamCommand.self,
        ]
    )
}

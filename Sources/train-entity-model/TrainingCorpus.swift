import ArticleExtraction
import Foundation

/// The training documents: gold bodies of the corpus and the reference's names for them.
struct TrainingCorpus {
    struct Entry {
        var key: String
        var document: TaggerTraining.Document
    }

    /// Every key of the labels file whose gold body is in `corpus/page`, in key order.
    static func load(corpus: URL, labels: URL) throws -> [Entry] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: labels))
        guard let all = object as? [String: [String: [String]]] else { throw CocoaError(.fileReadCorruptFile) }
        var result: [Entry] = []
        for key in all.keys.sorted() {
            let gold = corpus.appendingPathComponent("page/\(key).gold.json")
            guard let data = try? Data(contentsOf: gold),
                let g = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let body = g["body"] as? String
            else { continue }
            let paragraphs = body.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
            let names = all[key]!
            let document = TaggerTraining.Document(
                paragraphs: paragraphs,
                people: names["people"] ?? [],
                places: names["places"] ?? [],
                organizations: names["organizations"] ?? []
            )
            result.append(Entry(key: key, document: document))
        }
        return result
    }
}

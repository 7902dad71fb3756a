// Trains the entity tagger's weights on bodies and the names a reference recogniser found in them, measures the
// agreement by cross-validation, and writes the weights as a Swift source file the binary embeds.
//
//   train-entity-model CORPUS ENTITIES.json [--folds K] [--epochs N] [--min-weight W] [--out FILE.swift]
//
// CORPUS holds `page/KEY.gold.json` (the gold body); ENTITIES.json maps KEY to its people, places and
// organisations. See docs/entities.md.
import ArticleExtraction
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: train-entity-model CORPUS ENTITIES.json [--folds K] [--epochs N] [--min-weight W] [--out FILE]\n".utf8))
    exit(64)
}
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let corpus = URL(fileURLWithPath: arguments[1])
let folds = Int(option("--folds") ?? "0") ?? 0
let epochs = Int(option("--epochs") ?? "8") ?? 8
let minimumWeight = Float(option("--min-weight") ?? "0.05") ?? 0.05
let documents = try TrainingCorpus.load(corpus: corpus, labels: URL(fileURLWithPath: arguments[2]))
print("documents: \(documents.count)")

if folds > 1 {
    var totals: [MentionMerge: AgreementTally] = [:]
    var raw = AgreementTally()
    let policies: [MentionMerge] = [.rulesOnly, .taggerOnly, .agree(threshold: 5_000), .standard]
    for fold in 0..<folds {
        let test = documents.enumerated().filter { $0.offset % folds == fold }.map(\.element)
        let train = documents.enumerated().filter { $0.offset % folds != fold }.map(\.element)
        let (keys, weights) = TaggerTraining.train(train.map(\.document), epochs: epochs, seed: 1, minimumWeight: minimumWeight)
        let model = TaggerModel(keys: keys, weights: weights)
        for d in test { raw.add(TaggerTraining.taggedNames(d.document.paragraphs, model: model), reference: d.document) }
        for policy in policies {
            for d in test {
                let e = EntityExtraction(body: d.document.paragraphs, tagger: model, merge: policy)
                totals[policy, default: AgreementTally()].add(e, reference: d.document)
            }
        }
        print("fold \(fold + 1)/\(folds): \(keys.count) features")
    }
    print("tagger names".padding(toLength: 12, withPad: " ", startingAt: 0), raw.summary)
    for policy in policies { print("\(policy)".padding(toLength: 24, withPad: " ", startingAt: 0), totals[policy]!.summary) }
}

if let out = option("--out") {
    let (keys, weights) = TaggerTraining.train(documents.map(\.document), epochs: epochs, seed: 1, minimumWeight: minimumWeight)
    let bytes = TaggerModel.serialize(keys: keys, weights: weights)
    try ModelSource.write(bytes, to: URL(fileURLWithPath: out))
    print("model: \(keys.count) features, \(bytes.count) bytes, written to \(out)")
}

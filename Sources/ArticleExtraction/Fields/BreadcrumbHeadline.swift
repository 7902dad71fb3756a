/// A breadcrumb ("Home > Blog > Ten lessons from a flooded town") ends with the page's headline, which the page
/// then prints as a line of its own: a witness as good as the page title, and present in dumps that have none.
extension Analysis {
    /// Separators between a breadcrumb's steps.
    static let breadcrumbSeparators = [" > ", " » ", " › ", " / "]

    /// The line repeating the last step of a breadcrumb among the first third of the text, nil when there is none.
    /// A breadcrumb has two separators at least, or one after "Home"; its last step three words at least.
    static func breadcrumbHeadline(_ blocks: [Block]) -> Int? {
        let end = max(1, blocks.count / 3)
        for b in 0..<min(blocks.count, end) where (4...40).contains(blocks[b].features.words) {
            guard let last = lastBreadcrumbStep(blocks[b].text) else { continue }
            let wanted = Tokenizer.tokenize(String(last)).hashes
            guard wanted.count >= 3 else { continue }
            let folded = Folding.fold(String(last)).lowercased()
            for k in (b + 1)..<min(blocks.count, b + 80) where blocks[k].tokens.hashes.count == wanted.count {
                guard Array(blocks[k].tokens.hashes) == wanted, Folding.fold(blocks[k].text).lowercased() == folded
                else { continue }
                return k
            }
        }
        return nil
    }

    /// The last step of `line` when it reads as a breadcrumb.
    static func lastBreadcrumbStep(_ line: String) -> Substring? {
        for sep in breadcrumbSeparators {
            var steps: [Substring] = []
            var rest = Substring(line)
            while let r = ByteSearch.range(of: sep, in: rest) {
                steps.append(rest[..<r.lowerBound])
                rest = rest[r.upperBound...]
            }
            guard !steps.isEmpty else { continue }
            let home = steps[0].lowercased() == "home"
            guard steps.count >= 2 || home else { continue }
            let step = rest.trimmed(" ")
            return step.isEmpty ? nil : step
        }
        return nil
    }
}

import Foundation
import Paiban

/// The preflight's problems and warnings, each tied to the story and page it is about so that
/// clicking it scrolls there. A line names its story by the story's file (`articles/x.md:3:
/// warning: …`) or by its id (`page 2 (A2): lead overset by 4 lines`); its page by "page N".
func previewProblems(_ preflight: PreflightReport, edition: Edition, pages: [PreviewPage]) -> [PreviewProblem] {
    let stories = edition.issue.stories.values.map { (id: $0.id, file: $0.sourceFile) }
        // The longest id first, so `lead-2` is not taken for `lead`.
        .sorted { $0.id.count > $1.id.count }
    let pageIndex = Dictionary(pages.map { ($0.number, $0.index) }, uniquingKeysWith: { a, _ in a })
    func placed(_ message: String, _ kind: PreviewProblem.Kind) -> PreviewProblem {
        let story = stories.first { message.hasPrefix($0.file) }?.id
            ?? stories.first { mentions(message, id: $0.id) }?.id
        var page = pageNumber(in: message).flatMap { pageIndex[$0] }
        if page == nil, let story {
            page = pages.first { $0.stories.contains { $0.id == story } }?.index
        }
        return PreviewProblem(kind: kind, message: message, story: story, page: page)
    }
    return preflight.problems.map { placed($0, .problem) } + preflight.warnings.map { placed($0, .warning) }
}

/// Whether `message` names the story `id` as a word of its own (not inside a longer name).
func mentions(_ message: String, id: String) -> Bool {
    guard !id.isEmpty else { return false }
    var searchFrom = message.startIndex
    while let r = message.range(of: id, range: searchFrom..<message.endIndex) {
        let before = r.lowerBound == message.startIndex ? nil : message[message.index(before: r.lowerBound)]
        let after = r.upperBound == message.endIndex ? nil : message[r.upperBound]
        if !isNamePart(before) && !isNamePart(after) { return true }
        searchFrom = r.upperBound
    }
    return false
}

private func isNamePart(_ c: Character?) -> Bool {
    guard let c else { return false }
    return c.isLetter || c.isNumber || c == "-" || c == "_" || c == "."
}

/// The manifest's page number a preflight line gives as "page N".
func pageNumber(in message: String) -> Int? {
    guard let r = message.range(of: #"page (\d+)"#, options: .regularExpression) else { return nil }
    return Int(message[r].dropFirst(5))
}

import PaibanCore

/// A case of the conformance corpus (Tests/Corpus/clreq-corpus.tsv).
public struct CorpusCase: Sendable, CustomStringConvertible {
    public var id: String
    public var measure: Double
    public var profileName: String
    public var indent: Double
    public var text: String
    public var description: String { id }

    public var profile: CompositionProfile { CompositionProfile.named(profileName)! }

    /// Parses the corpus file's lines (comments start with #).
    public static func parse(_ contents: String) -> [CorpusCase] {
        contents.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5, let w = Double(f[1]), let ind = Double(f[3]) else { return nil }
            return CorpusCase(id: f[0], measure: w, profileName: f[2], indent: ind, text: f[4])
        }
    }
}

import Foundation

extension CorpusCase {
    /// The corpus file in the source tree.
    public static func loadReferenceCorpus(file: String = #filePath) -> [CorpusCase] {
        let root = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("Tests/Corpus/clreq-corpus.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return parse(text)
    }
}

/// The sample edition's body paragraphs (Examples/compose/semicon-paragraphs.txt), normalised:
/// real news copy with Latin, digits and every common mark.
public func loadSampleParagraphs(file: String = #filePath) -> [String] {
    let root = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let url = root.appendingPathComponent("Examples/compose/semicon-paragraphs.txt")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map { normalizeParagraph(String($0)).text }.filter { !$0.isEmpty }
}

/// The repository's root folder (for Examples/ and Layouts/ in tests).
public func repositoryRoot(file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}

/// The same paragraphs as given, before normalisation.
public func loadRawSampleParagraphs(file: String = #filePath) -> [String] {
    let url = URL(fileURLWithPath: repositoryRoot(file: file)).appendingPathComponent("Examples/compose/semicon-paragraphs.txt")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
}

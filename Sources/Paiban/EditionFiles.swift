import Foundation
import PaibanCore
import PaibanInput
import PaibanPango

/// The files of one render's output set, by name: the PDF, its report beside it, with `split`
/// a PDF per page beside it, with proofs a PNG per page in that folder.
struct EditionFiles {
    var pdf: String
    var png: String?
    var split: Bool
    var pages: [Int]

    var report: String { stem + ".report.json" }
    private var stem: String { pdf.hasSuffix(".pdf") ? String(pdf.dropLast(4)) : pdf }

    /// Every file the set will have (page numbers as the issue lists them).
    var all: [String] {
        var files = [pdf, report]
        if split { files += pages.map { DocumentWriter.splitPageName(stem: stem, page: $0) } }
        if let png { files += pages.map { png + "/" + DocumentWriter.proofName(page: $0) } }
        return files
    }
}

/// The files the issue reads: its manifest, every story file (a broken one too), the photos
/// the stories name and the layout. No output may replace one.
func issueInputs(_ loaded: LoadedIssue, directory: String) -> InputFiles {
    var files = [loaded.issue.manifestFile, loaded.layout.sourceFile]
    let articles = directory + "/articles"
    files += ((try? FileManager.default.contentsOfDirectory(atPath: articles)) ?? [])
        .filter { $0.hasSuffix(".md") }.map { articles + "/" + $0 }
    for story in loaded.issue.stories.values {
        files.append(story.sourceFile)
        files += story.images.compactMap(\.path)
    }
    return InputFiles(files)
}

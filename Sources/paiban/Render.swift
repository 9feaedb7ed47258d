import Foundation
import ArgumentParser
import PaibanCore
import PaibanInput
import PaibanPango

/// `paiban render`: an issue folder in, the edition's PDF (and PNG proofs) out.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lay out an issue folder and write the edition as PDF (and PNG page proofs)."
    )

    @Argument(help: "The issue folder (issue.yaml, articles/, images/).")
    var issue: String
    @Option(name: .shortAndLong, help: "The PDF to write.")
    var output: String = "edition.pdf"
    @Option(help: "Also write PNG proofs of every page into this folder.")
    var png: String?
    @Option(help: "Resolution of the PNG proofs.")
    var dpi: Double = 100

    func validate() throws {
        guard dpi >= 10 && dpi <= 1200 else { throw ValidationError("--dpi must be between 10 and 1200") }
    }

    func run() throws {
        var layoutPath: [String] = []
        if let dir = locateResourceDirectory("Layouts", marker: nil, environment: "PAIBAN_LAYOUTS") { layoutPath.append(dir) }
        let loaded: LoadedIssue
        do {
            loaded = try IssueLoader.load(directory: issue, layoutSearchPath: layoutPath)
        } catch let e as InputError {
            warn(e.description)
            throw ExitCode(2)
        }
        for d in loaded.diagnostics { warn(d.description) }
        let typesetter = try PangoTypesetter()
        let makeUp = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: PangoTextShaping(typesetter))
        let (document, report) = makeUp.run()
        for d in report.diagnostics { warn(d.description) }
        let writer = DocumentWriter(typesetter: typesetter)
        try writer.writePDF(document, to: output)
        if let png {
            try makeDirectory(png)
            try writer.writePNGs(document, directory: png, dpi: dpi)
        }
        printSummary(report, loaded)
    }

    private func printSummary(_ report: EditionReport, _ loaded: LoadedIssue) {
        var overset = 0, stories = 0
        for p in report.pages {
            for s in p.stories { stories += 1; overset += s.oversetLines }
        }
        let errors = (loaded.diagnostics + report.diagnostics).filter { $0.severity == .error }.count
        print("\(output): \(report.pages.count) pages, \(stories) stories, \(overset) lines overset, \(errors) errors")
        for p in report.pages {
            let list = p.stories.map { s in
                "\(s.id) [\(s.rect.columns)栏×\(s.rect.lines)行]" + (s.oversetLines > 0 ? " overset \(s.oversetLines)" : "")
                    + (s.undersetLines > 0 ? " underset \(s.undersetLines)" : "")
            }
            print("  第\(p.number)版 \(p.section): " + list.joined(separator: ", "))
        }
    }
}

func makeDirectory(_ path: String) throws {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
        guard isDir.boolValue else { throw ValidationError("\(path) exists and is not a folder") }
        return
    }
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
}

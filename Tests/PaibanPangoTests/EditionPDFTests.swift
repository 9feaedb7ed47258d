import Foundation
import Testing
import PaibanCore
import PaibanInput
import PaibanPango
import PaibanTestSupport

/// The whole edition as PDF, read back with qpdf and poppler: links, outline, labels, determinism.
@Suite struct EditionPDFTests {
    let helper = RenderTests()

    func renderSample() throws -> (pdf: String, doc: DisplayDocument, report: EditionReport) {
        try helper.render(helper.sample())
    }

    @Test("every jump line is a link that lands on the page of the story's other part")
    func linksLand() throws {
        let (pdf, _, report) = try renderSample()
        // Named destinations and their pages, from poppler.
        var destPage: [String: Int] = [:]
        for line in try helper.run("pdfinfo", ["-dests", pdf]).split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let page = f.first.flatMap({ Int($0) }), let name = line.split(separator: "\"").dropFirst().first else { continue }
            destPage[String(name)] = page
        }
        // Link annotations per page, from qpdf.
        let json = try helper.run("qpdf", ["--json=2", pdf])
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let pages = (root["pages"] as! [[String: Any]]).map { $0["object"] as! String }
        let objects = ((root["qpdf"] as! [Any])[1] as! [String: Any])
        func value(_ ref: String) -> [String: Any]? {
            (objects["obj:" + ref] as? [String: Any])?["value"] as? [String: Any]
        }
        var links = 0
        for (k, ref) in pages.enumerated() {
            for a in (value(ref)?["/Annots"] as? [String]) ?? [] {
                guard let annot = value(a), annot["/Subtype"] as? String == "/Link" else { continue }
                let dest = (annot["/Dest"] as! String).replacingOccurrences(of: "u:", with: "")
                links += 1
                // paiban-jump-ID-PART-in/out: the page of that part per the report.
                let parts = dest.split(separator: "-")
                let end = String(parts.last!), part = Int(parts[parts.count - 2])!
                let id = parts.dropFirst(2).dropLast(2).joined(separator: "-")
                let pageOfPart = report.pages.first { $0.stories.contains { $0.id == id && $0.part == part } }?.number
                #expect(destPage[dest] == pageOfPart, "\(dest) on page \(String(describing: destPage[dest]))")
                #expect(end == "in" ? pageOfPart! > k + 1 : pageOfPart! < k + 1)
            }
        }
        // How many of the sample's two jumping stories jump depends on the make-up (one that
        // fits on its own page need not); every jump that is made has its two links.
        let jumps = report.pages.flatMap(\.stories).filter { $0.continuesOn != nil }.count
        #expect(jumps >= 1)
        #expect(links == 2 * jumps)
    }

    @Test("the outline lists the pages and the stories on each, continuations included; pages are labelled 第N版")
    func outlineAndLabels() throws {
        let (pdf, doc, _) = try renderSample()
        let json = try helper.run("qpdf", ["--json", pdf])
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let outlines = root["outlines"] as! [[String: Any]]
        #expect(outlines.map { $0["title"] as! String } == doc.pages.map(\.title))
        let kids = outlines.flatMap { ($0["kids"] as! [[String: Any]]).map { $0["title"] as! String } }
        #expect(kids.contains("以实干实绩谱写新型工业化事业发展新篇章（续）"))
        #expect(kids.count == doc.pages.reduce(0) { $0 + $1.outline.count })
        let labels = try helper.run("pdfinfo", ["-f", "1", "-l", "2", pdf])
        #expect(labels.contains("Pages:           2"))
        let check = try helper.run("qpdf", ["--check", pdf])
        #expect(check.contains("No syntax or stream encoding errors"), "\(check)")
        #expect((root["pagelabels"] as? [Any])?.isEmpty == false)
    }

    @Test("labelled pages: the PDF's outline and its page labels read A1, A2, never 第A1版")
    func labelledOutline() throws {
        var loaded = try helper.sample()
        loaded.issue.pages[0].label = "A1"
        loaded.issue.pages[1].label = "A2"
        let (pdf, _, _) = try helper.render(loaded)
        let json = try helper.run("qpdf", ["--json", pdf])
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let outlines = root["outlines"] as! [[String: Any]]
        #expect(outlines.map { $0["title"] as! String } == ["A1 要闻", "A2 特刊·综合"])
        let labels = (root["pagelabels"] as! [[String: Any]]).map { ($0["label"] as! [String: Any])["/P"] as! String }
        #expect(labels == ["u:A1", "u:A2"])
    }

    @Test("the same input gives a byte-identical PDF")
    func deterministic() throws {
        let a = try renderSample().pdf, b = try renderSample().pdf
        #expect(FileManager.default.contentsEqual(atPath: a, andPath: b))
    }
}

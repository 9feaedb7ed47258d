import Foundation
import Testing
import PaibanCore
import PaibanInput
import PaibanTestSupport

/// The preflight report lists the normalisation done at load: per story, each change once with
/// its field and offset; the manifest's own changes with the edition.
@Suite struct NormalisationReportTests {
    func issueFolder() throws -> String {
        let files = [
            "issue.yaml": "paper: 测试报\ndate: 2026-01-05\nlayout: tabloid\npages:\n  - number: 1\n    section: 要闻(一)\n    stories: [a, ad]\n",
            "articles/a.md": "---\nid: a\ntitle: 营收41.3%,AI芯片领跑\n---\n\n第一段没有问题。\n\n第二段,有逗号。\n",
            // An advertisement placed automatically: its body is set again for every width tried.
            "articles/ad.md": "---\nid: ad\nkind: advertisement\ntitle: 展会\n---\n\n观众登记:www.example.org\n",
        ]
        return try scratchFolder(files, prefix: "paiban-norm")
    }

    func reportJSON() throws -> [String: Any] {
        let root = repositoryRoot()
        let loaded = try IssueLoader.load(directory: try issueFolder(), layoutSearchPath: [root + "/Layouts"])
        let (doc, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        let pre = preflightReport(issue: loaded.issue, layout: loaded.layout, document: doc, report: report,
                                  inputDiagnostics: loaded.diagnostics, output: "x.pdf")
        let data = Data(pre.json.serialized().utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func entries(_ any: Any?) -> [[String: String]] {
        ((any as? [[String: Any]]) ?? []).map { e in
            var out: [String: String] = [:]
            for (k, v) in e { out[k] = "\(v)" }
            return out
        }
    }

    @Test("each story's changes are listed once, with field, offset, from and to, however many widths were tried")
    func perStory() throws {
        let json = try reportJSON()
        let pages = try #require(json["pages"] as? [[String: Any]])
        let stories = try #require(pages.first?["stories"] as? [[String: Any]])
        let a = try #require(stories.first { $0["id"] as? String == "a" })
        #expect(entries(a["normalised"]) == [
            ["field": "title", "offset": "7", "from": ",", "to": "，"],
            ["field": "paragraph 2", "offset": "3", "from": ",", "to": "，"],
        ])
        let ad = try #require(stories.first { $0["id"] as? String == "ad" })
        #expect(entries(ad["normalised"]) == [["field": "paragraph 1", "offset": "4", "from": ":", "to": "："]])
    }

    @Test("the manifest's changes are listed with the edition, and the summary counts every change once")
    func editionAndTotal() throws {
        let json = try reportJSON()
        let edition = try #require(json["edition"] as? [String: Any])
        #expect(entries(edition["normalised"]) == [
            ["field": "pages[0].section", "offset": "2", "from": "(", "to": "（"],
            ["field": "pages[0].section", "offset": "4", "from": ")", "to": "）"],
        ])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["punctuation_normalised"] as? Int == 5)
    }
}

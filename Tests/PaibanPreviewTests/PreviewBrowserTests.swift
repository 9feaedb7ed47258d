import Foundation
import Testing
import PaibanTestSupport

/// `paiban preview` in a real browser: headless Chromium loads the page, and the test edits the
/// copy, the manifest and the layout of a copy of the sample (breaking and mending them) and
/// watches the page follow.
@Suite(.serialized) struct PreviewBrowserTests {
    static let root = repositoryRoot()
    static var binary: String { root + "/.build/debug/paiban" }
    /// A debug build renders the sample in a few seconds; the page follows a saved change within
    /// a second in a release build (measured in the README), so this only guards against a hang.
    static let patience = 90.0

    /// A checksum of page `index`'s proof as the browser decoded it (drawn into a canvas), so a
    /// test sees what is on screen, not only which address the image has.
    static func proofChecksum(_ index: Int) -> String {
        """
        (() => { const img = document.querySelector('#page-\(index) img');
          if (!img || !img.complete || img.naturalWidth === 0) return null;
          const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
          const g = c.getContext('2d'); g.drawImage(img, 0, 0);
          const d = g.getImageData(0, 0, c.width, c.height).data; let h = 0;
          for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) >>> 0;
          return img.src + ' ' + h; })()
        """
    }

    static let proofsShown = "document.images.length > 0 && [...document.images].every(i => i.complete && i.naturalWidth > 0)"
    static var version: String { "Number(document.body.dataset.version)" }

    func copyOfSample() throws -> String {
        let dir = NSTemporaryDirectory() + "paiban-preview-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Self.root + "/Examples/semicon-special", toPath: dir)
        // The layout copied into the issue, as `paiban init` leaves it, so the test may edit it.
        try FileManager.default.createDirectory(atPath: dir + "/Layouts", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.root + "/Layouts/broadsheet.yaml", toPath: dir + "/Layouts/broadsheet.yaml")
        return dir
    }

    /// Starts `paiban preview` on `port` (0: a free one); returns the process and its address.
    func startPreview(_ issue: String, port: Int = 0) throws -> (LineProcess, String) {
        let preview = try LineProcess(Self.binary, ["preview", issue, "--port", String(port), "--dpi", "30"], directory: Self.root)
        guard let line = preview.readLine(), let r = line.range(of: "http://127.0.0.1:[0-9]+/", options: .regularExpression) else {
            preview.stop()
            throw BrowserError("paiban preview printed no address")
        }
        return (preview, String(line[r]))
    }

    func edit(_ file: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit of \(file) changed nothing")
        try changed.write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test("the preview page in headless Chromium: proofs, preflight, overlays; a saved edit of copy, manifest or layout redraws the page; a broken edit keeps the last good pages and names the file and line; a problem clicked scrolls to its story")
    func editsFollowedInTheBrowser() throws {
        guard let chromium = Browser.chromium else {
            Issue.record("Chromium is not installed (make deps installs Debian's chromium)")
            return
        }
        guard FileManager.default.fileExists(atPath: Self.binary) else { Issue.record("build paiban first"); return }
        let issue = try copyOfSample()
        let (preview, url) = try startPreview(issue)
        let browser = try Browser(root: Self.root, chromium: chromium)
        defer { browser.quit(); preview.stop() }

        try browser.navigate(url)
        #expect(try browser.wait("\(Self.version) >= 1 && \(Self.proofsShown)", timeout: Self.patience),
                "the page never showed the proofs")
        #expect(try browser.eval("document.images.length") as? Int == 2, "both pages of the sample are shown")
        let storiesDrawn = try browser.eval("document.querySelectorAll('svg .story').length") as? Int ?? 0
        #expect(storiesDrawn >= 12, "every story's rectangle is drawn (\(storiesDrawn))")
        #expect(try browser.eval("document.querySelectorAll('svg .jump').length") as? Int ?? 0 >= 2,
                "the jump lines (下转/上接) are linked")
        #expect((try browser.eval("document.querySelector('svg .story text').textContent") as? String ?? "").contains("栏 ×"),
                "a story's label gives its variant")

        // The grid toggle shows the character grid; it is hidden at first.
        #expect(try browser.eval("getComputedStyle(document.querySelector('svg .grid')).display") as? String == "none")
        try browser.click("#toggle-grid")
        #expect(try browser.eval("getComputedStyle(document.querySelector('svg .grid')).display") as? String != "none",
                "the grid toggle shows the 字 × 行 grid")

        // A jump clicked scrolls to the other part of the story.
        _ = try browser.eval("document.getElementById('pages').scrollTop = 0")
        try browser.click("svg .jump rect")
        #expect(try browser.wait("document.getElementById('pages').scrollTop > 100", timeout: 5),
                "clicking a 下转 line scrolls to its continuation")

        // Copy: a saved change to a story's text redraws its page.
        let firstPage = try browser.eval(Self.proofChecksum(0)) as? String
        var v = try browser.eval(Self.version) as? Int ?? 0
        try edit(issue + "/articles/performance-view.md") { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 新") }
        #expect(try browser.wait("\(Self.version) > \(v) && \(Self.proofsShown) && (\(Self.proofChecksum(0))) !== \(jsString(firstPage))",
                                 timeout: Self.patience), "an edit of the copy redraws page 1")

        // Manifest, broken: the last good pages stay, the error names issue.yaml and its line.
        let goodPage = try browser.eval(Self.proofChecksum(0)) as? String ?? ""
        let goodImage = String(goodPage.split(separator: " ").last ?? "")
        v = try browser.eval(Self.version) as? Int ?? 0
        try edit(issue + "/issue.yaml") { $0.replacingOccurrences(of: "pages:\n", with: "pages: [\n") }
        #expect(try browser.wait("document.getElementById('error').classList.contains('shown')", timeout: Self.patience),
                "a broken manifest is shown as an error")
        let message = try browser.eval("document.getElementById('error').textContent") as? String ?? ""
        #expect(message.range(of: #"issue\.yaml:\d+"#, options: .regularExpression) != nil, "the error names the file and line: \(message)")
        #expect(try browser.eval("document.images.length") as? Int == 2, "the last good pages stay on screen")
        #expect(try browser.wait("\(Self.proofsShown) && (\(Self.proofChecksum(0)) || '').endsWith(' \(goodImage)')", timeout: 10),
                "the pages shown are the last good ones")

        // Manifest, mended: the error goes and the pages come back.
        try edit(issue + "/issue.yaml") { $0.replacingOccurrences(of: "pages: [\n", with: "pages:\n") }
        #expect(try browser.wait("!document.getElementById('error').classList.contains('shown') && \(Self.proofsShown)", timeout: Self.patience),
                "mending the manifest clears the error")

        // Layout: a heavier frame rule redraws the pages; a broken layout names its file and line.
        v = try browser.eval(Self.version) as? Int ?? 0
        let beforeLayout = try browser.eval(Self.proofChecksum(0)) as? String
        try edit(issue + "/Layouts/broadsheet.yaml") { $0.replacingOccurrences(of: "frame: 1.2pt", with: "frame: 4pt") }
        #expect(try browser.wait("\(Self.version) > \(v) && \(Self.proofsShown) && (\(Self.proofChecksum(0))) !== \(jsString(beforeLayout))",
                                 timeout: Self.patience), "an edit of the layout redraws the page")
        try edit(issue + "/Layouts/broadsheet.yaml") { $0.replacingOccurrences(of: "grid:\n", with: "grid: {\n") }
        #expect(try browser.wait("document.getElementById('error').textContent.includes('broadsheet.yaml:')", timeout: Self.patience),
                "a broken layout is named with its line")
        try edit(issue + "/Layouts/broadsheet.yaml") { $0.replacingOccurrences(of: "grid: {\n", with: "grid:\n") }
        #expect(try browser.wait("!document.getElementById('error').classList.contains('shown')", timeout: Self.patience))

        // A warning about a story on page 2, clicked, scrolls to that story and marks it.
        try edit(issue + "/articles/materials-brief.md") { $0.replacingOccurrences(of: "\nid: ", with: "\nmood: urgent\nid: ") }
        let item = "#problems li[data-story='materials-brief']"
        #expect(try browser.wait("document.querySelector(\"\(item)\") !== null", timeout: Self.patience),
                "the warning about materials-brief is tied to its story")
        _ = try browser.eval("document.getElementById('pages').scrollTop = 0")
        try browser.click(item)
        let pageTwoTop = try browser.eval("document.getElementById('page-1').offsetTop") as? Int ?? 0
        #expect(try browser.wait("document.getElementById('pages').scrollTop >= \(pageTwoTop - 50)", timeout: 5),
                "clicking the problem scrolls to page 2")
        #expect(try browser.eval("document.querySelector(\"#page-1 svg .story.flash[data-story='materials-brief']\") !== null") as? Bool == true,
                "the story the problem is about is marked")
    }

    @Test("a page open across a restart, now serving another issue on the same port, follows by itself and shows the new issue's proofs, not cached ones")
    func restartOnTheSamePort() throws {
        guard let chromium = Browser.chromium else { Issue.record("Chromium is not installed"); return }
        guard FileManager.default.fileExists(atPath: Self.binary) else { Issue.record("build paiban first"); return }
        let first = try copyOfSample()
        let second = try copyOfSample()
        try edit(second + "/articles/performance-view.md") { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 另一期") }
        var (preview, url) = try startPreview(first)
        let browser = try Browser(root: Self.root, chromium: chromium)
        defer { browser.quit(); preview.stop() }
        try browser.navigate(url)
        #expect(try browser.wait("\(Self.version) >= 1 && \(Self.proofsShown)", timeout: Self.patience))
        let before = try browser.eval(Self.proofChecksum(0)) as? String
        preview.stop()
        let port = Int(url.split(separator: ":").last!.dropLast())!
        (preview, _) = try startPreview(second, port: port)
        let beforeImage = String(before?.split(separator: " ").last ?? "")
        #expect(try browser.wait("\(Self.proofsShown) && !((\(Self.proofChecksum(0)) || '').endsWith(' \(beforeImage)'))",
                                 timeout: Self.patience), "the page still shows the first issue's proof after the restart")
    }

    @Test("Ctrl-C stops the preview promptly even while a page listens on its event stream")
    func interruptWithListener() throws {
        guard FileManager.default.fileExists(atPath: Self.binary) else { Issue.record("build paiban first"); return }
        let issue = try copyOfSample()
        let (preview, url) = try startPreview(issue)
        let listener = try LineProcess("/usr/bin/curl", ["-sN", "--noproxy", "*", url + "events"])
        defer { listener.stop(); preview.stop() }
        #expect(listener.readLine() == "event: version", "the event stream answers")
        kill(preview.process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while preview.process.isRunning && Date() < deadline { usleep(50_000) }
        #expect(!preview.process.isRunning, "paiban preview was still running 10 s after SIGINT")
    }

    /// `s` as a JavaScript string literal (JSON's is one), or null.
    func jsString(_ s: String?) -> String {
        guard let s, let data = try? JSONSerialization.data(withJSONObject: s, options: .fragmentsAllowed) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

import Foundation
import PaibanCore
import PaibanInput
import PaibanTestSupport
import Testing

/// The failures the harness found, one minimal input each (Reproducers/, listed in its
/// README.md), asserting what the loaders do now that each is fixed: a regression brings the
/// failure back here first.
@Suite struct ReproducerTests {
    static let dir = repositoryRoot() + "/Tests/PaibanFuzzTests/Reproducers"
    static func text(_ name: String) -> String { (try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? "" }
    static func bytes(_ name: String) -> [UInt8] { [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))) ?? Data()) }

    /// The template is refused with an error at one of `lines` (it must not trap or load).
    func refusedAt(_ name: String, lines: Set<Int>) {
        do {
            let (layout, _) = try LayoutLoader.parse(Self.text(name), file: name)
            Issue.record("\(name) loads: \(workabilityFailures(layout))")
        } catch let e as InputError {
            #expect(e.diagnostic.line.map(lines.contains) == true, "\(e)")
        } catch {
            Issue.record("\(error)")
        }
    }

    // MARK: layout templates

    @Test("layout: columns: Int.max is refused at its line")
    func hugeCount() { refusedAt("layout-huge-count.yaml", lines: [3]) }

    @Test("layout: an infinite page height is refused at its line")
    func infinitePage() { refusedAt("layout-infinite-page.yaml", lines: [1]) }

    @Test("layout: a type area top of 1e308字 is refused at its line")
    func infiniteTop() { refusedAt("layout-infinite-top.yaml", lines: [2]) }

    @Test("layout: a body size of 1e-300pt is refused at its line")
    func tinyBody() { refusedAt("layout-tiny-body.yaml", lines: [3]) }

    @Test("layout: a kicker of infpt and a column rule of 1e300mm are refused")
    func absurdStyle() { refusedAt("layout-absurd-style.yaml", lines: [3, 4]) }

    @Test("layout: `grid: eight` is refused or warned about at line 2")
    func wrongSection() throws {
        do {
            let (_, warnings) = try LayoutLoader.parse(Self.text("layout-wrong-section.yaml"), file: "layout-wrong-section.yaml")
            #expect(warnings.contains { $0.line == 2 }, "\(warnings)")
        } catch let e as InputError {
            #expect(e.diagnostic.line == 2, "\(e)")
        }
    }

    @Test("layout: a key written twice is refused with the line of the second")
    func duplicateKey() { refusedAt("layout-duplicate-key.yaml", lines: [4]) }
}

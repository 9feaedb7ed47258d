import Testing
import PaibanCore
@testable import PaibanInput

/// Layout templates: the shipped ones load; ones that cannot work are refused with a message
/// naming the file and line.
@Suite struct LayoutLoaderTests {
    static let root: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test("broadsheet: 对开 390 × 540 mm, 8 columns × 13 字, 1-字 gutters, 小五 body")
    func broadsheet() throws {
        let (l, warnings) = try LayoutLoader.load(file: Self.root + "/Layouts/broadsheet.yaml")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(l.grid.columns == 8 && l.grid.columnChars == 13 && l.grid.gutterChars == 1)
        #expect(l.grid.bodySize == Points(9))
        #expect(l.grid.widthChars == 111)
        #expect(abs(l.pageWidth.value - 390 * 72 / 25.4) < 0.01)
        #expect(abs(l.pageHeight.value - 540 * 72 / 25.4) < 0.01)
        #expect(l.typeAreaOrigin.y.value + l.grid.height.value <= l.pageHeight.value)
    }

    @Test("tabloid: 四开, 6 columns × 11 字")
    func tabloid() throws {
        let (l, warnings) = try LayoutLoader.load(file: Self.root + "/Layouts/tabloid.yaml")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(l.grid.columns == 6 && l.grid.columnChars == 11)
        #expect(l.grid.widthChars == 71)
    }

    func refusal(_ yaml: String) -> String {
        do {
            _ = try LayoutLoader.parse(yaml, file: "bad.yaml")
            return ""
        } catch let e as InputError {
            return e.description
        } catch {
            return "\(error)"
        }
    }

    @Test("columns wider than the page are refused, naming the file and line")
    func tooWide() {
        let msg = refusal("page: {width: 200mm, height: 300mm}\ngrid:\n  columns: 8\n  column_chars: 13\n  body: 小五\n")
        #expect(msg.hasPrefix("bad.yaml:3: error:"), "\(msg)")
        #expect(msg.contains("wider") || msg.contains("wide"), "\(msg)")
    }

    @Test("a body larger than a column, an unknown size and too many lines are refused")
    func otherRefusals() {
        #expect(refusal("page: {width: 390mm, height: 540mm}\ngrid: {columns: 8, column_chars: 0}\n").contains("bad.yaml:2: error: 'column_chars' must be from 1"))
        #expect(refusal("page: {width: 390mm, height: 540mm}\ngrid: {body: 大五}\n").contains("not a size"))
        #expect(refusal("page: {width: 390mm, height: 540mm}\ngrid: {lines: 400}\n").contains("run off the page"))
        #expect(refusal("page: {width: 390mm, height: 540mm}\nstyles:\n  title: {font: 宋体}\n").contains("bad.yaml:3"))
    }

    @Test("broken YAML names the line")
    func brokenYAML() {
        let msg = refusal("page: {width: 390mm, height: 540mm\ngrid: [\n")
        #expect(msg.contains("bad.yaml:") && msg.contains("broken YAML"), "\(msg)")
    }

    @Test("sizes in 号, pt and Q; lengths in mm, pt and 字")
    func units() {
        #expect(parseTypeSize("小五") == Points(9))
        #expect(parseTypeSize("10.5pt") == Points(10.5))
        #expect(abs(parseTypeSize("13Q")!.value - 9.21) < 0.01)
        #expect(abs(parseLength("25.4mm", em: nil)!.value - 72) < 1e-9)
        #expect(parseLength("2字", em: Points(9)) == Points(18))
    }
}

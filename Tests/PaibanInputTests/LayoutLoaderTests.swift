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

    @Test("an unclosed [ noticed on a later line is named at the line it opened on, with both places shown")
    func unclosedBracketNamedWhereItOpened() {
        let msg = refusal("page: {width: 390mm, height: 540mm}\nname: [对开\ngrid:\n  columns: 8\n")
        #expect(msg.contains("bad.yaml:2:"), "\(msg)")
        #expect(msg.contains("name: [对开") && msg.contains("noticed at line 3"), "\(msg)")
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

/// Inks and the press's settings in a layout: named colours used by styles, rules and boxes;
/// a print: section; mistakes named at their line.
@Suite struct LayoutColourTests {
    static let page = "page: {width: 390mm, height: 540mm}\n"

    @Test("colours: process, spot and grey inks by name; a style, the rules and the boxes use them; 大红 and 黑 are known")
    func colours() throws {
        let text = Self.page + "colours:\n  报头红: {cmyk: [0, 100, 100, 0]}\n  专色: {spot: PANTONE 485 C, cmyk: [0, 95, 100, 0], tint: 80}\n  浅灰: {gray: 10}\n"
            + "styles:\n  paper_name: {colour: 专色}\n  banner: {colour: 大红}\nrules: {colour: 报头红}\nboxes: {fill: 浅灰}\n"
        let (l, warnings) = try LayoutLoader.parse(text, file: "c.yaml")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(l.styles.paperName.paint == .spot(name: "PANTONE 485 C", tint: 0.8, alternate: CMYK(0, 0.95, 1, 0)))
        #expect(l.styles.banner.paint == .cmyk(CMYK(0, 1, 1, 0)) && l.styles.body.paint == .black)
        #expect(l.rulePaint == .cmyk(CMYK(0, 1, 1, 0)) && l.boxFill == .gray(0.9))
    }

    @Test("an unknown colour, a cmyk of three values and a percentage above 100 are refused at their line")
    func badColours() {
        for (text, line) in [(Self.page + "styles:\n  title: {colour: 紫}\n", 3), (Self.page + "colours:\n  x: {cmyk: [0, 0, 0]}\n", 3),
                             (Self.page + "colours:\n  x: {cmyk: [0, 0, 0, 101]}\n", 3)] {
            do { _ = try LayoutLoader.parse(text, file: "c.yaml"); Issue.record("accepted: \(text)") } catch let e as InputError {
                #expect(e.diagnostic.line == line, "\(e)")
            } catch { Issue.record("\(error)") }
        }
    }

    @Test("print: PDF/X, bleed, marks, ink limit and the condition are read; x2 and a missing profile are refused")
    func print() throws {
        let (l, _) = try LayoutLoader.parse(Self.page + "print: {pdfx: x4, bleed: 3mm, marks: true, ink_limit: 220, condition: IFRA26}\n", file: "p.yaml")
        #expect(l.print.pdfx == .x4 && l.print.marks && l.print.inkLimit == 220 && l.print.condition == "IFRA26")
        #expect(abs(l.print.bleed.value - Points(Millimetres(3)).value) < 1e-9)
        for bad in ["print: {pdfx: x2}\n", "print: {profile: no-such.icc}\n", "print: {ink_limit: 500}\n"] {
            #expect(throws: InputError.self) { try LayoutLoader.parse(Self.page + bad, file: "/tmp/p.yaml") }
        }
    }
}

import PaibanCore

/// `TextShaping` for make-up, on one worker's typesetter. Repeated text (headlines set at trial
/// measures, furniture on every page) is shaped once: each styled run is kept with its glyphs,
/// which make-up places in the display list as values, so the pages draw without this shaper.
public final class PangoTextShaping: TextShaping {
    let typesetter: PangoTypesetter
    private struct Key: Hashable { var text: [Unicode.Scalar]; var font: FontSpec }
    private var shaped: [Key: ShapedParagraph] = [:]

    public init(_ typesetter: PangoTypesetter) { self.typesetter = typesetter }

    public func advances(_ text: [Unicode.Scalar], runs: [StyledRun]) -> ShapedAdvances {
        var advances = [Double](repeating: 0, count: text.count)
        var uncovered: [Unicode.Scalar] = []
        var runGlyphs: [ShapedGlyphs?] = []
        for run in runs {
            guard !run.range.isEmpty else { runGlyphs.append(nil); continue }
            let piece = Array(text[run.range])
            let key = Key(text: piece, font: run.font)
            let paragraph: ShapedParagraph
            if let p = shaped[key] {
                paragraph = p
            } else {
                paragraph = typesetter.shape(piece, font: run.font)
                shaped[key] = paragraph
            }
            let result = paragraph.advances
            for (k, a) in result.advances.enumerated() { advances[run.range.lowerBound + k] = a * run.font.size.value }
            uncovered += result.uncovered
            runGlyphs.append(paragraph.glyphs)
        }
        var out = ShapedAdvances(advances: advances, uncovered: uncovered)
        out.runGlyphs = runGlyphs
        return out
    }
}

import PaibanCore

/// `TextShaping` for make-up, on one worker's typesetter. Results are cached by text and font:
/// headlines are set at several trial measures and furniture repeats on every page.
public final class PangoTextShaping: TextShaping {
    let typesetter: PangoTypesetter
    private struct Key: Hashable { var text: [Unicode.Scalar]; var font: FontSpec }
    private var cache: [Key: ShapedAdvances] = [:]

    public init(_ typesetter: PangoTypesetter) { self.typesetter = typesetter }

    public func advances(_ text: [Unicode.Scalar], runs: [StyledRun]) -> ShapedAdvances {
        var advances = [Double](repeating: 0, count: text.count)
        var uncovered: [Unicode.Scalar] = []
        for run in runs where !run.range.isEmpty {
            let piece = Array(text[run.range])
            let key = Key(text: piece, font: run.font)
            let shaped: ShapedAdvances
            if let c = cache[key] {
                shaped = c
            } else {
                shaped = typesetter.shape(piece, font: run.font).advances
                if piece.count < 200 { cache[key] = shaped }
            }
            for (k, a) in shaped.advances.enumerated() { advances[run.range.lowerBound + k] = a * run.font.size.value }
            uncovered += shaped.uncovered
        }
        return ShapedAdvances(advances: advances, uncovered: uncovered)
    }
}

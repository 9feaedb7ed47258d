import PaibanCore

/// `TextShaping` for make-up, on one worker's typesetter. It keeps what it shaped: the back end
/// draws each line's glyphs from here instead of shaping the text again, and repeated text
/// (headlines set at trial measures, furniture on every page) is shaped once.
public final class PangoTextShaping: TextShaping {
    let typesetter: PangoTypesetter
    private struct Key: Hashable { var text: [Unicode.Scalar]; var font: FontSpec }
    private var handles: [Key: Int] = [:]
    private var shaped: [ShapedParagraph] = []

    public init(_ typesetter: PangoTypesetter) { self.typesetter = typesetter }

    public func advances(_ text: [Unicode.Scalar], runs: [StyledRun]) -> ShapedAdvances {
        var advances = [Double](repeating: 0, count: text.count)
        var uncovered: [Unicode.Scalar] = []
        var runHandles: [Int] = []
        for run in runs {
            guard !run.range.isEmpty else { runHandles.append(-1); continue }
            let piece = Array(text[run.range])
            let key = Key(text: piece, font: run.font)
            let handle: Int
            if let h = handles[key] {
                handle = h
            } else {
                handle = shaped.count
                shaped.append(typesetter.shape(piece, font: run.font))
                handles[key] = handle
            }
            let result = shaped[handle].advances
            for (k, a) in result.advances.enumerated() { advances[run.range.lowerBound + k] = a * run.font.size.value }
            uncovered += result.uncovered
            runHandles.append(handle)
        }
        var out = ShapedAdvances(advances: advances, uncovered: uncovered)
        out.runHandles = runHandles
        return out
    }

    /// Keeps a paragraph shaped elsewhere, so display runs can draw its glyphs by handle.
    func register(_ p: ShapedParagraph) -> Int {
        shaped.append(p)
        return shaped.count - 1
    }

    /// What was shaped under a handle.
    func paragraph(_ handle: Int) -> ShapedParagraph? { handle < shaped.count ? shaped[handle] : nil }
}

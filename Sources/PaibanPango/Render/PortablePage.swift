import PaibanCore

/// What a make-up shaper shaped under one handle, as plain values: the text (a whole styled run
/// of a paragraph, not one line of it) and its font. Pango shapes the same text in the same font
/// the same way on any typesetter made from Paiban's fonts, so another thread can get the very
/// glyphs make-up measured by shaping this again.
public struct ShapedText: Hashable, Sendable {
    public let text: [Unicode.Scalar]
    public let font: FontSpec
}

/// A page made up on one thread, ready to be drawn on another: its runs' glyph handles belong to
/// the make-up thread's shaper, so the page carries what each handle stands for.
public struct PortablePage: Sendable {
    public var page: DisplayPage
    let texts: [Int: ShapedText]
}

extension PangoTextShaping {
    /// The page with the text under every handle its runs draw from (on the make-up thread).
    public func portable(_ page: DisplayPage) -> PortablePage {
        var texts: [Int: ShapedText] = [:]
        for run in page.glyphRuns {
            guard let h = run.source?.handle, texts[h] == nil, let p = paragraph(h) else { continue }
            texts[h] = ShapedText(text: p.text, font: p.spec)
        }
        return PortablePage(page: page, texts: texts)
    }
}

/// The drawing thread's side: pages made up elsewhere, their handles moved to this thread's
/// shaper. Without this the back end shaped each line's text on its own, and Pango itemised a
/// line differently from the paragraph it was cut from (a quotation mark next to Latin letters
/// went to another font, or took another glyph): the PDF and proofs then depended on which
/// thread had made the page up, and drew glyphs of other widths than make-up had measured.
public final class PageAdopter {
    /// The shaper the writer draws from (`DocumentWriter(typesetter:shapes:)`).
    public let shapes: PangoTextShaping
    private var local: [ShapedText: Int] = [:]

    public init(_ shapes: PangoTextShaping) { self.shapes = shapes }

    public func adopt(_ portable: PortablePage) -> DisplayPage {
        var page = portable.page
        page.items = page.items.map { item in
            guard case .glyphs(var run) = item, let source = run.source else { return item }
            guard let text = portable.texts[source.handle] else {
                // Nothing known for the handle: the back end shapes the run's own text.
                run.source = nil
                return .glyphs(run)
            }
            run.source?.handle = handle(for: text)
            return .glyphs(run)
        }
        return page
    }

    private func handle(for t: ShapedText) -> Int {
        if let h = local[t] { return h }
        let h = shapes.register(shapes.typesetter.shape(t.text, font: t.font))
        local[t] = h
        return h
    }
}

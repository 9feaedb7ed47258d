import PaibanCore

/// Normalisation at load: every text field of a story and of the manifest is normalised once,
/// here, and each change is kept with its field. Make-up then sets text that is already
/// normalised (normalising it again changes nothing), and the preflight report lists every
/// change once, where an editor can find it: `paragraph 3`, offset 12.

/// `text` normalised; its changes are appended to `log` under `field`.
func normalised(_ text: String, field: String, into log: inout [FieldNormalisation]) -> String {
    let n = normalizeParagraph(text)
    log += n.changes.map { FieldNormalisation(field: field, change: $0) }
    return n.text
}

func normalised(_ text: String?, field: String, into log: inout [FieldNormalisation]) -> String? {
    text.map { normalised($0, field: field, into: &log) }
}

extension Story {
    /// Normalises every text field in place, in reading order (head, photo captions, byline,
    /// dateline, body, credit, the continuation's title), and appends the changes to
    /// `normalisation`. Paragraphs and subheads are counted from 1, images from 0.
    public mutating func normaliseFields() {
        var log: [FieldNormalisation] = []
        columnLabel = normalised(columnLabel, field: "column", into: &log)
        kicker = normalised(kicker, field: "kicker", into: &log)
        title = normalised(title, field: "title", into: &log)
        deck = normalised(deck, field: "deck", into: &log)
        for k in images.indices {
            images[k].caption = normalised(images[k].caption, field: "images[\(k)].caption", into: &log)
            images[k].credit = normalised(images[k].credit, field: "images[\(k)].credit", into: &log)
        }
        byline = normalised(byline, field: "byline", into: &log)
        dateline = normalised(dateline, field: "dateline", into: &log)
        var paragraphs = 0, subheads = 0
        for k in body.indices {
            switch body[k] {
            case .paragraph(let s):
                paragraphs += 1
                body[k] = .paragraph(normalised(s, field: "paragraph \(paragraphs)", into: &log))
            case .subhead(let s):
                subheads += 1
                body[k] = .subhead(normalised(s, field: "subhead \(subheads)", into: &log))
            }
        }
        credit = normalised(credit, field: "credit", into: &log)
        jumpTitle = normalised(jumpTitle, field: "jump_title", into: &log)
        normalisation += log
    }
}

extension Issue {
    /// Normalises the manifest's text (the paper's name, the banner, each page's section) in
    /// place and appends the changes to `normalisation`; pages are counted from 0 as listed.
    public mutating func normaliseManifestText() {
        var log: [FieldNormalisation] = []
        paperName = normalised(paperName, field: "paper", into: &log)
        banner = normalised(banner, field: "banner", into: &log)
        for k in pages.indices {
            pages[k].section = normalised(pages[k].section, field: "pages[\(k)].section", into: &log)
        }
        normalisation += log
    }
}

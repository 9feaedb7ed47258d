import Foundation

/// A story (稿件) as the editors wrote it: headline parts, furniture and a body.

public enum StoryKind: String, Sendable, CaseIterable {
    /// 消息: head, byline, text.
    case news
    /// 通讯, 特写: as news (its deck usually opens with ——).
    case feature
    /// One short item (短消息): a small head, one column wanted.
    case brief
    /// 简讯 roundup: each `## ` item's title runs into its paragraph in bold after ■.
    case briefs
    /// 评论, 时评: the column label as a framed 栏目 logo, the byline (本报评论员 when none is
    /// given) centred under the head, above the text.
    case commentary
    /// A photo story: the photo leads; the text may be only its caption.
    case photo
    /// 编者按: set in a ruled box.
    case editorsNote = "editors-note"
    /// Set in a framed box, its title large, its lines centred.
    case advertisement

    /// What a reader calls a story of this kind that has no title (for the outline).
    public var untitledName: String? {
        switch self {
        case .editorsNote: "编者按"
        case .briefs: "简讯"
        case .advertisement: "广告"
        default: nil
        }
    }

    /// Whether the kind prints a headline, so a story of it without a title is reported.
    public var needsTitle: Bool {
        switch self {
        case .news, .feature, .commentary: true
        case .brief, .briefs, .photo, .editorsNote, .advertisement: false
        }
    }
}

/// A block of the body, in reading order.
public enum BodyBlock: Sendable, Equatable {
    case paragraph(String)
    /// A subhead (小标题/插题), `## ` in Markdown.
    case subhead(String)
}

public struct ImageRef: Sendable, Equatable {
    /// Path as written in the front matter, relative to the issue folder.
    public var file: String
    public var caption: String?
    public var credit: String?
    /// Resolved by the loader: the absolute path and pixel size, nil when the file is missing
    /// or unreadable (a placeholder is drawn and the problem reported).
    public var path: String?
    public var pixelWidth: Int?
    public var pixelHeight: Int?
    /// The front matter line that names the image, for messages about it.
    public var line: Int?
    /// Why the file cannot be used (not found, outside the issue, truncated …), when it cannot.
    public var problem: String?
    public init(file: String, caption: String? = nil, credit: String? = nil, path: String? = nil,
                pixelWidth: Int? = nil, pixelHeight: Int? = nil) {
        self.file = file
        self.caption = caption
        self.credit = credit
        self.path = path
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }
    /// Width over height; a missing image is planned as 3:2.
    public var aspect: Double {
        guard let w = pixelWidth, let h = pixelHeight, w > 0, h > 0 else { return 1.5 }
        return Double(w) / Double(h)
    }
}

/// One change the normaliser made to a field of the input, and where: `change.offset` counts
/// Unicode scalars into that field as it was given.
public struct FieldNormalisation: Sendable, Equatable, CustomStringConvertible {
    /// Which field: a story's `title`, `deck`, `kicker`, `column`, `dateline`, `byline`,
    /// `credit`, `jump_title`, `images[0].caption`, `images[0].credit` (list positions from 0,
    /// as in the front matter), `paragraph 3` or `subhead 2` (the body's paragraphs and subheads
    /// counted from 1, as editors count); a manifest's `paper`, `banner`, `pages[0].section`.
    public var field: String
    public var change: NormalizationChange
    public init(field: String, change: NormalizationChange) {
        self.field = field
        self.change = change
    }
    public var description: String { "\(field) \(change)" }
}

public struct Story: Sendable, Equatable {
    public var id: String
    public var kind: StoryKind
    /// 栏目题: the name of a recurring column.
    public var columnLabel: String?
    /// 引题 (kicker), 主题 (title), 副题 (deck).
    public var kicker: String?
    public var title: String?
    public var deck: String?
    /// A short title for the continuation's head after a jump (转版标题).
    public var jumpTitle: String?
    /// 本报讯, 本报北京3月18日电: run into the first paragraph in bold.
    public var dateline: String?
    /// 本报记者 张心怡: on its own line.
    public var byline: String?
    /// The writer's name closing a short item: （耀文）.
    public var credit: String?
    /// 1 is the most important.
    public var priority: Int
    public var images: [ImageRef]
    public var body: [BodyBlock]
    /// The source file, for messages.
    public var sourceFile: String
    /// What normalisation changed in the story's fields when it was loaded (the fields above
    /// hold the normalised text), each change once, in reading order.
    public var normalisation: [FieldNormalisation] = []

    public init(id: String, kind: StoryKind = .news, columnLabel: String? = nil, kicker: String? = nil,
                title: String? = nil, deck: String? = nil, dateline: String? = nil, byline: String? = nil,
                credit: String? = nil, priority: Int = 3, images: [ImageRef] = [], body: [BodyBlock] = [],
                sourceFile: String = "") {
        self.id = id
        self.kind = kind
        self.columnLabel = columnLabel
        self.kicker = kicker
        self.title = title
        self.deck = deck
        self.jumpTitle = nil
        self.dateline = dateline
        self.byline = byline
        self.credit = credit
        self.priority = priority
        self.images = images
        self.body = body
        self.sourceFile = sourceFile
    }

    /// The title on one line, for the outline, the masthead's teaser and jump heads: an
    /// editor's line breaks (a YAML `|` block) are for the head as printed, not for these.
    public var oneLineTitle: String? { title.map(joiningLineBreaks) }
    /// The continuation head's title: `jump_title`, else the title, on one line.
    public var shortTitle: String { (jumpTitle ?? title).map(joiningLineBreaks) ?? id }

    /// Number of characters of copy (headline parts and body), for sizing decisions.
    public var bodyCharacterCount: Int {
        body.reduce(0) { n, b in
            switch b {
            case .paragraph(let s), .subhead(let s): return n + s.unicodeScalars.count
            }
        }
    }
}

/// Text with its line breaks taken out: lines of Chinese join directly, Western words keep a
/// space between them (as the Markdown body joins its lines).
public func joiningLineBreaks(_ text: String) -> String {
    let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" })
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    var out = ""
    for l in lines {
        if let a = out.unicodeScalars.last, let b = l.unicodeScalars.first, a.isASCII && b.isASCII,
           a.properties.isAlphabetic || ("0"..."9").contains(a) {
            out += " "
        }
        out += l
    }
    return out
}

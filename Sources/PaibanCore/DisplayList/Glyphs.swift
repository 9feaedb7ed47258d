/// Glyphs as plain values: what a back end needs to draw a run of text without the shaper that
/// shaped it. Make-up fills them in from the shaper's result; the PDF writer and Cairo open the
/// face again from its file, so a page made up on one thread (or in one process) draws the same
/// on any other.

/// A font face as a file holds it: enough to open it again (HarfBuzz for the PDF's subset,
/// FreeType through Cairo for the proofs).
public struct FaceRef: Hashable, Sendable {
    /// The font file (absolute path); empty for a face with no file (a test's fake face, or text
    /// no font could be found for), which no back end can draw: the PDF writer reports its text.
    public var path: String
    /// The face's index in a collection (a `.ttc` holds several).
    public var index: Int
    /// The face's full name (Noto Serif CJK SC Bold), for messages.
    public var name: String
    /// The face has no bold of its own and fontconfig asked for one: back ends embolden it
    /// (the PDF by stroking the outlines, Cairo as FreeType does).
    public var embolden: Bool

    public init(path: String, index: Int, name: String, embolden: Bool = false) {
        self.path = path
        self.index = index
        self.name = name
        self.embolden = embolden
    }
}

/// One glyph where it is drawn. Positions are in points: `x` is the pen position (page space
/// once the run is placed, like `GlyphRun.origins`); the offsets move the glyph off the pen
/// (a mark the font positions), `yOffset` downwards from the baseline.
public struct PositionedGlyph: Sendable, Equatable {
    public var face: FaceRef
    /// The glyph's id in the face (0, .notdef, for a character the face lacks).
    public var id: UInt32
    public var x: Double
    public var xOffset: Double
    public var yOffset: Double
    /// Index in the run's `text` of the first scalar of the glyph's cluster: the cluster shows
    /// the scalars from there to the next glyph's cluster (for the PDF's text layer).
    public var cluster: Int
    /// Which stretch of the text the shaper shaped as one (one face, one script: HarfBuzz's
    /// run, Pango's item), numbered in the shaped paragraph. The PDF writer gives each its own
    /// text object, as the glyphs were drawn before they were values: poppler's `pdftotext`
    /// finds words and columns by text objects too, and its layout of the sample edition
    /// changed in four places when a line's Latin and Han went into one.
    public var shapingRun: Int

    public init(face: FaceRef, id: UInt32, x: Double, xOffset: Double = 0, yOffset: Double = 0, cluster: Int,
                shapingRun: Int = 0) {
        self.face = face
        self.id = id
        self.x = x
        self.xOffset = xOffset
        self.yOffset = yOffset
        self.cluster = cluster
        self.shapingRun = shapingRun
    }
}

/// What a shaper made of one styled run, kept for placing its glyphs at the composer's origins:
/// per scalar of the run its glyphs (none for a scalar inside a cluster), each with its pen
/// offset from the scalar's origin. Built once per shaped text; lines cut from it share it.
public struct ShapedGlyphs: Sendable, Equatable {
    public struct Glyph: Sendable, Equatable {
        /// Index into `faces`.
        public var face: Int
        public var id: UInt32
        /// Pen offset from the scalar's origin (the advances of the cluster's glyphs before it).
        public var dx: Double
        public var xOffset: Double
        public var yOffset: Double
        public var shapingRun: Int
        public init(face: Int, id: UInt32, dx: Double, xOffset: Double = 0, yOffset: Double = 0, shapingRun: Int = 0) {
            self.face = face
            self.id = id
            self.dx = dx
            self.xOffset = xOffset
            self.yOffset = yOffset
            self.shapingRun = shapingRun
        }
    }
    public var faces: [FaceRef]
    /// Every glyph, scalar by scalar.
    public var glyphs: [Glyph]
    /// Scalar i's glyphs are `glyphs[start[i]..<start[i + 1]]` (count + 1 entries).
    public var start: [Int]

    public init(faces: [FaceRef], glyphs: [Glyph], start: [Int]) {
        precondition(start.first == 0 && start.last == glyphs.count, "start must bracket the glyphs")
        self.faces = faces
        self.glyphs = glyphs
        self.start = start
    }

    /// The glyphs of the run's scalars `scalars` (indices into the shaped run), scalar j's
    /// drawn from `origins[j]`; clusters index the placed scalars (0 is `scalars[0]`).
    public func placed(scalars: [Int], origins: [Double]) -> [PositionedGlyph] {
        var out: [PositionedGlyph] = []
        out.reserveCapacity(scalars.count)
        for (j, s) in scalars.enumerated() {
            precondition(s + 1 < start.count, "scalar \(s) is not in the shaped run")
            for g in glyphs[start[s]..<start[s + 1]] {
                out.append(PositionedGlyph(face: faces[g.face], id: g.id, x: origins[j] + g.dx, xOffset: g.xOffset,
                                           yOffset: g.yOffset, cluster: j, shapingRun: g.shapingRun))
            }
        }
        return out
    }
}

extension GlyphRun {
    /// The run's glyphs in stretches of one face and one shaping run, in order: each back end
    /// draws a stretch as one (a PDF text object, one Cairo show call).
    public var shapingStretches: [Range<Int>] {
        groups(in: glyphs.indices) { $0.face == $1.face && $0.shapingRun == $1.shapingRun }
    }

    /// The glyphs of `range` cluster by cluster (a cluster's glyphs are consecutive).
    public func clusters(in range: Range<Int>) -> [Range<Int>] {
        groups(in: range) { $0.cluster == $1.cluster }
    }

    private func groups(in range: Range<Int>, _ together: (PositionedGlyph, PositionedGlyph) -> Bool) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var k = range.lowerBound
        while k < range.upperBound {
            var end = k + 1
            while end < range.upperBound && together(glyphs[k], glyphs[end]) { end += 1 }
            out.append(k..<end)
            k = end
        }
        return out
    }

    /// The scalars glyph `k`'s cluster shows: from its cluster to the next glyph's that differs
    /// (or the run's end), at least its own scalar.
    public func clusterText(at k: Int) -> ArraySlice<Unicode.Scalar> {
        let c = glyphs[k].cluster
        var next = k + 1
        while next < glyphs.count && glyphs[next].cluster == c { next += 1 }
        let end = next < glyphs.count ? glyphs[next].cluster : text.count
        return text[c..<min(text.count, max(c + 1, end))]
    }
}

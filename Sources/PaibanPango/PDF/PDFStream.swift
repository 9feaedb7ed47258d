import CPangoCairo
import PaibanCore

/// The edition's PDF, written page by page as pages arrive (drawing overlaps make-up), then
/// finished with the fonts (subset to the glyphs the pages used), links, named destinations,
/// outline, page labels and metadata, and moved into place.
///
/// It draws from the display list alone (each glyph names its face file), so pages made up on
/// another thread or by another typesetter draw the same.
///
/// Paiban writes the PDF itself from the shaped glyphs rather than through Cairo's PDF surface:
/// Cairo copies each CJK face's whole 16 MB CFF table twice to embed a few hundred glyphs, which
/// was most of an edition's rendering time; and a press PDF wants what Cairo cannot give (black
/// as DeviceGray, a TrimBox). Cairo still draws the PNG proofs.
public final class PDFStream {
    /// The file's final name and its temporary; nil for a PDF made in memory.
    let out: AtomicOutput?
    let file: PDFFile
    /// Where the display list's faces are opened (the writer's, shared by its streams).
    let fontFiles: FontFiles
    let header: DisplayDocument
    let pagesObject: Int
    var fonts: [EmbeddedFont] = []
    var fontOfFace: [FaceFile: EmbeddedFont?] = [:]
    let images: PDFImages
    let inks: PDFInks
    let pdfx: PDFXOutput
    /// Where the photos' colours go when the file is finished (the writer's log).
    var photoLog: PhotoColourLog?
    var pages: [PageRecord] = []
    /// Jump lines' destinations by name: page index, and x, y in PDF space.
    var anchors: [String: (page: Int, x: Double, y: Double)] = [:]
    /// Text the PDF could not show, by font: the characters and the pages (reported at finish).
    var leftOut: [String: (text: [Unicode.Scalar], pages: [Int])] = [:]
    /// Problems found while writing (text in a font that cannot be embedded), for the report.
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Prepare the fonts on several threads at the end (off for batch workers, which keep every
    /// core busy with editions already).
    public var parallelFonts = false

    struct PageRecord {
        var object: Int
        var contents: Int
        var width: Double
        var height: Double
        var label: String
        var fonts: [EmbeddedFont] = []
        var images: [Int] = []
        /// Resource names of the spot colour spaces the page uses.
        var colourSpaces: [String] = []
        /// Link areas (PDF space: x1 y1 x2 y2) and their destination names.
        var links: [(rect: (Double, Double, Double, Double), destination: String)] = []
    }

    init(path: String, header: DisplayDocument, fontFiles: FontFiles, print: PrintSettings = PrintSettings()) throws {
        pdfx = try PDFXOutput(print)
        if path.isEmpty {
            out = nil
            file = try PDFFile(inMemory: pdfx.header)
        } else {
            let out = AtomicOutput(path: path)
            self.out = out
            do { file = try PDFFile(path: out.temporaryPath, header: pdfx.header) } catch OutputError.cannotWrite(_, let why) {
                // Said of the file asked for, not of its temporary.
                out.abandon()
                throw OutputError.cannotWrite(path, why)
            }
        }
        self.fontFiles = fontFiles
        self.header = header
        inks = PDFInks(file: file)
        images = PDFImages(colour: pdfx.standard == .x1a ? .cmyk(profile: pdfx.profile, inkLimit: print.inkLimit)
                                 : pdfx.standard == .x4 ? .calibratedRGB : .asGiven)
        pagesObject = file.reserve()
    }

    /// A stream for the writer's settings, opening faces through its font files.
    public convenience init(path: String, header: DisplayDocument, writer: DocumentWriter) throws {
        try self.init(path: path, header: header, fontFiles: writer.fontFiles, print: writer.print)
        photoLog = writer.photoColours
    }

    /// Draws a page into its content stream and writes it.
    public func add(_ page: DisplayPage) {
        var record = PageRecord(object: file.reserve(), contents: file.reserve(), width: page.width,
                                height: page.height, label: page.label)
        var c = PDFBuffer(capacity: 1 << 17)
        // Every item names its ink (see PDFInks): black is CMYK 0 0 0 1, one ink on press.
        var ink = InkState()
        let h = page.height
        // The page stands inside the sheet's margin (bleed and marks), drawn in its own q … Q.
        let sheet = pdfx.sheet(width: page.width, height: page.height)
        c.append("q 1 0 0 1 "); c.numbers(sheet.dx, sheet.dy); c.append("cm\n")
        for item in page.items {
            switch item {
            case .glyphs(let run):
                ink.use(run.paint, &c, inks: inks, file: file, page: &record)
                text(run, &c, &record)
            case .rule(let x1, let y1, let x2, let y2, let w, let paint):
                ink.use(paint, &c, inks: inks, file: file, page: &record)
                c.number(w); c.append(" w ")
                c.numbers(x1, h - y1); c.append("m ")
                c.numbers(x2, h - y2); c.append("l S\n")
            case .box(let r, let stroke, let fill, let strokePaint):
                // Inside q … Q: the ink set here ends with the box, so the tracked state holds.
                c.append("q ")
                var local = InkState()
                if let fill { local.use(fill, &c, inks: inks, file: file, page: &record) }
                if stroke != nil {
                    c.append((strokePaint.isBlackInkOnly ? "/GSop gs " : "/GSko gs ") + inks.op(strokePaint, stroke: true, file: file, page: &record) + " ")
                }
                if let w = stroke { c.number(w); c.append(" w ") }
                c.numbers(r.x, h - r.maxY, r.width, r.height)
                c.append(fill != nil && stroke != nil ? "re B Q\n" : fill != nil ? "re f Q\n" : "re S Q\n")
            case .image(let p): image(p, &c, &record)
            }
        }
        c.append("Q\n")
        pdfx.marks(width: page.width, height: page.height, &c, inks: inks, file: file, page: &record)
        file.stream(record.contents, dictionary: "", data: c.bytes, compress: true)
        pages.append(record)
    }

    private func image(_ p: ImagePlacement, _ c: inout PDFBuffer, _ page: inout PageRecord) {
        let h = page.height, r = p.frame
        guard let path = p.path, let img = images.image(path, in: file) else {
            // A missing image: a grey frame crossed through, so the page shows where it goes.
            c.append("q 0.85 g ")
            c.numbers(r.x, h - r.maxY, r.width, r.height)
            c.append("re f 0.4 G 0.5 w ")
            c.numbers(r.x, h - r.y); c.append("m "); c.numbers(r.maxX, h - r.maxY); c.append("l ")
            c.numbers(r.maxX, h - r.y); c.append("m "); c.numbers(r.x, h - r.maxY); c.append("l S Q\n")
            return
        }
        if !page.images.contains(img.object) { page.images.append(img.object) }
        // The crop (source pixels) scaled onto the frame, clipped to it.
        let sx = r.width / p.crop.width, sy = r.height / p.crop.height
        let w = Double(img.pixelWidth) * sx, ht = Double(img.pixelHeight) * sy
        let left = r.x - p.crop.x * sx, top = r.y - p.crop.y * sy
        c.append("q ")
        c.numbers(r.x, h - r.maxY, r.width, r.height)
        c.append("re W n ")
        c.numbers(w, 0, 0, ht, left, h - (top + ht))
        c.append("cm /Im\(img.object) Do Q\n")
    }

    /// Writes fonts, pages and the document's structure, and moves the file into place.
    /// `outline` gives each page's title and its stories.
    public func finish(outline: [DisplayPage]) throws {
        for name in leftOut.keys.sorted() {
            let e = leftOut[name]!
            var chars = ""
            chars.unicodeScalars.append(contentsOf: e.text.prefix(20))
            diagnostics.append(Diagnostic(.error, "page \(e.pages.map(String.init).joined(separator: ", ")): “\(chars)” is set in \(name), which the PDF cannot embed (no readable font file, CFF2 or bitmap glyphs); that text is left out of the PDF — map the role to another font in Fonts/fonts.conf"))
        }
        do {
            try writeStructure(outline: outline)
            try out?.commit()
            photoLog?.record(images.photoColours)
        } catch {
            out?.abandon()
            throw error
        }
    }

    /// The finished PDF's bytes, when it was made in memory (path "").
    public var bytes: [UInt8] { file.bytes }

    public func abandon() {
        out?.abandon()
    }
}

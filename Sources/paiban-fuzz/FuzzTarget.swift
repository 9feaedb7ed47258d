import Foundation
import PaibanCore
import PaibanInput

/// The loaders' fuzz target. An input's first byte picks what its other bytes are:
///
/// | byte % 5 | the rest is | run through |
/// |---|---|---|
/// | 0 | a story file | `ArticleLoader.parse` (bytes that are not UTF-8 are refused as `load` refuses them) |
/// | 1 | a layout template | `LayoutLoader.parse` |
/// | 2 | an image file's head | `imageHeader` (PNG and JPEG) |
/// | 3 | an issue folder, packed (`FuzzInput.pack`) | written to a scratch folder, `IssueLoader.load` |
/// | 4 | a paragraph (its first byte the measure) | `normalizeParagraph`, then the composer with fixed advances |
///
/// A trap, a hang (libFuzzer's -timeout) or running out of memory is a finding. With
/// `PAIBAN_FUZZ_STRICT=1` an accepted layout that cannot work traps too (off by default: the
/// template loader accepts such sizes today, and each would stop the run at once).
enum FuzzTarget {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let strict = ProcessInfo.processInfo.environment["PAIBAN_FUZZ_STRICT"] == "1"
    /// One scratch folder per process, emptied for every packed issue.
    static let scratch = NSTemporaryDirectory() + "paiban-fuzz-\(ProcessInfo.processInfo.processIdentifier)"

    static func run(_ data: UnsafeBufferPointer<UInt8>) {
        guard let selector = data.first else { return }
        let rest = UnsafeBufferPointer(rebasing: data.dropFirst())
        switch selector % 5 {
        case 0:
            guard let text = String(validating: rest, as: UTF8.self) else { return }
            _ = try? ArticleLoader.parse(text, file: "fuzz.md")
        case 1:
            guard let text = String(validating: rest, as: UTF8.self) else { return }
            if let (layout, _) = try? LayoutLoader.parse(text, file: "fuzz.yaml"), strict { checkWorkable(layout) }
        case 2:
            _ = imageHeader(rest)
            _ = jpegFrame(rest)
        case 3:
            loadIssue(FuzzInput.unpack(Array(rest)))
        default:
            guard let measure = rest.first, let text = String(validating: UnsafeBufferPointer(rebasing: rest.dropFirst()), as: UTF8.self)
            else { return }
            let n = normalizeParagraph(text)
            _ = ParagraphComposer().compose(n.text, shaper: FixedAdvanceShaper(), measure: Em(Double(measure % 40) + 1), indent: Em(2))
        }
    }

    static func loadIssue(_ files: [(path: String, bytes: [UInt8])]) {
        let fm = FileManager.default
        try? fm.removeItem(atPath: scratch)
        for f in files {
            let path = scratch + "/" + f.path
            try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = fm.createFile(atPath: path, contents: Data(f.bytes))
        }
        _ = try? IssueLoader.load(directory: scratch, layoutSearchPath: [root + "/Layouts"])
    }

    /// The few things no accepted template may have: they make make-up divide by zero or trap.
    static func checkWorkable(_ l: Layout) {
        let g = l.grid
        precondition(l.pageWidth.value.isFinite && l.pageHeight.value.isFinite, "page \(l.pageWidth) × \(l.pageHeight)")
        precondition(g.linePitch.value.isFinite && g.linePitch.value > 0, "line pitch \(g.linePitch)")
        precondition(g.lines >= 10, "\(g.lines) lines")
        for size in [l.styles.kicker, l.styles.deck, l.styles.caption, l.styles.jump, l.styles.paperName].map(\.font.size.value) {
            precondition(size.isFinite && size > 0 && size <= l.pageWidth.value, "a style of \(size) pt")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

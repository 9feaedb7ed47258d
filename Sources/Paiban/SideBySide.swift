import Foundation
import PaibanCore
import PaibanPango

/// The pages still to be made up, handed out one at a time to the make-up threads.
final class PageQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    init(count: Int) { self.count = count }
    func take() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// An edition where no story jumps: every page stands alone, so two make-up threads (each with
/// its own Pango objects) take pages in turn while this thread writes them into the PDF in page
/// order as they are ready. The PDF, report and diagnostics are the same as one thread's.
func makeUpSideBySide(issue: Issue, layout: Layout, output: String, writer: DocumentWriter)
    throws -> (DisplayDocument, EditionReport)
{
    let channel = PageChannel()
    let fonts = try locateFontsDirectory()
    let count = issue.pages.count
    let queue = PageQueue(count: count)
    let threads = min(count, 2)
    for _ in 0..<threads {
        let worker = Thread {
            do {
                let t = try PangoTypesetter(fontsDirectory: fonts)
                let shaping = PangoTextShaping(t)
                let makeUp = EditionMakeUp(issue: issue, layout: layout, shaper: shaping, segmenter: houseSegmenter())
                while let k = queue.take() {
                    let r = makeUp.independentPage(at: k)
                    channel.send(.independent(k, r.page, r.report, r.diagnostics))
                }
            } catch {
                channel.send(.failed("\(error)"))
            }
        }
        worker.stackSize = 8 << 20
        worker.start()
    }

    let header = EditionMakeUp(issue: issue, layout: layout, shaper: FixedAdvanceTextShaper()).header
    let stream = try PDFStream(path: output, header: header, writer: writer)
    stream.parallelFonts = true
    var pages = [DisplayPage?](repeating: nil, count: count)
    var reports = [(PageReport, [Diagnostic])?](repeating: nil, count: count)
    var received = 0, drawn = 0
    while received < count {
        switch channel.receive() {
        case .independent(let k, let page, let report, let diagnostics):
            pages[k] = page
            reports[k] = (report, diagnostics)
            received += 1
            while drawn < count, let p = pages[drawn] {
                stream.add(p)
                drawn += 1
            }
        case .failed(let message):
            stream.abandon()
            throw OutputError.cannotWrite(output, message)
        case .page, .done:
            preconditionFailure("pages made up side by side come as .independent")
        }
    }
    var doc = header
    doc.pages = pages.map { $0! }
    try stream.finish(outline: doc.pages)
    let made = reports.map { $0! }
    let report = EditionReport(pages: made.map(\.0), diagnostics: made.flatMap(\.1) + stream.diagnostics)
    return (doc, report)
}

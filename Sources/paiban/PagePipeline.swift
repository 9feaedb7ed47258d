import Foundation
import PaibanCore
import PaibanPango

/// Pages handed from the make-up thread to the drawing thread as they are finished.
final class PageChannel: @unchecked Sendable {
    enum Event {
        case page(pass: Int, DisplayPage)
        case done(DisplayDocument, EditionReport)
        /// A page of an edition whose pages are made up side by side: its index in page order.
        case independent(Int, DisplayPage, PageReport, [Diagnostic])
        case failed(String)
    }
    private let condition = NSCondition()
    private var queue: [Event] = []

    func send(_ e: Event) {
        condition.lock()
        queue.append(e)
        condition.signal()
        condition.unlock()
    }

    func receive() -> Event {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        return queue.removeFirst()
    }
}

/// Makes up an edition on one thread while this thread draws its pages into the PDF as they
/// come (the make-up thread has its own Pango objects; the pages carry their glyphs as values,
/// so they draw here as on the thread that made them). If make-up lays the edition out again (a
/// jump moved), the PDF is started again from the final pass's pages.
func makeUpAndWrite(issue: Issue, layout: Layout, output: String, writer: DocumentWriter)
    throws -> (DisplayDocument, EditionReport)
{
    let probe = EditionMakeUp(issue: issue, layout: layout, shaper: FixedAdvanceTextShaper())
    if probe.pagesAreIndependent && issue.pages.count > 1 {
        return try makeUpSideBySide(issue: issue, layout: layout, output: output, writer: writer)
    }
    let channel = PageChannel()
    let fonts = try locateFontsDirectory()
    let worker = Thread {
        do {
            let t = try PangoTypesetter(fontsDirectory: fonts)
            let shaping = PangoTextShaping(t)
            var makeUp = EditionMakeUp(issue: issue, layout: layout, shaper: shaping, segmenter: houseSegmenter())
            makeUp.pageSink = { pass, page in channel.send(.page(pass: pass, page)) }
            let (doc, report) = makeUp.run()
            channel.send(.done(doc, report))
        } catch {
            channel.send(.failed("\(error)"))
        }
    }
    worker.stackSize = 8 << 20
    worker.start()

    let header = EditionMakeUp(issue: issue, layout: layout, shaper: FixedAdvanceTextShaper()).header
    var stream: PDFStream? = nil
    var streamedPass = 0
    var drawn = 0
    while true {
        switch channel.receive() {
        case .page(let pass, let page):
            if pass != streamedPass {
                stream?.abandon()
                stream = nil
                streamedPass = pass
                drawn = 0
            }
            if stream == nil {
                stream = try PDFStream(path: output, header: header, writer: writer)
                stream?.parallelFonts = true
            }
            stream?.add(page)
            drawn += 1
        case .done(let doc, var report):
            if let stream, drawn == doc.pages.count {
                try stream.finish(outline: doc.pages)
                            report.diagnostics += stream.diagnostics
            } else {
                stream?.abandon()
                report.diagnostics += try writer.writePDF(doc, to: output)
            }
            return (doc, report)
        case .failed(let message):
            stream?.abandon()
            throw OutputError.cannotWrite(output, message)
        case .independent:
            preconditionFailure("pages made up one after another come as .page")
        }
    }
}

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
private func makeUpSideBySide(issue: Issue, layout: Layout, output: String, writer: DocumentWriter)
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

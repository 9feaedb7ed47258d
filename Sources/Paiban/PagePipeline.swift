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

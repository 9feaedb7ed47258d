import Foundation
import PaibanCore
import PaibanPango

/// Pages handed from the make-up thread to the drawing thread as they are finished.
final class PageChannel: @unchecked Sendable {
    enum Event {
        case page(pass: Int, DisplayPage)
        case done(DisplayDocument, EditionReport)
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
/// come (each thread with its own Pango objects). If make-up lays the edition out again (a jump
/// moved), the PDF is started again from the final pass's pages.
func makeUpAndWrite(issue: Issue, layout: Layout, output: String, typesetter: PangoTypesetter)
    throws -> (DisplayDocument, EditionReport)
{
    let channel = PageChannel()
    let fonts = try locateFontsDirectory()
    let worker = Thread {
        do {
            let t = try PangoTypesetter(fontsDirectory: fonts)
            var makeUp = EditionMakeUp(issue: issue, layout: layout, shaper: PangoTextShaping(t))
            makeUp.pageSink = { pass, page in channel.send(.page(pass: pass, page)) }
            let (doc, report) = makeUp.run()
            channel.send(.done(doc, report))
        } catch {
            channel.send(.failed("\(error)"))
        }
    }
    worker.stackSize = 8 << 20
    worker.start()

    let writer = DocumentWriter(typesetter: typesetter)
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
        }
    }
}

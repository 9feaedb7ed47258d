import Dispatch
import PaibanCore
import PaibanInput
import PaibanPango

/// Loads an issue folder as a render of it wants it: the options' PDF/X and date applied, and
/// what the options cannot have warned about. Throws `InputError` when the issue cannot be read
/// at all. Shared by `Edition` (in memory) and `Render` (files), so both make up the same edition.
func loadIssue(_ directory: String, _ options: RenderOptions) throws -> LoadedIssue {
    // The word list (4 MB, 5-8 ms to read) is read while the issue loads, not after it: the
    // global is initialised once, and the check below waits for it if it is not done yet.
    DispatchQueue.global().async { _ = houseWordList }
    var loaded = try IssueLoader.load(directory: directory, layoutSearchPath: options.layoutSearchPath,
                                      decodeCheck: options.checkImages ? decodingImageCheck : nil)
    if let pdfx = options.pdfx { loaded.layout.print.pdfx = pdfx }
    if options.engine == .cairo && loaded.layout.print.pdfx != nil {
        // The layout asks for PDF/X, which Cairo cannot write: said, and a plain PDF written.
        loaded.diagnostics.append(Diagnostic(.warning, file: loaded.layout.sourceFile,
                                             "print: pdfx is ignored with --engine cairo (Cairo writes RGB, not PDF/X)"))
        loaded.layout.print.pdfx = nil
    }
    loaded.diagnostics += options.warnings
    if let epoch = options.sourceDateEpoch {
        if RenderOptions.datable.contains(epoch) {
            loaded.issue.sourceDateEpoch = epoch
        } else {
            loaded.diagnostics.append(RenderOptions.undatable(String(epoch)))
        }
    }
    if houseWordList == nil {
        // Without the word list headlines still set, but break only at punctuation and spaces.
        loaded.diagnostics.append(Diagnostic(.warning, file: "Dictionaries/zh-words.tsv",
                                             "the word list was not found (set PAIBAN_DICTIONARIES): headlines break only at punctuation and spaces"))
    }
    return loaded
}

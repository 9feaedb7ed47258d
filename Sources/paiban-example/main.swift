// The README's library example, line for line (EditionTests compares the two and runs this from
// a folder that has the Examples): `swift build` compiles what the README shows.
import Paiban

// In memory: the edition made up, then its PDF, a proof, the preflight and the display list.
let edition = try Edition(issueAt: "Examples/semicon-special",
                          options: RenderOptions(pdfx: .x4, sourceDateEpoch: 1_774_000_000))
let pdf: [UInt8] = try edition.pdf()               // the whole edition, made in memory
let proof: [UInt8] = try edition.proof(page: 0, dpi: 60)   // page 1 as PNG
let preflight = edition.preflight()                // problems, warnings, summary, report JSON
print(preflight.summary.joined(separator: "\n"))
for page in edition.document.pages { print(page.label, page.glyphRuns.count) }  // the display list
print(pdf.count, proof.count)

// To files, as `paiban render` does: make-up and drawing pipelined, the set committed whole.
let render = try EditionRender(issueAt: "Examples/semicon-special", options: RenderOptions(dpi: 60, split: true))
for d in render.inputDiagnostics { print(d) }      // what loading found, before make-up
let outcome = try render.write(pdf: "out/edition.pdf", proofs: "out/proofs")
print(outcome.files.joined(separator: "\n"))       // the PDF, its report, split pages, proofs

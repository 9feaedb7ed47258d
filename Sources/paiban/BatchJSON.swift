import Foundation
import PaibanCore
import PaibanPango

/// `OUTDIR/batch.json`: the batch as a script reads it: every edition with its status, pages,
/// problems, warnings and the paths of its outputs, and the totals. Written whole, atomically,
/// beside the summary table.
func batchJSON(_ results: [BatchResult], plan: BatchPlan, wall: Double) -> JSON {
    let editions: [JSON] = results.map { r in
        let job = plan.jobs.first { $0.name == r.name }
        let dir = job?.directory ?? ""
        func existing(_ p: String) -> JSON { FileManager.default.fileExists(atPath: p) ? .string(p) : .null }
        return .object([
            ("name", .string(r.name)), ("issue", .string(job?.issue ?? "")),
            ("state", .string(r.succeeded ? "ok" : r.status != 0 ? "failed" : r.problems > 0 ? "problems" : "warnings")),
            ("exit_status", .int(Int(r.status))), ("succeeded", .bool(r.succeeded)), ("interrupted", .bool(r.interrupted)),
            ("pages", .int(r.pages)), ("problems", .int(r.problems)), ("warnings", .int(r.warnings)),
            ("seconds", .number((r.seconds * 100).rounded() / 100)),
            ("pdf", existing(dir + "/edition.pdf")), ("report", existing(dir + "/edition.report.json")),
            ("proofs", existing(dir + "/proofs")), ("log", existing(dir + "/render.log")),
            ("first_error", r.firstError.map { .string($0) } ?? .null),
        ])
    }
    let ok = results.filter(\.succeeded).count
    return .object([
        ("editions", .array(editions)), ("succeeded", .int(ok)), ("failed", .int(results.count - ok)),
        ("seconds", .number((wall * 100).rounded() / 100)),
    ])
}

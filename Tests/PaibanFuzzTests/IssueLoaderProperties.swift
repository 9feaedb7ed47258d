import Foundation
import PaibanCore
import PaibanInput
import PaibanTestSupport
import PropertyBased
import Testing

/// The issue loader on hostile folders (written to a scratch folder each). Its contract (README:
/// "one bad story is reported and left out, the rest of the edition is still made up"; errors
/// as file:line): no trap; a bad date refused; every story file and every page entry either in
/// the issue or named by a diagnostic; a section of the wrong type or a key written twice not
/// passed over in silence; a photo it accepts has a size the format can hold.
@Suite struct IssueLoaderProperties {
    static let layouts = repositoryRoot() + "/Layouts"

    @Test("issue loader: every story file and page entry is in the issue or named by a diagnostic; bad dates, wrong types and keys twice are reported; errors name a file and line")
    func everythingLoadedOrReported() throws {
        let scratch = try scratchFolder(["x": ""], prefix: "paiban-fuzz-issue")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var n = 0
        try Fuzz.check("issue-loader", count: 150, IssueFolder.generator) { f in
            n += 1
            let dir = scratch + "/issue-\(n)"
            try f.write(to: dir)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let loaded: LoadedIssue
            do {
                loaded = try IssueLoader.load(directory: dir, layoutSearchPath: [Self.layouts])
            } catch let e as InputError {
                return refusalFailures(e.diagnostic, f, dir: dir)
            } catch {
                return ["an error that is not an InputError: \(error)"]
            }
            return issueFailures(loaded, f, dir: dir)
        }
    }
}

/// A refused folder: the error names a file of the folder (or a layout) and a line inside it,
/// and whatever was refused, a bad date was among the reasons only if the date was bad.
func refusalFailures(_ d: Diagnostic, _ f: IssueFolder, dir: String) -> [String] {
    var failures: [String] = []
    guard let file = d.file, file.hasPrefix(dir) || file.hasPrefix(IssueLoaderProperties.layouts) else {
        return ["the error names \(d.file ?? "no file"): \(d)"]
    }
    if let l = d.line {
        let lines = ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").unicodeScalars.filter { $0 == "\n" }.count + 1
        if !(1...lines).contains(l) { failures.append("the error's line \(l) is outside \(file) (1…\(lines)): \(d)") }
    } else if file.hasSuffix("issue.yaml") && !d.message.hasPrefix("no issue.yaml") {
        failures.append("the error names no line: \(d)")
    }
    if d.message.contains("must be a real date") && f.date.map(isRealDate) == true { failures.append("a real date is refused: \(d)") }
    return failures
}

/// A loaded folder against what was written.
func issueFailures(_ loaded: LoadedIssue, _ f: IssueFolder, dir: String) -> [String] {
    var failures: [String] = []
    let issue = loaded.issue, diagnostics = loaded.diagnostics
    if let d = f.date, !isRealDate(d) {
        failures.append("the date '\(d)' is not a real YYYY-MM-DD date but is accepted as \(issue.date)")
    }
    for name in f.stories.keys {
        let path = dir + "/" + name
        if !issue.stories.values.contains(where: { $0.sourceFile == path }) && !diagnostics.contains(where: { $0.file == path }) {
            failures.append("\(name) is neither loaded nor reported")
        }
    }
    let placed = Set(issue.pages.flatMap { $0.stories.map(\.id) })
    for id in Set(f.listed) where !placed.contains(id) && !diagnostics.contains(where: { $0.message.contains("'\(id)'") }) {
        failures.append("page entry '\(id)' is neither placed nor reported")
    }
    for (s, line) in zip(f.wrongSections, f.wrongLines)
    where !diagnostics.contains(where: { $0.file == dir + "/issue.yaml" && $0.line == line }) {
        failures.append("'\(s)' is of the wrong type and the issue loads without a word at its line \(line): \(diagnostics.map(\.description))")
    }
    if let key = f.duplicateKey, !diagnostics.contains(where: { $0.message.contains(key) }) {
        failures.append("'\(key)' is written twice and the issue loads without a word")
    }
    for story in issue.stories.values {
        for image in story.images {
            guard let w = image.pixelWidth, let h = image.pixelHeight else { continue }
            if !(1...Int(Int32.max)).contains(w) || !(1...Int(Int32.max)).contains(h) {
                failures.append("story \(story.id): photo \(image.file) accepted at \(w) × \(h) pixels")
            }
            if let p = image.path, !URL(fileURLWithPath: p).standardized.path.hasPrefix(dir + "/"),
               !diagnostics.contains(where: { $0.message.contains(image.file) }) {
                failures.append("story \(story.id): photo \(image.file) outside the issue folder is read without a word")
            }
        }
    }
    return failures
}

/// `YYYY-MM-DD`, ASCII digits, a month of 1…12 and a day the month has (proleptic Gregorian).
func isRealDate(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
          let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), y >= 1, (1...12).contains(m) else { return false }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return (1...days).contains(d)
}

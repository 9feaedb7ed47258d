import Foundation
import PropertyBased
import Testing

/// The harness's driver: runs a property over `count` inputs drawn from a PropertyBased
/// generator, each from its own seeded Xoshiro state, so CI sees the same cases on every run
/// (the library's own `propertyCheck` draws a fresh seed each run, and with `.fixedSeed` runs
/// one case only). Random exploration is libFuzzer's job (`make fuzz`).
///
/// - `PAIBAN_FUZZ_SEED=N` draws another set of cases (default 1);
/// - `PAIBAN_FUZZ_SCALE=K` runs K times as many cases (a longer local run);
/// - a failure names the property, the seed, the case and the input, and
///   `PAIBAN_FUZZ_SEED=N PAIBAN_FUZZ_CASE=K swift test --filter …` replays that case alone;
/// - before each case its input is written to `$TMPDIR/paiban-fuzz-last/PROPERTY.txt`, so when
///   a case traps and takes the test process down, the input that did it is on disk; every
///   failing case goes to `PROPERTY.failures.txt` beside it (the log shows the first three).
enum Fuzz {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = UInt64(environment["PAIBAN_FUZZ_SEED"] ?? "") ?? 1
    static let scale = max(1, Int(environment["PAIBAN_FUZZ_SCALE"] ?? "") ?? 1)
    static let onlyCase = Int(environment["PAIBAN_FUZZ_CASE"] ?? "")
    static let lastInputFolder = NSTemporaryDirectory() + "paiban-fuzz-last"

    /// The generator state of case `k` of property `name`: the seed, the property's name and the
    /// case number mixed by SplitMix64 (an all-zero Xoshiro state would repeat zeros).
    static func rng(_ name: String, _ k: Int) -> Xoshiro {
        var x = seed ^ 0x9E37_79B9_7F4A_7C15
        for b in name.utf8 { x = (x ^ UInt64(b)) &* 0x100_0000_01B3 }
        x ^= UInt64(k) &* 0xD1B5_4A32_D192_ED03
        func next() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Xoshiro(seed: (next(), next(), next(), next()))
    }

    /// Checks `property` on `count` generated inputs. `property` returns the failures of one
    /// input as sentences (empty when it holds); each failing case is recorded as an issue.
    /// Inputs for which `runs` is false (a class whose fix is pending) are left out, and a
    /// property that ran on fewer than a quarter of its cases fails: it would prove little.
    static func check<Value, S>(_ name: String, count: Int, _ gen: Generator<Value, S>,
                                runs: (Value) -> Bool = { _ in true },
                                describe: (Value) -> String = { String(reflecting: $0) },
                                sourceLocation: SourceLocation = #_sourceLocation,
                                _ property: (Value) throws -> [String]) rethrows {
        try? FileManager.default.createDirectory(atPath: lastInputFolder, withIntermediateDirectories: true)
        let lastInput = lastInputFolder + "/" + name.filter { $0.isLetter || $0.isNumber || $0 == "-" } + ".txt"
        let cases = onlyCase.map { [$0] } ?? Array(0..<(count * scale))
        let failureLog = lastInput.replacingOccurrences(of: ".txt", with: ".failures.txt")
        _ = FileManager.default.createFile(atPath: failureLog, contents: nil)
        let log = FileHandle(forWritingAtPath: failureLog)
        defer { try? log?.close() }
        var failed = 0, ran = 0
        for k in cases {
            var rng = rng(name, k)
            let value = gen.run(using: &rng)
            guard runs(value) else { continue }
            ran += 1
            let text = describe(value)
            try? "seed \(seed) case \(k)\n\(text)\n".write(toFile: lastInput, atomically: false, encoding: .utf8)
            let failures = try property(value)
            guard !failures.isEmpty else { continue }
            failed += 1
            log?.write(Data("== case \(k)\n\(failures.joined(separator: "\n"))\ninput: \(text)\n".utf8))
            // A few cases are enough to see a failure; a hundred would drown the log.
            if failed <= 3 {
                Issue.record("""
                    property “\(name)” fails (PAIBAN_FUZZ_SEED=\(seed) PAIBAN_FUZZ_CASE=\(k)):
                    \(failures.prefix(5).joined(separator: "\n"))
                    input: \(text.prefix(2000))
                    """, sourceLocation: sourceLocation)
            }
        }
        print("fuzz: “\(name)” ran \(ran) of \(cases.count) cases (seed \(seed)), \(failed) failed")
        if onlyCase == nil && ran * 4 < cases.count {
            Issue.record("property “\(name)” ran on \(ran) of \(cases.count) cases (the rest pending)", sourceLocation: sourceLocation)
        }
        if failed > 3 { Issue.record("property “\(name)”: \(failed) failing cases in all", sourceLocation: sourceLocation) }
    }
}


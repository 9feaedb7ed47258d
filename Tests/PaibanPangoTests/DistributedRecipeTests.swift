import Foundation
import Testing
import PaibanTestSupport

/// The README's recipe for rendering on many machines, run for real on this one: GNU parallel
/// with `--sshlogin :` (this machine) renders two editions, one job each, and its job log says
/// both succeeded. The Kubernetes manifest beside it is checked for the fields the recipe needs.
@Suite struct DistributedRecipeTests {
    static let root = repositoryRoot()

    @Test("Examples/distributed/render-editions.sh over --sshlogin : renders every issue folder, one job each, exit 0")
    func parallelRecipe() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/parallel"),
              FileManager.default.fileExists(atPath: Self.root + "/.build/debug/paiban") else {
            Issue.record("install GNU parallel (make deps) and build paiban first"); return
        }
        let dir = NSTemporaryDirectory() + "paiban-parallel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/issues", withIntermediateDirectories: true)
        for (name, source) in [("a", "semicon-special"), ("b", "newsroom-kinds")] {
            try FileManager.default.copyItem(atPath: Self.root + "/Examples/" + source, toPath: dir + "/issues/" + name)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.root + "/Examples/distributed/render-editions.sh")
        p.arguments = [dir + "/issues", dir + "/out", ":"]
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = Self.root + "/.build/debug:" + (env["PATH"] ?? "/usr/bin:/bin")
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        for name in ["a", "b"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/out/\(name)/edition.pdf"), "\(name) not rendered")
        }
        let log = try String(contentsOfFile: dir + "/out/joblog.tsv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(log.count == 2 && log.allSatisfy { $0.split(separator: "\t")[6] == "0" }, "\(log)")
    }

    @Test("the Kubernetes manifest is an indexed Job that renders the issue at its completion index")
    func kubernetesManifest() throws {
        let text = try String(contentsOfFile: Self.root + "/Examples/distributed/render-job.yaml", encoding: .utf8)
        for needed in ["kind: Job", "completionMode: Indexed", "parallelism:", "JOB_COMPLETION_INDEX", "paiban render"] {
            #expect(text.contains(needed), "missing \(needed)")
        }
    }
}

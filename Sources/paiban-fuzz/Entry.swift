import Foundation

/// `paiban-fuzz`. Built for fuzzing (`make fuzz`: -sanitize=fuzzer -DPAIBAN_FUZZ) main hands
/// the arguments to libFuzzer's driver; libFuzzer's own main is not used, since SwiftPM links
/// an executable's entry point as `main` itself. In an ordinary build (so that `swift build`
/// builds every target) it replays input files through the same target, with a Swift
/// backtrace when one traps: `paiban-fuzz FILE...`. Both write the seed corpus:
/// `paiban-fuzz --write-seeds DIR`.
@main struct Entry {
    static func main() throws {
        let args = CommandLine.arguments
        if args.count == 3 && args[1] == "--write-seeds" {
            try FuzzInput.writeSeeds(to: args[2], root: FuzzTarget.root)
            return
        }
        #if PAIBAN_FUZZ
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        // A closure, not `fuzzOneInput` itself: naming a @_cdecl function as a C pointer in
        // another file emits its C symbol there too (a duplicate definition at link).
        exit(LLVMFuzzerRunDriver(&argc, &argv, { data, size in
            FuzzTarget.run(UnsafeBufferPointer(start: data, count: size))
            return 0
        }))
        #else
        for path in args.dropFirst() {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            bytes.withUnsafeBufferPointer { FuzzTarget.run($0) }
            print("ok \(path)")
        }
        #endif
    }
}

#if PAIBAN_FUZZ
/// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

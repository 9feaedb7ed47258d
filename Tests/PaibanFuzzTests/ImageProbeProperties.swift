import Foundation
import PaibanCore
import PaibanInput
import PaibanTestSupport
import PropertyBased
import Testing

/// The image probe on hostile files: no trap, and a size it reports is one the format can hold
/// (PNG: 1 … 2³¹−1 each way, with the signature and an IHDR chunk; JPEG: 1 … 65535), since
/// make-up scales and crops photos by it.
@Suite struct ImageProbeProperties {
    @Test("image probe: never traps; a size it reports is one the format can hold, from a real PNG or JPEG header")
    func sizesAreReal() {
        #expect(ImageFile.png.count > 1000 && ImageFile.jpeg.count > 1000 && ImageFile.jpegSOF > 0)
        Fuzz.check("image-probe", count: 400, ImageFile.generator) { f in
            return probeFailures(f.bytes)
        }
    }

    @Test("image probe: a file cut short or corrupt is probed from disk as from memory")
    func fileAndMemoryAgree() throws {
        let dir = try scratchFolder(["x": ""], prefix: "paiban-fuzz-image")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Fuzz.check("image-file", count: 40, ImageFile.generator) { f in
            let path = dir + "/image"
            _ = FileManager.default.createFile(atPath: path, contents: Data(f.bytes))
            let disk = ImageProbe.probe(path).map { "\($0.format) \($0.width)×\($0.height)" }
            let memory = f.bytes.withUnsafeBufferPointer { imageHeader($0) }.map { "\($0.format) \($0.width)×\($0.height)" }
            return disk == memory ? [] : ["from disk \(disk ?? "nil"), from memory \(memory ?? "nil")"]
        }
    }
}

/// What is wrong with the probe's answer for `bytes`.
func probeFailures(_ bytes: [UInt8]) -> [String] {
    guard let r = bytes.withUnsafeBufferPointer({ imageHeader($0) }) else { return [] }
    var failures: [String] = []
    switch r.format {
    case .png:
        if Array(bytes.prefix(8)) != ImageFile.pngSignature { failures.append("accepted as PNG without the PNG signature") }
        if bytes.count < 16 || Array(bytes[12..<16]) != Array("IHDR".utf8) { failures.append("accepted as PNG without an IHDR chunk first") }
        if !(1...Int(Int32.max)).contains(r.width) || !(1...Int(Int32.max)).contains(r.height) {
            failures.append("PNG size \(r.width) × \(r.height) (the format holds 1 … 2147483647)")
        }
    case .jpeg:
        if !(1...65535).contains(r.width) || !(1...65535).contains(r.height) { failures.append("JPEG size \(r.width) × \(r.height)") }
    }
    return failures
}

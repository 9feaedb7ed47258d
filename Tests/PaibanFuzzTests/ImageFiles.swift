import Foundation
import PaibanTestSupport
import PropertyBased

/// Image files made hostile from the examples' real PNG and JPEG: cut short, bytes changed,
/// headers claiming 4294967295 × 4294967295 or 0 × 0, markers of no length, or noise.
struct ImageFile: Sendable, CustomStringConvertible {
    var bytes: [UInt8]
    var kind: String
    var description: String {
        "\(kind), \(bytes.count) bytes: \(bytes.prefix(48).map { String(format: "%02x", $0) }.joined())\(bytes.count > 48 ? "…" : "")"
    }

    static let root = repositoryRoot()
    static let png = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: root + "/Examples/newsroom-kinds/jcet-pdm.png"))) ?? Data())
    static let jpeg = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: root + "/Examples/semicon-special/images/jcet-pdm.jpg"))) ?? Data())
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The offset of the JPEG's first SOF marker's height field (FF C0..CF but C4, C8, CC).
    static let jpegSOF: Int = {
        var i = 2
        while i + 9 < jpeg.count {
            guard jpeg[i] == 0xFF else { i += 1; continue }
            let m = jpeg[i + 1]
            if (0xC0...0xCF).contains(m) && ![0xC4, 0xC8, 0xCC].contains(m) { return i + 5 }
            i += 2 + (Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3]))
        }
        return 0
    }()

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static let generator = Generator<ImageFile, Shrink.None<ImageFile>> { rng in
        let base = Bool.random(using: &rng) ? png : jpeg
        var b = base
        switch Int.random(in: 0..<9, using: &rng) {
        case 0:
            return ImageFile(bytes: Array(base.prefix(Int.random(in: 0...min(base.count, 700), using: &rng))), kind: "truncated")
        case 1:
            for _ in 0..<Int.random(in: 1...8, using: &rng) { b[Int.random(in: 0..<min(b.count, 64), using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            return ImageFile(bytes: b, kind: "corrupt")
        case 2:
            let v: UInt32 = [0xFFFF_FFFF, 0, 0x8000_0000, 0x7FFF_FFFF, 1].randomElement(using: &rng)!
            b = png
            b.replaceSubrange(16..<24, with: be32(v) + be32(v))
            return ImageFile(bytes: b, kind: "png-size-\(v)")
        case 3:
            let v: UInt16 = [0, 0xFFFF, 1].randomElement(using: &rng)!
            b = jpeg
            b.replaceSubrange(jpegSOF..<(jpegSOF + 4), with: [UInt8(v >> 8), UInt8(v & 0xFF), UInt8(v >> 8), UInt8(v & 0xFF)])
            return ImageFile(bytes: b, kind: "jpeg-size-\(v)")
        case 4:
            // The first four bytes of a PNG signature, then anything: not a PNG.
            b = Array(png.prefix(4)) + (0..<40).map { _ in UInt8.random(in: 0...255, using: &rng) }
            return ImageFile(bytes: b, kind: "png-bad-signature")
        case 5:
            b = png
            b.replaceSubrange(12..<16, with: Array("IDAT".utf8))
            return ImageFile(bytes: b, kind: "png-no-ihdr")
        case 6:
            // JPEG markers whose length says 0 or 1, or runs past the end.
            var m: [UInt8] = [0xFF, 0xD8]
            for _ in 0..<Int.random(in: 1...20, using: &rng) {
                m += [0xFF, [0xE0, 0xE1, 0xEE, 0xDB, 0xC4, 0xFE].randomElement(using: &rng)!, 0, UInt8.random(in: 0...3, using: &rng)]
            }
            m += [0xFF, 0xE1, 0xFF, 0xFF]
            return ImageFile(bytes: m, kind: "jpeg-bad-markers")
        case 7:
            return ImageFile(bytes: (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, kind: "noise")
        default:
            return ImageFile(bytes: base, kind: "intact")
        }
    }
}

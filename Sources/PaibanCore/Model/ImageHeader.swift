/// The pixel size of a PNG or JPEG image, read from its header bytes (no decoding).
public enum ImageFormat: String, Sendable { case png, jpeg }

/// Nil unless the header is one the format allows: the whole PNG signature and IHDR first
/// (four bytes of signature and noise are no PNG), sizes of at least one pixel and at most what
/// the format holds (PNG 2³¹−1, JPEG 65535).
public func imageHeader(_ b: UnsafeBufferPointer<UInt8>) -> (format: ImageFormat, width: Int, height: Int)? {
    let n = b.count
    if n >= 24, Array(b[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Array(b[12..<16]) == [0x49, 0x48, 0x44, 0x52] {
        let w = Int(b[16]) << 24 | Int(b[17]) << 16 | Int(b[18]) << 8 | Int(b[19])
        let h = Int(b[20]) << 24 | Int(b[21]) << 16 | Int(b[22]) << 8 | Int(b[23])
        let pngMax = Int(Int32.max)
        guard (1...pngMax).contains(w), (1...pngMax).contains(h) else { return nil }
        return (.png, w, h)
    }
    guard let frame = jpegFrame(b), frame.width >= 1, frame.height >= 1 else { return nil }
    return (.jpeg, frame.width, frame.height)
}

/// A JPEG's frame: size, colour components, and whether an Adobe marker says how CMYK is stored.
public struct JPEGFrame: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var components: Int
    public var adobe: Bool
}

/// Reads the frame header (SOFn) of a JPEG, walking its markers (no decoding).
public func jpegFrame(_ b: UnsafeBufferPointer<UInt8>) -> JPEGFrame? {
    let n = b.count
    guard n >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
    var i = 2
    var adobe = false
    while i + 9 < n {
        guard b[i] == 0xFF else { i += 1; continue }
        let marker = b[i + 1]
        if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) || marker == 0xFF { i += 1; continue }
        let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
        // APP14 "Adobe": Photoshop's CMYK JPEGs are stored inverted and say so here.
        if marker == 0xEE, i + 9 < n, b[i + 4] == 0x41, b[i + 5] == 0x64, b[i + 6] == 0x6F, b[i + 7] == 0x62, b[i + 8] == 0x65 {
            adobe = true
        }
        // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
            return JPEGFrame(width: Int(b[i + 7]) << 8 | Int(b[i + 8]), height: Int(b[i + 5]) << 8 | Int(b[i + 6]),
                             components: Int(b[i + 9]), adobe: adobe)
        }
        i += 2 + length
    }
    return nil
}

/// A decoder's look at an image whose structure the loader has checked: nil when it decodes
/// cleanly, else what the decoder found ("Corrupt JPEG data: 1024 extraneous bytes before
/// marker 0xd9"). The loader takes one from the back end (libjpeg), the core has no decoder.
public typealias ImageDecodeCheck = @Sendable (_ path: String, _ bytes: [UInt8]) -> String?

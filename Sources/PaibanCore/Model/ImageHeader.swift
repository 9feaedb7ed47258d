/// The pixel size of a PNG or JPEG image, read from its header bytes (no decoding).
public enum ImageFormat: String, Sendable { case png, jpeg }

public func imageHeader(_ b: UnsafeBufferPointer<UInt8>) -> (format: ImageFormat, width: Int, height: Int)? {
    let n = b.count
    if n >= 24, b[0] == 0x89, b[1] == 0x50, b[2] == 0x4E, b[3] == 0x47 {
        let w = Int(b[16]) << 24 | Int(b[17]) << 16 | Int(b[18]) << 8 | Int(b[19])
        let h = Int(b[20]) << 24 | Int(b[21]) << 16 | Int(b[22]) << 8 | Int(b[23])
        return (.png, w, h)
    }
    guard n >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
    var i = 2
    while i + 9 < n {
        guard b[i] == 0xFF else { i += 1; continue }
        let marker = b[i + 1]
        if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) || marker == 0xFF { i += 1; continue }
        let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
        // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
            return (.jpeg, Int(b[i + 7]) << 8 | Int(b[i + 8]), Int(b[i + 5]) << 8 | Int(b[i + 6]))
        }
        i += 2 + length
    }
    return nil
}

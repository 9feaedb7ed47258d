#if canImport(Glibc)
import Glibc
#endif
import CPangoCairo

/// A PDF file written object by object: numbers are reserved before the objects are written
/// (a page names its fonts before they are embedded), offsets go into the cross-reference
/// table at the end.
final class PDFFile {
    private var handle: UnsafeMutablePointer<FILE>?
    let path: String
    /// Byte offset of each object by number; -1 while only reserved. Index 0 is the free head.
    private var offsets: [Int] = [0]
    private var position = 0

    /// The buffer `open_memstream` writes to, for a PDF made in memory (nil for a file).
    private var memory: (buffer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, size: UnsafeMutablePointer<Int>)?

    init(path: String, header: String = "%PDF-1.7") throws {
        guard let f = fopen(path, "wb") else {
            throw OutputError.cannotWrite(path, String(cString: strerror(errno)))
        }
        handle = f
        self.path = path
        start(header)
    }

    /// A PDF made in memory (the library's `Edition.pdf()`): the same writer, its bytes in a
    /// growing buffer instead of a file.
    init(inMemory header: String = "%PDF-1.7") throws {
        let buffer = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 1)
        let size = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        buffer.pointee = nil
        size.pointee = 0
        guard let f = open_memstream(buffer, size) else {
            buffer.deallocate(); size.deallocate()
            throw OutputError.cannotWrite("(memory)", String(cString: strerror(errno)))
        }
        memory = (buffer, size)
        handle = f
        path = "(memory)"
        start(header)
    }

    /// The bytes of a PDF made in memory, once closed.
    var bytes: [UInt8] {
        guard let memory, handle == nil, let p = memory.buffer.pointee else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: memory.size.pointee))
    }

    private func start(_ header: String) {
        if memory == nil { setvbuf(handle!, nil, _IOFBF, 1 << 18) }
        // Version 1.7 unless PDF/X says otherwise (FontFile3 OpenType needs 1.6); the binary
        // comment marks the file as binary.
        write(Array((header + "\n%\u{00E2}\u{00E3}\u{00CF}\u{00D3}\n").utf8))
    }

    deinit {
        if let handle { fclose(handle) }
        if let memory {
            free(memory.buffer.pointee)
            memory.buffer.deallocate()
            memory.size.deallocate()
        }
    }

    func reserve() -> Int {
        offsets.append(-1)
        return offsets.count - 1
    }

    /// Two FNV-1a hashes of everything written: the file identifier (/ID), which a press
    /// workflow (PDF/X) expects, taken from the content so the same input gives the same file.
    private var hashA: UInt64 = 0xcbf2_9ce4_8422_2325
    private var hashB: UInt64 = 0x8422_2325_cbf2_9ce4

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buf in
            _ = fwrite(buf.baseAddress, 1, buf.count, handle)
            var a = hashA, b = hashB
            for v in buf {
                a = (a ^ UInt64(v)) &* 0x0000_0100_0000_01B3
                b = (b ^ UInt64(v)) &* 0x0000_0100_0000_01B3
            }
            hashA = a
            hashB = b
        }
        position += bytes.count
    }

    private func begin(_ n: Int) {
        offsets[n] = position
        var b = PDFBuffer()
        b.int(n)
        b.append(" 0 obj\n")
        write(b.bytes)
    }

    /// Writes object `n` (reserved) with the given body.
    func object(_ n: Int, _ body: PDFBuffer) {
        begin(n)
        write(body.bytes)
        write(Array("\nendobj\n".utf8))
    }

    func object(_ n: Int, _ body: String) {
        var b = PDFBuffer()
        b.append(body)
        object(n, b)
    }

    /// Writes a stream object: `dictionary` holds the entries other than /Length and /Filter.
    /// `compress` deflates the data; data already encoded says its filter in `dictionary`.
    func stream(_ n: Int, dictionary: String, data: [UInt8], compress: Bool) {
        if compress {
            stream(n, dictionary: dictionary, deflated: deflate(data))
        } else {
            writeStream(n, dictionary, data)
        }
    }

    /// Writes a stream object whose data is already deflated.
    func stream(_ n: Int, dictionary: String, deflated: [UInt8]) {
        writeStream(n, dictionary + "/Filter/FlateDecode", deflated)
    }

    private func writeStream(_ n: Int, _ dictionary: String, _ body: [UInt8]) {
        begin(n)
        var b = PDFBuffer()
        b.append("<<")
        b.append(dictionary)
        b.append("/Length ")
        b.int(body.count)
        b.append(">>\nstream\n")
        write(b.bytes)
        write(body)
        write(Array("\nendstream\nendobj\n".utf8))
    }

    /// The cross-reference table and trailer; then the file is flushed and checked.
    func close(root: Int, info: Int) throws {
        let xref = position
        var b = PDFBuffer(capacity: offsets.count * 20 + 100)
        b.append("xref\n0 ")
        b.int(offsets.count)
        b.append("\n0000000000 65535 f \n")
        for n in 1..<offsets.count {
            precondition(offsets[n] >= 0, "PDF object \(n) was reserved but never written")
            let s = String(offsets[n])
            b.append(String(repeating: "0", count: max(0, 10 - s.count)) + s + " 00000 n \n")
        }
        b.append("trailer\n<</Size ")
        b.int(offsets.count)
        var id = PDFBuffer()
        for v in [hashA, hashB] { for k in stride(from: 60, through: 0, by: -4) { id.append(hexDigit(UInt8((v >> UInt64(k)) & 0xF))) } }
        let hex = String(decoding: id.bytes, as: UTF8.self)
        b.append("/Root \(root) 0 R/Info \(info) 0 R/ID[<\(hex)><\(hex)>]>>\nstartxref\n")
        b.int(xref)
        b.append("\n%%EOF\n")
        write(b.bytes)
        let failed = ferror(handle!) != 0
        let closed = fclose(handle!)
        handle = nil
        guard !failed, closed == 0 else {
            throw OutputError.cannotWrite(path, String(cString: strerror(errno)))
        }
    }
}

/// zlib at level 6: what PDF writers commonly use; fonts and page text shrink to about a third.
func deflate(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
    var size = compressBound(UInt(data.count))
    var out = [UInt8](repeating: 0, count: Int(size))
    let status = data.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
            compress2(dst.baseAddress, &size, src.baseAddress, UInt(src.count), level)
        }
    }
    precondition(status == Z_OK, "zlib compress2 failed (\(status))")
    out.removeLast(out.count - Int(size))
    return out
}

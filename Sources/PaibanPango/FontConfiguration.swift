import CPangoCairo
import Foundation
import PaibanCore
#if canImport(Glibc)
import Glibc
#endif

public enum FontSetupError: Error, CustomStringConvertible {
    case configNotFound([String])
    case configInvalid(String)
    public var description: String {
        switch self {
        case .configNotFound(let tried):
            "font configuration Fonts/fonts.conf not found (looked in: \(tried.joined(separator: ", "))); set PAIBAN_FONTS to the folder that holds it"
        case .configInvalid(let path):
            "\(path): fontconfig could not load this file"
        }
    }
}

/// Finds the project's `Fonts/` folder: $PAIBAN_FONTS, then next to the executable (an
/// installed `share/paiban/Fonts` or the source tree above `.build/`), then the working directory.
public func locateFontsDirectory() throws -> String {
    if let found = locateResourceDirectory("Fonts", marker: "fonts.conf", environment: "PAIBAN_FONTS") { return found }
    throw FontSetupError.configNotFound(resourceCandidates("Fonts", environment: "PAIBAN_FONTS"))
}

/// Finds one of the project's folders (Fonts, Layouts) the same way.
public func locateResourceDirectory(_ name: String, marker: String?, environment: String) -> String? {
    for candidate in resourceCandidates(name, environment: environment) {
        let probe = marker.map { candidate + "/" + $0 } ?? candidate
        if access(probe, R_OK) == 0 { return candidate }
    }
    return nil
}

private func resourceCandidates(_ name: String, environment: String) -> [String] {
    var tried: [String] = []
    if let env = getenv(environment) { tried.append(String(cString: env)) }
    if let exe = executablePath() {
        var dir = exe
        for _ in 0..<5 {
            dir = parentDirectory(dir)
            tried.append(dir + "/" + name)
            tried.append(dir + "/share/paiban/" + name)
        }
    }
    tried.append(name)
    // Last, the package's own checkout, where this file was compiled from: a Swift program that
    // depends on Paiban (`.package(path:)` or a git checkout in its .build) runs from its own
    // folder, far from the executable paths above, and found no fonts, layouts or word list.
    tried.append(packageRoot + "/" + name)
    return tried
}

/// The Paiban package's folder: three levels above Sources/PaibanPango/FontConfiguration.swift.
private let packageRoot: String = {
    var dir = #filePath
    for _ in 0..<3 { dir = parentDirectory(dir) }
    return dir
}()

private func executablePath() -> String? {
    var buf = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buf, buf.count - 1)
    guard n > 0 else { return nil }
    return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

private func parentDirectory(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
    return String(path[..<slash])
}

/// Loads `fonts.conf` into a private fontconfig configuration (the user's own configuration
/// is never read), one per typesetter: sharing one between the make-up and drawing threads
/// measured no faster.
final class PrivateFontConfig {
    let config: OpaquePointer
    let path: String

    init(directory: String) throws {
        let path = directory + "/fonts.conf"
        guard let cfg = FcConfigCreate() else { throw FontSetupError.configInvalid(path) }
        guard FcConfigParseAndLoad(cfg, path, 1) != 0 else {
            FcConfigDestroy(cfg)
            throw FontSetupError.configInvalid(path)
        }
        FcConfigBuildFonts(cfg)
        self.config = cfg
        self.path = path
    }

    deinit { FcConfigDestroy(config) }
}

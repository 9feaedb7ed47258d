import Foundation
import PaibanCore

/// The inks a layout names: `colours:` defines them (process CMYK in percent, or a spot ink with
/// its CMYK alternate), and styles, rules and boxes use them by name.
///
/// ```yaml
/// colours:
///   报头红: {cmyk: [0, 100, 100, 0]}
///   专色红: {spot: PANTONE 485 C, cmyk: [0, 95, 100, 0]}
///   浅灰: {gray: 10}                # 10 % black
/// styles:
///   paper_name: {colour: 报头红}
/// rules: {colour: 黑}
/// boxes: {fill: 浅灰}
/// ```
enum LayoutColours {
    /// Names every layout knows: 黑 (solid black ink), 大红 (the 报头's red, M100 Y100), 白 (paper).
    static let builtIn: [String: Paint] = [
        "黑": .black, "black": .black, "大红": .cmyk(CMYK(0, 1, 1, 0)), "red": .cmyk(CMYK(0, 1, 1, 0)),
        "白": .gray(1), "white": .gray(1),
    ]

    static func parse(_ node: YAMLValue?) throws -> [String: Paint] {
        var out = builtIn
        guard let node else { return out }
        guard let m = node.node.mapping else { throw node.error("'colours' must be a mapping of names to inks") }
        for (k, _) in m {
            guard let name = k.string, let v = node[name] else { continue }
            out[name] = try paint(v, name: name)
        }
        return out
    }

    /// `{cmyk: [c, m, y, k]}`, `{spot: NAME, cmyk: [...], tint: 100}` or `{gray: K}`, in percent.
    static func paint(_ v: YAMLValue, name: String) throws -> Paint {
        try v.requireMapping("colour '\(name)'")
        if let g = try v.double("gray", in: 0...100) {
            return .gray(1 - g / 100)
        }
        guard let list = v["cmyk"], let seq = list.sequence, seq.count == 4 else {
            throw v.error("colour '\(name)' needs cmyk: [c, m, y, k] in percent (or gray: K)")
        }
        let p = try seq.map { try $0.intValue("a cmyk percentage", in: 0...100) }
        let cmyk = CMYK(Double(p[0]) / 100, Double(p[1]) / 100, Double(p[2]) / 100, Double(p[3]) / 100)
        if let spot = try v.string("spot") {
            guard !spot.isEmpty, spot.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
                throw (v["spot"] ?? v).error("a spot ink's name is the printer's ASCII name (PANTONE 485 C), not '\(spot)'")
            }
            let tint = try v.double("tint", in: 0...100) ?? 100
            return .spot(name: spot, tint: tint / 100, alternate: cmyk)
        }
        return .cmyk(cmyk)
    }

    /// The colour a style, the rules or the boxes name, looked up among the layout's.
    static func named(_ node: YAMLValue, _ key: String, in colours: [String: Paint]) throws -> Paint? {
        guard let name = try node.string(key) else { return nil }
        guard let p = colours[name] else {
            throw (node[key] ?? node).error("unknown colour '\(name)' (known: \(colours.keys.sorted().joined(separator: ", "))); define it under colours:")
        }
        return p
    }
}

/// The `print:` section: `{pdfx: x1a, profile: newsprint.icc, condition: IFRA26, bleed: 3mm,
/// marks: true, ink_limit: 240}`. A profile's path is relative to the layout's file.
enum LayoutPrint {
    static func parse(_ node: YAMLValue?, layoutFile: String) throws -> (PrintSettings, [Diagnostic]) {
        var p = PrintSettings()
        guard let node else { return (p, []) }
        try node.requireMapping("print")
        let warnings = node.unknownKeys(allowed: ["pdfx", "profile", "condition", "bleed", "marks", "ink_limit"], in: "print")
        if let s = try node.string("pdfx") {
            guard let standard = PrintSettings.Standard(rawValue: s) else { throw (node["pdfx"] ?? node).error("pdfx must be x1a or x4") }
            p.pdfx = standard
        }
        if let f = try node.string("profile") {
            let path = f.hasPrefix("/") ? f : (layoutFile as NSString).deletingLastPathComponent + "/" + f
            guard InputFile.problem(path) == nil else {
                throw (node["profile"] ?? node).error("the output profile '\(f)' cannot be read (\(InputFile.problem(path) ?? ""))")
            }
            p.profile = path
        }
        p.condition = try node.string("condition")
        if let b = try node.length("bleed", em: nil, in: 0...20) { p.bleed = b }
        p.marks = try node.bool("marks") ?? false
        if let l = try node.double("ink_limit", in: 160...400) { p.inkLimit = l }
        return (p, warnings)
    }
}

/// Lengths in the units a Chinese compositor works in, kept apart by type so that an em
/// (one body character, 字) is never added to a point by accident.

/// A length in ems of the current font size: 1 em is one full-width Han character (1 字).
public struct Em: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func < (a: Em, b: Em) -> Bool { a.value < b.value }
    public static func + (a: Em, b: Em) -> Em { Em(a.value + b.value) }
    public static func - (a: Em, b: Em) -> Em { Em(a.value - b.value) }
    public static func * (a: Em, k: Double) -> Em { Em(a.value * k) }
    public static let zero = Em(0)
    /// The length at a given font size.
    public func at(_ size: Points) -> Points { Points(value * size.value) }
    public var description: String { "\(value)em" }
}

/// A PostScript point, 1/72 inch: the unit of PDF and of font sizes.
public struct Points: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func < (a: Points, b: Points) -> Bool { a.value < b.value }
    public static func + (a: Points, b: Points) -> Points { Points(a.value + b.value) }
    public static func - (a: Points, b: Points) -> Points { Points(a.value - b.value) }
    public static func * (a: Points, k: Double) -> Points { Points(a.value * k) }
    public static let zero = Points(0)
    public init(_ mm: Millimetres) { self.value = mm.value * 72.0 / 25.4 }
    public var description: String { "\(value)pt" }
}

/// A millimetre: page sizes and margins are given in mm.
public struct Millimetres: Hashable, Comparable, Sendable {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func < (a: Millimetres, b: Millimetres) -> Bool { a.value < b.value }
}

/// The Chinese type-size system (字号). Sizes follow the common table used by mainland
/// publishers and word processors (初号 42 pt … 八号 5 pt).
public enum Hao: String, CaseIterable, Sendable {
    case chuhao = "初号", xiaochu = "小初", yihao = "一号", xiaoyi = "小一"
    case erhao = "二号", xiaoer = "小二", sanhao = "三号", xiaosan = "小三"
    case sihao = "四号", xiaosi = "小四", wuhao = "五号", xiaowu = "小五"
    case liuhao = "六号", xiaoliu = "小六", qihao = "七号", bahao = "八号"

    public var points: Points {
        switch self {
        case .chuhao: Points(42); case .xiaochu: Points(36); case .yihao: Points(26); case .xiaoyi: Points(24)
        case .erhao: Points(22); case .xiaoer: Points(18); case .sanhao: Points(16); case .xiaosan: Points(15)
        case .sihao: Points(14); case .xiaosi: Points(12); case .wuhao: Points(10.5); case .xiaowu: Points(9)
        case .liuhao: Points(7.5); case .xiaoliu: Points(6.5); case .qihao: Points(5.5); case .bahao: Points(5)
        }
    }
}

/// Parses a type size written the way a layout editor writes it: `小五`, `9pt`, `13Q`
/// (phototypesetting 級, 0.25 mm) or a bare number of points.
public func parseTypeSize(_ text: String) -> Points? {
    let t = text.trimmingWhitespace
    if let hao = Hao(rawValue: t) { return hao.points }
    if t.hasSuffix("pt"), let v = Double(t.dropLast(2).trimmingWhitespace), v > 0 { return Points(v) }
    if t.hasSuffix("Q") || t.hasSuffix("q"), let v = Double(t.dropLast(1).trimmingWhitespace), v > 0 {
        return Points(Millimetres(v * 0.25))
    }
    if let v = Double(t), v > 0 { return Points(v) }
    return nil
}

extension StringProtocol {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

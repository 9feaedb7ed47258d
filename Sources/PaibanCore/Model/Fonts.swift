/// The house font roles. Each is a family name defined in `Fonts/fonts.conf`, so a house
/// maps them to its own faces by editing that file, not the program.
public enum FontRole: String, Sendable, CaseIterable {
    case baoSong = "报宋"   // body text
    case heiTi = "黑体"     // headlines, subheads
    case kaiTi = "楷体"     // bylines, notes, captions
    case fangSong = "仿宋"  // stands in for official-document text

    public init?(name: String) {
        switch name.lowercased() {
        case "报宋", "body", "baosong", "song": self = .baoSong
        case "黑体", "head", "heiti", "hei": self = .heiTi
        case "楷体", "kai", "kaiti": self = .kaiTi
        case "仿宋", "fangsong", "fang": self = .fangSong
        default: return nil
        }
    }
}

/// A font as requested: a role, a size and a weight.
public struct FontSpec: Hashable, Sendable {
    public var role: FontRole
    public var size: Points
    public var bold: Bool
    public init(role: FontRole, size: Points, bold: Bool = false) {
        self.role = role
        self.size = size
        self.bold = bold
    }
    public func sized(_ s: Points) -> FontSpec { FontSpec(role: role, size: s, bold: bold) }
}

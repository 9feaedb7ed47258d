import Foundation

/// The edition date as a masthead prints it: 2026年3月20日 星期五, 农历丙午年二月初二.
public struct EditionDate: Sendable {
    public var year: Int, month: Int, day: Int

    public init?(_ c: DateComponents) {
        guard let y = c.year, let m = c.month, let d = c.day else { return nil }
        year = y; month = m; day = d
    }

    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    var date: Date? {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Self.shanghai
        return cal.date(from: DateComponents(year: year, month: month, day: day, hour: 12))
    }

    /// 2026年3月20日
    public var gregorian: String { "\(year)年\(month)月\(day)日" }

    /// 星期五
    public var weekday: String {
        guard let date else { return "" }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Self.shanghai
        let names = ["日", "一", "二", "三", "四", "五", "六"]
        return "星期" + names[cal.component(.weekday, from: date) - 1]
    }

    /// 农历丙午年二月初二 (the time zone must be Beijing's on the calendar itself).
    public var lunar: String {
        guard let date else { return "" }
        var cal = Calendar(identifier: .chinese)
        cal.timeZone = Self.shanghai
        let c = cal.dateComponents([.year, .month, .day], from: date)
        guard let cycle = c.year, let m = c.month, let d = c.day else { return "" }
        let stems = Array("甲乙丙丁戊己庚辛壬癸"), branches = Array("子丑寅卯辰巳午未申酉戌亥")
        let yearName = "\(stems[(cycle - 1) % 10])\(branches[(cycle - 1) % 12])"
        let months = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]
        let leap = c.isLeapMonth == true ? "闰" : ""
        return "农历\(yearName)年\(leap)\(months[m - 1])月\(Self.lunarDay(d))"
    }

    static func lunarDay(_ d: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        switch d {
        case 1...10: return "初" + digits[d]
        case 11...19: return "十" + digits[d - 10]
        case 20: return "二十"
        case 21...29: return "廿" + digits[d - 20]
        default: return "三十"
        }
    }

    /// ISO 8601 at 00:00 Beijing time, for document metadata.
    public var iso8601: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T00:00:00+08:00"
    }
}

/// Chinese numerals for page and issue numbers (第二版, 第十二版).
public func chineseNumeral(_ n: Int) -> String {
    let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    guard n > 0 else { return digits[0] }
    if n < 10 { return digits[n] }
    if n < 20 { return "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
    if n < 100 { return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
    return String(n).map { digits[Int(String($0))!] }.joined()
}

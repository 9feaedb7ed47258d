import Testing
@testable import PaibanCore

/// The page search's memo (`SearchTable`) must answer exactly as a dictionary would: a wrong
/// or lost entry would silently change the layout.
@Suite struct SearchTableTests {
    @Test("the search memo keeps every entry through its growth and finds nothing it was not given")
    func agreesWithDictionary() {
        var table = SearchTable<Double>(capacity: 4, placeholder: 0)
        var reference: [Int: Double] = [:]
        // Keys packed as the search packs regions (high bits vary, low bits often zero), and
        // some overwritten.
        var x: UInt64 = 0x9E37_79B9
        for k in 0..<5_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = k % 7 == 0 ? (k / 7) << 40 : Int(x >> 20)
            table[key] = Double(k)
            reference[key] = Double(k)
        }
        #expect(table.count == reference.count)
        #expect(reference.allSatisfy { table[$0.key] == $0.value })
        for probe in [1, 3, 1 << 41 + 1, Int.max] where reference[probe] == nil {
            #expect(table[probe] == nil)
        }
    }
}

import Testing
@testable import PaibanCore

/// The page search sizes stories by trial fills over runs of body lines (`flowRuns`), while the
/// renderer places the same body line by line (`fill` with placements). If the two ever
/// disagreed on a height, an overset or where a column ends, the search would plan rectangles
/// the renderer does not fill: holes or overset on the page.
@Suite struct TrialFillTests {
    /// A body of lines and subheads (one to three lines, some back to back, some at the start
    /// or end), from a fixed pseudo-random sequence.
    static func bodies() -> [FlowUnits] {
        var x: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(x >> 33) % n
        }
        var out: [FlowUnits] = [[], [1], [-2], [-1, 1], [1, -2]]
        for _ in 0..<400 {
            var body: FlowUnits = []
            for _ in 0..<(1 + next(12)) {
                if next(3) == 0 { body.append(-(1 + next(3))) }
                body += Array(repeating: 1, count: next(30))
            }
            out.append(body)
        }
        return out
    }

    @Test("a trial fill over runs of lines gives the line-by-line fill's height, overset and column ends")
    func runsFillAsLines() {
        var x: UInt64 = 7
        func next(_ n: Int) -> Int {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(x >> 33) % n
        }
        for body in Self.bodies() {
            let columns = 1 + next(5)
            let tops = (0..<columns).map { _ in next(4) == 0 ? next(12) : 0 }
            let capacities = tops.map { _ in next(40) }
            let placed = fill(body, tops: tops, capacities: capacities, ends: true)
            let trial = fill(flowRuns(body), tops: tops, capacities: capacities, placing: false, ends: true)
            #expect(trial.height == placed.height, "height: \(body) in \(capacities) below \(tops)")
            #expect((trial.oversetFrom == nil) == (placed.oversetFrom == nil), "overset: \(body) in \(capacities)")
            #expect(trial.oversetLines == placed.oversetLines, "overset lines: \(body) in \(capacities)")
            // Set over too: the white a cut body leaves is read from its ends.
            #expect(trial.columnEnds == placed.columnEnds, "ends: \(body) in \(capacities) below \(tops)")
        }
    }

    @Test("a body's level height and ragged white from runs match the levelled fill that places it")
    func naturalFlowMatchesPlacedFlow() {
        for (k, body) in Self.bodies().enumerated() where !body.isEmpty {
            let columns = 1 + k % 5
            let tops = (0..<columns).map { $0 == 0 && k % 3 == 0 ? 6 : 0 }
            let natural = naturalFlow(flowRuns(body), tops: tops)
            let placed = levelFlow(body, tops: tops, maxHeight: 10_000)
            #expect(natural.height == placed.height, "height: \(body) over \(columns) columns")
            var ends = tops
            for p in placed.placements { ends[p.column] = max(ends[p.column], p.line + p.lines) }
            let ragged = ends.reduce(0) { $0 + max(0, placed.height - $1 - 1) }
            #expect(natural.ragged == ragged, "ragged white: \(body) over \(columns) columns")
        }
    }
}

/// Page coordinates of the grid: where columns and lines of the type area are on the page.
struct PageGeometry {
    let layout: Layout
    var grid: Grid { layout.grid }
    var left: Double { layout.typeAreaOrigin.x.value }
    var top: Double { layout.typeAreaOrigin.y.value }
    var pitch: Double { grid.linePitch.value }
    var body: Double { grid.bodySize.value }

    func x(column: Int) -> Double { left + grid.columnX(column).value }
    func y(line: Int) -> Double { top + grid.lineY(line).value }
    /// Baseline of body text in grid line `line`.
    func baseline(line: Int) -> Double { y(line: line) + grid.baselineOffset.value }
    func width(columns: Int) -> Double { Double(grid.spanChars(columns)) * body }
}

extension SetLine {
    /// The line's glyph runs placed with their start at `x` and baseline at `baseline`.
    func placed(x: Double, baseline: Double) -> [DisplayItem] {
        runs.map { r in
            var g = r.shifted(by: x)
            g.baseline = baseline
            return .glyphs(g)
        }
    }
}

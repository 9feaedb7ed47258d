/// Flowing a story's body into its columns, line by line on the grid, balanced so the columns
/// end level (or as near as whole lines allow).

/// One unit of body flow. Each takes whole grid lines.
public enum FlowItem: Sendable {
    /// A body line (one grid line).
    case line(SetLine)
    /// A subhead: a blank line above it (unless it opens a column) and its lines; it is kept
    /// with the line after it.
    case subhead([SetLine])

    var lines: Int {
        switch self {
        case .line: 1
        case .subhead(let l): l.count
        }
    }
}

/// Where items go: column index and first grid line within the body area.
public struct FlowPlacement: Sendable {
    public var item: Int
    public var column: Int
    public var line: Int
    /// Lines the item takes here (a subhead's blank line above is not included).
    public var lines: Int
}

public struct FlowResult: Sendable {
    public var placements: [FlowPlacement]
    /// Lines used in the tallest column.
    public var height: Int
    /// Items that did not fit (overset), from this index on.
    public var oversetFrom: Int?
    /// Body lines that did not fit.
    public var oversetLines: Int
}

/// Fills `columns` columns of at most `height` lines each, in order.
func fill(_ items: [FlowItem], columns: Int, height: Int) -> FlowResult {
    var placements: [FlowPlacement] = []
    var column = 0, line = 0, tallest = 0
    var i = 0
    while i < items.count {
        let item = items[i]
        var need = item.lines
        var top = line
        if case .subhead = item {
            if line > 0 { top += 1; need += 1 }
            // Keep with next: the subhead and one following line in the same column.
            let withNext = need + (i + 1 < items.count ? 1 : 0)
            if line + withNext > height && line > 0 {
                column += 1; line = 0
                continue
            }
        } else if line + need > height && line > 0 {
            column += 1; line = 0
            continue
        }
        if column >= columns || line + need > height {
            // Out of room: the rest is overset.
            let rest = items[i...].reduce(0) { $0 + $1.lines }
            return FlowResult(placements: placements, height: tallest, oversetFrom: i, oversetLines: rest)
        }
        placements.append(FlowPlacement(item: i, column: column, line: top, lines: item.lines))
        line = top + item.lines
        tallest = max(tallest, line)
        i += 1
    }
    return FlowResult(placements: placements, height: tallest, oversetFrom: nil, oversetLines: 0)
}

/// The lowest column height at which everything fits in `columns` columns (balanced), or the
/// fill at `maxHeight` when nothing shorter holds it all.
func balance(_ items: [FlowItem], columns: Int, maxHeight: Int) -> FlowResult {
    let total = items.reduce(0) { $0 + $1.lines + 1 }
    guard columns > 0, maxHeight > 0 else {
        return FlowResult(placements: [], height: 0, oversetFrom: items.isEmpty ? nil : 0,
                          oversetLines: items.reduce(0) { $0 + $1.lines })
    }
    let full = fill(items, columns: columns, height: maxHeight)
    if full.oversetFrom != nil { return full }
    var lo = max(1, items.reduce(0) { $0 + $1.lines } / columns), hi = min(maxHeight, total)
    while lo < hi {
        let mid = (lo + hi) / 2
        if fill(items, columns: columns, height: mid).oversetFrom == nil { hi = mid } else { lo = mid + 1 }
    }
    return fill(items, columns: columns, height: lo)
}

/// The balanced height of a body in `columns` columns, without a limit.
func naturalHeight(_ items: [FlowItem], columns: Int) -> Int {
    guard !items.isEmpty else { return 0 }
    let total = items.reduce(0) { $0 + $1.lines + 1 }
    return balance(items, columns: columns, maxHeight: total).height
}

/// A memo from packed non-negative integer keys to values: open addressing with linear
/// probing and Fibonacci hashing of the key.
///
/// The page search looks regions up hundreds of thousands of times a page; Swift's
/// `Dictionary<Int, _>` hashes every key with SipHash, and hashing and probing were about
/// 12 % of the search (perf, 11-page bench edition). The keys are bit-packed rectangles and
/// story runs, already spread over their bits, so one multiplication mixes them well enough.
struct SearchTable<Value> {
    private var keys: [Int]
    private var values: [Value]
    private var shift: Int
    private(set) var count = 0

    /// `capacity`: the entries expected (the table grows past it, at 50 % load).
    init(capacity: Int, placeholder: Value) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: -1, count: size)
        values = Array(repeating: placeholder, count: size)
        shift = 64 - size.trailingZeroBitCount
    }

    private func slot(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    subscript(key: Int) -> Value? {
        get {
            precondition(key >= 0, "search keys are non-negative")
            let mask = keys.count - 1
            var i = slot(key)
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k < 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { preconditionFailure("entries are never removed") }
            insert(key, newValue)
        }
    }

    private mutating func insert(_ key: Int, _ value: Value) {
        precondition(key >= 0, "search keys are non-negative")
        let mask = keys.count - 1
        var i = slot(key)
        while keys[i] >= 0 && keys[i] != key { i = (i + 1) & mask }
        if keys[i] < 0 {
            count += 1
            if count * 2 > keys.count {
                grow()
                insert(key, value)
                return
            }
            keys[i] = key
        }
        values[i] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: -1, count: oldKeys.count * 2)
        values = Array(repeating: oldValues[0], count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k >= 0 { insert(k, v) }
    }
}

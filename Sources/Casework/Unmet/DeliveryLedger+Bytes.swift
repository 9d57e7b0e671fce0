// The ledger as compact bytes, so a store can keep it beside a provision's records and read a county's at once.

extension DeliveryLedger {
    /// Version 1: a version byte, the entry count (UInt32), then per entry the period and count (Int32 each, the
    /// count's top bit set for a full run), delivered and planned (Float64), and the causes with cancelled units (a
    /// count byte, then a cause byte and a Float64 each). Little-endian throughout.
    public var bytes: [UInt8] {
        var out: [UInt8] = [1]
        out.reserveCapacity(5 + entries.count * 26)
        append(UInt32(entries.count), to: &out)
        for entry in entries {
            append(UInt32(bitPattern: Int32(entry.period)), to: &out)
            append(UInt32(entry.count) | (entry.isFull ? 0x8000_0000 : 0), to: &out)
            append(entry.delivered.bitPattern, to: &out)
            append(entry.planned.bitPattern, to: &out)
            let causes = ShortfallCause.allCases.enumerated().filter { entry.cancelled[$0.element] > 0 }
            out.append(UInt8(causes.count))
            for (index, cause) in causes {
                out.append(UInt8(index))
                append(entry.cancelled[cause].bitPattern, to: &out)
            }
        }
        return out
    }

    /// Reads `bytes`; nil when they are not a ledger this version wrote (a store then builds it again from the records).
    public init?(bytes: some Collection<UInt8>) {
        var reader = ByteReader(bytes: Array(bytes))
        guard reader.byte() == 1, let count = reader.uint32(), count <= 1_000_000 else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let period = reader.uint32(), let packed = reader.uint32(), let delivered = reader.uint64(), let planned = reader.uint64(),
                  let causes = reader.byte() else { return nil }
            var cancelled = MissedUnits()
            for _ in 0..<causes {
                guard let index = reader.byte(), Int(index) < ShortfallCause.allCases.count, let units = reader.uint64() else { return nil }
                cancelled[ShortfallCause.allCases[Int(index)]] = Double(bitPattern: units)
            }
            entries.append(Entry(
                period: Int(Int32(bitPattern: period)), count: Int(packed & 0x7FFF_FFFF), isFull: packed & 0x8000_0000 != 0,
                delivered: Double(bitPattern: delivered), planned: Double(bitPattern: planned), cancelled: cancelled))
        }
        guard reader.atEnd else { return nil }
        self.init(entries: entries)
    }

    private func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }
}

/// Reads little-endian values from bytes, nil past the end.
private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position == bytes.count }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func uint32() -> UInt32? { integer(UInt32.self) }
    mutating func uint64() -> UInt64? { integer(UInt64.self) }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard position + size <= bytes.count else { return nil }
        var value: T = 0
        for offset in 0..<size { value |= T(bytes[position + offset]) << (8 * offset) }
        position += size
        return value
    }
}

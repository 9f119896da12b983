import Testing

@testable import SignpostEngine

@Suite struct SpareRoomTests {
  @Test func spareRoomIsTheReservedRoomPastTheElements() {
    var values: [Int64] = []
    values.reserveCapacity(100_000)
    values.append(contentsOf: 0..<1_000)
    let room = values.spareRoom
    values.withUnsafeBufferPointer { elements in
      #expect(room.baseAddress == UnsafeRawPointer(elements.baseAddress! + 1_000))
    }
    #expect(room.count == (values.capacity - 1_000) * MemoryLayout<Int64>.stride)
    #expect([UInt8]().spareRoom.count == 0)
  }

  @Test func populatingTheRoomChangesNoValueAndLeavesTheRoomToFill() {
    var values: [Int64] = []
    values.reserveCapacity(1 << 20)
    values.append(contentsOf: (0..<5_000).map { $0 * 7 })
    let capacity = values.capacity
    let populated = SpareRoom.populate([values.spareRoom])
    #if os(Linux)
      // Every whole page past the first 5,000 values: less than a page short at each end.
      let room = values.spareRoom.count
      #expect(populated <= room && populated > room - 2 * MappedFile.pageSize)
    #endif
    #expect(values == (0..<5_000).map { $0 * 7 })
    values.append(contentsOf: (5_000..<(1 << 20)).map { $0 * 7 })
    #expect(values.capacity == capacity)
    #expect(values == (0..<Int64(1 << 20)).map { $0 * 7 })
  }

  @Test func rangesWithNoWholePageAreLeft() {
    let bytes = UnsafeMutableRawBufferPointer.allocate(
      byteCount: 3 * MappedFile.pageSize, alignment: MappedFile.pageSize)
    defer { bytes.deallocate() }
    let base = UnsafeRawPointer(bytes.baseAddress!)
    #expect(
      SpareRoom.populate([UnsafeRawBufferPointer(start: base + 1, count: MappedFile.pageSize)]) == 0
    )
    #expect(SpareRoom.populate([UnsafeRawBufferPointer(start: nil, count: 0)]) == 0)
    #if os(Linux)
      #expect(
        SpareRoom.populate([
          UnsafeRawBufferPointer(start: base + 1, count: 3 * MappedFile.pageSize - 1)
        ]) == 8192)
    #endif
  }

  @Test func aRangeIsFaultedInPiecesThatCoverItExactly() {
    let page = MappedFile.pageSize
    let start = 1_000 * page
    for count in [page, SpareRoom.piece, SpareRoom.piece + page, 5 * SpareRoom.piece - 3 * page] {
      let pieces = SpareRoom.pieces(start..<start + count)
      #expect(pieces.first?.lowerBound == start)
      #expect(pieces.last?.upperBound == start + count)
      #expect(pieces.allSatisfy { !$0.isEmpty && $0.count <= SpareRoom.piece })
      #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
      #expect(pieces.count == (count + SpareRoom.piece - 1) / SpareRoom.piece)
    }
    #expect(SpareRoom.pieces(start..<start).isEmpty)
  }
}

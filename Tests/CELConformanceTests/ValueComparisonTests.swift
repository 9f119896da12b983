import CELConformance
import SignpostCEL
import Testing

@Suite("Matching results against expected values")
struct ValueComparisonTests {
  private func map(_ entries: [(CELValue, CELValue)]) throws -> CELValue {
    .map(try CELMap.make(entries).get())
  }

  @Test func scalarsMatchExactly() {
    #expect(ValueComparison.matches(.int(1), .int(1)))
    #expect(!ValueComparison.matches(.int(1), .uint(1)))
    #expect(!ValueComparison.matches(.int(1), .double(1)))
    #expect(!ValueComparison.matches(.string("a"), .string("A")))
    #expect(!ValueComparison.matches(.string("\u{E9}"), .string("e\u{301}")))
    #expect(!ValueComparison.matches(.bytes([1]), .bytes([1, 0])))
    #expect(!ValueComparison.matches(.null, .bool(false)))
  }

  @Test func doubles() {
    #expect(ValueComparison.matches(.double(.nan), .double(.nan)))
    #expect(ValueComparison.matches(.double(-0.0), .double(0.0)))
    #expect(!ValueComparison.matches(.double(.nan), .double(1)))
    #expect(ValueComparison.matches(.double(-.infinity), .double(-.infinity)))
  }

  @Test func listsElementwise() {
    #expect(ValueComparison.matches(.list([.int(1), .list([])]), .list([.int(1), .list([])])))
    #expect(!ValueComparison.matches(.list([.int(1), .int(2)]), .list([.int(2), .int(1)])))
    #expect(!ValueComparison.matches(.list([.int(1)]), .list([.int(1), .int(1)])))
  }

  @Test func mapsIgnoreOrder() throws {
    let a = try map([(.string("k"), .string("v")), (.string("k1"), .string("v1"))])
    let b = try map([(.string("k1"), .string("v1")), (.string("k"), .string("v"))])
    #expect(ValueComparison.matches(a, b))
    #expect(!ValueComparison.matches(a, try map([(.string("k"), .string("v"))])))
    #expect(
      !ValueComparison.matches(
        a, try map([(.string("k"), .string("v")), (.string("k1"), .string("x"))])))
    #expect(ValueComparison.matches(try map([(.uint(1), .null)]), try map([(.int(1), .null)])))
  }

  @Test func typesByRuntimeName() {
    #expect(ValueComparison.matches(.type(.list(.int)), .type(.list(.dyn))))
    #expect(ValueComparison.matches(.type(.type(.int)), .type(.type(.dyn))))
    #expect(!ValueComparison.matches(.type(.int), .type(.uint)))
  }

  @Test func errorsMatchNoValue() {
    #expect(!ValueComparison.matches(.error(CELError("x")), .null))
    #expect(!ValueComparison.matches(.unknown(CELUnknown(["x"])), .null))
  }
}

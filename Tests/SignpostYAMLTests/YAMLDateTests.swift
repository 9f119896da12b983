import SignpostYAML
import Testing

@Suite struct YAMLDateTests {
  @Test func parsesAndPrints() {
    #expect(YAMLDate("2024-03-05") == YAMLDate(year: 2024, month: 3, day: 5))
    #expect(YAMLDate("0001-01-01")?.description == "0001-01-01")
    for text in ["2024-3-5", "2024/03/05", "2024-03-05T00:00", " 2024-03-05", "2024-02-30", ""] {
      #expect(YAMLDate(text) == nil, "\(text)")
    }
  }

  @Test func validatesTheCalendar() {
    #expect(YAMLDate(year: 2000, month: 2, day: 29) != nil)
    #expect(YAMLDate(year: 1900, month: 2, day: 29) == nil)
    #expect(YAMLDate(year: 2024, month: 4, day: 31) == nil)
    #expect(YAMLDate(year: 2024, month: 0, day: 1) == nil)
    #expect(YAMLDate(year: 10_000, month: 1, day: 1) == nil)
  }

  @Test func countsDaysFromTheEpoch() {
    #expect(YAMLDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
    #expect(YAMLDate(year: 1969, month: 12, day: 31)?.daysSinceEpoch == -1)
    #expect(YAMLDate(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11_017)
    #expect(YAMLDate(year: 2024, month: 1, day: 1)?.daysSinceEpoch == 19_723)
  }

  @Test func ordersByDate() throws {
    let a = try #require(YAMLDate("2023-12-31"))
    let b = try #require(YAMLDate("2024-01-01"))
    #expect(a < b)
    #expect(b.daysSinceEpoch - a.daysSinceEpoch == 1)
  }
}

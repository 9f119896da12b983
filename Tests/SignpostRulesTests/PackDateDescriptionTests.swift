import SignpostSource
import Testing

@testable import SignpostRules

/// `PackDate.description` writes years 0 to 9999 digit by digit; every date it writes so is
/// the general padding's (`padded(year:month:day:)`), and the years around that range
/// (negative, 10000 and more) take the general path.
@Test func dateDescriptionsAreThePaddedDates() {
  func days(_ year: Int64) -> Int64 { CivilCalendar.days(year: year, month: 1, day: 1) }
  // Every day of the years at the ends and of a few in between, and days spread over all.
  var tested: [Int64] = []
  for years in [-3...2, 9...10, 99...100, 999...1000, 1969...1970, 2024...2025, 9998...10001] {
    tested += Array(days(Int64(years.lowerBound))..<days(Int64(years.upperBound) + 1))
  }
  tested += stride(from: days(-500), to: days(12_000), by: 97)
  tested += [0, -1, -800_000, 4_000_000]
  var fast = 0
  for day in tested {
    let date = PackDate(daysSinceEpoch: day)
    let (y, m, d) = date.components
    #expect(date.description == PackDate.padded(year: y, month: m, day: d), "\(day)")
    if (0...9999).contains(y) { fast += 1 }
  }
  #expect(fast > 10_000 && fast < tested.count)
  #expect(PackDate(year: 2025, month: 4, day: 1)?.description == "2025-04-01")
  #expect(PackDate(year: 1, month: 12, day: 31)?.description == "0001-12-31")
  #expect(PackDate(daysSinceEpoch: days(0)).description == "0000-01-01")
  #expect(PackDate(daysSinceEpoch: days(-5)).description == "00-5-01-01")
  #expect(PackDate(daysSinceEpoch: days(12345)).description == "12345-01-01")
}

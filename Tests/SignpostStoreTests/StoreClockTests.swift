import Foundation
import Testing

@testable import SignpostStore

@Suite struct StoreClockTests {
  /// The timestamp written from whole seconds is Foundation's ISO 8601 text: at the epoch,
  /// around it (a fraction before it belongs to the second before), at a leap day's last
  /// second, at the ends of the years written by hand (1600 to 9999) and just past them,
  /// and at the Gregorian calendar's first day and the Julian day before it (Foundation's).
  @Test(arguments: [
    0, -0.5, 0.999_9, 1.999_9, -1, -86_400.25, 1_743_472_800, 1_709_251_199.5,
    -11_676_096_000, -11_676_096_000.5, 253_402_300_799, 253_402_300_799.9, 253_402_300_800,
    -12_219_292_800, -12_219_292_800.5, -30_610_224_000, -62_135_596_800,
  ])
  func edgeTimestampsAreFoundations(_ seconds: Double) {
    let date = Date(timeIntervalSince1970: seconds)
    #expect(StoreClock.timestamp(date) == StoreClock.foundationTimestamp(date))
  }

  /// The same on 20,000 dates with fractional seconds from the year 900 to 10100.
  @Test func randomTimestampsAreFoundations() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      let seconds = Double.random(in: -33_765_897_600...256_558_060_800, using: &generator)
      let date = Date(timeIntervalSince1970: seconds)
      #expect(StoreClock.timestamp(date) == StoreClock.foundationTimestamp(date))
    }
  }
}

import SignpostRules
import Testing

@testable import SignpostServer

/// The score route's dates read from bytes are `PackDate(iso:)`'s for every well-formed
/// date, and nothing for what is not a real `YYYY-MM-DD` date.
@Test func datesReadFromBytesAreTheISODates() {
  for text in ["2025-04-01", "2010-09-14", "2024-02-29", "0001-01-01", "9999-12-31"] {
    #expect(PackDate(isoBytes: text) == PackDate(iso: text), "\(text)")
    #expect(PackDate(isoBytes: text) != nil, "\(text)")
  }
  for text in [
    "", "2025-4-01", "2025-04-1", "2025/04/01", "2025-13-01", "2025-02-30", "2023-02-29",
    "0000-01-01", "2025-04-01 ", "20250401xx", "2025-0a-01", "+025-04-01", "2025-04-01T00",
  ] {
    #expect(PackDate(isoBytes: text) == nil, "\(text)")
  }
}

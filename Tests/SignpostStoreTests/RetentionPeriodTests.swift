import SignpostStore
import Testing

@Test func retentionPeriodsParse() {
  #expect(RetentionPeriod("90d")?.days == 90)
  #expect(RetentionPeriod("13w")?.days == 91)
  #expect(RetentionPeriod("30")?.days == 30)
  #expect(RetentionPeriod("0d") == nil)
  #expect(RetentionPeriod("90m") == nil)
  #expect(RetentionPeriod("-5d") == nil)
  #expect(RetentionPeriod("") == nil)
}

/// A household: its members are consecutive persons, young people first.
struct SynthHousehold: Sendable {
  var firstPerson: Int32
  var count: Int32
  var ward: Int16
  /// Relative material deprivation (ward plus household), which drives free school meals.
  var deprivation: Float
  /// Household adversity, shared by the children in it.
  var risk: Float
  /// Eligible for free school meals (applies to its pupils).
  var fsm = false

  var members: Range<Int> { Int(firstPerson)..<Int(firstPerson + count) }
}

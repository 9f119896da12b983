/// One value of a row before it is written in a source's format.
enum Cell: Sendable {
  case empty
  case text(String)
  case int(Int)
  /// Written with one decimal.
  case double(Double)
  /// Written with four decimals: a figure a rule compares unrounded (attendance).
  case precise(Double)
  case bool(Bool)
  /// Days since 1970-01-01.
  case date(Int32)
  /// A day and a minute of it, for sources that write date-times.
  case dateTime(Int32, minute: Int16)
  /// A person, by index; written as their id.
  case person(Int32)
}

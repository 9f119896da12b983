/// The one meaning of `&&` and `||`, which the planner and the fast engine both call:
/// commutative, with `false` (for `&&`) or `true` (for `||`) on either side absorbing an
/// error or unknown on the other.
public enum CELLogic {
  /// Whether one side's value decides the operation alone (`nil`: the side has no bool).
  @inlinable
  public static func decides(isAnd: Bool, _ side: Bool?) -> Bool {
    side.map { $0 != isAnd } ?? false
  }

  /// The value of `l && r` (`isAnd`) or `l || r` from its sides' bools, `nil` for a side
  /// without one (unknown, an error, another type). `nil` when no side decides and not both
  /// are bools: the result is then the sides' unknown or error.
  @inlinable
  public static func absorb(isAnd: Bool, _ l: Bool?, _ r: Bool?) -> Bool? {
    if decides(isAnd: isAnd, l) { return l }
    if decides(isAnd: isAnd, r) { return r }
    if l != nil, r != nil { return isAnd }
    return nil
  }
}

/// The function names the parser gives CEL's operators, as cel-go's `common/operators` spells
/// them: the parser writes them, the checker, the planner and the fast engine match on them.
public enum CELOperators {
  /// `c ? a : b`
  public static let conditional = "_?_:_"
  /// `a && b`
  public static let logicalAnd = "_&&_"
  /// `a || b`
  public static let logicalOr = "_||_"
  /// `!a`
  public static let logicalNot = "!_"
  /// `a == b`
  public static let equals = "_==_"
  /// `a != b`
  public static let notEquals = "_!=_"
  /// `a < b`
  public static let less = "_<_"
  /// `a <= b`
  public static let lessEquals = "_<=_"
  /// `a > b`
  public static let greater = "_>_"
  /// `a >= b`
  public static let greaterEquals = "_>=_"
  /// `a + b`
  public static let add = "_+_"
  /// `a - b`
  public static let subtract = "_-_"
  /// `a * b`
  public static let multiply = "_*_"
  /// `a / b`
  public static let divide = "_/_"
  /// `a % b`
  public static let modulo = "_%_"
  /// `-a`
  public static let negate = "-_"
  /// `a[b]`
  public static let index = "_[_]"
  /// `a in b`
  public static let `in` = "@in"
  /// The step of `all` and `exists` macros: false only when its operand is false, so that an
  /// error or unknown does not end the loop early.
  public static let notStrictlyFalse = "@not_strictly_false"
}

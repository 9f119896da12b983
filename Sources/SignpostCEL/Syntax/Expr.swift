/// A node of a parsed CEL expression. Every node has an id; the checker and planner keep
/// their results in side tables keyed by it, and the parser keeps each node's source offset.
public struct Expr: Sendable {
  public let id: Int
  public var kind: ExprKind

  public init(id: Int, kind: ExprKind) {
    self.id = id
    self.kind = kind
  }
}

/// The shape of an expression node.
public indirect enum ExprKind: Sendable {
  /// A literal: null, bool, int, uint, double, string or bytes.
  case constant(CELValue)
  /// A name, possibly qualified (`a.b.c` is kept as selects until the checker resolves it).
  case identifier(String)
  /// `operand.field`; with `testOnly`, the `has(operand.field)` test.
  case select(operand: Expr, field: String, testOnly: Bool)
  /// A function call, global (`size(x)`) or receiver-style (`x.size()`); operators are calls
  /// named `_+_`, `_&&_`, `!_`, `_[_]`, `_?_:_` and so on.
  case call(target: Expr?, function: String, args: [Expr])
  case list([Expr])
  case map([MapEntry])
  /// The expansion of a macro such as `all` or `map`.
  case comprehension(Comprehension)
}

/// One `key: value` entry of a map literal.
public struct MapEntry: Sendable {
  public let id: Int
  public var key: Expr
  public var value: Expr
}

/// A fold over a list or map, as CEL's macros expand to.
public struct Comprehension: Sendable {
  /// The element; in a two-variable comprehension, the index (of a list) or key (of a map).
  public var iterVar: String
  /// The second variable of a two-variable comprehension (`all(k, v, …)`): the element of a
  /// list or the value of a map; `nil` for the one-variable macros.
  public var iterVar2: String?
  public var iterRange: Expr
  public var accuVar: String
  public var accuInit: Expr
  public var loopCondition: Expr
  public var loopStep: Expr
  public var result: Expr
  /// The macro this came from (`all`, `exists`, `map`, ...), for messages and explanations.
  public var macro: String
}

/// A parsed expression: the tree and where each node stands in the source text.
public struct ParsedExpression: Sendable {
  public var root: Expr
  /// Offset in Unicode scalars of each node, by id.
  public var offsets: [Int: Int]
  /// The source text.
  public var text: String
  /// The next free node id (the checker and library expansions may allocate more).
  public var nextID: Int
}

extension Expr {
  /// The dotted name this expression spells (`a.b.c`), if it is only identifiers and selects.
  public var qualifiedName: String? {
    switch kind {
    case .identifier(let name): return name
    case .select(let operand, let field, false):
      return operand.qualifiedName.map { "\($0).\(field)" }
    default: return nil
    }
  }

  /// Calls `body` on this node and every node below it, parents first.
  public func walk(_ body: (Expr) -> Void) {
    body(self)
    switch kind {
    case .constant, .identifier: break
    case .select(let operand, _, _): operand.walk(body)
    case .call(let target, _, let args):
      target?.walk(body)
      for arg in args { arg.walk(body) }
    case .list(let elements): for e in elements { e.walk(body) }
    case .map(let entries):
      for entry in entries {
        entry.key.walk(body)
        entry.value.walk(body)
      }
    case .comprehension(let c):
      c.iterRange.walk(body)
      c.accuInit.walk(body)
      c.loopCondition.walk(body)
      c.loopStep.walk(body)
      c.result.walk(body)
    }
  }
}

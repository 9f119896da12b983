import SignpostCEL
import SignpostSource

/// An upper estimate, made at compile time, of the steps one evaluation of an expression can
/// take for one person, as cel-go's and Kubernetes' cost estimators do: every node is a step,
/// and a comprehension repeats its body once per element of its range. A list literal has its
/// own length; a list read from data (a person's events, linked persons) is assumed to hold
/// at most ``listBound`` elements. An expression over ``limit`` steps, or building values of
/// more than ``elementLimit`` elements in all (nested `map`s), is an error.
public struct CostEstimator {
  /// The elements assumed of a list whose length is not known until run time.
  public static let listBound: Int64 = 1_000
  /// The most steps an expression may be estimated to take per person: a hundred steps of a
  /// comprehension over events inside a comprehension over linked persons (100 × 1,000²).
  public static let limit: Int64 = 100_000_000
  /// The most elements, nested ones included, a value built by an expression may hold: a
  /// thousand lists of a thousand.
  public static let elementLimit: Int64 = 1_000_000

  /// An estimate: the steps, and for a list or map the most elements it can hold, at its top
  /// level and in all (nested lists' elements included).
  public struct Estimate: Sendable {
    public var cost: Int64
    public var size: Int64?
    public var elements: Int64 = 1
  }

  private let types: [Int: CELType]
  /// The outermost comprehension whose estimate is over the limit, if any.
  private(set) var overLimit: Blame?

  /// The comprehension to blame for an expression over a limit, with its estimates.
  public struct Blame: Sendable {
    public var id: Int
    public var cost: Int64
    public var elements: Int64
  }

  /// Estimates a checked program; `overLimit` names the node to blame when it is too costly.
  public static func estimate(_ program: CELProgram) -> (cost: Int64, overLimit: Blame?) {
    var estimator = CostEstimator(types: program.nodeTypes)
    let estimate = estimator.estimate(program.expression.root)
    return (estimate.cost, estimator.overLimit)
  }

  private init(types: [Int: CELType]) {
    self.types = types
  }

  private func unknownSize(_ expr: Expr) -> Int64? {
    switch types[expr.id] {
    case .list, .map: Self.listBound
    default: nil
    }
  }

  private mutating func estimate(_ expr: Expr) -> Estimate {
    switch expr.kind {
    case .constant, .identifier:
      return Estimate(cost: 1, size: unknownSize(expr))
    case .select(let operand, _, _):
      return Estimate(cost: Self.add(1, estimate(operand).cost), size: unknownSize(expr))
    case .call(let target, let function, let args):
      // The operands (the target first), summed as they are estimated; the first three
      // are kept for the operators whose size follows theirs.
      let operandCount = args.count + (target == nil ? 0 : 1)
      var cost: Int64 = 1
      var kept = (Estimate(cost: 0), Estimate(cost: 0), Estimate(cost: 0))
      for i in 0..<operandCount {
        let operand = target.map { i == 0 ? $0 : args[i - 1] } ?? args[i]
        let operandEstimate = estimate(operand)
        cost = Self.add(cost, operandEstimate.cost)
        switch i {
        case 0: kept.0 = operandEstimate
        case 1: kept.1 = operandEstimate
        case 2: kept.2 = operandEstimate
        default: break
        }
      }
      switch function {
      case CELOperators.add where operandCount == 2:
        let (a, b) = (kept.0, kept.1)
        return Estimate(
          cost: cost, size: a.size.flatMap { x in b.size.map { Self.add(x, $0) } },
          elements: Self.add(a.elements, b.elements))
      case CELOperators.conditional where operandCount == 3:
        return Estimate(
          cost: cost, size: unknownSize(expr), elements: max(kept.1.elements, kept.2.elements))
      default:
        return Estimate(cost: cost, size: unknownSize(expr))
      }
    case .list(let items):
      var cost: Int64 = 1
      var elements: Int64 = 0
      for item in items {
        let itemEstimate = estimate(item)
        cost = Self.add(cost, itemEstimate.cost)
        elements = Self.add(elements, itemEstimate.elements)
      }
      return Estimate(cost: cost, size: Int64(items.count), elements: elements)
    case .map(let entries):
      let cost = entries.reduce(1) {
        Self.add($0, Self.add(estimate($1.key).cost, estimate($1.value).cost))
      }
      return Estimate(cost: cost, size: Int64(entries.count))
    case .comprehension(let c):
      let range = estimate(c.iterRange)
      let count = range.size ?? Self.listBound
      let step = estimate(c.loopStep)
      let body = Self.add(estimate(c.loopCondition).cost, step.cost)
      let cost = Self.add(
        Self.add(Self.add(Self.multiply(count, body), range.cost), estimate(c.accuInit).cost),
        estimate(c.result).cost)
      // A `map` keeps each transformed value: the step's `accumulator + [value]` holds them.
      let builds = c.macro == "map" || c.macro == "filter"
      let elements = builds ? Self.multiply(count, max(1, step.elements)) : 1
      // The innermost comprehensions are visited first; the outermost one over a limit wins.
      if cost > Self.limit || elements > Self.elementLimit {
        overLimit = Blame(id: expr.id, cost: cost, elements: elements)
      }
      return Estimate(cost: cost, size: builds ? count : nil, elements: elements)
    }
  }

  private static func add(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
  }

  private static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? .max : product
  }
}

/// The estimated cost of one expression of a pack, for `validate --cost`.
public struct ExpressionCost: Sendable {
  /// What the expression is: `indicator x when`, `programme p eligibility c`.
  public var name: String
  public var cost: Int64
  /// The expression, whose position is worked out only when asked for (it retraces the
  /// YAML scalar, which a compile need not do for every expression).
  let expression: PackExpression
  public var file: SourceFile { expression.source.file }
  /// Where the expression starts in its file.
  public var location: SourceLocation { expression.location }
}

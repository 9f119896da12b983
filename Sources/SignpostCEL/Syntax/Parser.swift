/// Parses CEL text into an ``Expr`` tree, expanding macros when they are enabled.
struct Parser {
  private var tokens: [Token]
  private var index = 0
  private var nextID = 1
  private var offsets: [Int: Int] = [:]
  private let macros: Bool
  private var depth = 0
  private(set) var issues: [CELIssue] = []

  /// Nesting deeper than this is rejected rather than risking the stack.
  static let maxDepth = 200

  init(_ text: String, macros: Bool) {
    var lexer = Lexer(text)
    tokens = lexer.tokenize()
    // About a node per token, and a few more per macro expansion: room for all at once.
    offsets.reserveCapacity(2 * tokens.count)
    self.macros = macros
    issues = lexer.problems.map { CELIssue(.syntax, $0.message, at: $0.offset) }
  }

  /// Parses the whole text; returns `nil` and records issues on a syntax error.
  mutating func parse(text: String) -> ParsedExpression? {
    guard issues.isEmpty else { return nil }
    do throws(CELIssue) {
      let root = try expression()
      guard case .end = current.kind else {
        throw fail("unexpected \(describe(current)) after the end of the expression")
      }
      return ParsedExpression(root: root, offsets: offsets, text: text, nextID: nextID)
    } catch {
      issues.append(error)
      return nil
    }
  }

  // MARK: Tokens

  private var current: Token { tokens[index] }

  private mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  private func isPunctuation(_ p: String) -> Bool {
    if case .punctuation(let q) = current.kind { return p == q }
    return false
  }

  private mutating func accept(_ p: String) -> Bool {
    guard isPunctuation(p) else { return false }
    _ = advance()
    return true
  }

  private mutating func expect(_ p: String) throws(CELIssue) {
    guard accept(p) else { throw fail("expected '\(p)', found \(describe(current))") }
  }

  private func describe(_ token: Token) -> String {
    switch token.kind {
    case .identifier(let name), .quotedIdentifier(let name): "'\(name)'"
    case .keyword(let word), .reserved(let word): "'\(word)'"
    case .punctuation(let p): "'\(p)'"
    case .int, .uint, .double, .intMinMagnitude: "a number"
    case .string: "a string"
    case .bytes: "a bytes literal"
    case .end: "the end of the expression"
    }
  }

  private func fail(_ message: String, at offset: Int? = nil) -> CELIssue {
    CELIssue(.syntax, message, at: offset ?? current.offset)
  }

  private mutating func node(_ kind: ExprKind, at offset: Int) -> Expr {
    let id = nextID
    nextID += 1
    offsets[id] = offset
    return Expr(id: id, kind: kind)
  }

  private mutating func call(
    _ function: String, _ args: [Expr], target: Expr? = nil, at offset: Int
  ) -> Expr {
    node(.call(target: target, function: function, args: args), at: offset)
  }

  // MARK: Grammar

  private mutating func expression() throws(CELIssue) -> Expr {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else { throw fail("expression nests too deeply") }
    let condition = try conditionalOr()
    guard isPunctuation("?") else { return condition }
    let offset = advance().offset
    let then = try conditionalOr()
    try expect(":")
    let otherwise = try expression()
    return call(CELOperators.conditional, [condition, then, otherwise], at: offset)
  }

  private mutating func conditionalOr() throws(CELIssue) -> Expr {
    var operands = [try conditionalAnd()]
    var offsets: [Int] = []
    while isPunctuation("||") {
      offsets.append(advance().offset)
      operands.append(try conditionalAnd())
    }
    return balanced(CELOperators.logicalOr, operands, offsets)
  }

  private mutating func conditionalAnd() throws(CELIssue) -> Expr {
    var operands = [try relation()]
    var offsets: [Int] = []
    while isPunctuation("&&") {
      offsets.append(advance().offset)
      operands.append(try relation())
    }
    return balanced(CELOperators.logicalAnd, operands, offsets)
  }

  /// Builds a balanced tree of a chain of `&&` or `||`, as cel-go does, to keep depth low.
  private mutating func balanced(_ function: String, _ operands: [Expr], _ offsets: [Int])
    -> Expr
  {
    if operands.count == 1 { return operands[0] }
    let middle = operands.count / 2
    let left = balanced(function, Array(operands[..<middle]), Array(offsets[..<(middle - 1)]))
    let right = balanced(function, Array(operands[middle...]), Array(offsets[middle...]))
    return call(function, [left, right], at: offsets[middle - 1])
  }

  private static let relations: [String: String] = [
    "<": CELOperators.less, "<=": CELOperators.lessEquals, ">": CELOperators.greater,
    ">=": CELOperators.greaterEquals, "==": CELOperators.equals, "!=": CELOperators.notEquals,
  ]

  private mutating func relation() throws(CELIssue) -> Expr {
    var left = try addition()
    while true {
      let offset = current.offset
      if case .punctuation(let p) = current.kind, let function = Self.relations[p] {
        _ = advance()
        left = call(function, [left, try addition()], at: offset)
      } else if case .keyword("in") = current.kind {
        _ = advance()
        left = call(CELOperators.in, [left, try addition()], at: offset)
      } else {
        return left
      }
    }
  }

  private mutating func addition() throws(CELIssue) -> Expr {
    var left = try multiplication()
    while isPunctuation("+") || isPunctuation("-") {
      let token = advance()
      let function = token.kind == .punctuation("+") ? CELOperators.add : CELOperators.subtract
      left = call(function, [left, try multiplication()], at: token.offset)
    }
    return left
  }

  private mutating func multiplication() throws(CELIssue) -> Expr {
    var left = try unary()
    while isPunctuation("*") || isPunctuation("/") || isPunctuation("%") {
      let token = advance()
      let function: String
      switch token.kind {
      case .punctuation("*"): function = CELOperators.multiply
      case .punctuation("/"): function = CELOperators.divide
      default: function = CELOperators.modulo
      }
      left = call(function, [left, try unary()], at: token.offset)
    }
    return left
  }

  private mutating func unary() throws(CELIssue) -> Expr {
    if isPunctuation("!") {
      var offsets: [Int] = []
      while isPunctuation("!") { offsets.append(advance().offset) }
      var operand = try member()
      for offset in offsets.reversed() {
        operand = call(CELOperators.logicalNot, [operand], at: offset)
      }
      return operand
    }
    if isPunctuation("-") {
      var offsets: [Int] = []
      while isPunctuation("-") { offsets.append(advance().offset) }
      var operand: Expr
      // A minus directly before a number literal makes a negative literal, so that
      // -9223372036854775808 is representable.
      switch current.kind {
      case .int(let value) where !isMemberFollowing():
        _ = advance()
        operand = node(.constant(.int(0 &- value)), at: offsets.removeLast())
      case .intMinMagnitude where !isMemberFollowing():
        _ = advance()
        operand = node(.constant(.int(.min)), at: offsets.removeLast())
      case .double(let value) where !isMemberFollowing():
        _ = advance()
        operand = node(.constant(.double(-value)), at: offsets.removeLast())
      default:
        operand = try member()
      }
      for offset in offsets.reversed() {
        operand = call(CELOperators.negate, [operand], at: offset)
      }
      return operand
    }
    return try member()
  }

  /// Whether the token after the current one continues a member expression.
  private func isMemberFollowing() -> Bool {
    guard index + 1 < tokens.count else { return false }
    if case .punctuation(let p) = tokens[index + 1].kind { return p == "." || p == "[" }
    return false
  }

  private mutating func member() throws(CELIssue) -> Expr {
    var operand = try primary()
    while true {
      if isPunctuation(".") {
        let dot = advance()
        if case .quotedIdentifier(let name) = current.kind {
          _ = advance()
          operand = node(.select(operand: operand, field: name, testOnly: false), at: dot.offset)
          continue
        }
        // A selector may be a reserved word (`x.as`, `a.if()`), though not a keyword.
        let name: String
        switch current.kind {
        case .identifier(let word), .reserved(let word): name = word
        default: throw fail("expected a field name after '.', found \(describe(current))")
        }
        let nameToken = advance()
        if isPunctuation("(") {
          _ = advance()
          let args = try arguments(closing: ")")
          operand = try receiverCall(name, target: operand, args: args, at: nameToken.offset)
        } else if isPunctuation("{") {
          throw fail("message construction is not supported", at: nameToken.offset)
        } else {
          operand = node(
            .select(operand: operand, field: name, testOnly: false), at: dot.offset)
        }
      } else if isPunctuation("[") {
        let bracket = advance()
        let key = try expression()
        try expect("]")
        operand = call(CELOperators.index, [operand, key], at: bracket.offset)
      } else {
        return operand
      }
    }
  }

  private mutating func arguments(closing: String) throws(CELIssue) -> [Expr] {
    var args: [Expr] = []
    if accept(closing) { return args }
    repeat {
      if isPunctuation(closing) { break }  // trailing comma
      args.append(try expression())
    } while accept(",")
    try expect(closing)
    return args
  }

  private mutating func primary() throws(CELIssue) -> Expr {
    let token = current
    switch token.kind {
    case .int(let v):
      _ = advance()
      return node(.constant(.int(v)), at: token.offset)
    case .intMinMagnitude:
      throw fail("integer literal out of range")
    case .uint(let v):
      _ = advance()
      return node(.constant(.uint(v)), at: token.offset)
    case .double(let v):
      _ = advance()
      return node(.constant(.double(v)), at: token.offset)
    case .string(let s):
      _ = advance()
      return node(.constant(.string(s)), at: token.offset)
    case .bytes(let b):
      _ = advance()
      return node(.constant(.bytes(b)), at: token.offset)
    case .keyword("true"):
      _ = advance()
      return node(.constant(.bool(true)), at: token.offset)
    case .keyword("false"):
      _ = advance()
      return node(.constant(.bool(false)), at: token.offset)
    case .keyword("null"):
      _ = advance()
      return node(.constant(.null), at: token.offset)
    case .reserved(let word):
      throw fail("'\(word)' is a reserved word and cannot be used as a name")
    case .punctuation("("):
      _ = advance()
      let inner = try expression()
      try expect(")")
      return inner
    case .punctuation("["):
      _ = advance()
      let elements = try arguments(closing: "]")
      return node(.list(elements), at: token.offset)
    case .punctuation("{"):
      _ = advance()
      return try mapLiteral(at: token.offset)
    case .punctuation("."), .identifier:
      var rooted = false
      if isPunctuation(".") {
        _ = advance()
        rooted = true
      }
      guard case .identifier(let name) = current.kind else {
        throw fail("expected a name, found \(describe(current))")
      }
      let nameToken = advance()
      let spelled = rooted ? "." + name : name
      if isPunctuation("(") {
        _ = advance()
        let args = try arguments(closing: ")")
        return try globalCall(spelled, args: args, at: nameToken.offset)
      }
      if isPunctuation("{") {
        throw fail("message construction is not supported", at: nameToken.offset)
      }
      return node(.identifier(spelled), at: token.offset)
    default:
      throw fail("expected an expression, found \(describe(token))")
    }
  }

  private mutating func mapLiteral(at offset: Int) throws(CELIssue) -> Expr {
    var entries: [MapEntry] = []
    if !accept("}") {
      repeat {
        if isPunctuation("}") { break }
        let key = try expression()
        let colon = current.offset
        try expect(":")
        let value = try expression()
        let id = nextID
        nextID += 1
        offsets[id] = colon
        entries.append(MapEntry(id: id, key: key, value: value))
      } while accept(",")
      try expect("}")
    }
    return node(.map(entries), at: offset)
  }

  // MARK: Macros

  private mutating func globalCall(_ name: String, args: [Expr], at offset: Int)
    throws(CELIssue) -> Expr
  {
    if macros, name == "has", args.count == 1 {
      guard case .select(let operand, let field, false) = args[0].kind else {
        throw fail("invalid argument to has() macro: expected a field selection", at: offset)
      }
      return node(.select(operand: operand, field: field, testOnly: true), at: offset)
    }
    return call(name, args, at: offset)
  }

  private mutating func receiverCall(_ name: String, target: Expr, args: [Expr], at offset: Int)
    throws(CELIssue) -> Expr
  {
    guard macros else { return call(name, args, target: target, at: offset) }
    switch (name, args.count) {
    case ("all", 2), ("exists", 2), ("exists_one", 2), ("map", 2), ("map", 3), ("filter", 2):
      let variable = try iterationVariable(args[0], of: name, at: offset)
      return expandComprehension(name, variable, target, Array(args.dropFirst()), at: offset)
    case ("all", 3), ("exists", 3), ("existsOne", 3), ("exists_one", 3), ("transformList", 3),
      ("transformList", 4), ("transformMap", 3), ("transformMap", 4), ("transformMapEntry", 3),
      ("transformMapEntry", 4):
      let first = try iterationVariable(args[0], of: name, at: offset)
      let second = try iterationVariable(args[1], of: name, at: offset)
      guard first != second else {
        throw CELIssue(
          .invalid, "duplicate variable name: \(first)", at: offsets[args[1].id] ?? offset)
      }
      return expandTwoVariableComprehension(
        name, first, second, target, Array(args.dropFirst(2)), at: offset)
    default:
      return call(name, args, target: target, at: offset)
    }
  }

  /// The name a macro's variable argument spells.
  private func iterationVariable(_ arg: Expr, of macro: String, at offset: Int) throws(CELIssue)
    -> String
  {
    guard case .identifier(let variable) = arg.kind, !variable.hasPrefix(".") else {
      throw fail("the variables of \(macro)() must be simple names", at: offset)
    }
    return variable
  }

  /// The two-variable comprehensions of cel-go's `ext.TwoVarComprehensions()`: over a list the
  /// variables are the index and the element, over a map the key and the value.
  private mutating func expandTwoVariableComprehension(
    _ macro: String, _ first: String, _ second: String, _ range: Expr, _ args: [Expr],
    at offset: Int
  ) -> Expr {
    let result = { (p: inout Parser) in p.node(.identifier(Self.accumulator), at: offset) }
    var comprehension: Comprehension
    switch macro {
    case "all", "exists":
      // The same fold as the one-variable form, with the predicate as its last argument.
      let one = expandComprehension(macro, first, range, args, at: offset)
      guard case .comprehension(let expanded) = one.kind else { return one }
      comprehension = expanded
    case "existsOne", "exists_one":
      let one = expandComprehension("exists_one", first, range, args, at: offset)
      guard case .comprehension(let expanded) = one.kind else { return one }
      comprehension = expanded
    default:
      let transform = args[args.count - 1]
      let isMap = macro != "transformList"
      let initial = node(isMap ? .map([]) : .list([]), at: offset)
      var step: Expr
      switch macro {
      case "transformList":
        step = call(
          CELOperators.add, [result(&self), node(.list([transform]), at: offset)], at: offset)
      case "transformMap":
        let key = node(.identifier(first), at: offset)
        step = call("@mapInsert", [result(&self), key, transform], at: offset)
      default:
        step = call("@mapInsert", [result(&self), transform], at: offset)
      }
      if args.count == 2 {
        step = call(CELOperators.conditional, [args[0], step, result(&self)], at: offset)
      }
      comprehension = Comprehension(
        iterVar: first, iterRange: range, accuVar: Self.accumulator, accuInit: initial,
        loopCondition: node(.constant(.bool(true)), at: offset), loopStep: step,
        result: result(&self), macro: macro)
    }
    comprehension.iterVar2 = second
    comprehension.macro = macro
    return node(.comprehension(comprehension), at: offset)
  }

  /// The accumulator's name: not a valid identifier, so user code cannot capture it.
  static let accumulator = "@result"

  private mutating func expandComprehension(
    _ macro: String, _ variable: String, _ range: Expr, _ args: [Expr], at offset: Int
  ) -> Expr {
    let result = { (p: inout Parser) in p.node(.identifier(Self.accumulator), at: offset) }
    let initial: Expr
    let condition: Expr
    let step: Expr
    var final: Expr
    switch macro {
    case "all", "exists":
      let isAll = macro == "all"
      initial = node(.constant(.bool(isAll)), at: offset)
      let accu = result(&self)
      condition = call(
        CELOperators.notStrictlyFalse,
        [isAll ? accu : call(CELOperators.logicalNot, [accu], at: offset)], at: offset)
      step = call(
        isAll ? CELOperators.logicalAnd : CELOperators.logicalOr, [result(&self), args[0]],
        at: offset)
      final = result(&self)
    case "exists_one":
      initial = node(.constant(.int(0)), at: offset)
      condition = node(.constant(.bool(true)), at: offset)
      let increment = call(
        CELOperators.add, [result(&self), node(.constant(.int(1)), at: offset)], at: offset)
      step = call(CELOperators.conditional, [args[0], increment, result(&self)], at: offset)
      final = call(
        CELOperators.equals, [result(&self), node(.constant(.int(1)), at: offset)], at: offset)
    case "filter":
      initial = node(.list([]), at: offset)
      condition = node(.constant(.bool(true)), at: offset)
      let element = node(.list([node(.identifier(variable), at: offset)]), at: offset)
      let append = call(CELOperators.add, [result(&self), element], at: offset)
      step = call(CELOperators.conditional, [args[0], append, result(&self)], at: offset)
      final = result(&self)
    default:  // map, with an optional filter
      initial = node(.list([]), at: offset)
      condition = node(.constant(.bool(true)), at: offset)
      let transform = args.count == 2 ? args[1] : args[0]
      let append = call(
        CELOperators.add, [result(&self), node(.list([transform]), at: offset)], at: offset)
      step =
        args.count == 2
        ? call(CELOperators.conditional, [args[0], append, result(&self)], at: offset) : append
      final = result(&self)
    }
    let comprehension = Comprehension(
      iterVar: variable, iterRange: range, accuVar: Self.accumulator, accuInit: initial,
      loopCondition: condition, loopStep: step, result: final, macro: macro)
    return node(.comprehension(comprehension), at: offset)
  }
}

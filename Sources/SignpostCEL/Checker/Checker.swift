import SignpostSource

/// What a name in a checked expression refers to.
enum Reference: Sendable, Equatable {
  /// A declared variable, by its fully qualified name.
  case variable(String)
  /// A comprehension variable.
  case local(String)
  /// A type name used as a value (`int`, `list`).
  case type(CELType)
}

/// The checker's results: a type and, for names, a reference, for each node id; for calls,
/// the id of the overload that fits the operands' types when exactly one does.
struct CheckedExpression: Sendable {
  var parsed: ParsedExpression
  var types: [Int: CELType]
  var references: [Int: Reference]
  var overloads: [Int: String] = [:]

  var type: CELType { types[parsed.root.id] ?? .dyn }
}

/// Infers the type of every node and resolves every name, without changing the tree.
struct Checker {
  let environment: CELEnvironment
  private var types: [Int: CELType] = [:]
  private var references: [Int: Reference] = [:]
  private var overloads: [Int: String] = [:]
  private var scopes: [[String: CELType]] = []
  private(set) var issues: [CELIssue] = []
  private let offsets: [Int: Int]

  init(environment: CELEnvironment, offsets: [Int: Int]) {
    self.environment = environment
    self.offsets = offsets
  }

  static func check(_ parsed: ParsedExpression, in environment: CELEnvironment)
    -> (CheckedExpression, [CELIssue])
  {
    var checker = Checker(environment: environment, offsets: parsed.offsets)
    // Every node gets a type: room for all of them at once rather than growing as they come.
    checker.types.reserveCapacity(parsed.nextID)
    _ = checker.check(parsed.root)
    let checked = CheckedExpression(
      parsed: parsed, types: checker.types, references: checker.references,
      overloads: checker.overloads)
    return (checked, checker.issues)
  }

  private mutating func report(_ kind: CELIssue.Kind, _ message: String, _ expr: Expr) {
    issues.append(CELIssue(kind, message, at: offsets[expr.id] ?? 0))
  }

  @discardableResult
  private mutating func check(_ expr: Expr) -> CELType {
    let type = infer(expr)
    types[expr.id] = type
    return type
  }

  private mutating func infer(_ expr: Expr) -> CELType {
    switch expr.kind {
    case .constant(let value): return Self.constantType(value)
    case .identifier(let name): return resolveName(name, expr)
    case .select(let operand, let field, let testOnly):
      if !testOnly, let name = expr.qualifiedName, !isLocalRoot(name) {
        if let resolved = environment.resolve(name) {
          references[expr.id] = .variable(resolved)
          return environment.variables[resolved] ?? .dyn
        }
        if let type = CELEnvironment.typeName(name) {
          references[expr.id] = .type(type)
          return .type(type)
        }
      }
      let operandType = check(operand)
      let fieldType = selectField(field, of: operandType, expr)
      return testOnly ? .bool : fieldType
    case .call(let target, let function, let args):
      return checkCall(expr, target: target, function: function, args: args)
    case .list(let elements):
      let elementTypes = elements.map { check($0) }
      return .list(Self.join(elementTypes))
    case .map(let entries):
      var keys: [CELType] = []
      var values: [CELType] = []
      for entry in entries {
        let key = check(entry.key)
        if !Self.isValidKeyType(key) {
          report(
            .typeMismatch, "a map key must be bool, int, uint or string, not \(key)", entry.key)
        }
        keys.append(key)
        values.append(check(entry.value))
      }
      return .map(Self.join(keys), Self.join(values))
    case .comprehension(let c):
      return checkComprehension(c, expr)
    }
  }

  static func constantType(_ value: CELValue) -> CELType {
    switch value {
    case .null: .null
    case .bool: .bool
    case .int: .int
    case .uint: .uint
    case .double: .double
    case .string: .string
    case .bytes: .bytes
    default: .dyn
    }
  }

  private static func isValidKeyType(_ type: CELType) -> Bool {
    switch type {
    case .bool, .int, .uint, .string, .dyn, .error, .enumeration, .parameter: true
    default: false
    }
  }

  /// The common type of several, or `dyn` when they differ.
  static func join(_ types: [CELType]) -> CELType {
    var first: CELType?
    for type in types where type != .dyn && type != .error {
      if let first, first != type { return .dyn }
      first = type
    }
    return first ?? .dyn
  }

  /// Whether a qualified name starts with a comprehension variable (`x.f` inside `all(x, …)`);
  /// a leading dot (`.x.f`) always means the declared name.
  private func isLocalRoot(_ name: String) -> Bool {
    !name.hasPrefix(".") && localType(String(name.prefix { $0 != "." })) != nil
  }

  private func localType(_ name: String) -> CELType? {
    for scope in scopes.reversed() {
      if let type = scope[name] { return type }
    }
    return nil
  }

  private mutating func resolveName(_ name: String, _ expr: Expr) -> CELType {
    if !name.hasPrefix("."), let type = localType(name) {
      references[expr.id] = .local(name)
      return type
    }
    if let resolved = environment.resolve(name) {
      references[expr.id] = .variable(resolved)
      return environment.variables[resolved] ?? .dyn
    }
    if let type = CELEnvironment.typeName(name) {
      references[expr.id] = .type(type)
      return .type(type)
    }
    let candidates = Array(environment.variables.keys) + scopes.flatMap(\.keys)
    report(
      .undeclared,
      "undeclared reference to '\(name)'"
        + Suggestions.didYouMean(name, in: candidates.filter { !$0.hasPrefix("@") }), expr)
    return .error
  }

  private mutating func selectField(_ field: String, of type: CELType, _ expr: Expr) -> CELType {
    switch type {
    case .dyn, .error: return type
    case .map(let key, let value):
      if key != .string && key != .dyn {
        report(.typeMismatch, "cannot select field '\(field)' from a map with \(key) keys", expr)
      }
      return value
    case .object(let name):
      if let fieldType = environment.provider?.fieldType(of: name, field: field) {
        return fieldType
      }
      let names = environment.provider?.fieldNames(of: name) ?? []
      report(
        .unknownField,
        "\(name) has no field '\(field)'" + Suggestions.didYouMean(field, in: names), expr)
      return .error
    default:
      report(.typeMismatch, "cannot select field '\(field)' from a value of type \(type)", expr)
      return .error
    }
  }

  private mutating func checkComprehension(_ c: Comprehension, _ expr: Expr) -> CELType {
    let rangeType = check(c.iterRange)
    // One variable: the element or key. Two: index and element, or key and value.
    var variables: [String: CELType]
    switch rangeType {
    case .list(let element):
      variables = c.iterVar2.map { [c.iterVar: .int, $0: element] } ?? [c.iterVar: element]
    case .map(let key, let value):
      variables = [c.iterVar: key]
      if let second = c.iterVar2 { variables[second] = value }
    case .dyn, .error:
      variables = [c.iterVar: .dyn]
      if let second = c.iterVar2 { variables[second] = .dyn }
    default:
      report(
        .typeMismatch, "\(c.macro)() needs a list or a map, not a value of type \(rangeType)",
        c.iterRange)
      variables = [c.iterVar: .error]
      if let second = c.iterVar2 { variables[second] = .error }
    }
    var accuType = check(c.accuInit)
    scopes.append([c.accuVar: accuType])
    scopes.append(variables)
    check(c.loopCondition)
    var stepType = check(c.loopStep)
    if stepType != accuType, Self.isMoreSpecific(stepType, than: accuType) {
      // An empty list accumulator takes the element type the step gives it.
      accuType = stepType
      scopes[scopes.count - 2][c.accuVar] = accuType
      stepType = check(c.loopStep)
    }
    scopes.removeLast()
    let result = check(c.result)
    scopes.removeLast()
    return result
  }

  private static func isMoreSpecific(_ a: CELType, than b: CELType) -> Bool {
    switch (a, b) {
    case (.list(let x), .list(.dyn)): x != .dyn
    case (.map(let k, let v), .map(.dyn, .dyn)): k != .dyn || v != .dyn
    default: false
    }
  }

  // MARK: Calls

  private mutating func checkCall(_ expr: Expr, target: Expr?, function: String, args: [Expr])
    -> CELType
  {
    // A receiver call on a qualified name may be a namespaced global function (`a.b.f(x)`).
    if let target, let qualified = target.qualifiedName,
      environment.functions["\(qualified).\(function)"] != nil,
      environment.resolve(qualified) == nil
    {
      for arg in args { check(arg) }
      return resolveOverload("\(qualified).\(function)", receiver: nil, expr, args: args)
    }
    let receiverType = target.map { check($0) }
    for arg in args { check(arg) }
    let result = resolveOverload(function, receiver: receiverType, expr, args: args)
    switch function {
    case CELOperators.equals, CELOperators.notEquals, CELOperators.in:
      checkEnumLiterals(function, operands: target.map { [$0] + args } ?? args)
    default: break
    }
    if function == "format", let target, args.count == 1 { checkFormat(target, args[0]) }
    return result
  }

  /// Checks a constant format string against a list literal of arguments, as cel-go's
  /// format validator does: each clause needs an argument of a type it accepts, and every
  /// argument needs a clause.
  private mutating func checkFormat(_ target: Expr, _ argument: Expr) {
    guard case .constant(.string(let pattern)) = target.kind,
      case .list(let elements) = argument.kind
    else { return }
    let (pieces, parseError) = StringFormat.parse(pattern)
    if let parseError {
      report(.invalid, "error during formatting: \(parseError)", target)
      return
    }
    var used = 0
    for case .clause(let verb, _) in pieces {
      guard used < elements.count else {
        report(.invalid, "error during formatting: index \(used) out of range", argument)
        return
      }
      let element = elements[used]
      used += 1
      let type = types[element.id] ?? .dyn
      guard let accepted = StringFormat.acceptedTypes(verb) else { continue }
      var substitution: [String: CELType] = [:]
      let fits =
        [.dyn, .error].contains(type)
        || accepted.contains { Self.isAssignable(type, to: $0, &substitution) }
      if !fits {
        report(
          .invalid,
          "error during formatting: '%\(verb)' cannot format a value of type \(type)", element)
      }
    }
    if elements.count > used {
      report(
        .invalid,
        "too many arguments supplied to string.format (expected \(used), got \(elements.count))",
        argument)
    }
  }

  /// The result type of a call whose operands (`receiver`, then `args`) have been checked,
  /// recording the overload when exactly one fits.
  private mutating func resolveOverload(
    _ function: String, receiver: CELType?, _ expr: Expr, args: [Expr]
  ) -> CELType {
    let name = function.hasPrefix(".") ? String(function.dropFirst()) : function
    guard let declaration = environment.functions[name] else {
      report(
        .undeclared,
        "undeclared function '\(name)'"
          + Suggestions.didYouMean(
            name, in: environment.functions.keys.filter { !$0.contains("_") && !$0.hasPrefix("@") }),
        expr)
      return .error
    }
    let operandCount = args.count + (receiver == nil ? 0 : 1)
    /// The type of operand `i`: the receiver's, then the arguments' as just checked.
    func operandType(_ i: Int) -> CELType {
      if let receiver { return i == 0 ? receiver : types[args[i - 1].id] ?? .dyn }
      return types[args[i].id] ?? .dyn
    }
    for i in 0..<operandCount where operandType(i) == .error { return .error }
    // The results of the overloads that fit, joined as they are found (see `join`).
    var fits = 0
    var joined: CELType?
    var mixed = false
    var matched: String?
    for overload in declaration.overloads where overload.receiverStyle == (receiver != nil) {
      guard overload.parameters.count == operandCount else { continue }
      var substitution: [String: CELType] = [:]
      var assignable = true
      for (i, parameter) in overload.parameters.enumerated()
      where !Self.isAssignable(operandType(i), to: parameter, &substitution) {
        assignable = false
        break
      }
      guard assignable else { continue }
      let result = Self.substitute(overload.result, substitution)
      fits += 1
      matched = overload.id
      if result != .dyn, result != .error {
        if let joined, joined != result { mixed = true }
        if joined == nil { joined = result }
      }
    }
    if fits == 1 { overloads[expr.id] = matched }
    guard fits > 0 else {
      let shown = (0..<operandCount).map { operandType($0).description }.joined(separator: ", ")
      let display = Self.displayName(name)
      report(
        .noOverload,
        "no matching overload for \(display) applied to (\(shown))", expr)
      return .error
    }
    return mixed ? .dyn : joined ?? .dyn
  }

  private static func displayName(_ function: String) -> String {
    let operators = [
      CELOperators.add: "'+'", CELOperators.subtract: "'-'", CELOperators.multiply: "'*'",
      CELOperators.divide: "'/'", CELOperators.modulo: "'%'", CELOperators.negate: "unary '-'",
      CELOperators.logicalNot: "'!'", CELOperators.equals: "'=='", CELOperators.notEquals: "'!='",
      CELOperators.less: "'<'", CELOperators.lessEquals: "'<='", CELOperators.greater: "'>'",
      CELOperators.greaterEquals: "'>='", CELOperators.logicalAnd: "'&&'",
      CELOperators.logicalOr: "'||'", CELOperators.in: "'in'", CELOperators.index: "'[]'",
      CELOperators.conditional: "'?:'",
    ]
    return operators[function] ?? "'\(function)'"
  }

  /// Whether a value of type `actual` may be passed where `expected` is declared, binding
  /// type parameters in `substitution`. `dyn` matches anything; an enumeration is a string.
  static func isAssignable(
    _ actual: CELType, to expected: CELType, _ substitution: inout [String: CELType]
  ) -> Bool {
    switch (expected, actual) {
    case (.parameter(let name), _):
      if let bound = substitution[name] {
        if bound == .dyn {
          substitution[name] = actual
          return true
        }
        var nested = substitution
        if isAssignable(actual, to: bound, &nested) {
          return true
        }
        // `[1] + [2u]` style mismatches are errors; enum vs string are compatible.
        return false
      }
      substitution[name] = actual
      return true
    case (.dyn, _), (_, .dyn), (_, .error): return true
    case (.string, .enumeration), (.enumeration, .string): return true
    case (.enumeration(let a), .enumeration(let b)): return a == b
    case (.list(let e), .list(let a)): return isAssignable(a, to: e, &substitution)
    case (.map(let ek, let ev), .map(let ak, let av)):
      return isAssignable(ak, to: ek, &substitution) && isAssignable(av, to: ev, &substitution)
    case (.type, .type): return true
    default: return expected == actual
    }
  }

  static func substitute(_ type: CELType, _ substitution: [String: CELType]) -> CELType {
    switch type {
    case .parameter(let name): substitution[name] ?? .dyn
    case .list(let e): .list(substitute(e, substitution))
    case .map(let k, let v): .map(substitute(k, substitution), substitute(v, substitution))
    case .type(let t): .type(substitute(t, substitution))
    default: type
    }
  }

  /// Compares string literals against enumeration fields: `e.role == 'suspct'` is an error
  /// at compile time rather than a comparison that is silently always false.
  private mutating func checkEnumLiterals(_ function: String, operands: [Expr]) {
    guard operands.count == 2, let provider = environment.provider else { return }
    for (enumSide, literalSide) in [(operands[0], operands[1]), (operands[1], operands[0])] {
      var enumName: String?
      switch types[enumSide.id] {
      case .enumeration(let name): enumName = name
      case .list(.enumeration(let name))
      where function == CELOperators.in && enumSide.id == operands[1].id:
        enumName = name
      default: break
      }
      guard let enumName, let allowed = provider.enumValues(of: enumName) else { continue }
      var literals: [Expr] = []
      if case .constant(.string) = literalSide.kind { literals = [literalSide] }
      if function == CELOperators.in, enumSide.id == operands[0].id,
        case .list(let items) = literalSide.kind
      {
        literals = items
      }
      for literal in literals {
        guard case .constant(.string(let value)) = literal.kind, !allowed.contains(value) else {
          continue
        }
        report(
          .unknownEnumValue,
          "'\(value)' is not a value of \(enumName)"
            + Suggestions.didYouMean(value, in: allowed)
            + " (values: \(allowed.joined(separator: ", ")))", literal)
      }
    }
  }
}

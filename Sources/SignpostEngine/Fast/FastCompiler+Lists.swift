import SignpostCEL
import SignpostRules

extension FastCompiler {
  /// A list ready to materialise: its scratch slot assigned.
  mutating func prepared(_ list: FastList) -> FastList {
    list.scratch < 0 ? list.with(filter: list.filter, scratch: newSlot()) : list
  }

  /// Binds a comprehension variable to the elements of `list` while compiling `body`.
  private mutating func binding<R>(
    _ name: String, to list: FastList, slot: Int,
    _ body: (inout FastCompiler) throws(FastUnsupported) -> R
  ) throws(FastUnsupported) -> R {
    let local: Local
    switch list.source {
    case .events(let l, _): local = .event(list: l, slot: slot)
    case .links(let relation, _): local = .linked(slot: slot, relation: relation)
    }
    let saved = bind(name, local)
    defer { unbind(name, saved) }
    return try body(&self)
  }

  mutating func comprehension(_ c: Comprehension) throws(FastUnsupported) -> FastNode {
    // Two-variable comprehensions are the CEL runtime's, as generic nodes.
    guard c.iterVar2 == nil else {
      throw FastUnsupported(description: "two-variable \(c.macro)()")
    }
    guard case .list(let source) = compile(c.iterRange) else {
      throw FastUnsupported(description: "\(c.macro)() over something other than events or links")
    }
    let list = prepared(source)
    let slot = newSlot()
    switch c.macro {
    case "exists", "all":
      let isAll = c.macro == "all"
      guard case .call(_, _, let args) = c.loopStep.kind, args.count == 2 else {
        throw FastUnsupported(description: "\(c.macro)() shape")
      }
      let predicate = try binding(c.iterVar, to: list, slot: slot) {
        (me: inout FastCompiler) throws(FastUnsupported) in try me.bool(args[1])
      }
      return .bool { f in
        let status = Self.materialize(list, f)
        if status != 0 {
          f.flag = status
          return false
        }
        var abnormal: UInt8 = 0
        for element in f.elements(list.scratch) {
          f.locals[slot] = element
          f.flag = 0
          let value = predicate(f)
          if f.flag == 0 {
            if value != isAll {
              return value
            }
          } else {
            abnormal = max(abnormal, f.flag)
          }
        }
        f.flag = abnormal
        return isAll
      }
    case "exists_one":
      guard case .call(_, CELOperators.conditional, let args) = c.loopStep.kind, args.count == 3
      else {
        throw FastUnsupported(description: "exists_one() shape")
      }
      let predicate = try binding(c.iterVar, to: list, slot: slot) {
        (me: inout FastCompiler) throws(FastUnsupported) in try me.bool(args[0])
      }
      return .bool { f in
        let status = Self.materialize(list, f)
        if status != 0 {
          f.flag = status
          return false
        }
        var count = 0
        var last: UInt8 = 0
        for element in f.elements(list.scratch) {
          f.locals[slot] = element
          f.flag = 0
          let value = predicate(f)
          if f.flag != 0 { last = f.flag } else if value { count += 1 }
        }
        f.flag = last
        return count == 1
      }
    case "filter":
      guard source.filter == nil,
        case .call(_, CELOperators.conditional, let args) = c.loopStep.kind,
        args.count == 3
      else { throw FastUnsupported(description: "filter() shape") }
      let predicate = try binding(c.iterVar, to: list, slot: slot) {
        (me: inout FastCompiler) throws(FastUnsupported) in try me.bool(args[0])
      }
      return .list(source.with(filter: (slot, predicate), scratch: list.scratch))
    case "map":
      var filter: BoolFn?
      var append = c.loopStep
      if case .call(_, CELOperators.conditional, let args) = c.loopStep.kind, args.count == 3 {
        filter = try binding(c.iterVar, to: list, slot: slot) {
          (me: inout FastCompiler) throws(FastUnsupported) in try me.bool(args[0])
        }
        append = args[1]
      }
      guard case .call(_, CELOperators.add, let parts) = append.kind, parts.count == 2,
        case .list(let items) = parts[1].kind, items.count == 1
      else { throw FastUnsupported(description: "map() shape") }
      let transform = try binding(c.iterVar, to: list, slot: slot) {
        (me: inout FastCompiler) throws(FastUnsupported) in me.compile(items[0])
      }
      return .mapped(list, slot: slot, filter: filter, transform: transform)
    default:
      throw FastUnsupported(description: "macro \(c.macro)")
    }
  }

  /// Fills the list's scratch slot with its elements (event rows or linked persons), applying
  /// its filter as CEL's `filter` does: the status of the last predicate that had no value
  /// decides whether the list has one.
  static func materialize(_ list: FastList, _ f: FastFrame) -> UInt8 {
    let key = list.scratch
    guard let range = list.range(f) else {
      f.fill(key, count: 0) { $0 }
      return FastFrame.unknown
    }
    let start = range.lowerBound
    f.fill(key, count: range.count) { list.element(start + $0) }
    guard let (slot, predicate) = list.filter else { return 0 }
    var status: UInt8 = 0
    var kept = 0
    let elements = f.elements(key)
    for i in elements.indices {
      let element = elements[i]
      f.locals[slot] = element
      f.flag = 0
      let keep = predicate(f)
      if f.flag != 0 {
        status = f.flag
      } else if keep {
        elements[kept] = element
        kept += 1
      }
    }
    f.flag = 0
    f.truncate(key, to: kept)
    return status
  }

  /// Folds a `map` over its list, calling `visit` with each transformed value's frame; the
  /// returned status follows CEL's accumulation (`accumulator + [t]`).
  static func foldMapped(
    _ list: FastList, slot: Int, filter: BoolFn?, _ f: FastFrame,
    visit: (FastFrame) -> Void
  ) -> UInt8 {
    let status = materialize(list, f)
    if status != 0 { return status }
    var state: UInt8 = 0
    for element in f.elements(list.scratch) {
      f.locals[slot] = element
      if let filter {
        f.flag = 0
        let keep = filter(f)
        if f.flag != 0 {
          state = f.flag
          continue
        }
        if !keep { continue }
      }
      f.flag = 0
      visit(f)
      if f.flag != 0 { state = max(state, f.flag) }
    }
    f.flag = 0
    return state
  }

  /// The number of elements of a list, without keeping them: the filter's status as
  /// ``materialize(_:_:)`` gives it.
  static func count(_ list: FastList, _ f: FastFrame) -> (Int64, UInt8) {
    guard let range = list.range(f) else { return (0, FastFrame.unknown) }
    guard let (slot, predicate) = list.filter else { return (Int64(range.count), 0) }
    var status: UInt8 = 0
    var kept: Int64 = 0
    for position in range {
      f.locals[slot] = list.element(position)
      f.flag = 0
      let keep = predicate(f)
      if f.flag != 0 {
        status = f.flag
      } else if keep {
        kept += 1
      }
    }
    f.flag = 0
    return (kept, status)
  }

  mutating func size(_ node: FastNode) throws(FastUnsupported) -> FastNode {
    switch node {
    case .list(let list):
      return .int { f in
        let (count, status) = Self.count(list, f)
        if status != 0 { f.flag = status }
        return count
      }
    case .mapped(let list, let slot, let filter, let transform):
      let touch = Self.evaluator(transform)
      return .int { f in
        var count: Int64 = 0
        let status = Self.foldMapped(list, slot: slot, filter: filter, f) { frame in
          touch(frame)
          if frame.flag == 0 { count += 1 }
        }
        f.flag = status
        return count
      }
    default: throw FastUnsupported(description: "size() of this kind")
    }
  }

  /// A closure that evaluates a node for its status only.
  static func evaluator(_ node: FastNode) -> @Sendable (FastFrame) -> Void {
    switch node {
    case .bool(let fn): { _ = fn($0) }
    case .int(let fn), .time(let fn), .duration(let fn), .code(let fn, _): { _ = fn($0) }
    case .double(let fn): { _ = fn($0) }
    case .string(let fn): { _ = fn($0) }
    default: { _ in }
    }
  }

  mutating func extreme(isMax: Bool, _ node: FastNode) throws(FastUnsupported) -> FastNode {
    guard case .mapped(let list, let slot, let filter, let transform) = node else {
      throw FastUnsupported(description: "max()/min() of this kind")
    }
    /// The largest or smallest transformed value; an empty list is an error, as in CEL.
    func fold<T: Comparable & Sendable>(
      _ value: @escaping @Sendable (FastFrame) -> T, zero: T
    ) -> @Sendable (FastFrame) -> T {
      { f in
        var best: T?
        let status = Self.foldMapped(list, slot: slot, filter: filter, f) { frame in
          let v = value(frame)
          guard frame.flag == 0 else { return }
          if let current = best {
            best = isMax ? max(current, v) : min(current, v)
          } else {
            best = v
          }
        }
        if status != 0 {
          f.flag = status
          return zero
        }
        guard let best else {
          f.flag = FastFrame.error
          return zero
        }
        return best
      }
    }
    switch transform {
    case .int(let fn): return .int(fold(fn, zero: 0))
    case .time(let fn): return .time(fold(fn, zero: 0))
    case .double(let fn): return .double(fold(fn, zero: 0))
    default: throw FastUnsupported(description: "max()/min() of this kind")
    }
  }

  mutating func sum(_ node: FastNode) throws(FastUnsupported) -> FastNode {
    guard case .mapped(let list, let slot, let filter, .int(let fn)) = node else {
      throw FastUnsupported(description: "sum() of this kind")
    }
    return .int { f in
      var total: Int64 = 0
      var overflow = false
      let status = Self.foldMapped(list, slot: slot, filter: filter, f) { frame in
        let v = fn(frame)
        guard frame.flag == 0 else { return }
        let (s, o) = total.addingReportingOverflow(v)
        total = s
        overflow = overflow || o
      }
      if status != 0 {
        f.flag = status
        return 0
      }
      if overflow { f.flag = FastFrame.error }
      return total
    }
  }
}

import Foundation
import SignpostCEL
import SignpostRules
import SignpostSource

extension FastFrame {
  /// Runs the plan's code from `entry` to its `halt`: one loop over plain instructions, with
  /// registers, locals and scratch lists in the frame's own memory.
  func run(_ entry: Int) {
    let m = machine
    let r = values
    let s = status
    var pc = entry
    while true {
      let i = m.code[pc]
      let d = Int(i.dst)
      switch i.op {
      case .halt: return
      case .constant: set(d, i.imm)
      case .unknown: fail(d, FastFrame.unknown)
      case .move:
        r[d] = r[Int(i.a)]
        s[d] = s[Int(i.a)]
      case .jump:
        pc += Int(i.c)
        continue

      case .loadBool:
        let v = m.columns[Int(i.a)].values.assumingMemoryBound(to: UInt8.self)[row(i.b)]
        r[d] = v == 1 ? 1 : 0
        s[d] = v == 2 ? FastFrame.unknown : 0
      case .loadInt:
        let v = m.columns[Int(i.a)].values.assumingMemoryBound(to: Int64.self)[row(i.b)]
        r[d] = v
        s[d] = v == Column.missingInt ? FastFrame.unknown : 0
      case .loadDouble:
        let column = m.columns[Int(i.a)]
        let p = row(i.b)
        r[d] = Int64(bitPattern: column.values.assumingMemoryBound(to: Double.self)[p].bitPattern)
        s[d] = column.present[p] ? 0 : FastFrame.unknown
      case .loadDate:
        let v = m.columns[Int(i.a)].values.assumingMemoryBound(to: Int32.self)[row(i.b)]
        r[d] = CivilCalendar.seconds(fromDays: Int64(v))
        s[d] = v == Column.missingDate ? FastFrame.unknown : 0
      case .loadCode:
        let v = m.columns[Int(i.a)].values.assumingMemoryBound(to: UInt16.self)[row(i.b)]
        r[d] = Int64(v)
        s[d] = v == Column.missingCode ? FastFrame.unknown : 0
      case .present:
        set(d, m.columns[Int(i.a)].hasValue(at: row(i.b)) ? 1 : 0)
      case .stringIn:
        if let value = m.columns[Int(i.a)].string(at: row(i.b)) {
          set(d, Self.isAny(value, of: m.strings + Int(i.c), count: Int(i.imm)) ? 1 : 0)
        } else {
          fail(d, FastFrame.unknown)
        }
      case .outcome:
        let (value, flag) = Self.truth(outcomes[row(i.b) * indicatorCount + Int(i.a)])
        r[d] = value ? 1 : 0
        s[d] = flag
      case .outcomeLogical:
        let cells = row(i.b) * indicatorCount
        let (x, sx) = Self.truth(outcomes[cells + Int(i.a)])
        let (y, sy) = Self.truth(outcomes[cells + Int(i.c)])
        let value = CELLogic.absorb(isAnd: i.imm == 1, sx == 0 ? x : nil, sy == 0 ? y : nil)
        if let value { set(d, value ? 1 : 0) } else { fail(d, max(sx, sy)) }
      case .age:
        let age = m.ages[person]
        if age == Int32.min { fail(d, FastFrame.unknown) } else { set(d, Int64(age)) }
      case .score: set(d, score)
      case .band: set(d, Int64(band))

      case .not:
        r[d] = r[Int(i.a)] == 0 ? 1 : 0
        s[d] = s[Int(i.a)]
      case .shortCircuit:
        let a = Int(i.a)
        if CELLogic.decides(isAnd: i.imm == 1, s[a] == 0 ? r[a] != 0 : nil) {
          set(d, r[a])
          pc += Int(i.c)
          continue
        }
      case .logical:
        let (a, b) = (Int(i.a), Int(i.b))
        let value = CELLogic.absorb(
          isAnd: i.imm == 1, s[a] == 0 ? r[a] != 0 : nil, s[b] == 0 ? r[b] != 0 : nil)
        if let value { set(d, value ? 1 : 0) } else { fail(d, max(s[a], s[b])) }
      case .branch:
        let a = Int(i.a)
        if s[a] != 0 {
          fail(d, s[a])
          pc += Int(i.c)
          continue
        }
        if r[a] == 0 {
          pc += Int(i.b)
          continue
        }

      case .compareInt:
        if strict(d, i) {
          let (x, y) = (r[Int(i.a)], r[Int(i.b)])
          set(d, comparison(i).test(x < y ? -1 : (x == y ? 0 : 1)) ? 1 : 0)
        }
      case .compareDouble:
        if strict(d, i) {
          let (x, y) = (double(Int(i.a)), double(Int(i.b)))
          let test = comparison(i)
          // NaN never orders and equals nothing.
          let result =
            x.isNaN || y.isNaN ? test == .notEqual : test.test(x < y ? -1 : (x == y ? 0 : 1))
          set(d, result ? 1 : 0)
        }
      case .compareIntDouble:
        if strict(d, i) {
          let order = CELValue.order(.int(r[Int(i.a)]), .double(double(Int(i.b))))
          set(d, order.map(comparison(i).test) ?? false ? 1 : 0)
        }
      case .compareDoubleInt:
        if strict(d, i) {
          let order = CELValue.order(.double(double(Int(i.a))), .int(r[Int(i.b)]))
          set(d, order.map(comparison(i).test) ?? false ? 1 : 0)
        }
      case .loadCompareInt:
        let v = m.columns[Int(i.a)].values.assumingMemoryBound(to: Int64.self)[row(i.b)]
        let (x, y) = (Int(i.imm >> 32), Int(Int32(truncatingIfNeeded: i.imm)))
        r[x] = v
        if v == Column.missingInt {
          s[x] = FastFrame.unknown
          fail(d, FastFrame.unknown)
        } else {
          s[x] = FastFrame.ok
          let literal = r[y]
          set(d, comparison(i).test(v < literal ? -1 : (v == literal ? 0 : 1)) ? 1 : 0)
        }
      case .loadCompareDouble:
        let column = m.columns[Int(i.a)]
        let p = row(i.b)
        let v = column.values.assumingMemoryBound(to: Double.self)[p]
        let (x, y) = (Int(i.imm >> 32), Int(Int32(truncatingIfNeeded: i.imm)))
        r[x] = Int64(bitPattern: v.bitPattern)
        if column.present[p] {
          s[x] = FastFrame.ok
          let literal = double(y)
          let test = comparison(i)
          // NaN never orders and equals nothing.
          let result =
            v.isNaN || literal.isNaN
            ? test == .notEqual : test.test(v < literal ? -1 : (v == literal ? 0 : 1))
          set(d, result ? 1 : 0)
        } else {
          s[x] = FastFrame.unknown
          fail(d, FastFrame.unknown)
        }
      case .equalsConstant:
        r[d] = (r[Int(i.a)] == i.imm) != (i.c == 1) ? 1 : 0
        s[d] = s[Int(i.a)]
      case .codeIn:
        let x = r[Int(i.a)]
        let found =
          x >= 0 && x < Int64(i.c) * 64 && m.bits[Int(i.b) + Int(x >> 6)] & (1 << (x & 63)) != 0
        r[d] = found ? 1 : 0
        s[d] = s[Int(i.a)]

      case .arithmeticInt:
        if strict(d, i) {
          let (x, y) = (r[Int(i.a)], r[Int(i.b)])
          let (v, failed): (Int64, Bool)
          switch FastArithmetic(field: i.c) {
          case .add: (v, failed) = x.addingReportingOverflow(y)
          case .subtract: (v, failed) = x.subtractingReportingOverflow(y)
          case .multiply: (v, failed) = x.multipliedReportingOverflow(by: y)
          case .divide: (v, failed) = y == 0 ? (0, true) : x.dividedReportingOverflow(by: y)
          case .remainder:
            (v, failed) = y == 0 ? (0, true) : x.remainderReportingOverflow(dividingBy: y)
          }
          if failed { fail(d, FastFrame.error) } else { set(d, v) }
        }
      case .arithmeticDouble:
        if strict(d, i) {
          let (x, y) = (double(Int(i.a)), double(Int(i.b)))
          let v: Double
          switch FastArithmetic(field: i.c) {
          case .add: v = x + y
          case .subtract: v = x - y
          case .multiply: v = x * y
          case .divide, .remainder: v = x / y
          }
          set(d, Int64(bitPattern: v.bitPattern))
        }
      case .negateInt:
        let a = Int(i.a)
        if s[a] != 0 {
          fail(d, s[a])
        } else {
          let (v, overflow) = Int64(0).subtractingReportingOverflow(r[a])
          if overflow { fail(d, FastFrame.error) } else { set(d, v) }
        }
      case .negateDouble:
        r[d] = Int64(bitPattern: (-double(Int(i.a))).bitPattern)
        s[d] = s[Int(i.a)]
      case .shiftTime:
        if strict(d, i) {
          let v = r[Int(i.a)] &+ i.imm &* r[Int(i.b)]
          if v < CELTimestamp.minSeconds || v > CELTimestamp.maxSeconds {
            fail(d, FastFrame.error)
          } else {
            set(d, v)
          }
        }
      case .timeDifference:
        if strict(d, i) {
          let v = r[Int(i.a)] &- r[Int(i.b)]
          if abs(v) > CELDuration.maxSeconds { fail(d, FastFrame.error) } else { set(d, v) }
        }
      case .duration:
        let a = Int(i.a)
        if s[a] != 0 {
          fail(d, s[a])
        } else if let seconds = DomainLibrary.durationSeconds(r[a], unit: i.imm) {
          set(d, seconds)
        } else {
          fail(d, FastFrame.error)
        }
      case .within:
        if strict(d, i) {
          set(d, DomainLibrary.isWithin(r[Int(i.a)], window: r[Int(i.b)], asOf: m.now) ? 1 : 0)
        }
      case .yearsBetween:
        if strict(d, i) {
          set(
            d,
            DomainLibrary.wholeYears(
              from: CELTimestamp(seconds: r[Int(i.a)]), to: CELTimestamp(seconds: r[Int(i.b)])))
        }
      case .toDouble:
        r[d] = Int64(bitPattern: Double(r[Int(i.a)]).bitPattern)
        s[d] = s[Int(i.a)]

      case .iterate:
        let list = m.lists[Int(i.a)]
        let start: Int
        let end: Int
        if list.scratch >= 0 {
          start = 0
          end = lists[Int(list.scratch)].count
        } else if list.offsets != nil {
          let positions = list.positions(of: row(list.row))
          start = positions.lowerBound
          end = positions.upperBound
        } else {
          fail(d, FastFrame.unknown)
          pc += Int(i.c)
          continue
        }
        if start == end {
          pc += Int(i.c)
          continue
        }
        r[Int(i.imm)] = Int64(start)
        r[Int(i.imm) + 1] = Int64(end)
        locals[Int(i.b)] = element(list, start)
      case .next:
        let position = Int(r[Int(i.imm)]) + 1
        if position < Int(r[Int(i.imm) + 1]) {
          r[Int(i.imm)] = Int64(position)
          locals[Int(i.b)] = element(m.lists[Int(i.a)], position)
          pc += Int(i.c)
          continue
        }
      case .count:
        let list = m.lists[Int(i.a)]
        if list.scratch >= 0 {
          set(d, Int64(lists[Int(list.scratch)].count))
        } else if list.offsets != nil {
          set(d, Int64(list.positions(of: row(list.row)).count))
        } else {
          fail(d, FastFrame.unknown)
        }
      case .countOutcomes:
        let list = m.lists[Int(i.a)]
        guard list.offsets != nil else {
          fail(d, FastFrame.unknown)
          break
        }
        var count: Int64 = 0
        var flag = FastFrame.ok
        for position in list.positions(of: row(list.row)) {
          let cells = list.element(position) * indicatorCount
          let (x, sx) = Self.truth(outcomes[cells + Int(i.b)])
          if i.imm == 2 {
            if sx != 0 { flag = sx } else if x { count += 1 }
            continue
          }
          let (y, sy) = Self.truth(outcomes[cells + Int(i.c)])
          if let value = CELLogic.absorb(isAnd: i.imm == 1, sx == 0 ? x : nil, sy == 0 ? y : nil) {
            if value { count += 1 }
          } else {
            flag = max(sx, sy)
          }
        }
        r[d] = count
        s[d] = flag
      case .countStep:
        let a = Int(i.a)
        if s[a] != 0 {
          s[d] = s[a]
        } else if r[a] != 0 {
          r[d] += 1
        }
      case .clearScratch:
        lists[Int(i.a)].count = 0
      case .collect:
        let a = Int(i.a)
        if s[a] != 0 {
          s[d] = s[a]
        } else if r[a] != 0 {
          append(Int(i.c), locals[Int(i.b)])
        }
      case .propagate:
        let a = Int(i.a)
        if s[a] != 0 {
          fail(d, s[a])
          pc += Int(i.c)
          continue
        }
      case .quantifierStep:
        let a = Int(i.a)
        if s[a] == 0 {
          if (r[a] != 0) != (i.imm == 1) {
            set(d, r[a])
            pc += Int(i.c)
            continue
          }
        } else {
          s[d] = max(s[d], s[a])
        }
      case .existsOneEnd:
        r[d] = r[d] == 1 ? 1 : 0
      case .mapFilter:
        let a = Int(i.a)
        if s[a] != 0 || r[a] == 0 {
          if s[a] != 0 { s[d] = s[a] }
          pc += Int(i.c)
          continue
        }
      case .foldStep:
        fold(d, Int(i.a), FastFold(field: i.c))
      case .foldEnd:
        if s[d] != 0 {
          r[d] = 0
        } else {
          switch FastFold(field: i.c) {
          case .maxInt, .minInt, .maxDouble, .minDouble:
            if r[d + 1] == 0 { fail(d, FastFrame.error) }
          case .sum:
            if r[d + 1] != 0 { fail(d, FastFrame.error) }
          case .count: break
          }
        }

      case .generic:
        lower(d, m.closures[Int(i.a)](self), FastLowering(field: i.c))
      }
      pc += 1
    }
  }

  /// An indicator's outcome as a bool and its status (not evaluated: unknown; failed: error).
  @inline(__always) private static func truth(_ outcome: UInt8) -> (Bool, UInt8) {
    switch outcome {
    case ScoreTable.Outcome.fired.rawValue: (true, FastFrame.ok)
    case ScoreTable.Outcome.notFired.rawValue: (false, FastFrame.ok)
    case ScoreTable.Outcome.notEvaluated.rawValue: (false, FastFrame.unknown)
    default: (false, FastFrame.error)
    }
  }

  /// Whether a string's UTF-8 bytes are those of one of `count` literals: lengths first, then
  /// the bytes with `memcmp`.
  @inline(__always) private static func isAny(
    _ value: String, of literals: UnsafePointer<UnsafeBufferPointer<UInt8>>, count: Int
  ) -> Bool {
    let matched = value.utf8.withContiguousStorageIfAvailable { bytes in
      for k in 0..<count where literals[k].count == bytes.count {
        if bytes.isEmpty
          || memcmp(
            bytes.baseAddress.unsafelyUnwrapped, literals[k].baseAddress.unsafelyUnwrapped,
            bytes.count) == 0
        {
          return true
        }
      }
      return false
    }
    return matched ?? (0..<count).contains { value.utf8.elementsEqual(literals[$0]) }
  }

  /// The person a row operand names.
  @inline(__always) func row(_ encoded: Int32) -> Int {
    encoded < 0 ? person : locals[Int(encoded)]
  }

  @inline(__always) private func set(_ d: Int, _ value: Int64) {
    values[d] = value
    status[d] = 0
  }

  @inline(__always) private func fail(_ d: Int, _ flag: UInt8) {
    values[d] = 0
    status[d] = flag
  }

  @inline(__always) private func double(_ register: Int) -> Double {
    Double(bitPattern: UInt64(bitPattern: values[register]))
  }

  @inline(__always) private func comparison(_ i: FastInstruction) -> FastComparison {
    FastComparison(field: i.c)
  }

  /// A strict binary operation's operands: when either is abnormal, the result is the worse
  /// status and the operation is skipped.
  @inline(__always) private func strict(_ d: Int, _ i: FastInstruction) -> Bool {
    let flag = max(status[Int(i.a)], status[Int(i.b)])
    if flag != 0 {
      fail(d, flag)
      return false
    }
    return true
  }

  /// The element at a position of a list: an event row, or a linked person.
  @inline(__always) private func element(_ list: FastListRef, _ position: Int) -> Int {
    if list.scratch >= 0 { return lists[Int(list.scratch)].base.unsafelyUnwrapped[position] }
    return list.element(position)
  }

  /// One step of a fold over a `map`'s values (see ``FastOp/foldStep``).
  @inline(__always) private func fold(_ d: Int, _ a: Int, _ kind: FastFold) {
    if status[a] != 0 {
      status[d] = max(status[d], status[a])
      return
    }
    let first = values[d + 1] == 0
    switch kind {
    case .maxInt:
      if first || values[a] >= values[d] { values[d] = values[a] }
    case .minInt:
      if first || values[a] < values[d] { values[d] = values[a] }
    case .maxDouble:
      if first || double(a) >= double(d) { values[d] = values[a] }
    case .minDouble:
      if first || double(a) < double(d) { values[d] = values[a] }
    case .sum:
      let (total, overflow) = values[d].addingReportingOverflow(values[a])
      values[d] = total
      if overflow { values[d + 1] = 1 }
      return
    case .count:
      values[d] += 1
      return
    }
    values[d + 1] += 1
  }

  /// A CEL value in a register, as a kind the compiler expects.
  private func lower(_ d: Int, _ value: CELValue, _ kind: FastLowering) {
    let payload: Int64?
    switch (kind, value) {
    case (.bool, .bool(let b)): payload = b ? 1 : 0
    case (.int, .int(let x)): payload = x
    case (.double, .double(let x)), (.number, .double(let x)):
      payload = Int64(bitPattern: x.bitPattern)
    case (.number, .int(let x)): payload = Int64(bitPattern: Double(x).bitPattern)
    case (.timestamp, .timestamp(let t)): payload = t.seconds
    case (.duration, .duration(let x)): payload = x.seconds
    default: payload = nil
    }
    if let payload {
      set(d, payload)
    } else if case .unknown = value {
      fail(d, FastFrame.unknown)
    } else {
      fail(d, FastFrame.error)
    }
  }
}

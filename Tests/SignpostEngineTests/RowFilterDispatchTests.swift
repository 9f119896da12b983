import Foundation
import Testing

@testable import SignpostEngine

/// Tables told apart by one column's value are found by one lookup (`RowFilter.Dispatch`):
/// for every record it gives the table that trying each filter in turn gives — values of up
/// to 16 bytes and longer ones differing only in the middle, a value two filters name (the
/// first wins), a value no filter names, an empty value, a quoted value with `""`, a filter
/// on a column the file lacks, and a table with no filter (which takes every row the filters
/// before it leave, and hides the tables after it).
@Test func dispatchGivesTheTableTryingEachFilterInTurnGives() {
  let header = ["person_id": 0, "type": 1, "date": 2]
  let filters = [
    RowFilter([("type", ["suspension"])], header: header),
    RowFilter([("kind", ["contact"])], header: header),  // a column the file lacks
    RowFilter([("type", ["contact", "police_contact", "suspension"])], header: header),
    RowFilter(
      [("type", ["mental_health_referrals", "mental_health_xeferrals", "ae_assault_attendances"])],
      header: header),
    RowFilter([], header: header),
    RowFilter([("type", ["exclusion"])], header: header),
  ]
  let types = [
    "suspension", "contact", "police_contact", "mental_health_referrals",
    "mental_health_xeferrals", "mental_health_referralz", "ae_assault_attendances",
    "ae_assault_attendanceS", "exclusion", "", "suspensio", "suspensions", "\"con\"\"tact\"",
    "\"contact\"", "police_contact_", "olice_contact",
  ]
  for count in 1...filters.count {
    let some = Array(filters.prefix(count))
    let dispatch = RowFilter.Dispatch(some)
    // Only a filter on two columns, or two filters on different columns, are tried in turn.
    #expect(dispatch != nil)
    for type in types {
      let (fromDispatch, inTurn) = tables(of: "P1,\(type),2024-01-01\n", some, dispatch)
      #expect(fromDispatch == inTurn, "\(count) tables, type \(type)")
    }
  }
  #expect(tables(of: "P1,suspension,d\n", filters, RowFilter.Dispatch(filters)).0 == 0)
  #expect(tables(of: "P1,police_contact,d\n", filters, RowFilter.Dispatch(filters)).0 == 2)
  #expect(tables(of: "P1,exclusion,d\n", filters, RowFilter.Dispatch(filters)).0 == 4)
  #expect(tables(of: "P1,exclusion,d\n", Array(filters.prefix(4)), nil).1 == nil)
}

/// A filter that tests two columns, or filters that test different columns, are not
/// dispatched by one column: each is tried in turn, as before.
@Test func filtersOnSeveralColumnsAreTriedInTurn() {
  let header = ["person_id": 0, "type": 1, "role": 2]
  let twoColumns = [
    RowFilter([("type", ["contact"]), ("role", ["victim"])], header: header),
    RowFilter([("type", ["contact"])], header: header),
  ]
  #expect(RowFilter.Dispatch(twoColumns) == nil)
  let differentColumns = [
    RowFilter([("type", ["contact"])], header: header),
    RowFilter([("role", ["victim"])], header: header),
  ]
  #expect(RowFilter.Dispatch(differentColumns) == nil)
  // After a table with no filter, no filter is ever tried: those after it do not count.
  let hidden = [
    RowFilter([("type", ["contact"])], header: header), RowFilter([], header: header),
    RowFilter([("role", ["victim"])], header: header),
  ]
  #expect(RowFilter.Dispatch(hidden) != nil)
  #expect(tables(of: "P1,x,victim\n", twoColumns, nil).1 == nil)
  #expect(tables(of: "P1,contact,victim\n", twoColumns, nil).1 == 0)
  #expect(tables(of: "P1,contact,witness\n", twoColumns, nil).1 == 1)
  #expect(tables(of: "P1,x,victim\n", hidden, RowFilter.Dispatch(hidden)) == (1, 1))
}

/// The table of the one record in `line` by the dispatch (`nil` when there is none) and by
/// trying each filter in turn, as the reader does.
private func tables(of line: String, _ filters: [RowFilter], _ dispatch: RowFilter.Dispatch?)
  -> (Int?, Int?)
{
  let bytes = Array(line.utf8)
  return bytes.withUnsafeBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return (-1, -1) }
    var tokenizer = CSVTokenizer(
      base: base, range: 0..<buffer.count, limit: buffer.count, firstLine: 1)
    var record = CSVRecord()
    guard case .record = tokenizer.next(&record) else { return (-1, -1) }
    let scratch = FieldScratch()
    let inTurn = filters.firstIndex {
      $0.isEmpty || $0.matches(record, base: base, scratch: scratch)
    }
    return (dispatch?.table(of: record, base: base, scratch: scratch), inTurn)
  }
}

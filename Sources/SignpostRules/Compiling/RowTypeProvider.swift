import SignpostCEL

/// The type of a source table's rows as `derive` expressions see them: the declared input
/// columns, typed, in declaration order.
struct RowTypeProvider: CELTypeProvider {
  static let row = "Row"
  let inputs: [(column: String, type: FieldType)]

  func fieldType(of object: String, field: String) -> CELType? {
    guard object == Self.row, let input = inputs.first(where: { $0.column == field }) else {
      return nil
    }
    var enums: [String: [String]] = [:]
    return PackTypeProvider.celType(input.type, enumName: "Row.\(field)", &enums)
  }

  func fieldNames(of object: String) -> [String] { inputs.map(\.column) }

  func fieldSlot(of object: String, field: String) -> Int? {
    inputs.firstIndex { $0.column == field }
  }

  func enumValues(of enumeration: String) -> [String]? {
    guard enumeration.hasPrefix("Row.") else { return nil }
    let column = String(enumeration.dropFirst(4))
    if case .enumeration(let values) = inputs.first(where: { $0.column == column })?.type {
      return values
    }
    return nil
  }
}

import SignpostSource
import SignpostYAML

extension PackFileReader {
  /// `fairness.yaml`: the protected and context fields, the profile's fields, the age groups
  /// and the range of the relative rate index. Fields are checked against the schema when it
  /// could be read.
  func fairness(_ node: YAMLNode, schema: Schema?) -> FairnessSettings {
    let reader = YAMLMappingReader(node, context: "fairness.yaml", diagnostics: sink)
    let protected = fieldList(reader, "protected", schema: schema)
    let context = fieldList(reader, "context", schema: schema)
    let profile = fieldList(reader, "profile", schema: schema)
    var settings = FairnessSettings(
      dimensions: protected.map { .init(field: $0.name, role: .protected) }
        + context.map { .init(field: $0.name, role: .context) },
      profile: profile.map(\.name))
    var seen: Set<String> = []
    for (field, at) in protected + context where !seen.insert(field).inserted {
      report(
        at, .fairnessDuplicate,
        "'\(field)' is named more than once among the protected and context fields")
    }
    if let range = reader.mapping("rate_ratio_range", context: "rate_ratio_range") {
      let low = range.double("low", required: true)
      let high = range.double("high", required: true)
      range.reportUnknownKeys()
      if let low, let high {
        if low > 0, low < 1, high > 1 {
          settings.rateRatioRange = low...high
        } else {
          report(
            range.node, .fairnessRange,
            "the rate ratio range must have 0 < low < 1 < high, not \(low) to \(high)",
            notes: ["the usual range is low: 0.8, high: 1.25"])
        }
      }
    }
    if let bounds = reader.sequence("age_groups") {
      let years = bounds.compactMap { $0.scalar.flatMap { Int($0.value) } }
      let ascending = zip(years, years.dropFirst()).allSatisfy { $0 < $1 }
      if years.count == bounds.count, !years.isEmpty, ascending, years[0] >= 0 {
        settings.ageGroups = years
      } else {
        report(
          reader.node("age_groups") ?? node, .fairnessAgeGroups,
          "age_groups must be whole numbers of years, ascending from 0 or more, e.g. [0, 10, 14, 18]"
        )
      }
    }
    reader.reportUnknownKeys()
    return settings
  }

  /// A list of grouping fields, each checked to be a person field with discrete values.
  private func fieldList(_ reader: YAMLMappingReader, _ key: String, schema: Schema?)
    -> [(name: String, node: YAMLNode)]
  {
    var fields: [(name: String, node: YAMLNode)] = []
    for item in reader.sequence(key) ?? [] {
      guard let name = item.scalar?.value, !(item.scalar?.isNull ?? true) else {
        report(item, .fairnessField, "expected a person field name in '\(key)'")
        continue
      }
      fields.append((name, item))
      guard let schema else { continue }
      if name == FairnessSettings.ageGroup {
        if schema.birthDateField == nil {
          report(
            item, .fairnessField,
            "'\(FairnessSettings.ageGroup)' needs the schema's person.birth_date")
        }
        continue
      }
      guard let field = schema.field(named: name) else {
        report(
          item, .fairnessField,
          "'\(name)' in '\(key)' is not a person field"
            + Suggestions.didYouMean(
              name, in: schema.personFields.map(\.name) + [FairnessSettings.ageGroup]))
        continue
      }
      switch field.type {
      case .double, .date:
        report(
          item, .fairnessField,
          "'\(name)' is a \(field.type) field; people can only be grouped by a bool, int, enum or string field",
          notes: ["group ages with '\(FairnessSettings.ageGroup)' and 'age_groups'"])
      default: break
      }
    }
    return fields
  }
}

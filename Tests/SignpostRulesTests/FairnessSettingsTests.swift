import SignpostRules
import SignpostTestSupport
import Testing

/// `fairness.yaml`: the groups fairness is measured over, checked against the schema.
@Suite struct FairnessSettingsTests {
  @Test func aPackWithoutTheFileMeasuresNoGroups() throws {
    let fixture = try PackFixture()
    defer { fixture.remove() }
    let pack = try fixture.compile().get()
    #expect(pack.pack.fairness.dimensions.isEmpty)
  }

  @Test func theFileNamesProtectedAndContextFieldsAndTheRange() throws {
    let fixture = try PackFixture(
      files: [
        "fairness.yaml": """
        protected: [open_to_service]
        context: [age_group]
        rate_ratio_range: { low: 0.75, high: 1.5 }
        age_groups: [0, 10, 18]
        profile: [age_group]
        """
      ])
    defer { fixture.remove() }
    let settings = try fixture.compile().get().pack.fairness
    #expect(
      settings.dimensions == [
        .init(field: "open_to_service", role: .protected),
        .init(field: "age_group", role: .context),
      ])
    #expect(settings.rateRatioRange == 0.75...1.5)
    #expect(settings.ageGroups == [0, 10, 18])
    #expect(settings.profile == ["age_group"])
  }

  @Test func wrongFieldsAndRangesAreReportedWhereTheyAre() throws {
    let fixture = try PackFixture(
      files: [
        "fairness.yaml": """
        protected: [sexx, attendance]
        context: [open_to_service, open_to_service]
        rate_ratio_range: { low: 1.2, high: 1.5 }
        age_groups: [10, 5]
        colour: blue
        """
      ])
    defer { fixture.remove() }
    let text = fixture.diagnostics()
    #expect(
      text.contains("PACK/fairness.yaml:1:13: error: 'sexx' in 'protected' is not a person field"))
    #expect(
      text.contains(
        "PACK/fairness.yaml:1:19: error: 'attendance' is a double field; people can only be grouped by a bool, int, enum or string field"
      ))
    #expect(
      text.contains("PACK/fairness.yaml:2:28: error: 'open_to_service' is named more than once"))
    #expect(
      text.contains(
        "PACK/fairness.yaml:3:19: error: the rate ratio range must have 0 < low < 1 < high"))
    #expect(
      text.contains("PACK/fairness.yaml:4:13: error: age_groups must be whole numbers of years"))
    #expect(text.contains("PACK/fairness.yaml:5:1: error: unknown key 'colour'"))
  }
}

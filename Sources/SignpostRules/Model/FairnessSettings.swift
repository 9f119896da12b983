/// `fairness.yaml`: the person fields the disproportionality report and the problem profile
/// group people by, and the range of the relative rate index outside which a group is flagged.
public struct FairnessSettings: Sendable {
  /// Whether a grouping field is a protected characteristic or context.
  public enum Role: String, Sendable {
    /// A characteristic the Equality Act 2010 protects, or that stands in for one (sex,
    /// ethnicity, special educational needs as a proxy for disability).
    case protected
    /// Circumstance the partnership must see the rules' effect on (free school meals, ward,
    /// age group).
    case context
  }

  /// One way of dividing the scored population into groups.
  public struct Dimension: Sendable, Hashable {
    /// A person field, or ``FairnessSettings/ageGroup`` for age bands from the date of birth.
    public var field: String
    public var role: Role

    public init(field: String, role: Role) {
      self.field = field
      self.role = role
    }
  }

  /// The name of the dimension computed from the schema's date of birth and the as-of date.
  public static let ageGroup = "age_group"
  /// The default range of the relative rate index within which no group is flagged.
  public static let defaultRange = 0.8...1.25
  /// The default lower bounds of the age groups, in years.
  public static let defaultAgeGroups = [0, 10, 14, 18, 22]

  /// The dimensions of the disproportionality report, protected first.
  public var dimensions: [Dimension]
  /// A group whose index falls outside this range, with an interval excluding 1, is flagged.
  public var rateRatioRange: ClosedRange<Double>
  /// Lower bounds of the age groups in years, ascending; the last group is open-ended.
  public var ageGroups: [Int]
  /// The dimensions of the problem profile (`signpost profile`).
  public var profile: [String]

  public init(
    dimensions: [Dimension], rateRatioRange: ClosedRange<Double> = Self.defaultRange,
    ageGroups: [Int] = Self.defaultAgeGroups, profile: [String] = []
  ) {
    self.dimensions = dimensions
    self.rateRatioRange = rateRatioRange
    self.ageGroups = ageGroups
    self.profile = profile
  }

  /// The settings of a pack without `fairness.yaml`: no groups, so no measures.
  public static let none = FairnessSettings(dimensions: [])
}

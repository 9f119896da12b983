/// One way of dividing the scored population into groups (by sex, ward, age group, ...).
public struct Grouping: Sendable {
  /// The person field grouped by, or `age_group`.
  public var field: String
  /// `protected` or `context` (see the pack's `fairness.yaml`), or `profile`.
  public var role: String
  /// The groups' names, in the order reports list them.
  public var groups: [String]
  /// Each person's group, by index into `groups`; negative for someone left out (not in the
  /// scored population).
  public var membership: [Int]

  public init(field: String, role: String, groups: [String], membership: [Int]) {
    self.field = field
    self.role = role
    self.groups = groups
    self.membership = membership
  }
}

/// An outcome's categories, without the people in them: what the measures report it as.
public struct OutcomeCategories: Sendable {
  /// `band`, `programme` or `indicator`.
  public var kind: String
  /// The programme's or indicator's id; empty for the bands.
  public var id: String
  public var categories: [String]
  /// The categories reported; the others only complete the division (`not referred`).
  public var reported: [Int]

  public init(kind: String, id: String, categories: [String], reported: [Int]) {
    self.kind = kind
    self.id = id
    self.categories = categories
    self.reported = reported
  }

  /// `band high`, `programme pied: referred`, `indicator persistent_absence: fired`.
  public func label(_ category: Int) -> String {
    id.isEmpty ? "\(kind) \(categories[category])" : "\(kind) \(id): \(categories[category])"
  }
}

/// An outcome that puts each person in exactly one category: their band, or whether they
/// were referred to a programme.
public struct OutcomeDivision: Sendable {
  /// What the outcome is and its categories.
  public var outcome: OutcomeCategories
  /// Each person's category, by index into `categories`.
  public var membership: [Int]

  public init(
    kind: String, id: String, categories: [String], reported: [Int], membership: [Int]
  ) {
    outcome = OutcomeCategories(kind: kind, id: id, categories: categories, reported: reported)
    self.membership = membership
  }

  /// `band`, `programme` or `indicator`.
  public var kind: String { outcome.kind }
  /// The programme's or indicator's id; empty for the bands.
  public var id: String { outcome.id }
  public var categories: [String] { outcome.categories }
  /// The categories reported; the others only complete the division (`not referred`).
  public var reported: [Int] { outcome.reported }

  /// `band high`, `programme pied: referred`, `indicator persistent_absence: fired`.
  public func label(_ category: Int) -> String { outcome.label(category) }
}

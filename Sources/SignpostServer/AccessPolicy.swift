/// Who may see what: the one place the roles are decided.
///
/// | role           | run overview | queues          | people                    | decisions       | users, audit |
/// |----------------|--------------|-----------------|---------------------------|-----------------|--------------|
/// | admin          | yes          | all             | all                       | all             | yes          |
/// | triage         | yes          | all             | all                       | all             | no           |
/// | programme lead | yes          | their programmes| people in those queues    | their programmes| no           |
/// | school         | yes          | their pupils    | their pupils              | no              | no           |
/// | analyst        | yes (counts) | no              | no                        | no              | no           |
public struct AccessPolicy: Sendable {
  public init() {}

  /// Whether the user may open a programme's queue (a school user sees only their pupils in
  /// it).
  public func canOpenQueue(_ user: ServerUser, programme: String) -> Bool {
    switch user.role {
    case .admin, .triage, .school: true
    case .programmeLead: user.programmes.contains(programme)
    case .analyst: false
    }
  }

  /// Whether the user may record decisions, and export accepted referrals, for a programme.
  public func canDecide(_ user: ServerUser, programme: String) -> Bool {
    switch user.role {
    case .admin, .triage: true
    case .programmeLead: user.programmes.contains(programme)
    case .school, .analyst: false
    }
  }

  /// Whether the role ever sees person-level data.
  public func seesPeople(_ user: ServerUser) -> Bool {
    user.role != .analyst
  }

  /// Whether the user may see one person, given the person's school and the programmes they
  /// are referred to in the latest run.
  public func canSeePerson(_ user: ServerUser, school: String?, programmes: [String]) -> Bool {
    switch user.role {
    case .admin, .triage: true
    case .programmeLead: programmes.contains { user.programmes.contains($0) }
    case .school: school.map { user.schools.contains($0) } ?? false
    case .analyst: false
    }
  }

  /// Whether the user manages users and reads the person-level audit.
  public func isAdmin(_ user: ServerUser) -> Bool {
    user.role == .admin
  }
}

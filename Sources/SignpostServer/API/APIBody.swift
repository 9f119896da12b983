import SignpostEngine
import SignpostRules
import SignpostStore

/// The JSON bodies of the API's answers, as `Sources/SignpostServer/OpenAPI/openapi.yaml`
/// describes them (keys are written in snake_case; an absent value is left out).
public enum APIBody {
  /// The pack in use.
  public struct Pack: Sendable, Encodable {
    public var id: String
    public var version: String
    public var hash: String

    init(_ badge: PackBadge) {
      id = badge.id
      version = badge.version
      hash = badge.hash
    }
  }

  /// `GET /api/v1/runs`: the stored runs, newest first, and the pack in use.
  public struct Runs: Sendable, Encodable {
    public var pack: Pack
    public var runs: [Run]
  }

  /// One stored run: what it was made from and what it found; aggregates only.
  public struct Run: Sendable, Encodable {
    public var id: Int64
    public var status: String
    public var startedAt: String
    public var finishedAt: String?
    public var asOf: String?
    public var packId: String?
    public var packVersion: String?
    public var packHash: String?
    public var peopleScored: Int?
    public var rowsRejected: Int?
    public var recommended: Int?
    public var waitlisted: Int?
    public var resultsPurged: Bool

    init(_ run: StoredRun) {
      id = run.id
      status = run.status.rawValue
      startedAt = run.startedAt
      finishedAt = run.finishedAt
      asOf = run.asOf
      packId = run.packID
      packVersion = run.packVersion
      packHash = run.packHash
      peopleScored = run.peopleScored
      rowsRejected = run.rowsRejected
      recommended = run.recommended
      waitlisted = run.waitlisted
      resultsPurged = run.resultsPurgedAt != nil
    }
  }

  /// `GET /api/v1/queues/{programme}`: the queue as the page shows it.
  public struct Queue: Sendable, Encodable {
    public var programme: String
    public var programmeName: String
    public var route: String
    public var runId: Int64
    public var rows: [QueueRow]
    /// Rows the filters left out.
    public var hidden: Int

    init(_ view: QueueView) {
      programme = view.programmeID
      programmeName = view.programmeName
      route = view.route
      runId = view.runID
      rows = view.rows.map(QueueRow.init)
      hidden = view.hidden
    }
  }

  public struct QueueRow: Sendable, Encodable {
    public var rank: Int
    public var personId: String
    public var band: String
    public var score: Int
    public var reason: String
    public var status: String
    public var newSinceLastRun: Bool
    public var decision: Decided?
    public var ward: String
    public var school: String

    init(_ row: QueueView.Row) {
      rank = row.rank
      personId = row.personID
      band = row.band
      score = row.score
      reason = row.reason
      status = row.status
      newSinceLastRun = row.isNew
      decision = row.latestDecision.map(Decided.init)
      ward = row.ward
      school = row.school
    }
  }

  /// A recorded decision.
  public struct Decided: Sendable, Encodable {
    public var id: Int64
    public var at: String
    public var user: String
    public var programme: String
    public var personId: String
    public var kind: String
    public var reason: String
    public var note: String
    public var runId: Int64
    public var packHash: String

    init(_ decision: Decision) {
      id = decision.id
      at = decision.at
      user = decision.user
      programme = decision.programme
      personId = decision.personID
      kind = decision.kind.rawValue
      reason = decision.reason.rawValue
      note = decision.note
      runId = decision.runID
      packHash = decision.packHash
    }
  }

  /// `GET /api/v1/people/{id}/decisions`.
  public struct Decisions: Sendable, Encodable {
    public var personId: String
    public var decisions: [Decided]
  }

  /// `GET /api/v1/people/{id}`: the person's result with its explanation.
  public struct Person: Sendable, Encodable {
    public var personId: String
    public var runId: Int64
    /// The explanation of the extracts as served, or absent when the person is no longer in
    /// them.
    public var explanation: Explained?
    public var explanationText: String?
    public var inputsChanged: Bool
    public var bands: [Band]
    public var referrals: [Referral]
    public var decisions: [Decided]
  }

  public struct Band: Sendable, Encodable {
    public var runId: Int64
    public var asOf: String
    public var band: String
    public var score: Int
  }

  public struct Referral: Sendable, Encodable {
    public var programme: String
    public var rank: Int
    public var status: String
  }

  /// `POST /api/v1/score`: the referral's result, explained, and the pack that scored it.
  public struct Score: Sendable, Encodable {
    public var pack: Pack
    public var explanation: Explained
    /// The explanation as `signpost explain` prints it.
    public var explanationText: String
  }

  /// An ``Explanation`` as JSON.
  public struct Explained: Sendable, Encodable {
    public struct Fired: Sendable, Encodable {
      public var id: String
      public var domain: String
      public var points: Int
      public var sentence: String
      public var basis: String
    }

    public struct Domain: Sendable, Encodable {
      public var id: String
      public var name: String
      public var raw: Int
      public var capped: Int
      public var cap: Int
    }

    public struct Missing: Sendable, Encodable {
      public var id: String
      public var needs: [String]
    }

    public struct Failed: Sendable, Encodable {
      public var id: String
      public var message: String
    }

    public struct Programme: Sendable, Encodable {
      public var id: String
      public var name: String
      public var status: String
      public var reason: String
      public var route: String
    }

    public var personId: String
    public var asOf: String
    public var inScope: Bool
    public var score: Int
    public var band: String
    public var fired: [Fired]
    public var domains: [Domain]
    public var notEvaluated: [Missing]
    public var failed: [Failed]
    public var programmes: [Programme]

    init(_ explanation: Explanation) {
      personId = explanation.id
      asOf = explanation.asOf.description
      inScope = explanation.inScope
      score = explanation.score
      band = explanation.band
      fired = explanation.fired.map {
        Fired(
          id: $0.id, domain: $0.domain, points: $0.points, sentence: $0.sentence, basis: $0.basis)
      }
      domains = explanation.domains.map {
        Domain(id: $0.id, name: $0.name, raw: $0.raw, capped: $0.capped, cap: $0.cap)
      }
      notEvaluated = explanation.notEvaluated.map {
        Missing(id: $0.id, needs: $0.needs.map(\.attribute))
      }
      failed = explanation.failed.map { Failed(id: $0.id, message: $0.message) }
      programmes = explanation.programmes.map {
        Programme(
          id: $0.id, name: $0.name, status: $0.status.rawValue, reason: $0.reason,
          route: $0.route)
      }
    }
  }
}

extension APIBody.Person {
  init(_ view: PersonView) {
    personId = view.personID
    runId = view.runID
    explanation = view.explained.map(APIBody.Explained.init)
    explanationText = view.explanation
    inputsChanged = view.inputsChanged
    bands = view.bands.map {
      APIBody.Band(runId: $0.runID, asOf: $0.asOf, band: $0.band, score: $0.score)
    }
    referrals = view.referrals.map {
      APIBody.Referral(programme: $0.programmeID, rank: $0.rank, status: $0.status)
    }
    decisions = view.stored.map(APIBody.Decided.init)
  }
}

import SignpostEngine

extension StoredRun {
  /// The run as `RunChanges` (SignpostEngine) names it.
  public var compared: ComparedRun {
    ComparedRun(
      id: id, label: label, asOf: asOf, packID: packID, packVersion: packVersion,
      packHash: packHash, bands: bands)
  }
}

extension StoredResult {
  /// The result as `RunChanges` (SignpostEngine) compares it.
  public var outcome: RunChanges.Outcome {
    RunChanges.Outcome(personID: personID, score: score, band: band, fired: fired)
  }
}

extension StoredReferral {
  /// The referral as `RunChanges` (SignpostEngine) compares it.
  public var outcome: RunChanges.Referral {
    RunChanges.Referral(
      programme: programme, personID: personID, rank: rank, score: score, status: status)
  }
}

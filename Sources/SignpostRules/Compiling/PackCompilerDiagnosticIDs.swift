import SignpostSource

/// The catalogue of ids the pack compiler gives its diagnostics: names, points, the
/// indicator graph, costs and gateways.
extension DiagnosticID {
  static let packCostLimit = DiagnosticID("pack.cost-limit")
  static let packDuplicateIndicator = DiagnosticID("pack.duplicate-indicator")
  static let packDuplicateProgramme = DiagnosticID("pack.duplicate-programme")
  static let packIndicatorCycle = DiagnosticID("pack.indicator-cycle")
  static let packNetworkIteration = DiagnosticID("pack.network-iteration")
  static let packPoints = DiagnosticID("pack.points")
  static let packPointsOverflow = DiagnosticID("pack.points-overflow")
  static let packPriorityType = DiagnosticID("pack.priority-type")
  static let packReservedName = DiagnosticID("pack.reserved-name")
  static let packTooManyValues = DiagnosticID("pack.too-many-values")
  static let packUnconfirmedGateway = DiagnosticID("pack.unconfirmed-gateway")
  static let packUnknownDomain = DiagnosticID("pack.unknown-domain")
  static let packUnknownPlaceholder = DiagnosticID("pack.unknown-placeholder")
}

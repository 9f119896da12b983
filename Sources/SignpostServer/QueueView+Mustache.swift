import Mustache

// The queue page names each field in its template once per row. Without these conformances
// swift-mustache finds a field by reflecting over the whole value (`Mirror`), and a name a row
// lacks (`hasWard`) reflects over the row and then the page: on a 584-row queue that was
// four fifths of the page's CPU. A test checks that every stored property is named here.

extension QueueView: MustacheParent {
  /// The property the template names, as swift-mustache's reflection would find it.
  public func child(named name: String) -> Any? {
    switch name {
    case "programmeID": return programmeID
    case "programmeName": return programmeName
    case "route": return route
    case "runID": return runID
    case "rows": return rows
    case "hidden": return hidden
    case "hasHidden": return hasHidden
    case "bands": return bands
    case "wards": return wards
    case "schools": return schools
    case "newOnly": return newOnly
    case "canDecide": return canDecide
    case "hasWard": return hasWard
    case "hasSchool": return hasSchool
    case "hasRows": return hasRows
    default: return nil
    }
  }
}

extension QueueView.Row: MustacheParent {
  /// The property the template names, as swift-mustache's reflection would find it.
  public func child(named name: String) -> Any? {
    switch name {
    case "rank": return rank
    case "personID": return personID
    case "band": return band
    case "score": return score
    case "reason": return reason
    case "status": return status
    case "waitlisted": return waitlisted
    case "isNew": return isNew
    case "decision": return decision
    case "decided": return decided
    case "latestDecision": return latestDecision.map { $0 as Any }
    case "ward": return ward
    case "school": return school
    default: return nil
    }
  }
}

extension QueueView.Option: MustacheParent {
  /// The property the template names, as swift-mustache's reflection would find it.
  public func child(named name: String) -> Any? {
    switch name {
    case "value": return value
    case "selected": return selected
    default: return nil
    }
  }
}

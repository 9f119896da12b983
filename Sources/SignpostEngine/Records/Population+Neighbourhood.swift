import SignpostRules

extension Population {
  /// The persons within `hops` links of `person`, as a population of their own (the person
  /// first), with the fields, events and links among them; and each one's index here.
  ///
  /// A person's indicators in stratum `s` read linked persons' indicators of earlier strata
  /// only, so a neighbourhood as deep as the pack has strata, less one, evaluates the person
  /// exactly as the whole population does.
  public func neighbourhood(of person: Int, hops: Int, schema: Schema) -> (
    population: Population, members: [Int]
  ) {
    var members = [person]
    var position = [person: 0]
    var frontier = [person]
    for _ in 0..<max(0, hops) {
      var next: [Int] = []
      for p in frontier {
        for link in links(of: p) where position[link.to] == nil {
          position[link.to] = members.count
          members.append(link.to)
          next.append(link.to)
        }
      }
      frontier = next
    }
    var builder = PopulationBuilder(schema: schema)
    builder.suppliedSources = suppliedSources
    for (f, column) in fields.enumerated() {
      if let unsupplied = column.unsupplied { builder.markUnsupplied(f, attribute: unsupplied) }
    }
    for (l, table) in events.enumerated() where table != nil { builder.supplyList(l) }
    for p in members {
      let local = builder.person(ids[p])
      for (f, column) in fields.enumerated() {
        builder.setField(f, of: local, to: column.fieldValue(p))
      }
      for (l, table) in events.enumerated() {
        guard let table else { continue }
        for row in table.rows(of: p) {
          builder.appendEvent(table.columns.map { $0.fieldValue(row) }, person: local, list: l)
        }
      }
    }
    for p in members {
      for link in links(of: p) {
        guard let from = position[link.from], let to = position[link.to] else { continue }
        builder.link(PersonLink(from: from, to: to, relation: link.relation), symmetric: false)
      }
    }
    return (builder.build(), members)
  }
}

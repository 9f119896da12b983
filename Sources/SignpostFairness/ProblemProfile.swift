/// The problem profile: how many people each indicator fired for and each band holds, by
/// ward, school, age group and sex, with small counts suppressed and no person ids. The
/// cohort and geographic view a Serious Violence Duty needs assessment asks for.
public struct ProblemProfile: Sendable, Codable, Equatable {
  /// One group's counts, in the order of its dimension's measures.
  public struct Row: Sendable, Codable, Equatable {
    public var group: String
    public var population: PublishedCount
    public var counts: [PublishedCount]
  }

  /// One grouping: its measures (columns) and a row per group.
  public struct Dimension: Sendable, Codable, Equatable {
    public var field: String
    /// `band high`, `indicator persistent_absence: fired`, ...
    public var measures: [String]
    public var rows: [Row]
  }

  public var minimumCount: Int
  public var scored: Int
  public var dimensions: [Dimension]

  /// The profile of `outcomes` over `groupings`; each outcome's table is suppressed on its
  /// own, and each grouping's populations once for all its tables.
  public init(groupings: [Grouping], outcomes: [OutcomeDivision]) {
    self.init(
      counts: groupings.map { DimensionCounts($0, outcomes: outcomes) },
      outcomes: outcomes.map(\.outcome))
  }

  /// The profile from each grouping's counts of `outcomes` (`counts[d].tables[o]` is grouping
  /// `d` by outcome `o`), suppressed as ``init(groupings:outcomes:)`` does.
  public init(counts: [DimensionCounts], outcomes: [OutcomeCategories]) {
    minimumCount = CellSuppression.threshold
    scored = counts.first?.total ?? 0
    let totals = counts.map { CellSuppression.rowTotals($0.populations) }
    let suppressed = DimensionCounts.suppressed(counts, rowTotals: totals)
    dimensions = counts.indices.map { d in
      let dimension = counts[d]
      var measures: [String] = []
      var columns: [[PublishedCount]] = []
      for (o, outcome) in outcomes.enumerated() {
        for c in outcome.reported {
          measures.append(outcome.label(c))
          columns.append(suppressed[d][o].cells.map { $0[c] })
        }
      }
      let rows = dimension.groups.indices.map { r in
        Row(group: dimension.groups[r], population: totals[d][r], counts: columns.map { $0[r] })
      }
      return Dimension(field: dimension.field, measures: measures, rows: rows)
    }
  }

  /// The profile as JSON with sorted keys: the bytes `JSONEncoder` writes for it
  /// (``PrettyJSON``), written directly, as the profile of a large population has tens of
  /// thousands of counts.
  public var json: String {
    var out = PrettyJSON()
    out.object { out in
      out.key("dimensions")
      out.array { out in
        for dimension in dimensions {
          out.element()
          out.object { out in
            out.key("field")
            out.string(dimension.field)
            out.key("measures")
            out.array { out in
              for measure in dimension.measures {
                out.element()
                out.string(measure)
              }
            }
            out.key("rows")
            out.array { out in
              for row in dimension.rows {
                out.element()
                out.object { out in
                  out.key("counts")
                  out.array { out in
                    for count in row.counts {
                      out.element()
                      Self.write(count, to: &out)
                    }
                  }
                  out.key("group")
                  out.string(row.group)
                  out.key("population")
                  Self.write(row.population, to: &out)
                }
              }
            }
          }
        }
      }
      out.key("minimum_count")
      out.int(minimumCount)
      out.key("scored")
      out.int(scored)
    }
    return String(decoding: out.bytes, as: UTF8.self)
  }

  /// A count as its `Codable` form writes it: the number, or `<5` or `c` as a string.
  private static func write(_ count: PublishedCount, to out: inout PrettyJSON) {
    if let value = count.value { out.int(value) } else { out.string(count.description) }
  }

  /// A profile read back from JSON (as stored in a run's summary).
  public init(json: String) throws {
    self = try MeasureJSON.decode(Self.self, from: json)
  }
}

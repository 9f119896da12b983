// The score route's answer written by hand (``JSONWriter``): the same members, keys and
// values as its `Encodable` form through `APIResponse.encoder` (snake_case keys, in sorted
// order), a test checks, at a fraction of the cost.

extension APIBody.Score {
  /// The answer as JSON text.
  var json: [UInt8] {
    var json = JSONWriter()
    json.object {
      $0.key("explanation")
      explanation.write(to: &$0)
      $0.member("explanation_text", explanationText)
      $0.key("pack")
      $0.object {
        $0.member("hash", pack.hash)
        $0.member("id", pack.id)
        $0.member("version", pack.version)
      }
    }
    return json.bytes
  }
}

extension APIBody.Explained {
  func write(to json: inout JSONWriter) {
    json.object {
      $0.member("as_of", asOf)
      $0.member("band", band)
      $0.key("domains")
      $0.array(domains) { json, domain in
        json.object {
          $0.member("cap", domain.cap)
          $0.member("capped", domain.capped)
          $0.member("id", domain.id)
          $0.member("name", domain.name)
          $0.member("raw", domain.raw)
        }
      }
      $0.key("failed")
      $0.array(failed) { json, failed in
        json.object {
          $0.member("id", failed.id)
          $0.member("message", failed.message)
        }
      }
      $0.key("fired")
      $0.array(fired) { json, fired in
        json.object {
          $0.member("basis", fired.basis)
          $0.member("domain", fired.domain)
          $0.member("id", fired.id)
          $0.member("points", fired.points)
          $0.member("sentence", fired.sentence)
        }
      }
      $0.member("in_scope", inScope)
      $0.key("not_evaluated")
      $0.array(notEvaluated) { json, missing in
        json.object {
          $0.member("id", missing.id)
          $0.key("needs")
          $0.array(missing.needs) { $0.string($1) }
        }
      }
      $0.member("person_id", personId)
      $0.key("programmes")
      $0.array(programmes) { json, programme in
        json.object {
          $0.member("id", programme.id)
          $0.member("name", programme.name)
          $0.member("reason", programme.reason)
          $0.member("route", programme.route)
          $0.member("status", programme.status)
        }
      }
      $0.member("score", score)
    }
  }
}

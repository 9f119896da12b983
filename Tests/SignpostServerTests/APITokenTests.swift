import Testing

@testable import SignpostServer

/// The scheme in any case, the token without the spaces and tabs around it; another
/// scheme, a scheme alone or one without its space is no token.
@Test func theBearerTokenIsReadFromTheHeader() {
  #expect(APITokenMiddleware.bearerToken("Bearer spt_abc") == "spt_abc")
  #expect(APITokenMiddleware.bearerToken("bEaReR \t spt_abc \t") == "spt_abc")
  #expect(APITokenMiddleware.bearerToken("Basic dXNlcjpwdw==") == nil)
  #expect(APITokenMiddleware.bearerToken("Bearer    ") == nil)
  #expect(APITokenMiddleware.bearerToken("Bearer") == nil)
  #expect(APITokenMiddleware.bearerToken("Bearer_spt_abc") == nil)
  #expect(APITokenMiddleware.bearerToken("Bearer!spt_abc") == nil)
  #expect(APIToken.digest("spt_abc") == APIToken.digest("Bearer spt_abc".dropFirst(7)))
}

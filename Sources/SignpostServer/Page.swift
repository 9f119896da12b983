/// What every page's template gets: the frame the layout draws (title, pack, who is signed
/// in, the CSRF token for the sign-out form) and the page's own content.
public struct Page<Content: Sendable>: Sendable {
  public var title: String
  public var pack: PackBadge
  public var userName: String?
  public var role: String?
  public var csrf: String?
  public var page: Content

  public init(title: String, pack: PackBadge, session: UserSession?, page: Content) {
    self.title = title
    self.pack = pack
    userName = session?.user.name
    role = session?.user.role.rawValue
    csrf = session?.csrfToken
    self.page = page
  }
}

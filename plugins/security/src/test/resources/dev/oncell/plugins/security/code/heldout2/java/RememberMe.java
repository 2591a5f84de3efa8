// oncell-bench: vulnerable cookie
import javax.servlet.http.*;

public class RememberMe {
  public void remember(HttpServletResponse response, String token) {
    Cookie cookie = new Cookie("remember", token);
    cookie.setMaxAge(30 * 24 * 3600);
    cookie.setPath("/");
    response.addCookie(cookie);
  }
}

// oncell-bench: vulnerable trust-boundary
import javax.servlet.http.*;

public class SessionFilter {
  public void remember(HttpServletRequest request) {
    HttpSession session = request.getSession();
    String role = request.getHeader("X-Role");
    session.setAttribute("role", role);
  }
}

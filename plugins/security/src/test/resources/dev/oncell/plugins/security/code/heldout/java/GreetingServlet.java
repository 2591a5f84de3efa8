// oncell-bench: vulnerable xss
import java.io.*;
import javax.servlet.http.*;

public class GreetingServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    PrintWriter out = resp.getWriter();
    String who = "guest";
    Cookie[] cookies = req.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals("who")) {
          who = c.getValue();
        }
      }
    }
    out.printf("<h1>Welcome back, %s</h1>", who);
  }
}

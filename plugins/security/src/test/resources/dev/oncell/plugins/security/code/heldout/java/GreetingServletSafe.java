// oncell-bench: safe xss
import java.io.*;
import javax.servlet.http.*;
import org.apache.commons.text.StringEscapeUtils;

public class GreetingServletSafe extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    PrintWriter out = resp.getWriter();
    String who = req.getParameter("who");
    out.printf("<h1>Welcome back, %s</h1>", StringEscapeUtils.escapeHtml4(who));
  }
}

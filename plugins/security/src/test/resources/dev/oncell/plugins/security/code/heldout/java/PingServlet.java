// oncell-bench: vulnerable command
import java.io.*;
import javax.servlet.http.*;

public class PingServlet extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String host = req.getHeader("X-Target");
    String[] cmd = {"/bin/sh", "-c", "ping -c 1 " + host};
    Process p = Runtime.getRuntime().exec(cmd);
    resp.getWriter().println("exit " + p.exitValue());
  }
}

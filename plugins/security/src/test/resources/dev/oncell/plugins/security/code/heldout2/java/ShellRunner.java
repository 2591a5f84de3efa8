// oncell-bench: safe command
import java.io.IOException;
import javax.servlet.http.*;

public class ShellRunner extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String action = req.getParameter("action");
    String command = "restart".equals(action) ? "systemctl restart app" : "systemctl status app";
    Runtime.getRuntime().exec(command);
  }
}

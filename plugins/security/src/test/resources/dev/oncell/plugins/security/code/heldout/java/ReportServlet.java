// oncell-bench: vulnerable path
import java.io.*;
import java.nio.file.*;
import javax.servlet.http.*;

public class ReportServlet extends HttpServlet {
  private static final Path REPORTS = Paths.get("/srv/reports");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = req.getParameter("report");
    Path file = REPORTS.resolve(name);
    resp.getOutputStream().write(Files.readAllBytes(file));
  }
}

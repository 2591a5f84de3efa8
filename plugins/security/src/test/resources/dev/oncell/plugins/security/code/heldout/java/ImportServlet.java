// oncell-bench: vulnerable deserialization
import java.io.*;
import javax.servlet.http.*;

public class ImportServlet extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(req.getInputStream()))) {
      Object settings = in.readObject();
      resp.getWriter().println("imported " + settings.getClass().getSimpleName());
    } catch (ClassNotFoundException e) {
      resp.sendError(400);
    }
  }
}

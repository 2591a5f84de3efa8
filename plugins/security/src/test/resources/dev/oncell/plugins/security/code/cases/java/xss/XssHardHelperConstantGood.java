// oncell-bench: safe xss
import java.io.*;
import java.security.*;
import java.sql.*;
import java.util.*;
import javax.crypto.Cipher;
import javax.naming.directory.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;

public class XssHardHelperConstantGood extends HttpServlet {
  private static final Set<String> ALLOWED = Set.of("alice", "bob");
  private Connection conn;
  private Statement stmt;
  private DirContext ctx;
  private SearchControls controls;
  private XPath xpath;
  private Object doc;
  private String name;

  static class Helper {
    String decorate(String s) {
      return "[" + s + "]";
    }

    String ignore(String s) {
      return "constant";
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
    String param = request.getParameter("name");
    String bar = new Helper().ignore(param);
    response.getWriter().println("<p>Hello " + bar + "</p>");
  }
}

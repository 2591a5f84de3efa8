// oncell-bench: safe trust-boundary
import java.io.*;
import java.security.*;
import java.sql.*;
import java.util.*;
import javax.crypto.Cipher;
import javax.naming.directory.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;

public class TrustBoundaryDeadBranchGood extends HttpServlet {
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
    int num = 86;
    String bar;
    if ((7 * 42) - num > 200) {
      bar = "safe";
    } else {
      bar = param;
    }
    request.getSession().setAttribute("user", bar);
  }
}

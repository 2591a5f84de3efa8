// oncell-bench: vulnerable command
import java.io.*;
import java.security.*;
import java.sql.*;
import java.util.*;
import javax.crypto.Cipher;
import javax.naming.directory.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;

public class CommandHardLoopCarriedBad extends HttpServlet {
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
    String previous = "start";
    String bar = "start";
    for (int i = 0; i < 2; i++) {
      bar = previous;
      previous = param;
    }
    Runtime.getRuntime().exec("ping -c 1 " + bar);
  }
}

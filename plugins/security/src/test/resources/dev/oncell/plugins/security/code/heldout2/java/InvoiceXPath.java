// oncell-bench: vulnerable xpath
import javax.servlet.http.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

public class InvoiceXPath extends HttpServlet {
  private Document invoices;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
    String customer = request.getParameter("customer");
    XPath xpath = XPathFactory.newInstance().newXPath();
    try {
      String total = xpath.evaluate("sum(//invoice[@customer='" + customer + "']/amount)", invoices);
      response.getWriter().write(total);
    } catch (XPathExpressionException e) {
      response.sendError(400);
    }
  }
}

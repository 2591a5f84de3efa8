package dev.oncell.plugins.security.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per category and language: the engine finds the textbook flaw and passes the textbook fix. The
 * labelled cases ({@link LabelledCasesTest}) hold the trickier variants.
 */
class TextbookCasesTest {

  private static final CodeScanner SCANNER = CodeScanner.create();

  static Stream<Arguments> textbook() {
    return Stream.of(
        // category, file, flawed, fixed
        Arguments.of(
            "sql",
            "A.java",
            "class A { void f(HttpServletRequest req, Statement st) throws Exception {\n"
                + "  String id = req.getParameter(\"id\");\n"
                + "  st.executeQuery(\"SELECT * FROM t WHERE id = '\" + id + \"'\");\n} }",
            "class A { void f(HttpServletRequest req, Connection c) throws Exception {\n"
                + "  String id = req.getParameter(\"id\");\n"
                + "  PreparedStatement ps = c.prepareStatement(\"SELECT * FROM t WHERE id = ?\");\n"
                + "  ps.setString(1, id);\n  ps.executeQuery();\n} }"),
        Arguments.of(
            "sql",
            "a.py",
            "@app.route('/u')\ndef u():\n    name = request.args.get('name')\n"
                + "    cursor.execute(\"SELECT * FROM t WHERE name = '%s'\" % name)\n",
            "@app.route('/u')\ndef u():\n    name = request.args.get('name')\n"
                + "    cursor.execute(\"SELECT * FROM t WHERE name = %s\", (name,))\n"),
        Arguments.of(
            "sql",
            "a.js",
            "app.get('/u', (req, res) => {\n  db.query(\"SELECT * FROM t WHERE id = \" + req.query.id);\n});",
            "app.get('/u', (req, res) => {\n  db.query(\"SELECT * FROM t WHERE id = ?\", [req.query.id]);\n});"),
        Arguments.of(
            "sql",
            "a.ts",
            "app.get('/u', (req: Request, res: Response) => {\n  const id: string = req.query.id as string;\n"
                + "  db.query(`SELECT * FROM t WHERE id = ${id}`);\n});",
            "app.get('/u', (req: Request, res: Response) => {\n  const id: string = req.query.id as string;\n"
                + "  db.query('SELECT * FROM t WHERE id = $1', [id]);\n});"),
        Arguments.of(
            "sql",
            "a.go",
            "package a\nfunc h(w http.ResponseWriter, r *http.Request) {\n  id := r.FormValue(\"id\")\n"
                + "  db.Query(\"SELECT * FROM t WHERE id = \" + id)\n}",
            "package a\nfunc h(w http.ResponseWriter, r *http.Request) {\n  id := r.FormValue(\"id\")\n"
                + "  db.Query(\"SELECT * FROM t WHERE id = ?\", id)\n}"),
        Arguments.of(
            "command",
            "A.java",
            "class A { void f(HttpServletRequest req) throws Exception {\n"
                + "  Runtime.getRuntime().exec(\"ping \" + req.getParameter(\"host\"));\n} }",
            "class A { void f(HttpServletRequest req) throws Exception {\n"
                + "  int n = Integer.parseInt(req.getParameter(\"n\"));\n"
                + "  Runtime.getRuntime().exec(\"ping -c \" + n + \" localhost\");\n} }"),
        Arguments.of(
            "command",
            "a.py",
            "def f():\n    host = input()\n    os.system('ping ' + host)\n",
            "def f():\n    host = input()\n    os.system('ping ' + shlex.quote(host))\n"),
        Arguments.of(
            "ldap",
            "A.java",
            "class A { void f(HttpServletRequest req, DirContext ctx, SearchControls sc) throws Exception {\n"
                + "  ctx.search(\"dc=x\", \"(uid=\" + req.getParameter(\"u\") + \")\", sc);\n} }",
            "class A { void f(HttpServletRequest req, DirContext ctx, SearchControls sc) throws Exception {\n"
                + "  String u = ESAPI.encoder().encodeForLDAP(req.getParameter(\"u\"));\n"
                + "  ctx.search(\"dc=x\", \"(uid=\" + u + \")\", sc);\n} }"),
        Arguments.of(
            "xpath",
            "A.java",
            "class A { void f(HttpServletRequest req, XPath xp, Object doc) throws Exception {\n"
                + "  xp.evaluate(\"//user[@name='\" + req.getParameter(\"u\") + \"']\", doc);\n} }",
            "class A { void f(HttpServletRequest req, XPath xp, Object doc) throws Exception {\n"
                + "  String u = ESAPI.encoder().encodeForXPath(req.getParameter(\"u\"));\n"
                + "  xp.evaluate(\"//user[@name='\" + u + \"']\", doc);\n} }"),
        Arguments.of(
            "path",
            "a.go",
            "package a\nfunc h(w http.ResponseWriter, r *http.Request) {\n"
                + "  os.ReadFile(filepath.Join(\"/data\", r.URL.Query().Get(\"f\")))\n}",
            "package a\nfunc h(w http.ResponseWriter, r *http.Request) {\n"
                + "  os.ReadFile(filepath.Join(\"/data\", filepath.Base(r.URL.Query().Get(\"f\"))))\n}"),
        Arguments.of(
            "xss",
            "a.js",
            "app.get('/', (req, res) => {\n  res.send('<h1>' + req.query.q + '</h1>');\n});",
            "app.get('/', (req, res) => {\n  res.send('<h1>' + escapeHtml(req.query.q) + '</h1>');\n});"),
        Arguments.of(
            "xss",
            "A.java",
            "class A { void f(HttpServletRequest req, HttpServletResponse resp) throws Exception {\n"
                + "  resp.getWriter().print(req.getParameter(\"q\"));\n} }",
            "class A { void f(HttpServletRequest req, HttpServletResponse resp) throws Exception {\n"
                + "  resp.getWriter().print(Encode.forHtml(req.getParameter(\"q\")));\n} }"),
        Arguments.of(
            "weak-hash",
            "A.java",
            "class A { byte[] f(byte[] pw) throws Exception {\n"
                + "  return MessageDigest.getInstance(\"MD5\").digest(pw);\n} }",
            "class A { byte[] f(byte[] pw) throws Exception {\n"
                + "  return MessageDigest.getInstance(\"SHA-256\").digest(pw);\n} }"),
        Arguments.of(
            "weak-cipher",
            "a.js",
            "const c = crypto.createCipheriv('des-ede3-cbc', key, iv);",
            "const c = crypto.createCipheriv('aes-256-gcm', key, iv);"),
        Arguments.of(
            "random",
            "a.py",
            "def f():\n    reset_token = str(random.random())\n",
            "def f():\n    reset_token = secrets.token_urlsafe(16)\n"),
        Arguments.of(
            "cookie",
            "a.go",
            "package a\nfunc h(w http.ResponseWriter, r *http.Request) {\n"
                + "  http.SetCookie(w, &http.Cookie{Name: \"s\", Value: \"v\"})\n}",
            "package a\nfunc h(w http.ResponseWriter, r *http.Request) {\n"
                + "  http.SetCookie(w, &http.Cookie{Name: \"s\", Value: \"v\", Secure: true, HttpOnly: true})\n}"),
        Arguments.of(
            "trust-boundary",
            "a.py",
            "@app.post('/login')\ndef login():\n    session['user'] = request.form['user']\n",
            "@app.post('/login')\ndef login():\n    user = request.form['user']\n"
                + "    if user in KNOWN_USERS:\n        session['user'] = user\n"),
        Arguments.of(
            "deserialization",
            "A.java",
            "class A { void f(HttpServletRequest req) throws Exception {\n"
                + "  new ObjectInputStream(req.getInputStream()).readObject();\n} }",
            "class A { void f(HttpServletRequest req) throws Exception {\n"
                + "  new ObjectInputStream(new FileInputStream(\"/etc/app/state.bin\")).readObject();\n} }"),
        Arguments.of(
            "deserialization",
            "a.py",
            "@app.post('/load')\ndef load():\n    return yaml.load(request.data)\n",
            "@app.post('/load')\ndef load():\n    return yaml.load(request.data, Loader=yaml.SafeLoader)\n"));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("textbook")
  void findsTheFlawAndPassesTheFix(String category, String path, String flawed, String fixed) {
    List<Finding> found = scan(path, flawed);
    assertThat(found)
        .as("the textbook %s flaw in %s is found", category, path)
        .anyMatch(f -> categoryOf(f).equals(category));
    assertThat(scan(path, fixed))
        .as("the textbook %s fix in %s passes", category, path)
        .noneMatch(f -> categoryOf(f).equals(category));
  }

  static List<Finding> scan(String path, String text) {
    return SCANNER.scan(List.of(new SourceFile(path, "x", text.getBytes(StandardCharsets.UTF_8))));
  }

  private static final LabelledCase.RuleCategories CATEGORIES = new LabelledCase.RuleCategories();

  static String categoryOf(Finding f) {
    return CATEGORIES.category("", f.rule());
  }
}

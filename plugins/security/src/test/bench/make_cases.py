#!/usr/bin/env python3
"""Writes the code engine's labelled cases (src/test/resources/.../code/cases): small files, each marked
vulnerable or safe for one category on its first line, in the style of the OWASP Benchmark. The cases
are generated from per-language sources, sinks and sanitizers so every category gets the same tricky
negatives: constants, sanitizers, dead branches, overwritten variables, constant choices, allow-lists.
Run it from this folder after changing it; the generated files are committed."""
import os, shutil

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "oncell", "plugins", "security", "code", "cases")

JAVA_HEAD = """import java.io.*;
import java.security.*;
import java.sql.*;
import java.util.*;
import javax.crypto.Cipher;
import javax.naming.directory.*;
import javax.servlet.http.*;
import javax.xml.xpath.*;

public class {name} extends HttpServlet {{
  private static final Set<String> ALLOWED = Set.of("alice", "bob");
  private Connection conn;
  private Statement stmt;
  private DirContext ctx;
  private SearchControls controls;
  private XPath xpath;
  private Object doc;
  private String name;

  static class Helper {{
    String decorate(String s) {{
      return "[" + s + "]";
    }}

    String ignore(String s) {{
      return "constant";
    }}
  }}

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {{
{body}
  }}
}}
"""
PY_HEAD = """import base64, hashlib, os, pickle, random, secrets, shlex, subprocess
from flask import Flask, request, session, make_response
from markupsafe import escape

app = Flask(__name__)
ALLOWED = {{"alice", "bob"}}


def decorate(s):
    return "[" + s + "]"


def ignore(s):
    return "constant"


@app.route("/case", methods=["POST"])
def {name}():
{body}
    return "ok"
"""
JS_HEAD = """const express = require('express');
const child_process = require('child_process');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const xpath = require('xpath');
const serialize = require('node-serialize');
const escapeHtml = require('escape-html');
const app = express();
const ALLOWED = new Set(['alice', 'bob']);
const decorate = (s) => '[' + s + ']';
const ignore = (s) => 'constant';

app.post('/case', (req, res) => {{
{body}
  res.end();
}});
"""
GO_HEAD = """package cases

import (
\t"crypto/md5"
\t"database/sql"
\t"fmt"
\t"html"
\t"math/rand"
\t"net/http"
\t"os"
\t"os/exec"
\t"path/filepath"
\t"strconv"
)

var db *sql.DB
var allowed = map[string]bool{{"alice": true, "bob": true}}

func decorate(s string) string {{ return "[" + s + "]" }}

func ignore(s string) string {{ return "constant" }}

func {name}(w http.ResponseWriter, r *http.Request) {{
{body}
}}
"""

LANGS = {
    "java": dict(ext="java", head=JAVA_HEAD, comment="//", indent="    ",
                 src='request.getParameter("name")'),
    "python": dict(ext="py", head=PY_HEAD, comment="#", indent="    ",
                   src='request.args.get("name")'),
    "javascript": dict(ext="js", head=JS_HEAD, comment="//", indent="  ",
                       src="req.query.name"),
    "go": dict(ext="go", head=GO_HEAD, comment="//", indent="\t",
               src='r.URL.Query().Get("name")'),
}

# Taint sinks: statement(s) with {v}; "safeapi": the same operation done safely with the tainted value.
SINKS = {
    "java": {
        "sql": dict(sink='stmt.executeQuery("SELECT * FROM users WHERE name = \'" + {v} + "\'");',
                    san=['String.valueOf(Integer.parseInt({v}))'],
                    safeapi='PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");\nps.setString(1, {v});\nps.executeQuery();'),
        "command": dict(sink='Runtime.getRuntime().exec("ping -c 1 " + {v});',
                        san=['String.valueOf(Integer.parseInt({v}))']),
        "ldap": dict(sink='ctx.search("ou=people,dc=example,dc=com", "(uid=" + {v} + ")", controls);',
                     san=['org.owasp.esapi.ESAPI.encoder().encodeForLDAP({v})']),
        "xpath": dict(sink='xpath.evaluate("/users/user[@name=\'" + {v} + "\']", doc);',
                      san=['org.owasp.esapi.ESAPI.encoder().encodeForXPath({v})']),
        "path": dict(sink='new FileInputStream(new File("/var/data/", {v})).close();',
                     san=['org.apache.commons.io.FilenameUtils.getName({v})']),
        "xss": dict(sink='response.getWriter().println("<p>Hello " + {v} + "</p>");',
                    san=['org.owasp.encoder.Encode.forHtml({v})']),
        "trust-boundary": dict(sink='request.getSession().setAttribute("user", {v});',
                               san=['String.valueOf(Integer.parseInt({v}))']),
        "deserialization": dict(sink='ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode({v})));\nin.readObject();',
                                san=['String.valueOf(Long.parseLong({v}))']),
    },
    "python": {
        "sql": dict(sink='cursor.execute("SELECT * FROM users WHERE name = \'%s\'" % {v})',
                    san=['str(int({v}))'],
                    safeapi='cursor.execute("SELECT * FROM users WHERE name = %s", ({v},))'),
        "command": dict(sink='os.system("ping -c 1 " + {v})',
                        san=['shlex.quote({v})'],
                        safeapi='subprocess.run(["ping", "-c", "1", {v}])'),
        "ldap": dict(sink='conn.search("dc=example,dc=com", "(uid=" + {v} + ")")',
                     san=['escape_filter_chars({v})']),
        "xpath": dict(sink='root.xpath("/users/user[@name=\'" + {v} + "\']")',
                      san=['str(int({v}))']),
        "path": dict(sink='open(os.path.join("/var/data", {v})).close()',
                     san=['os.path.basename({v})']),
        "xss": dict(sink='return make_response("<p>Hello " + {v} + "</p>")',
                    san=['escape({v})']),
        "trust-boundary": dict(sink='session["user"] = {v}',
                               san=['str(int({v}))']),
        "deserialization": dict(sink='pickle.loads(base64.b64decode({v}))',
                                san=['str(int({v}))'],
                                safeapi='json.loads(base64.b64decode({v}))'),
    },
    "javascript": {
        "sql": dict(sink='db.query("SELECT * FROM users WHERE name = \'" + {v} + "\'");',
                    san=['String(parseInt({v}, 10))'],
                    safeapi='db.query("SELECT * FROM users WHERE name = ?", [{v}]);'),
        "command": dict(sink='child_process.exec("ping -c 1 " + {v});',
                        san=['String(parseInt({v}, 10))'],
                        safeapi='child_process.execFile("ping", ["-c", "1", {v}]);'),
        "ldap": dict(sink='ldapClient.search("dc=example,dc=com", { filter: "(uid=" + {v} + ")" }, () => {});',
                     san=['String(parseInt({v}, 10))']),
        "xpath": dict(sink='xpath.select("//user[@name=\'" + {v} + "\']", doc);',
                      san=['String(parseInt({v}, 10))']),
        "path": dict(sink='fs.readFileSync(path.join("/var/data", {v}));',
                     san=['path.basename({v})']),
        "xss": dict(sink='res.send("<p>Hello " + {v} + "</p>");',
                    san=['escapeHtml({v})']),
        "trust-boundary": dict(sink='req.session.user = {v};',
                               san=['String(parseInt({v}, 10))']),
        "deserialization": dict(sink='serialize.unserialize({v});',
                                san=['String(parseInt({v}, 10))'],
                                safeapi='JSON.parse({v});'),
    },
    "go": {
        "sql": dict(sink='db.Query("SELECT * FROM users WHERE name = \'" + {v} + "\'")',
                    san=['strconv.Itoa(atoi({v}))'],
                    safeapi='db.Query("SELECT * FROM users WHERE name = ?", {v})'),
        "command": dict(sink='exec.Command("sh", "-c", "ping -c 1 "+{v}).Run()',
                        san=['strconv.Itoa(atoi({v}))']),
        "ldap": dict(sink='ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+{v}+")", []string{{"dn"}}, nil)',
                     san=['ldap.EscapeFilter({v})']),
        "xpath": dict(sink='xmlquery.Find(doc, "//user[@name=\'"+{v}+"\']")',
                      san=['strconv.Itoa(atoi({v}))']),
        "path": dict(sink='os.ReadFile(filepath.Join("/var/data", {v}))',
                     san=['filepath.Base({v})']),
        "xss": dict(sink='fmt.Fprintf(w, "<p>Hello %s</p>", {v})',
                    san=['html.EscapeString({v})']),
        "trust-boundary": dict(sink='session.Values["user"] = {v}',
                               san=['strconv.Itoa(atoi({v}))']),
    },
}

def java_variants(src, sink, sans, safeapi):
    s = lambda v: sink.replace("{v}", v)
    out = [
        ("vulnerable", "Direct", f'String param = {src};\n' + s("param")),
        ("vulnerable", "Builder", f'String param = {src};\nStringBuilder sb = new StringBuilder();\nsb.append("x-").append(param);\nString bar = sb.toString().trim();\n' + s("bar")),
        ("vulnerable", "Branch", f'String param = {src};\nString bar = "none";\nif (param.length() > 3) {{\n  bar = param;\n}}\n' + s("bar")),
        ("vulnerable", "Switch", f'String param = {src};\nString bar;\nswitch (param.length()) {{\n  case 1:\n    bar = "one";\n    break;\n  default:\n    bar = param;\n}}\n' + s("bar")),
        ("vulnerable", "Format", f'String param = {src};\nString bar = String.format("%s-%s", "id", param);\n' + s("bar")),
        ("safe", "Constant", 'String bar = "alice";\n' + s("bar")),
        ("safe", "DeadBranch", f'String param = {src};\nint num = 86;\nString bar;\nif ((7 * 42) - num > 200) {{\n  bar = "safe";\n}} else {{\n  bar = param;\n}}\n' + s("bar")),
        ("safe", "Overwritten", f'String bar = {src};\nbar = "fixed";\n' + s("bar")),
        ("safe", "ConstantChoice", f'String param = {src};\nString bar = param.isEmpty() ? "guest" : "member";\n' + s("bar")),
        ("safe", "AllowList", f'String param = {src};\nif (ALLOWED.contains(param)) {{\n' + s("param") + '\n}'),
        ("safe", "SwitchConstants", f'String param = {src};\nString bar;\nswitch (param) {{\n  case "a":\n    bar = "A";\n    break;\n  default:\n    bar = "B";\n}}\n' + s("bar")),
        ("safe", "CharAtSwitch", f'String param = {src};\nString guess = "ABC";\nchar target = guess.charAt(1);\nString bar;\nswitch (target) {{\n  case \'A\':\n    bar = param;\n    break;\n  case \'B\':\n    bar = "bob";\n    break;\n  default:\n    bar = param;\n}}\n' + s("bar")),
    ]
    for i, san in enumerate(sans):
        out.append(("safe", f"Sanitized{i}", f'String param = {src};\nString bar = {san.replace("{v}", "param")};\n' + s("bar")))
    if safeapi:
        out.append(("safe", "SafeApi", f'String param = {src};\n' + safeapi.replace("{v}", "param")))
    return out

def py_variants(src, sink, sans, safeapi):
    s = lambda v: sink.replace("{v}", v)
    out = [
        ("vulnerable", "Direct", f'param = {src}\n' + s("param")),
        ("vulnerable", "Fstring", f'param = {src}\nbar = f"x-{{param}}".strip()\n' + s("bar")),
        ("vulnerable", "Branch", f'param = {src}\nbar = "none"\nif len(param) > 3:\n    bar = param\n' + s("bar")),
        ("vulnerable", "Join", f'param = {src}\nparts = ["x"]\nparts.append(param)\nbar = "-".join(parts)\n' + s("bar")),
        ("vulnerable", "Format", f'param = {src}\nbar = "{{}}-{{}}".format("id", param)\n' + s("bar")),
        ("safe", "Constant", 'bar = "alice"\n' + s("bar")),
        ("safe", "DeadBranch", f'param = {src}\nnum = 86\nif (7 * 42) - num > 200:\n    bar = "safe"\nelse:\n    bar = param\n' + s("bar")),
        ("safe", "Overwritten", f'bar = {src}\nbar = "fixed"\n' + s("bar")),
        ("safe", "ConstantChoice", f'param = {src}\nbar = "guest" if not param else "member"\n' + s("bar")),
        ("safe", "AllowList", f'param = {src}\nif param in ALLOWED:\n' + "\n".join("    " + l for l in s("param").split("\n"))),
        ("safe", "EarlyReturn", f'param = {src}\nif param not in ALLOWED:\n    return "no"\n' + s("param")),
    ]
    for i, san in enumerate(sans):
        out.append(("safe", f"Sanitized{i}", f'param = {src}\nbar = {san.replace("{v}", "param")}\n' + s("bar")))
    if safeapi:
        out.append(("safe", "SafeApi", f'param = {src}\n' + safeapi.replace("{v}", "param")))
    return out

def js_variants(src, sink, sans, safeapi):
    s = lambda v: sink.replace("{v}", v)
    out = [
        ("vulnerable", "Direct", f'const param = {src};\n' + s("param")),
        ("vulnerable", "Template", f'const param = {src};\nconst bar = `x-${{param}}`.trim();\n' + s("bar")),
        ("vulnerable", "Branch", f'const param = {src};\nlet bar = "none";\nif (param.length > 3) {{\n  bar = param;\n}}\n' + s("bar")),
        ("vulnerable", "Array", f'const param = {src};\nconst parts = ["x"];\nparts.push(param);\nconst bar = parts.join("-");\n' + s("bar")),
        ("safe", "Constant", 'const bar = "alice";\n' + s("bar")),
        ("safe", "DeadBranch", f'const param = {src};\nconst num = 86;\nlet bar;\nif ((7 * 42) - num > 200) {{\n  bar = "safe";\n}} else {{\n  bar = param;\n}}\n' + s("bar")),
        ("safe", "Overwritten", f'let bar = {src};\nbar = "fixed";\n' + s("bar")),
        ("safe", "ConstantChoice", f'const param = {src};\nconst bar = param ? "member" : "guest";\n' + s("bar")),
        ("safe", "AllowList", f'const param = {src};\nif (ALLOWED.has(param)) {{\n' + s("param") + '\n}'),
        ("safe", "RegexGuard", f'const param = {src};\nif (!/^[a-z]+$/.test(param)) {{\n  return res.status(400).end();\n}}\n' + s("param")),
    ]
    for i, san in enumerate(sans):
        out.append(("safe", f"Sanitized{i}", f'const param = {src};\nconst bar = {san.replace("{v}", "param")};\n' + s("bar")))
    if safeapi:
        out.append(("safe", "SafeApi", f'const param = {src};\n' + safeapi.replace("{v}", "param")))
    return out

def go_variants(src, sink, sans, safeapi):
    s = lambda v: sink.replace("{v}", v)
    out = [
        ("vulnerable", "Direct", f'param := {src}\n' + s("param")),
        ("vulnerable", "Sprintf", f'param := {src}\nbar := fmt.Sprintf("x-%s", param)\n' + s("bar")),
        ("vulnerable", "Branch", f'param := {src}\nbar := "none"\nif len(param) > 3 {{\n\tbar = param\n}}\n' + s("bar")),
        ("vulnerable", "FormValue", 'param := r.FormValue("name")\n' + s("param")),
        ("safe", "Constant", 'bar := "alice"\n' + s("bar")),
        ("safe", "DeadBranch", f'param := {src}\nnum := 86\nvar bar string\nif (7*42)-num > 200 {{\n\tbar = "safe"\n}} else {{\n\tbar = param\n}}\n' + s("bar")),
        ("safe", "Overwritten", f'bar := {src}\nbar = "fixed"\n' + s("bar")),
        ("safe", "SwitchConstants", f'param := {src}\nvar bar string\nswitch param {{\ncase "a":\n\tbar = "A"\ndefault:\n\tbar = "B"\n}}\n' + s("bar")),
        ("safe", "AllowList", f'param := {src}\nif param != "alice" && param != "bob" {{\n\treturn\n}}\n' + s("param")),
        ("safe", "Atoi", f'param := {src}\nn, err := strconv.Atoi(param)\nif err != nil {{\n\treturn\n}}\nbar := strconv.Itoa(n)\n' + s("bar")),
    ]
    for i, san in enumerate(sans):
        if "atoi(" in san:
            continue
        out.append(("safe", f"Sanitized{i}", f'param := {src}\nbar := {san.replace("{v}", "param")}\n' + s("bar")))
    if safeapi:
        out.append(("safe", "SafeApi", f'param := {src}\n' + safeapi.replace("{v}", "param")))
    return out


# Harder variants, for the categories where a flow decides: inter-procedural code, collections, wrong
# sanitizers, loops. Several are beyond an intra-procedural engine on purpose: they are the known misses.
HARD_CATEGORIES = ["sql", "command", "path", "xss"]
WRONG_SANITIZER = {"java": "org.owasp.encoder.Encode.forHtml({v})", "python": "escape({v})",
                   "javascript": "escapeHtml({v})", "go": "html.EscapeString({v})"}
XSS_WRONG = {"java": 'param.replace("\'", "")', "python": 'param.replace("\'", "")',
             "javascript": 'param.replace("\'", "")', "go": 'strings.ReplaceAll(param, "\'", "")'}

def java_hard(src, sink, category):
    s = lambda v: sink.replace("{v}", v)
    wrong = WRONG_SANITIZER["java"] if category != "xss" else XSS_WRONG["java"]
    return [
        ("vulnerable", "HardHelper", f'String param = {src};\nString bar = new Helper().decorate(param);\n' + s("bar")),
        ("safe", "HardHelperConstant", f'String param = {src};\nString bar = new Helper().ignore(param);\n' + s("bar")),
        ("vulnerable", "HardMapTaintedKey", f'String param = {src};\nMap<String, String> map = new HashMap<>();\nmap.put("keyA", "a-value");\nmap.put("keyB", param);\nString bar = map.get("keyB");\n' + s("bar")),
        ("safe", "HardMapSafeKey", f'String param = {src};\nMap<String, String> map = new HashMap<>();\nmap.put("keyA", "a-value");\nmap.put("keyB", param);\nString bar = map.get("keyA");\n' + s("bar")),
        ("vulnerable", "HardArrayElement", f'String param = {src};\nString[] values = {{"safe", param}};\nString bar = values[1];\n' + s("bar")),
        ("safe", "HardArrayElementSafe", f'String param = {src};\nString[] values = {{"safe", param}};\nString bar = values[0];\n' + s("bar")),
        ("vulnerable", "HardWrongSanitizer", f'String param = {src};\nString bar = {wrong.replace("{v}", "param")};\n' + s("bar")),
        ("vulnerable", "HardSanitizedOneBranch", f'String param = {src};\nString bar;\nif (param.startsWith("1")) {{\n  bar = String.valueOf(Integer.parseInt(param));\n}} else {{\n  bar = param;\n}}\n' + s("bar")),
        ("vulnerable", "HardLoopCarried", f'String param = {src};\nString previous = "start";\nString bar = "start";\nfor (int i = 0; i < 2; i++) {{\n  bar = previous;\n  previous = param;\n}}\n' + s("bar")),
        ("vulnerable", "HardStream", f'String param = {src};\nString bar = java.util.stream.Stream.of(param).map(String::trim).findFirst().orElse("");\n' + s("bar")),
        ("safe", "HardFieldOverwritten", f'this.name = {src};\nthis.name = "fixed";\n' + s("this.name")),
    ]

def py_hard(src, sink, category):
    s = lambda v: sink.replace("{v}", v)
    wrong = WRONG_SANITIZER["python"] if category != "xss" else XSS_WRONG["python"]
    return [
        ("vulnerable", "HardHelper", f'param = {src}\nbar = decorate(param)\n' + s("bar")),
        ("safe", "HardHelperConstant", f'param = {src}\nbar = ignore(param)\n' + s("bar")),
        ("vulnerable", "HardDictTaintedKey", f'param = {src}\nvalues = {{"a": "a-value", "b": param}}\nbar = values["b"]\n' + s("bar")),
        ("safe", "HardDictSafeKey", f'param = {src}\nvalues = {{"a": "a-value", "b": param}}\nbar = values["a"]\n' + s("bar")),
        ("vulnerable", "HardWrongSanitizer", f'param = {src}\nbar = {wrong.replace("{v}", "param")}\n' + s("bar")),
        ("vulnerable", "HardSanitizedOneBranch", f'param = {src}\nif param.startswith("1"):\n    bar = str(int(param))\nelse:\n    bar = param\n' + s("bar")),
        ("vulnerable", "HardLoopCarried", f'param = {src}\nprevious = "start"\nbar = "start"\nfor _ in range(2):\n    bar = previous\n    previous = param\n' + s("bar")),
        ("vulnerable", "HardComprehension", f'param = {src}\nbar = " ".join([p.strip() for p in param.split(",")])\n' + s("bar")),
    ]

def js_hard(src, sink, category):
    s = lambda v: sink.replace("{v}", v)
    wrong = WRONG_SANITIZER["javascript"] if category != "xss" else XSS_WRONG["javascript"]
    return [
        ("vulnerable", "HardHelper", f'const param = {src};\nconst bar = decorate(param);\n' + s("bar")),
        ("safe", "HardHelperConstant", f'const param = {src};\nconst bar = ignore(param);\n' + s("bar")),
        ("vulnerable", "HardObjectTaintedKey", f'const param = {src};\nconst values = {{ a: "a-value", b: param }};\nconst bar = values.b;\n' + s("bar")),
        ("safe", "HardObjectSafeKey", f'const param = {src};\nconst values = {{ a: "a-value", b: param }};\nconst bar = values.a;\n' + s("bar")),
        ("vulnerable", "HardWrongSanitizer", f'const param = {src};\nconst bar = {wrong.replace("{v}", "param")};\n' + s("bar")),
        ("vulnerable", "HardDestructured", f'const {{ name }} = req.query;\n' + s("name")),
        ("vulnerable", "HardLoopCarried", f'const param = {src};\nlet previous = "start";\nlet bar = "start";\nfor (let i = 0; i < 2; i++) {{\n  bar = previous;\n  previous = param;\n}}\n' + s("bar")),
        ("vulnerable", "HardMap", f'const param = {src};\nconst bar = [param].map((p) => p.trim()).join(",");\n' + s("bar")),
    ]

def go_hard(src, sink, category):
    s = lambda v: sink.replace("{v}", v)
    wrong = WRONG_SANITIZER["go"] if category != "xss" else XSS_WRONG["go"]
    return [
        ("vulnerable", "HardHelper", f'param := {src}\nbar := decorate(param)\n' + s("bar")),
        ("safe", "HardHelperConstant", f'param := {src}\nbar := ignore(param)\n' + s("bar")),
        ("vulnerable", "HardMapTaintedKey", f'param := {src}\nvalues := map[string]string{{"a": "a-value", "b": param}}\nbar := values["b"]\n' + s("bar")),
        ("safe", "HardMapSafeKey", f'param := {src}\nvalues := map[string]string{{"a": "a-value", "b": param}}\nbar := values["a"]\n' + s("bar")),
        ("vulnerable", "HardWrongSanitizer", f'param := {src}\nbar := {wrong.replace("{v}", "param")}\n' + s("bar")),
        ("vulnerable", "HardLoopCarried", f'param := {src}\nprevious := "start"\nbar := "start"\nfor i := 0; i < 2; i++ {{\n\tbar = previous\n\tprevious = param\n}}\n' + s("bar")),
        ("vulnerable", "HardBuilder", f'param := {src}\nvar sb strings.Builder\nsb.WriteString("x-")\nsb.WriteString(param)\nbar := sb.String()\n' + s("bar")),
    ]

HARD = {"java": java_hard, "python": py_hard, "javascript": js_hard, "go": go_hard}

VARIANTS = {"java": java_variants, "python": py_variants, "javascript": js_variants, "go": go_variants}

# Categories decided by the call's shape, not a flow: written by hand.
HAND = {
    "java": {
        "weak-hash": [
            ("vulnerable", "Md5", 'MessageDigest md = MessageDigest.getInstance("MD5");\nmd.digest(request.getParameter("password").getBytes());'),
            ("vulnerable", "Sha1Variable", 'String algorithm = "SHA1";\nMessageDigest md = MessageDigest.getInstance(algorithm);\nmd.digest(new byte[0]);'),
            ("vulnerable", "DigestUtils", 'String hash = org.apache.commons.codec.digest.DigestUtils.md5Hex(request.getParameter("password"));'),
            ("safe", "Sha256", 'MessageDigest md = MessageDigest.getInstance("SHA-256");\nmd.digest(new byte[0]);'),
            ("safe", "DeadBranch", 'String algorithm = "SHA-512";\nif (false) {\n  algorithm = "MD5";\n}\nMessageDigest.getInstance(algorithm);'),
            ("safe", "Overwritten", 'String algorithm = "MD5";\nalgorithm = "SHA-256";\nMessageDigest.getInstance(algorithm);'),
        ],
        "weak-cipher": [
            ("vulnerable", "Des", 'Cipher c = Cipher.getInstance("DES/CBC/PKCS5Padding");'),
            ("vulnerable", "Ecb", 'Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");'),
            ("vulnerable", "Rc4Variable", 'String t = "RC4";\nCipher c = Cipher.getInstance(t);'),
            ("safe", "Gcm", 'Cipher c = Cipher.getInstance("AES/GCM/NoPadding");'),
            ("safe", "ConstantChoice", 'String t = request.getParameter("x") == null ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305";\nCipher c = Cipher.getInstance(t);'),
        ],
        "random": [
            ("vulnerable", "Token", 'String token = Integer.toString(new Random().nextInt());\nresponse.getWriter().println("ok");'),
            ("vulnerable", "Cookie", 'double value = Math.random();\nCookie c = new Cookie("rememberMe", Double.toString(value));\nc.setSecure(true);\nc.setHttpOnly(true);\nresponse.addCookie(c);'),
            ("vulnerable", "SessionAttribute", 'Random r = new Random();\nlong v = r.nextLong();\nrequest.getSession().setAttribute("csrf", Long.toString(v));'),
            ("safe", "SecureRandom", 'SecureRandom r = new SecureRandom();\nString token = Long.toString(r.nextLong());'),
            ("safe", "Jitter", 'int delay = new Random().nextInt(100);\nThread.sleep(delay);'),
        ],
        "cookie": [
            ("vulnerable", "NoFlags", 'Cookie c = new Cookie("session", "v");\nresponse.addCookie(c);'),
            ("vulnerable", "OnlySecure", 'Cookie c = new Cookie("session", "v");\nc.setSecure(true);\nresponse.addCookie(c);'),
            ("vulnerable", "SecureFalse", 'Cookie c = new Cookie("session", "v");\nc.setSecure(false);\nc.setHttpOnly(true);\nresponse.addCookie(c);'),
            ("safe", "BothFlags", 'Cookie c = new Cookie("session", "v");\nc.setSecure(true);\nc.setHttpOnly(true);\nresponse.addCookie(c);'),
            ("safe", "BothFlagsLater", 'Cookie cookie = new Cookie("session", "v");\ncookie.setMaxAge(60);\ncookie.setHttpOnly(true);\ncookie.setSecure(true);\nresponse.addCookie(cookie);'),
        ],
    },
    "python": {
        "weak-hash": [
            ("vulnerable", "Md5", 'digest = hashlib.md5(request.form["password"].encode()).hexdigest()'),
            ("vulnerable", "NewSha1", 'name = "sha1"\ndigest = hashlib.new(name, b"x").hexdigest()'),
            ("safe", "Sha256", 'digest = hashlib.sha256(b"x").hexdigest()'),
            ("safe", "NotForSecurity", 'etag = hashlib.md5(b"body", usedforsecurity=False).hexdigest()'),
        ],
        "weak-cipher": [
            ("vulnerable", "Des", 'from Crypto.Cipher import DES\ncipher = DES.new(key, DES.MODE_CBC)'),
            ("vulnerable", "Ecb", 'from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_ECB)'),
            ("safe", "Gcm", 'from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_GCM)'),
        ],
        "random": [
            ("vulnerable", "Token", 'token = str(random.getrandbits(64))'),
            ("vulnerable", "ResetReturn", 'def reset_token():\n        return str(random.randint(100000, 999999))\n    reset_token()'),
            ("safe", "Secrets", 'token = secrets.token_hex(16)'),
            ("safe", "Jitter", 'delay = random.uniform(0, 1)'),
        ],
        "cookie": [
            ("vulnerable", "NoFlags", 'resp = make_response("ok")\nresp.set_cookie("session", "v")\nreturn resp'),
            ("vulnerable", "OnlySecure", 'resp = make_response("ok")\nresp.set_cookie("session", "v", secure=True)\nreturn resp'),
            ("safe", "BothFlags", 'resp = make_response("ok")\nresp.set_cookie("session", "v", secure=True, httponly=True)\nreturn resp'),
        ],
    },
    "javascript": {
        "weak-hash": [
            ("vulnerable", "Md5", 'const h = crypto.createHash("md5").update(req.body.password).digest("hex");'),
            ("vulnerable", "Sha1Variable", 'const alg = "sha1";\nconst h = crypto.createHash(alg).update("x").digest("hex");'),
            ("safe", "Sha256", 'const h = crypto.createHash("sha256").update("x").digest("hex");'),
        ],
        "weak-cipher": [
            ("vulnerable", "Des", 'const c = crypto.createCipheriv("des-cbc", key, iv);'),
            ("vulnerable", "Ecb", 'const c = crypto.createCipheriv("aes-128-ecb", key, null);'),
            ("safe", "Gcm", 'const c = crypto.createCipheriv("aes-256-gcm", key, iv);'),
        ],
        "random": [
            ("vulnerable", "Token", 'const token = Math.random().toString(36).slice(2);'),
            ("vulnerable", "Cookie", 'res.cookie("remember", String(Math.random()), { secure: true, httpOnly: true });'),
            ("safe", "Crypto", 'const token = crypto.randomBytes(16).toString("hex");'),
            ("safe", "Jitter", 'const delay = Math.random() * 100;'),
        ],
        "cookie": [
            ("vulnerable", "NoFlags", 'res.cookie("session", "v");'),
            ("vulnerable", "OnlySecure", 'res.cookie("session", "v", { secure: true });'),
            ("safe", "BothFlags", 'res.cookie("session", "v", { secure: true, httpOnly: true });'),
        ],
    },
    "go": {
        "weak-hash": [
            ("vulnerable", "Md5Sum", 'sum := md5.Sum([]byte(r.FormValue("password")))\n_ = sum'),
            ("vulnerable", "Sha1New", 'h := sha1.New()\n_ = h'),
            ("safe", "Sha256", 'sum := sha256.Sum256([]byte("x"))\n_ = sum'),
        ],
        "weak-cipher": [
            ("vulnerable", "Des", 'block, _ := des.NewCipher(key)\n_ = block'),
            ("vulnerable", "Rc4", 'c, _ := rc4.NewCipher(key)\n_ = c'),
            ("safe", "Aes", 'block, _ := aes.NewCipher(key)\n_ = block'),
        ],
        "random": [
            ("vulnerable", "Token", 'token := strconv.Itoa(rand.Int())\n_ = token'),
            ("safe", "Jitter", 'delay := rand.Intn(100)\n_ = delay'),
        ],
        "cookie": [
            ("vulnerable", "NoFlags", 'http.SetCookie(w, &http.Cookie{Name: "session", Value: "v"})'),
            ("vulnerable", "OnlySecure", 'c := &http.Cookie{Name: "session", Value: "v", Secure: true}\nhttp.SetCookie(w, c)'),
            ("safe", "BothFlags", 'http.SetCookie(w, &http.Cookie{Name: "session", Value: "v", Secure: true, HttpOnly: true})'),
            ("safe", "BothFlagsVariable", 'c := &http.Cookie{Name: "session", Value: "v"}\nc.Secure = true\nc.HttpOnly = true\nhttp.SetCookie(w, c)'),
        ],
    },
}

def camel(category):
    return "".join(p.capitalize() for p in category.split("-"))

def write(lang, category, verdict, variant, body):
    cfg = LANGS[lang]
    name = f"{camel(category)}{variant}{'Bad' if verdict == 'vulnerable' else 'Good'}"
    if lang == "python" or lang == "go":
        name = name[0].lower() + name[1:]
    indented = "\n".join((cfg["indent"] + l) if l else l for l in body.split("\n"))
    text = f"{cfg['comment']} oncell-bench: {verdict} {category}\n" + cfg["head"].format(name=name, body=indented)
    folder = os.path.join(OUT, lang, category)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"{camel(category)}{variant}{'Bad' if verdict == 'vulnerable' else 'Good'}.{cfg['ext']}"), "w") as f:
        f.write(text)

if os.path.isdir(OUT):
    shutil.rmtree(OUT)
for lang, cats in SINKS.items():
    for category, spec in cats.items():
        for verdict, variant, body in VARIANTS[lang](LANGS[lang]["src"], spec["sink"], spec["san"], spec.get("safeapi")):
            write(lang, category, verdict, variant, body)
for lang, cats in SINKS.items():
    for category in HARD_CATEGORIES:
        spec = cats[category]
        for verdict, variant, body in HARD[lang](LANGS[lang]["src"], spec["sink"], category):
            write(lang, category, verdict, variant, body)
for lang, cats in HAND.items():
    for category, cases in cats.items():
        for verdict, variant, body in cases:
            write(lang, category, verdict, variant, body)

# oncell-bench: safe ldap
import ldap
from ldap.filter import escape_filter_chars
from flask import Flask, request

app = Flask(__name__)
conn = ldap.initialize("ldap://ldap.example.com")


@app.post("/login")
def login():
    user = escape_filter_chars(request.form["user"])
    results = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={user})")
    return {"found": len(results)}

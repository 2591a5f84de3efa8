# oncell-bench: safe ldap
import base64, hashlib, os, pickle, random, secrets, shlex, subprocess
from flask import Flask, request, session, make_response
from markupsafe import escape

app = Flask(__name__)
ALLOWED = {"alice", "bob"}


def decorate(s):
    return "[" + s + "]"


def ignore(s):
    return "constant"


@app.route("/case", methods=["POST"])
def ldapOverwrittenGood():
    bar = request.args.get("name")
    bar = "fixed"
    conn.search("dc=example,dc=com", "(uid=" + bar + ")")
    return "ok"

# oncell-bench: vulnerable sql
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
def sqlFormatBad():
    param = request.args.get("name")
    bar = "{}-{}".format("id", param)
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % bar)
    return "ok"

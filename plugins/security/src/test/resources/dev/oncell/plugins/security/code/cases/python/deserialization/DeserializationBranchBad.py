# oncell-bench: vulnerable deserialization
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
def deserializationBranchBad():
    param = request.args.get("name")
    bar = "none"
    if len(param) > 3:
        bar = param
    pickle.loads(base64.b64decode(bar))
    return "ok"

# oncell-bench: vulnerable path
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
def pathHardSanitizedOneBranchBad():
    param = request.args.get("name")
    if param.startswith("1"):
        bar = str(int(param))
    else:
        bar = param
    open(os.path.join("/var/data", bar)).close()
    return "ok"

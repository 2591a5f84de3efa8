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
def pathHardLoopCarriedBad():
    param = request.args.get("name")
    previous = "start"
    bar = "start"
    for _ in range(2):
        bar = previous
        previous = param
    open(os.path.join("/var/data", bar)).close()
    return "ok"

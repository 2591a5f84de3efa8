# oncell-bench: safe xss
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
def xssConstantChoiceGood():
    param = request.args.get("name")
    bar = "guest" if not param else "member"
    return make_response("<p>Hello " + bar + "</p>")
    return "ok"

# oncell-bench: vulnerable weak-cipher
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
def weakCipherDesBad():
    from Crypto.Cipher import DES
    cipher = DES.new(key, DES.MODE_CBC)
    return "ok"

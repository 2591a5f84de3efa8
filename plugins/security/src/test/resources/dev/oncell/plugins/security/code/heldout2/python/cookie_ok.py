# oncell-bench: safe cookie
from flask import Flask, make_response

app = Flask(__name__)


@app.get("/")
def index():
    resp = make_response("hello")
    resp.set_cookie("sid", "abc", secure=True, httponly=True, samesite="Lax")
    return resp

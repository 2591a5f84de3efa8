# oncell-bench: vulnerable xss
from flask import Flask, request

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    return "<p>Hello, " + name + "!</p>"

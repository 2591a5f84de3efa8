# oncell-bench: vulnerable trust-boundary
from flask import Flask, request, session

app = Flask(__name__)


@app.post("/prefs")
def prefs():
    theme = request.form.get("theme")
    session["theme"] = theme
    return "ok"

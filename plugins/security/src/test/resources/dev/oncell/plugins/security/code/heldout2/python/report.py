# oncell-bench: safe sql
import sqlite3
from flask import Flask, request

app = Flask(__name__)
ORDER = {"new": "created_at DESC", "old": "created_at ASC"}


@app.get("/posts")
def posts():
    order = ORDER.get(request.args.get("order"), "created_at DESC")
    db = sqlite3.connect("app.db")
    return {"rows": db.execute("SELECT * FROM posts ORDER BY " + order).fetchall()}

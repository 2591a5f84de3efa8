# oncell-bench: vulnerable sql
import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.get("/posts")
def posts():
    author = request.args.get("author")
    db = sqlite3.connect("app.db")
    query = "SELECT * FROM posts WHERE author = '{}'".format(author)
    return {"rows": db.execute(query).fetchall()}

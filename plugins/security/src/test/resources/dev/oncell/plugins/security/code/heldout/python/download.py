# oncell-bench: vulnerable path
import os
from flask import Flask, request, send_file

app = Flask(__name__)
BASE = "/srv/files"


@app.get("/download")
def download():
    name = request.args["name"]
    return send_file(os.path.join(BASE, name))

# oncell-bench: safe path
import os
from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.post("/upload")
def upload():
    f = request.files["file"]
    name = secure_filename(f.filename)
    f.save(os.path.join("/srv/uploads", name))
    with open(os.path.join("/srv/uploads", name), "rb") as saved:
        return {"size": len(saved.read())}

# oncell-bench: safe command
import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.post("/backup")
def backup():
    target = request.json["target"]
    subprocess.check_output(["tar", "czf", "/backups/" + target + ".tgz", "/srv/data"])
    return {"ok": True}

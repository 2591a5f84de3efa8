# oncell-bench: vulnerable command
import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.post("/backup")
def backup():
    target = request.json["target"]
    cmd = "tar czf /backups/%s.tgz /srv/data" % target
    subprocess.check_output(cmd, shell=True)
    return {"ok": True}

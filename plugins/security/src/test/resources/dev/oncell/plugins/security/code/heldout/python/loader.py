# oncell-bench: vulnerable deserialization
import yaml
from flask import Flask, request

app = Flask(__name__)


@app.post("/config")
def config():
    settings = yaml.load(request.get_data(), Loader=yaml.Loader)
    return {"keys": list(settings)}

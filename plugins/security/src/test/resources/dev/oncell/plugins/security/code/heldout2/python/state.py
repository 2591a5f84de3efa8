# oncell-bench: safe deserialization
import json
import pickle
from flask import Flask, request

app = Flask(__name__)


@app.post("/state")
def state():
    data = json.loads(request.data)
    with open("/var/cache/app/state.pkl", "rb") as f:
        cached = pickle.load(f)
    return {"keys": list(data) + list(cached)}

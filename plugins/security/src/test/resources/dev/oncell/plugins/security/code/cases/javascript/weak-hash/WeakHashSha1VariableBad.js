// oncell-bench: vulnerable weak-hash
const express = require('express');
const child_process = require('child_process');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const xpath = require('xpath');
const serialize = require('node-serialize');
const escapeHtml = require('escape-html');
const app = express();
const ALLOWED = new Set(['alice', 'bob']);
const decorate = (s) => '[' + s + ']';
const ignore = (s) => 'constant';

app.post('/case', (req, res) => {
  const alg = "sha1";
  const h = crypto.createHash(alg).update("x").digest("hex");
  res.end();
});

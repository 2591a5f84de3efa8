// oncell-bench: vulnerable trust-boundary
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
  const param = req.query.name;
  const parts = ["x"];
  parts.push(param);
  const bar = parts.join("-");
  req.session.user = bar;
  res.end();
});

// oncell-bench: vulnerable xss
const express = require('express');
const app = express();

app.get('/profile', (req, res) => {
  const bio = req.query.bio || '';
  const html = '<div class="bio">' + bio + '</div>';
  res.status(200).send(html);
});

// oncell-bench: safe command
const { execFile } = require('child_process');

module.exports = function convert(req, res) {
  const file = req.body.file;
  execFile('convert', [`/uploads/${file}`, `/thumbs/${file}.png`], (err) => {
    res.status(err ? 500 : 200).end();
  });
};

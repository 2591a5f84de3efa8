// oncell-bench: safe command
const { spawn } = require('child_process');

module.exports = (req, res) => {
  const branch = req.query.branch;
  const git = spawn('git', ['log', '--oneline', branch]);
  git.stdout.pipe(res);
};

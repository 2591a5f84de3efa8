// oncell-bench: vulnerable weak-hash
const crypto = require('crypto');

function hashPassword(password, salt) {
  return crypto.createHash('sha1').update(salt + password).digest('hex');
}

module.exports = { hashPassword };

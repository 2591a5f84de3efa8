// oncell-bench: vulnerable weak-cipher
const crypto = require('crypto');

function encrypt(text, key) {
  const cipher = crypto.createCipheriv('bf-cbc', key, Buffer.alloc(8));
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

// oncell-bench: vulnerable ldap
const ldap = require('ldapjs');
const client = ldap.createClient({ url: 'ldap://ldap.example.com' });

exports.lookup = (req, res) => {
  const opts = { filter: `(mail=${req.query.mail})`, scope: 'sub' };
  client.search('dc=example,dc=com', opts, (err, result) => {
    res.json({ ok: !err });
  });
};

// oncell-bench: safe trust-boundary
app.post('/login', async (req, res) => {
  const user = await users.authenticate(req.body.user, req.body.password);
  if (!user) {
    return res.status(401).end();
  }
  req.session.userId = user.id;
  res.redirect('/');
});

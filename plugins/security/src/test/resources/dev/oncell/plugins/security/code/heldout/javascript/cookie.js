// oncell-bench: vulnerable cookie
app.post('/login', (req, res) => {
  const sid = createSession(req.body.user);
  res.cookie('sid', sid, { httpOnly: true, maxAge: 3600000 });
  res.redirect('/');
});

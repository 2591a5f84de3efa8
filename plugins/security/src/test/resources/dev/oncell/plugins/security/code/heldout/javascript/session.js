// oncell-bench: vulnerable trust-boundary
app.post('/cart', (req, res) => {
  req.session.discount = req.body.discount;
  res.redirect('/cart');
});

// oncell-bench: vulnerable sql
const express = require('express');
const { pool } = require('./db');
const router = express.Router();

router.get('/orders/:id', async (req, res) => {
  const { rows } = await pool.query(`SELECT * FROM orders WHERE id = ${req.params.id}`);
  res.json(rows);
});

module.exports = router;
